import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { CodecInput, CompressionArgs } from '../codec.js';

/** What the encoder is asked for, once `compressionArgs` is checked. */
export interface JpegXlSettings {
  /** Wrap the codestream in the ISO BMFF container (`usecontainer`); default false, a bare codestream. */
  readonly container: boolean;
  /** Bit depth of integer samples (`bitspersample`, 1–16), when given. */
  readonly bitsPerSample?: number;
  /** `effort` (1–10), when given: how hard the encoder searches (see `effortPlan`); 7 when absent. */
  readonly effort?: number;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

function checkInteger(key: string, value: unknown, lo: number, hi: number, what: string): void {
  if (isSet(value) && (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi)) {
    throw invalidOption(`compressionArgs.${key}`, value, what);
  }
}

/**
 * JPEG XL settings from `compressionArgs`, read as imagecodecs' `jpegxl_encode` reads them: lossless
 * unless `lossless: false`, a `level` of 100 or less (a quality) or a `distance` without `lossless: true`
 * asks for lossy coding. tiffkit's encoder is lossless only, so those are UNSUPPORTED (naming the key).
 * `effort` (1–10, default 7 as in cjxl) trades speed for size; `decodingspeed` (0–4) is checked and
 * accepted but changes nothing: in libjxl it tunes VarDCT (lossy) coding, which this lossless modular
 * encoder does not write.
 */
export function jpegXlSettings(args: CompressionArgs): JpegXlSettings {
  const { level, distance, lossless, usecontainer } = args as Record<string, unknown>;
  if (isSet(level) && (typeof level !== 'number' || Number.isNaN(level))) {
    throw invalidOption(
      'compressionArgs.level',
      level,
      'a number: above 100 for lossless (100 or less is a lossy quality)',
    );
  }
  if (isSet(distance) && (typeof distance !== 'number' || !(distance >= 0 && distance <= 25))) {
    throw invalidOption('compressionArgs.distance', distance, 'a Butteraugli distance from 0 to 25');
  }
  if (isSet(lossless) && typeof lossless !== 'boolean') {
    throw invalidOption('compressionArgs.lossless', lossless, 'true (the default) or false');
  }
  if (isSet(usecontainer) && typeof usecontainer !== 'boolean') {
    throw invalidOption(
      'compressionArgs.usecontainer',
      usecontainer,
      'true (ISO BMFF container) or false (bare codestream, the default)',
    );
  }
  checkInteger('effort', args['effort'], 1, 10, 'an integer from 1 to 10');
  checkInteger('decodingspeed', args['decodingspeed'], 0, 4, 'an integer from 0 to 4');
  // Floats carry 16 or 32 bits whatever is asked (imagecodecs ignores bitspersample for them).
  checkInteger('bitspersample', args['bitspersample'], 1, 32, 'an integer: 1–8 for uint8, 9–16 for uint16 data');
  // imagecodecs: an explicit `lossless` wins; else a quality (level ≤ 100) or a distance means lossy.
  const lossy =
    lossless === false || (lossless !== true && ((isSet(level) && (level as number) <= 100) || isSet(distance)));
  if (lossy) {
    const key = lossless === false ? 'lossless' : isSet(level) && (level as number) <= 100 ? 'level' : 'distance';
    const value = (args as Record<string, unknown>)[key];
    throw new TiffError(
      'UNSUPPORTED',
      `compressionArgs.${key}=${String(value)} asks for lossy JPEG XL, which tiffkit cannot write: its JPEG XL ` +
        'encoder is lossless only (omit level/distance, or give a level above 100 or lossless: true)',
      { option: `compressionArgs.${key}` },
    );
  }
  const bits = args['bitspersample'];
  const effort = args['effort'];
  return {
    container: usecontainer === true,
    ...(isSet(bits) ? { bitsPerSample: bits as number } : {}),
    ...(isSet(effort) ? { effort: effort as number } : {}),
  };
}

/**
 * JPEG XL takes what imagecodecs writes from TIFF segments: uint8, uint16, float16 or float32 with 1
 * (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) contiguous samples.
 */
export function checkJpegXlInput(input: CodecInput): void {
  const dtypeOk = ['uint8', 'uint16', 'float16', 'float32'].includes(input.dtype.name);
  if (!dtypeOk || input.samples < 1 || input.samples > 4) {
    throw new TiffError(
      'UNSUPPORTED',
      'JPEGXL compression needs uint8, uint16, float16 or float32 data with 1 (gray), 2 (gray + alpha), ' +
        `3 (RGB) or 4 (RGBA) contiguous samples, not ${input.dtype.name} with ${input.samples}`,
      { option: 'compression' },
    );
  }
}
