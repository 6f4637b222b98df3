import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { CodecInput, CompressionArgs } from '../codec.js';

/** imagecodecs' default for `resolutions` (OpenJPEG's too): 6 resolution levels, 5 wavelet decompositions. */
export const DEFAULT_J2K_RESOLUTIONS = 6;
/** OpenJPEG's largest number of resolution levels (`OPJ_J2K_MAXRLVLS`). */
export const MAX_J2K_RESOLUTIONS = 33;

/** The encoder settings `compressionArgs` asks for (see `jpeg2000Settings`). */
export interface Jpeg2000Settings {
  /**
   * The 5/3 integer wavelet (exact when every coding pass is kept); false: the 9/7 wavelet. Default:
   * true when lossless, false for a PSNR target (imagecodecs' defaults).
   */
  readonly reversible: boolean;
  /** The PSNR in dB the decoded segment must reach (lossy, `level` 1–1000); undefined: lossless. */
  readonly psnr: number | undefined;
  /** Most resolution levels (the segment's size may allow fewer). */
  readonly resolutions: number;
  /** Bits per sample stored in the codestream, when asked for (else the dtype's). */
  readonly bitsPerSample: number | undefined;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * imagecodecs reads `level` as a PSNR target in dB: 1–1000 is lossy, anything else (absent, 0, negative,
 * above 1000) lossless. Returns the target, or undefined for lossless.
 */
function psnrTarget(level: unknown): number | undefined {
  if (!isSet(level)) return undefined;
  if (typeof level !== 'number' || Number.isNaN(level)) {
    throw invalidOption(
      'compressionArgs.level',
      level,
      'a number: a PSNR of 1 to 1000 dB (lossy), or absent or 0 for lossless',
    );
  }
  return level >= 1 && level <= 1000 ? level : undefined;
}

function checkBoolean(key: string, value: unknown, accepted: string): void {
  if (isSet(value) && typeof value !== 'boolean') throw invalidOption(`compressionArgs.${key}`, value, accepted);
}

/**
 * JPEG 2000 settings from `compressionArgs`, with imagecodecs' `jpeg2k_encode` meanings: `level`
 * (absent/0: lossless; 1–1000: the PSNR in dB to reach), `reversible` (default true when lossless, false
 * with a PSNR), `resolutions` (1–33, default 6), `mct` (the RGB colour transform, default true) and
 * `bitspersample` (1–16).
 */
export function jpeg2000Settings(args: CompressionArgs): Jpeg2000Settings {
  const { level, reversible, resolutions, mct, bitspersample } = args as Record<string, unknown>;
  const psnr = psnrTarget(level);
  checkBoolean('reversible', reversible, 'true (5/3 wavelet, lossless; the default) or false (9/7 wavelet)');
  checkBoolean('mct', mct, 'true (the default: RGB colour transform) or false');
  if (
    isSet(resolutions) &&
    (!Number.isInteger(resolutions) || (resolutions as number) < 1 || (resolutions as number) > MAX_J2K_RESOLUTIONS)
  ) {
    throw invalidOption(
      'compressionArgs.resolutions',
      resolutions,
      `an integer from 1 to ${MAX_J2K_RESOLUTIONS} (default ${DEFAULT_J2K_RESOLUTIONS})`,
    );
  }
  if (
    isSet(bitspersample) &&
    (!Number.isInteger(bitspersample) || (bitspersample as number) < 1 || (bitspersample as number) > 16)
  ) {
    throw invalidOption('compressionArgs.bitspersample', bitspersample, 'an integer from 1 to 16');
  }
  return {
    reversible: psnr === undefined ? reversible !== false : reversible === true,
    psnr,
    resolutions: (resolutions as number | undefined | null) ?? DEFAULT_J2K_RESOLUTIONS,
    bitsPerSample: (bitspersample as number | undefined | null) ?? undefined,
  };
}

/**
 * Resolution levels for a `width`×`height` segment, as imagecodecs picks them: log2 of the smaller side
 * less 2, truncated, at least 1 and at most `resolutions` (OpenJPEG refuses more levels than the
 * segment can be halved into).
 */
export function jpeg2000Resolutions(width: number, height: number, resolutions: number): number {
  const fit = Math.trunc(Math.log2(Math.min(width, height)) - 2);
  return Math.min(Math.max(fit, 1), resolutions);
}

function unsupported(message: string): TiffError {
  return new TiffError('UNSUPPORTED', `JPEG2000 compression ${message}`, { option: 'compression' });
}

/**
 * What the encoder can take exactly: uint8 with 1 or 3+ contiguous samples; uint16 or int16 with 1
 * sample (planar RGB is 1 sample per segment). Refused, though imagecodecs writes them: int8 (the
 * encoder reads 8-bit samples as unsigned), 16-bit data with several contiguous samples (it copies
 * only one component of 16-bit data), 2 samples (it applies the RGB colour transform, which needs 3),
 * 32-bit integers (no 32-bit input), floats and bilevel data (JPEG 2000 has neither).
 * With `args`: `bitspersample` within the dtype (lower < bits ≤ dtype bits, lower 0 for 8-bit and 8
 * for 16-bit data, tifffile's rule) and `mct: false` only for 1 sample (the encoder always applies it).
 */
export function checkJpeg2000Input(input: CodecInput, args?: CompressionArgs): void {
  const { dtype, samples } = input;
  const of = `${dtype.name} with ${samples} sample${samples === 1 ? '' : 's'} per pixel`;
  if (dtype.name === 'int8') {
    throw unsupported(`cannot write ${of}: the encoder reads 8-bit samples as unsigned (uint8 is written)`);
  }
  if (dtype.name === 'uint16' || dtype.name === 'int16') {
    if (samples !== 1) {
      throw unsupported(
        `cannot write ${of}: the encoder takes 16-bit data with 1 sample only; use planarConfig: 'separate' ` +
          '(one sample per segment) or uint8 data',
      );
    }
  } else if (dtype.name !== 'uint8') {
    throw unsupported(`needs uint8, uint16 or int16 data, not ${of}`);
  }
  if (samples === 2) {
    throw unsupported(
      `cannot write ${of}: the encoder applies the RGB colour transform to every image of several samples, ` +
        "which needs 3; use planarConfig: 'separate'",
    );
  }
  if (!args) return;
  const bits = args['bitspersample'];
  const full = dtype.itemSize * 8;
  const lower = full === 8 ? 0 : 8;
  if (isSet(bits) && (!Number.isInteger(bits) || (bits as number) <= lower || (bits as number) > full)) {
    throw invalidOption('compressionArgs.bitspersample', bits, `${lower + 1}..${full} for ${dtype.name} data`);
  }
  if (args['mct'] === false && samples >= 3) {
    throw new TiffError(
      'UNSUPPORTED',
      `compressionArgs.mct=false cannot be honoured for ${samples} samples per pixel: the encoder always applies ` +
        'the RGB colour transform to images of 3 or more samples (it is lossless and reversible)',
      { option: 'compressionArgs.mct' },
    );
  }
}
