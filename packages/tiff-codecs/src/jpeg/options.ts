import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';

export type JpegColorspace = 'gray' | 'ycbcr' | 'rgb';

export interface JpegEncodeOptions {
  readonly width: number;
  readonly height: number;
  /** 1 for grayscale, 3 for RGB input (interleaved R,G,B bytes). */
  readonly components: 1 | 3;
  /** Quality 1–100 (IJG scaling of the standard Annex K tables); default 75. */
  readonly quality?: number;
  /** Chroma subsampling [horizontal, vertical] for 'ycbcr': [1,1], [2,1], [2,2] (default), [4,1]. */
  readonly subsampling?: readonly [number, number];
  /**
   * 'ycbcr' (default for 3 components): convert RGB→YCbCr (JFIF/BT.601 full range) and subsample;
   * 'rgb': store R,G,B components unconverted, no subsampling (Adobe APP14 marker with transform 0 so
   * decoders do not convert); 'gray' for 1 component.
   */
  readonly colorspace?: JpegColorspace;
}

/** Options with defaults applied and checked. */
export interface JpegConfig {
  readonly components: 1 | 3;
  readonly quality: number;
  readonly colorspace: JpegColorspace;
  /** Luma sampling factors (chroma is always 1×1); [1, 1] for 'gray' and 'rgb'. */
  readonly subsampling: readonly [number, number];
}

export const DEFAULT_QUALITY = 75;
const SUBSAMPLINGS = ['1,1', '2,1', '2,2', '4,1'];
const SUBSAMPLINGS_TEXT = '[1, 1], [2, 1], [2, 2] or [4, 1]';

export function resolveJpegOptions(options: Omit<JpegEncodeOptions, 'width' | 'height'>): JpegConfig {
  const { components } = options;
  if (components !== 1 && components !== 3) {
    throw invalidOption('components', components, '1 (grayscale) or 3 (RGB)');
  }
  const quality = options.quality ?? DEFAULT_QUALITY;
  if (typeof quality !== 'number' || !Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw invalidOption('compressionArgs.level', quality, 'a JPEG quality, an integer from 1 to 100');
  }
  const colorspace = options.colorspace ?? (components === 1 ? 'gray' : 'ycbcr');
  if (components === 1 && colorspace !== 'gray') {
    throw invalidOption('colorspace', colorspace, "'gray' for 1 component");
  }
  if (components === 3 && colorspace !== 'ycbcr' && colorspace !== 'rgb') {
    throw invalidOption('colorspace', colorspace, "'ycbcr' or 'rgb' for 3 components");
  }
  const given = options.subsampling;
  if (given !== undefined) {
    const valid =
      Array.isArray(given) &&
      given.length === 2 &&
      given.every((n) => Number.isInteger(n)) &&
      SUBSAMPLINGS.includes(given.join(','));
    if (!valid) throw invalidOption('subsampling', given, SUBSAMPLINGS_TEXT);
  }
  if (colorspace !== 'ycbcr') {
    // Only YCbCr has chroma to subsample; silently storing full resolution would hide a planning bug.
    if (given !== undefined && (given[0] !== 1 || given[1] !== 1)) {
      throw invalidOption('subsampling', given, `[1, 1] or none for colorspace '${colorspace}'`);
    }
    return { components, quality, colorspace, subsampling: [1, 1] };
  }
  const subsampling: readonly [number, number] = given ? [given[0], given[1]] : [2, 2];
  return { components, quality, colorspace, subsampling };
}

/** JPEG frames are at most 65535 × 65535 (16-bit fields in SOF). */
export function checkDimensions(pixels: Uint8Array, width: number, height: number, components: number): void {
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      throw invalidOption(name, value, 'an integer from 1 to 65535 (the JPEG frame limit)');
    }
  }
  if (!(pixels instanceof Uint8Array)) {
    throw new TiffError('INVALID_DATA', 'JPEG input must be a Uint8Array of 8-bit samples');
  }
  const expected = width * height * components;
  if (pixels.length !== expected) {
    throw new TiffError(
      'INVALID_DATA',
      `JPEG input of ${width}×${height}×${components} needs ${expected} bytes, got ${pixels.length}`,
    );
  }
}
