import { ImageJError, show } from './errors.js';
import type { ImageJPhotometric, ImageJShape } from './shape.js';

/** The sample types ImageJ 1.x opens: 8-bit, 16-bit (signed is shifted by ImageJ) and 32-bit float. */
export const IMAGEJ_DTYPES: readonly string[] = ['uint8', 'uint16', 'int16', 'float32'];

export interface ImagejDataOptions {
  /** tiffkit dtype name. */
  dtype: string;
  /** The TZCYXS shape from `imagejShape`; S of 3 or 4 means RGB. */
  shape: ImageJShape;
  /** The planar configuration asked for, if any. */
  planarConfig?: 'contig' | 'separate' | undefined;
  /** Volumetric (ImageDepth) storage or 3-D tiles were asked for. */
  volumetric?: boolean | undefined;
  /** Shape of the colormap, when one is given (ImageJ needs exactly 3×256). */
  colormapShape?: readonly number[] | undefined;
}

/**
 * Checks the ImageJ rules that do not depend on the TIFF layout, before anything is written. Throws an
 * ImageJError naming the option: `dtype`, `planarConfig`, `volumetric` or `colormap`.
 */
export function checkImagejData(options: ImagejDataOptions): void {
  const { dtype, shape } = options;
  if (!IMAGEJ_DTYPES.includes(dtype)) {
    throw new ImageJError(
      'UNSUPPORTED',
      `the ImageJ format does not support data type '${dtype}': use ${IMAGEJ_DTYPES.join(', ')}`,
      'dtype',
    );
  }
  const samples = shape[5];
  if (samples !== 1 && dtype !== 'uint8') {
    throw new ImageJError(
      'UNSUPPORTED',
      `the ImageJ format does not support data type '${dtype}' for RGB (${samples} samples): RGB must be uint8`,
      'dtype',
    );
  }
  if (options.planarConfig === 'separate') {
    throw new ImageJError(
      'UNSUPPORTED',
      'the ImageJ format does not support planar (separate) samples: use contiguous RGB or put channels in C',
      'planarConfig',
    );
  }
  if (options.volumetric) {
    throw new ImageJError(
      'UNSUPPORTED',
      'the ImageJ format does not support ImageDepth (volumetric storage or 3-D tiles): store slices as pages',
      'volumetric',
    );
  }
  const cmap = options.colormapShape;
  if (cmap !== undefined && (cmap.length !== 2 || cmap[0] !== 3 || cmap[1] !== 256)) {
    throw new ImageJError(
      'INVALID_OPTION',
      `colormap shape ${show([...cmap])} is invalid for ImageJ: expected [3, 256]`,
      'colormap',
    );
  }
}

/**
 * What a given colormap becomes in an ImageJ file: `'palette'` (uint8 indices, photometric PALETTE),
 * `'lut'` (uint16/float32 intensities shown through the LUT, photometric stays MINISBLACK), or
 * `'ignored'` (RGB, int16, or another photometric: the writer warns and drops it).
 */
export function imagejColormapUse(options: {
  dtype: string;
  photometric?: ImageJPhotometric | undefined;
  rgb: boolean;
}): 'palette' | 'lut' | 'ignored' {
  const { dtype, photometric, rgb } = options;
  if (rgb || photometric === 'rgb') return 'ignored';
  const gray = photometric === undefined || photometric === 'minisblack' || photometric === 'miniswhite';
  if (dtype === 'uint8' && (gray || photometric === 'palette')) return 'palette';
  if ((dtype === 'uint16' || dtype === 'float32') && gray) return 'lut';
  return 'ignored';
}
