import { Compression } from '@tiffkit/tiff-core/enums.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { WriteOptions } from '../options.js';

/** Option checks of a series that need no layout: small rules with tifffile's messages. */

export function positiveInteger(value: unknown, option: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw invalidOption(option, value, 'a positive integer');
  return value as number;
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
