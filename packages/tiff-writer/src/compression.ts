import { Compression, describeValue, Predictor, parseEnum, TiffError } from '@tiffkit/tiff-core';
import type { WriteOptions } from './options.js';

/** `compression` spellings that mean "none" (tifffile accepts all of these). */
const NONE = new Set<unknown>([undefined, null, false, 0, 1, 'none', 'NONE', 'None']);

export function isUncompressed(value: unknown): boolean {
  return NONE.has(value) || (typeof value === 'string' && value.toLowerCase() === 'none');
}

/** The Compression code asked for: `true`, `'zlib'` and `'adobe_deflate'` are 8, `'deflate'` is 32946. */
export function parseCompression(value: WriteOptions['compression']): number {
  if (isUncompressed(value)) return Compression.NONE;
  if (value === true) return Compression.ADOBE_DEFLATE;
  const code = parseEnum(Compression, value, 'compression', { zlib: Compression.ADOBE_DEFLATE });
  throw new TiffError(
    'UNSUPPORTED',
    `compression=${describeValue(value)} (code ${code}) is not supported yet by this version of tiffkit`,
    {
      option: 'compression',
    },
  );
}

/** The Predictor code asked for (1 when none); only meaningful with compression. */
export function parsePredictor(value: WriteOptions['predictor'], compression: number): number {
  if (
    value === undefined ||
    value === null ||
    value === false ||
    value === 1 ||
    (typeof value === 'string' && value.toLowerCase() === 'none')
  ) {
    return Predictor.NONE;
  }
  if (value !== true) parseEnum(Predictor, value, 'predictor');
  if (compression === Compression.NONE) {
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      `predictor=${describeValue(value)} cannot be used without compression`,
      {
        option: 'predictor',
      },
    );
  }
  throw new TiffError(
    'UNSUPPORTED',
    `predictor=${describeValue(value)} is not supported yet by this version of tiffkit`,
    {
      option: 'predictor',
    },
  );
}
