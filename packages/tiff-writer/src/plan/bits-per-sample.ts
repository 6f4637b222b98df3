import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Compression } from '@tiffkit/tiff-core/enums.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { CODEC_BIT_DEPTH } from './series-options.js';

/** BitsPerSample rules (§7.5): packed integers for uint dtypes below their width, a codec's own depth. */
export function planBitsPerSample(value: unknown, dtype: DType, compression: number, option = 'bitsPerSample'): number {
  if (value === undefined || value === null) return dtype.bitsPerSample;
  if (dtype.kind === 'bool') {
    if (value !== 1) throw invalidOption(option, value, '1 (or nothing) for bilevel (bool) data');
    return 1;
  }
  const full = dtype.itemSize * 8;
  if (!Number.isInteger(value)) throw invalidOption(option, value, `an integer up to ${full}`);
  const bits = value as number;
  if (bits === full) return bits;
  const integer = (dtype.kind === 'int' || dtype.kind === 'uint') && dtype.itemSize !== 8;
  const codecDepth = CODEC_BIT_DEPTH.has(compression) && integer;
  if (!codecDepth && (dtype.kind !== 'uint' || dtype.itemSize === 8)) {
    throw invalidOption(option, value, `${full} for ${dtype.name} data (only uint8/16/32 can be bit-packed)`);
  }
  const lower = { 1: 0, 2: 8, 4: 16 }[dtype.itemSize as 1 | 2 | 4];
  if (bits <= lower || bits > full) {
    throw invalidOption(option, value, `${lower + 1}..${full} for ${dtype.name} data`);
  }
  if (compression !== Compression.NONE && !codecDepth) {
    throw new TiffError('INCOMPATIBLE_OPTIONS', `bitsPerSample=${bits} cannot be used with compression`, {
      option: 'bitsPerSample',
    });
  }
  return bits;
}
