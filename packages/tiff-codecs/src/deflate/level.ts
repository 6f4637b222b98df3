import { invalidOption } from '@tiffkit/tiff-core/errors.js';

/** zlib's own default, and tifffile's (it passes no level unless asked). */
export const DEFAULT_DEFLATE_LEVEL = 6;

/**
 * The deflate level from `compressionArgs.level`: an integer 0 (stored) to 9 (smallest), 6 when absent.
 * Checked here rather than left to the backend because fflate and zlib disagree on what they do with
 * out-of-range values, and a silent clamp would hide a typo.
 */
export function deflateLevel(level: unknown): number {
  if (level === undefined || level === null) return DEFAULT_DEFLATE_LEVEL;
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > 9) {
    throw invalidOption('compressionArgs.level', level, 'an integer from 0 (no compression) to 9 (smallest output)');
  }
  return level;
}
