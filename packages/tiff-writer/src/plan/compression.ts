import { deflateLevel, getCodec, resolvePredictor } from '@tiffkit/tiff-codecs';
import { Compression, type DType, describeValue, invalidOption, parseEnum, TiffError } from '@tiffkit/tiff-core';
import type { WriteOptions } from '../options.js';

/** `compression` spellings that mean "none" (tifffile accepts all of these). */
const NONE = new Set<unknown>([undefined, null, false, 0, 1]);

export function isUncompressed(value: unknown): boolean {
  return NONE.has(value) || (typeof value === 'string' && value.toLowerCase() === 'none');
}

/** Codecs that can compress bilevel (bool) data, as tifffile allows. */
const BILEVEL_COMPRESSIONS = new Set<number>([
  Compression.LZW,
  Compression.PACKBITS,
  Compression.ADOBE_DEFLATE,
  Compression.DEFLATE,
  Compression.PIXTIFF,
]);

/**
 * The Compression code asked for — `true`, `'zlib'` and `'adobe_deflate'` are 8, `'deflate'` is 32946 —
 * refused when tiffkit has no encoder for it.
 */
export function parseCompression(value: WriteOptions['compression']): number {
  if (isUncompressed(value)) return Compression.NONE;
  if (value === true) return Compression.ADOBE_DEFLATE;
  if (Array.isArray(value)) {
    throw invalidOption(
      'compression',
      value,
      'a code or name; pass the level as compressionArgs: { level } (tifffile removed tuples too)',
    );
  }
  const code = parseEnum(Compression, value, 'compression', { zlib: Compression.ADOBE_DEFLATE });
  getCodec(code); // UNSUPPORTED, naming what can be written, when there is no encoder
  return code;
}

/** Check `compressionArgs` for the codec before anything is written. */
export function parseCompressionArgs(code: number, args: unknown): Readonly<Record<string, unknown>> {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args))
    throw invalidOption('compressionArgs', args, 'an object such as { level: 6 }');
  const record = args as Record<string, unknown>;
  if (code === Compression.ADOBE_DEFLATE || code === Compression.DEFLATE || code === Compression.PIXTIFF)
    deflateLevel(record['level']);
  return record;
}

/** The Predictor code: tifffile's rules (`true` picks one by dtype; none without compression). */
export function parsePredictor(value: WriteOptions['predictor'], dtype: DType, compression: number): number {
  return resolvePredictor(value, dtype, compression);
}

/** Bilevel data compresses only with LZW, PackBits and deflate. */
export function checkBilevelCompression(dtype: DType, compression: number): void {
  if (dtype.kind === 'bool' && compression !== Compression.NONE && !BILEVEL_COMPRESSIONS.has(compression)) {
    throw new TiffError(
      'UNSUPPORTED',
      `bilevel (bool) data cannot be compressed with compression ${describeValue(compression)}: use LZW, PackBits or deflate`,
      {
        option: 'compression',
      },
    );
  }
}
