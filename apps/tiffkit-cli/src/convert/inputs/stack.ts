import type { TypedArray } from '@tiffkit/tiff-core';
import { CliError } from '../errors.js';
import { type ArraySource, pageGeometry, type SourceHints } from '../source.js';

/**
 * Several inputs of one shape and dtype as one array with a new leading axis (`--stack T`): frame f
 * of the stack is frame `f mod n` of input `f div n`, so inputs are read one after another.
 */
export class StackSource implements ArraySource {
  readonly name: string;
  readonly shape: readonly number[];
  readonly hints: SourceHints;
  /** The letter of the new axis. */
  readonly stackAxis: string;

  constructor(
    private readonly inputs: readonly ArraySource[],
    axis: string,
  ) {
    const first = inputs[0] as ArraySource;
    for (const other of inputs.slice(1)) {
      const same = other.shape.length === first.shape.length && other.shape.every((n, i) => n === first.shape[i]);
      if (!same || other.dtype !== first.dtype) {
        throw new CliError(
          `${other.name}: shape [${other.shape.join(', ')}] ${other.dtype.name} differs from ${first.name}'s [${first.shape.join(', ')}] ${first.dtype.name}; --stack needs inputs of one shape and dtype`,
        );
      }
    }
    this.name = `${first.name} (+${inputs.length - 1} more)`;
    this.shape = [inputs.length, ...first.shape];
    this.hints = { ...first.hints };
    // Without the inputs' own axes, the command picks default ones for the new axis to lead.
    if (first.hints.axes !== undefined) this.hints.axes = axis + first.hints.axes;
    this.stackAxis = axis;
  }

  get dtype() {
    return (this.inputs[0] as ArraySource).dtype;
  }

  get byteOrder() {
    return (this.inputs[0] as ArraySource).byteOrder;
  }

  readBand(frame: number, y0: number, y1: number, pageDims: number): Promise<TypedArray> {
    const first = this.inputs[0] as ArraySource;
    const perInput = pageGeometry(first.shape, pageDims).frames;
    const input = this.inputs[Math.floor(frame / perInput)] as ArraySource;
    return input.readBand(frame % perInput, y0, y1, pageDims);
  }

  async close(): Promise<void> {
    for (const input of this.inputs) await input.close();
  }
}
