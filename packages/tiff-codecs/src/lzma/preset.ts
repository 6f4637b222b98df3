import { invalidOption } from '@tiffkit/tiff-core/errors.js';

/** liblzma's default preset, which libtiff and tifffile use when given none. */
export const DEFAULT_LZMA_PRESET = 6;
/**
 * The highest preset the WebAssembly liblzma can run: its memory is capped at 256 MiB, and presets 8
 * and 9 ask for 370 and 674 MiB (32 and 64 MiB dictionaries) before reading a byte.
 */
export const MAX_LZMA_PRESET = 7;

/** The LZMA preset from `compressionArgs.level`: an integer from 0 (fastest) to 7; 6 when absent. */
export function lzmaPreset(level: unknown): number {
  if (level === undefined || level === null) return DEFAULT_LZMA_PRESET;
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > MAX_LZMA_PRESET) {
    throw invalidOption(
      'compressionArgs.level',
      level,
      `an LZMA preset, an integer from 0 (fastest) to ${MAX_LZMA_PRESET}, default ${DEFAULT_LZMA_PRESET} ` +
        '(presets 8 and 9 need more memory than the WebAssembly liblzma can address)',
    );
  }
  return level;
}
