import { open } from 'node:fs/promises';
import { nativeByteOrder, parseDType } from '@tiffkit/tiff-core';
import { CliError } from '../errors.js';
import type { ArraySource } from '../source.js';
import { ContiguousSource } from './file-source.js';
import { fortranToC } from './fortran.js';

/** The header of a `.npy` file: dtype code, memory order, shape, and where the data starts. */
export interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: number[];
  readonly dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Parse the NPY format header (versions 1.0, 2.0 and 3.0) from the first bytes of a file. */
export function parseNpyHeader(head: Uint8Array, path: string): NpyHeader {
  if (head.length < 10 || MAGIC.some((b, i) => head[i] !== b)) {
    throw new CliError(`${path}: not a NumPy .npy file (no \\x93NUMPY magic)`);
  }
  const major = head[6] as number;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  // Version 1 has a 2-byte header length; 2 and 3 have 4 bytes (3 only changes the text to UTF-8).
  const prefix = major === 1 ? 10 : 12;
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (major < 1 || major > 3) throw new CliError(`${path}: .npy format version ${major} is not supported`);
  if (head.length < prefix + length) throw new CliError(`${path}: the .npy header is truncated`);
  const text = new TextDecoder().decode(head.subarray(prefix, prefix + length));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new CliError(
      `${path}: cannot read the .npy header ${JSON.stringify(text.trim())} (structured dtypes are not supported)`,
    );
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset: prefix + length };
}

/**
 * A `.npy` file as an array source: C-order data is read in place, band by band; Fortran-order data is
 * first transposed into a C-order copy (in memory when it fits the budget, else in a temporary file).
 */
export async function openNpy(path: string, memoryBudget: number, tempDir: string): Promise<ArraySource> {
  const handle = await open(path, 'r');
  let header: NpyHeader;
  try {
    const head = new Uint8Array(65536 + 12);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    header = parseNpyHeader(head.subarray(0, bytesRead), path);
  } finally {
    await handle.close();
  }
  let parsed: ReturnType<typeof parseDType>;
  try {
    parsed = parseDType(header.descr);
  } catch {
    throw new CliError(`${path}: dtype '${header.descr}' cannot be written to TIFF (structured, string or object?)`);
  }
  const { dtype } = parsed;
  const byteOrder = parsed.byteOrder ?? nativeByteOrder;
  const store = { kind: 'file' as const, path, offset: header.dataOffset };
  if (!header.fortranOrder || header.shape.filter((n) => n > 1).length <= 1) {
    return ContiguousSource.open(path, header.shape, dtype, byteOrder, store);
  }
  const copy = await fortranToC(path, header.shape, dtype.itemSize, store.offset, memoryBudget, tempDir);
  return ContiguousSource.open(path, header.shape, dtype, byteOrder, copy);
}
