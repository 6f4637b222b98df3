import {
  checkCodecInput,
  checkCompressionArgKeys,
  codecRules,
  resolvePredictor,
  validateCompressionArgs,
} from '@tiffkit/tiff-codecs';
import { Compression, CompressionAliases, type DType, invalidOption, parseEnum } from '@tiffkit/tiff-core';
import type { WriteOptions } from '../options.js';

/** `compression` spellings that mean "none" (tifffile accepts all of these). */
const NONE = new Set<unknown>([undefined, null, false, 0, 1]);

export function isUncompressed(value: unknown): boolean {
  return NONE.has(value) || (typeof value === 'string' && value.toLowerCase() === 'none');
}

/**
 * The Compression code asked for — `true`, `'zlib'` and `'adobe_deflate'` are 8, `'deflate'` is 32946,
 * `'zstd'`, `'lzma'`, `'webp'`, `'png'` the codecs tiff-codecs loads on demand — refused when tiffkit
 * has no encoder for it. Nothing is loaded here: the writer loads the codec before encoding.
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
  const code = parseEnum(Compression, value, 'compression', CompressionAliases);
  codecRules(code); // UNSUPPORTED, naming what can be written, when there is no encoder
  return code;
}

/**
 * Check `compressionArgs` for the codec before anything is written: a key it does not read (`levle`) or
 * a bad value is INVALID_OPTION naming `compressionArgs.<key>`. JPEG's values are checked by its plan,
 * which knows the samples. Without compression they are ignored, as tifffile ignores them.
 */
export function parseCompressionArgs(code: number, args: unknown): Readonly<Record<string, unknown>> {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args))
    throw invalidOption('compressionArgs', args, 'an object such as { level: 6 }');
  const record = args as Record<string, unknown>;
  if (code === Compression.NONE) return record;
  if (code === Compression.JPEG) checkCompressionArgKeys(code, record);
  else validateCompressionArgs(code, record);
  return record;
}

/** The Predictor code: tifffile's rules (`true` picks one by dtype; none without compression). */
export function parsePredictor(value: WriteOptions['predictor'], dtype: DType, compression: number): number {
  return resolvePredictor(value, dtype, compression);
}

/**
 * The codec can take the data: bilevel only with LZW, PackBits, deflate, LZMA and Zstandard; the image
 * codecs' dtypes, samples and segment sizes (WebP: uint8 RGB(A); PNG: uint8/uint16, 1–4 samples).
 */
export function checkCodecData(code: number, dtype: DType, samples: number, width: number, rows: number): void {
  if (code === Compression.NONE) return;
  checkCodecInput(code, { dtype, samples, width, rows });
}
