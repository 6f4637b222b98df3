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
  /** Butteraugli-like distance of lossy coding (0–25; see `lossyQuantizers`), absent for lossless. */
  readonly distance?: number;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * libjxl's quality → Butteraugli distance (its `JxlEncoderDistanceFromQuality`): linear from 0.1 at
 * quality 100 to 6.4 at 30, then a parabola up to 25 at quality 0.
 */
export function distanceFromQuality(quality: number): number {
  if (quality >= 100) return 0;
  if (quality >= 30) return 0.1 + (100 - quality) * 0.09;
  return Math.min(25, (53 / 3000) * quality * quality - (23 / 20) * quality + 25);
}

/** The distance of lossy settings: `distance` if given, else from a `level` quality, else libjxl's default 1. */
function lossyDistance(level: unknown, distance: unknown): number {
  if (isSet(distance)) return distance as number;
  if (isSet(level) && (level as number) <= 100) return distanceFromQuality(Math.max(0, level as number));
  return 1;
}

function checkInteger(key: string, value: unknown, lo: number, hi: number, what: string): void {
  if (isSet(value) && (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi)) {
    throw invalidOption(`compressionArgs.${key}`, value, what);
  }
}

/**
 * JPEG XL settings from `compressionArgs`, read as imagecodecs' `jpegxl_encode` reads them: lossless
 * unless `lossless: false`, a `level` of 100 or less (a quality, mapped to a distance as libjxl maps
 * it) or a `distance` without `lossless: true` asks for lossy coding (near-lossless modular: see
 * `lossyQuantizers`).
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
  const bits = args['bitspersample'];
  const effort = args['effort'];
  return {
    container: usecontainer === true,
    ...(isSet(bits) ? { bitsPerSample: bits as number } : {}),
    ...(isSet(effort) ? { effort: effort as number } : {}),
    ...(lossy ? { distance: lossyDistance(level, distance) } : {}),
  };
}

/**
 * JPEG XL takes what imagecodecs writes from TIFF segments: uint8, uint16, float16 or float32 with 1
 * (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) contiguous samples; lossy settings need integers.
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
  if (input.dtype.kind === 'float' && input.args && jpegXlSettings(input.args).distance !== undefined) {
    // Floats are coded as their bit patterns, whose steps are not steps of the value.
    throw new TiffError(
      'UNSUPPORTED',
      `lossy JPEGXL (level ≤ 100, distance, or lossless: false) needs uint8 or uint16 data, not ${input.dtype.name}: ` +
        'tiffkit codes float samples losslessly only',
      { option: 'compressionArgs' },
    );
  }
}
