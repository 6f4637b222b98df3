import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type DType, nativeByteOrder, type TypedArray } from '@tiffkit/tiff-core';
import { type DownsampleMethod, halveRows } from './downsample.js';
import { ContiguousSource } from './inputs/file-source.js';
import type { ArraySource } from './source.js';
import { track, untrack } from './temp-files.js';

/** One level being built: its size, the temporary file its rows go to, and an odd row waiting for a pair. */
interface LevelFile {
  readonly path: string;
  readonly handle: FileHandle;
  readonly width: number;
  readonly length: number;
  position: number;
  pending: TypedArray | undefined;
}

/**
 * Pyramid levels computed while the full resolution streams past, band by band: each band is halved
 * into level 1, whose rows are halved into level 2, and so on; every level's rows go to a temporary
 * file (a third of the input's size in all), from which it is written after the full resolution. One
 * pass over the input, and memory holds only the current band and one pending row per level.
 */
export class PyramidBuilder {
  private readonly levels: LevelFile[] = [];

  private constructor(
    private readonly dtype: DType,
    /** Carrier values per pixel (samples × 2 for complex). */
    private readonly values: number,
    private readonly method: DownsampleMethod,
    private readonly fullWidth: number,
  ) {}

  static async create(
    dtype: DType,
    length: number,
    width: number,
    samples: number,
    count: number,
    method: DownsampleMethod,
    dir: string,
  ): Promise<PyramidBuilder> {
    const builder = new PyramidBuilder(dtype, samples * dtype.carriersPerElement, method, width);
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
    let l = length;
    let w = width;
    try {
      for (let k = 1; k <= count; k++) {
        l = Math.ceil(l / 2);
        w = Math.ceil(w / 2);
        const path = track(join(dir, `.tiffkit-level${k}-${tag}.raw`));
        builder.levels.push({
          path,
          handle: await open(path, 'w+'),
          width: w,
          length: l,
          position: 0,
          pending: undefined,
        });
      }
    } catch (error) {
      await builder.discard();
      throw error;
    }
    return builder;
  }

  /** `rows` rows of the full resolution (the next ones of the current plane). */
  push(band: TypedArray, rows: number): Promise<void> {
    return this.feed(0, band, rows);
  }

  /** The current plane (page) is complete: flush the odd last rows of every level. */
  async endPlane(): Promise<void> {
    for (let k = 0; k < this.levels.length; k++) {
      const level = this.levels[k] as LevelFile;
      const pending = level.pending;
      if (!pending) continue;
      level.pending = undefined;
      await this.emit(k, halveRows(pending, 1, this.inputWidth(k), this.values, this.dtype, this.method), 1);
    }
  }

  /** The levels as array sources of `shape`'s leading dimensions and their own page size. */
  async sources(name: string, shape: readonly number[], pageDims: number): Promise<ArraySource[]> {
    const sources: ArraySource[] = [];
    for (const [k, level] of this.levels.entries()) {
      await level.handle.close();
      const levelShape = [...shape];
      levelShape[shape.length - pageDims] = level.length;
      levelShape[shape.length - pageDims + 1] = level.width;
      const store = { kind: 'file' as const, path: level.path, offset: 0, removeOnClose: true };
      sources.push(
        await ContiguousSource.open(`${name} level ${k + 1}`, levelShape, this.dtype, nativeByteOrder, store),
      );
    }
    return sources;
  }

  /** Remove the temporary files (after a failure or an interruption). */
  async discard(): Promise<void> {
    for (const level of this.levels) {
      await level.handle.close().catch(() => undefined);
      await rm(level.path, { force: true });
      untrack(level.path);
    }
  }

  /** Width of the rows level `k + 1` is computed from. */
  private inputWidth(k: number): number {
    return k === 0 ? this.fullWidth : (this.levels[k - 1] as LevelFile).width;
  }

  private async feed(k: number, band: TypedArray, rows: number): Promise<void> {
    const level = this.levels[k];
    if (!level || rows === 0) return;
    const rowValues = this.inputWidth(k) * this.values;
    let input = band.subarray(0, rows * rowValues) as TypedArray;
    let count = rows;
    if (level.pending) {
      // An odd row left from the previous band pairs with this band's first row.
      const joined = new this.dtype.carrier((rows + 1) * rowValues) as TypedArray;
      (joined as unknown as { set(a: ArrayLike<unknown>, o?: number): void }).set(level.pending as never, 0);
      (joined as unknown as { set(a: ArrayLike<unknown>, o?: number): void }).set(input as never, rowValues);
      input = joined;
      count += 1;
      level.pending = undefined;
    }
    const even = count - (count % 2);
    if (count % 2 === 1) level.pending = input.slice((count - 1) * rowValues, count * rowValues) as TypedArray;
    if (even === 0) return;
    const halved = halveRows(input, even, this.inputWidth(k), this.values, this.dtype, this.method);
    await this.emit(k, halved, even / 2);
  }

  private async emit(k: number, rows: TypedArray, count: number): Promise<void> {
    const level = this.levels[k] as LevelFile;
    const bytes = new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength);
    await level.handle.write(bytes, 0, bytes.length, level.position);
    level.position += bytes.length;
    await this.feed(k + 1, rows, count);
  }
}
