import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Compression } from '@tiffkit/tiff-core/enums.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';

/** BitsPerSample rules (§7.5): packed integers for uint dtypes below their width, nothing else. */
export function planBitsPerSample(value: unknown, dtype: DType, compression: number): number {
  if (value === undefined || value === null) return dtype.bitsPerSample;
  if (dtype.kind === 'bool') {
    if (value !== 1) throw invalidOption('bitsPerSample', value, '1 (or nothing) for bilevel (bool) data');
    return 1;
  }
  const full = dtype.itemSize * 8;
  if (!Number.isInteger(value)) throw invalidOption('bitsPerSample', value, `an integer up to ${full}`);
  const bits = value as number;
  if (bits === full) return bits;
  if (dtype.kind !== 'uint' || dtype.itemSize === 8) {
    throw invalidOption('bitsPerSample', value, `${full} for ${dtype.name} data (only uint8/16/32 can be bit-packed)`);
  }
  const lower = { 1: 0, 2: 8, 4: 16 }[dtype.itemSize as 1 | 2 | 4];
  if (bits <= lower || bits > full) {
    throw invalidOption('bitsPerSample', value, `${lower + 1}..${full} for ${dtype.name} data`);
  }
  if (compression !== Compression.NONE) {
    throw new TiffError('INCOMPATIBLE_OPTIONS', `bitsPerSample=${bits} cannot be used with compression`, {
      option: 'bitsPerSample',
    });
  }
  return bits;
}
