import { nativeByteOrder, parseDType, TiffError } from '@tiffkit/tiff-core';
import { CliError, ExitCode } from '../errors.js';
import type { ArraySource } from '../source.js';
import { ContiguousSource } from './file-source.js';
import { fortranToC } from './fortran.js';

/** How to read a headerless binary file. */
export interface RawSpec {
  readonly shape: readonly number[];
  /** A dtype name or NumPy code; a code's byte order (`>u2`) is the file's. */
  readonly dtype: string;
  readonly offset: number;
  readonly order: 'C' | 'F';
}

/** Raw binary values at `offset`, in C (or Fortran) order, read band by band. */
export async function openRaw(
  path: string,
  spec: RawSpec,
  memoryBudget: number,
  tempDir: string,
): Promise<ArraySource> {
  let parsed: ReturnType<typeof parseDType>;
  try {
    parsed = parseDType(spec.dtype, '--dtype');
  } catch (error) {
    // The writer's message names the option and the accepted values.
    throw new CliError(error instanceof TiffError ? error.message : String(error), ExitCode.USAGE);
  }
  const { dtype } = parsed;
  const byteOrder = parsed.byteOrder ?? nativeByteOrder;
  const store =
    spec.order === 'F' && spec.shape.filter((n) => n > 1).length > 1
      ? await fortranToC(path, spec.shape, dtype.itemSize, spec.offset, memoryBudget, tempDir)
      : { kind: 'file' as const, path, offset: spec.offset };
  return ContiguousSource.open(path, spec.shape, dtype, byteOrder, store);
}
