import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { CodecInput, CompressionArgs } from '../codec.js';

/** libwebp's largest width or height. */
export const WEBP_MAX_DIMENSION = 16383;
/** libwebp's default quality, used when `compressionArgs.level` is absent. */
export const DEFAULT_WEBP_QUALITY = 75;
/** libwebp's default effort ("method"). */
export const DEFAULT_WEBP_METHOD = 4;

/** The encoder settings `compressionArgs` asks for. */
export interface WebpSettings {
  /** 0–100: lossy quality, or for lossless the effort spent on smaller output. */
  readonly quality: number;
  readonly lossless: boolean;
  /** 0 (fast) – 6 (slowest, smallest). */
  readonly method: number;
}

/**
 * WebP settings from `compressionArgs`: `level` is the quality 0–100 (default 75), `lossless` a
 * boolean (default false: lossy, as libwebp), `method` an integer 0–6 (default 4).
 */
export function webpSettings(args: CompressionArgs): WebpSettings {
  const { level, lossless, method } = args as { level?: unknown; lossless?: unknown; method?: unknown };
  if (level !== undefined && level !== null && (typeof level !== 'number' || !(level >= 0 && level <= 100))) {
    throw invalidOption('compressionArgs.level', level, 'a WebP quality, a number from 0 to 100 (default 75)');
  }
  if (lossless !== undefined && lossless !== null && typeof lossless !== 'boolean') {
    throw invalidOption('compressionArgs.lossless', lossless, 'true (lossless WebP) or false (lossy, the default)');
  }
  if (
    method !== undefined &&
    method !== null &&
    (typeof method !== 'number' || !Number.isInteger(method) || method < 0 || method > 6)
  ) {
    throw invalidOption('compressionArgs.method', method, 'an integer from 0 (fastest) to 6 (smallest), default 4');
  }
  return {
    quality: (level as number | undefined | null) ?? DEFAULT_WEBP_QUALITY,
    lossless: lossless === true,
    method: (method as number | undefined | null) ?? DEFAULT_WEBP_METHOD,
  };
}

/**
 * WebP stores 8-bit RGB or RGBA only (tifffile: "uint8 RGB(A) only"), contiguous, at most 16383
 * pixels wide and high per segment.
 */
export function checkWebpInput(input: CodecInput): void {
  if (input.dtype.name !== 'uint8' || (input.samples !== 3 && input.samples !== 4)) {
    throw new TiffError(
      'UNSUPPORTED',
      `WEBP compression needs uint8 RGB or RGBA (3 or 4 contiguous samples), not ${input.dtype.name} with ` +
        `${input.samples} sample${input.samples === 1 ? '' : 's'} per pixel`,
      { option: 'compression' },
    );
  }
  for (const [name, value] of [
    ['width', input.width],
    ['rows', input.rows],
  ] as const) {
    if (value !== undefined && value > WEBP_MAX_DIMENSION) {
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        `WEBP compression encodes segments of at most ${WEBP_MAX_DIMENSION}×${WEBP_MAX_DIMENSION} pixels, ` +
          `not ${value} ${name === 'width' ? 'pixels wide' : 'rows'}: use tiles or fewer rows per strip`,
        { option: name === 'width' ? 'tile' : 'rowsPerStrip' },
      );
    }
  }
}
