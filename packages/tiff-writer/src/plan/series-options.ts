import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Compression } from '@tiffkit/tiff-core/enums.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { WriteOptions } from '../options.js';

/** Option checks of a series that need no layout: small rules with tifffile's messages. */

export function positiveInteger(value: unknown, option: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw invalidOption(option, value, 'a positive integer');
  return value as number;
}

export function parseSubIfds(value: WriteOptions['subIfds']): { count: number; chain: boolean } | undefined {
  if (value === undefined || value === null || value === 0) return undefined;
  const n = Array.isArray(value) ? value.length : value;
  if (!Number.isInteger(n) || n === 0 || Math.abs(n as number) > 0xffff) {
    throw invalidOption('subIfds', value, 'the number of SubIFD levels (negative for a chain), or an array of levels');
  }
  return (n as number) > 0 ? { count: n as number, chain: false } : { count: -(n as number), chain: true };
}

/**
 * Codecs that store fewer bits per sample themselves (tifffile §7.5: J2K, JXL): the samples are not
 * bit-packed, the codec gets the depth, and any integer dtype may declare one.
 */
export const CODEC_BIT_DEPTH: ReadonlySet<number> = new Set([
  Compression.JPEG2000,
  Compression.JPEGXL,
  Compression.JPEGXL_DNG,
]);

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

/** `truncate` (§5.7) stores uncompressed, unpacked strips only (the format decides whether it may truncate). */
export function checkTruncate(options: WriteOptions, compression: number, packed: boolean): void {
  if (compression !== Compression.NONE || packed || (options.tile !== undefined && options.tile !== null)) {
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      'truncate cannot be used with compression, bit-packed samples or tiles',
      { option: 'truncate' },
    );
  }
}

/** The `metadata` option: a plain object (a format's metadata), `null` (none), or absent (`{}`). */
export function parseMetadata(metadata: unknown): Readonly<Record<string, unknown>> | null {
  if (metadata === undefined) return {};
  if (metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    throw invalidOption('metadata', metadata, 'a plain object, or null for no metadata');
  }
  return metadata as Readonly<Record<string, unknown>> | null;
}
