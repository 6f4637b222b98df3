import { invalidOption } from '@tiffkit/tiff-core/errors.js';

/** zstd's own default level, which tifffile (through imagecodecs) uses when given none. */
export const DEFAULT_ZSTD_LEVEL = 3;
/** zstd's fastest (negative) level, ZSTD_minCLevel(). */
export const MIN_ZSTD_LEVEL = -131072;
/** zstd's smallest-output level, ZSTD_maxCLevel(). */
export const MAX_ZSTD_LEVEL = 22;

/**
 * The Zstandard level from `compressionArgs.level`: an integer from -131072 (fastest) to 22
 * (smallest); 0 is zstd's default (3), as is an absent level.
 */
export function zstdLevel(level: unknown): number {
  if (level === undefined || level === null) return DEFAULT_ZSTD_LEVEL;
  if (typeof level !== 'number' || !Number.isInteger(level) || level < MIN_ZSTD_LEVEL || level > MAX_ZSTD_LEVEL) {
    throw invalidOption(
      'compressionArgs.level',
      level,
      `a Zstandard level, an integer from ${MIN_ZSTD_LEVEL} (fastest) to ${MAX_ZSTD_LEVEL} (smallest); 0 or none means ${DEFAULT_ZSTD_LEVEL}`,
    );
  }
  return level === 0 ? DEFAULT_ZSTD_LEVEL : level;
}
