import { ImageJError, show } from './errors.js';

/** ImageJ's fixed 6-D order: frames, slices, channels, rows, columns, samples (1, or 3/4 for RGB). */
export type ImageJShape = readonly [T: number, Z: number, C: number, Y: number, X: number, S: number];

export type ImageJPhotometric = 'rgb' | 'minisblack' | 'miniswhite' | 'palette';

export interface ImagejShapeOptions {
  /** `metadata.axes`: a subsequence of TZCYXS in any case, one letter per dimension. */
  axes?: string | undefined;
  /** tiffkit dtype name: `'uint8'`, `'uint16'`, `'int16'`, `'float32'`, ... */
  dtype: string;
  /** The photometric the caller asked for, if any. */
  photometric?: ImageJPhotometric | undefined;
  /** A colormap was given: the data are indices or intensities, never RGB samples. */
  colormapped?: boolean | undefined;
}

const ORDER = 'TZCYXS';

/**
 * Maps a data shape onto ImageJ's TZCYXS. Without axes, grayscale data fill from the right: 2-D is YX,
 * 3-D is CYX (channels, not slices: pass axes 'ZYX' for a z-stack), 4-D ZCYX, 5-D TZCYX; RGB data end in
 * S (YXS, CYXS, ...). `rgb` is true when the result has 3 or 4 samples.
 */
export function imagejShape(
  shape: readonly number[],
  options: ImagejShapeOptions,
): { shape: ImageJShape; rgb: boolean } {
  checkDims(shape);
  const result =
    options.axes === undefined || options.axes === ''
      ? byPosition(shape, options)
      : byAxes(shape, options.axes, options);
  return { shape: result, rgb: result[5] !== 1 };
}

function checkDims(shape: readonly number[]): void {
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new ImageJError('INVALID_DATA', `shape=${show(shape)} must be a list of non-negative integers`, 'shape');
  }
}

/** Whether the caller's options decide RGB: explicit photometric first, then colormap, then dtype. */
function decidedRgb(options: ImagejShapeOptions): boolean | undefined {
  if (options.photometric !== undefined) return options.photometric === 'rgb';
  // ImageJ stores only 8-bit RGB, and a colormap makes each value one index or intensity.
  if (options.colormapped || options.dtype !== 'uint8') return false;
  return undefined;
}

function byPosition(shape: readonly number[], options: ImagejShapeOptions): ImageJShape {
  const ndim = shape.length;
  if (ndim < 1 || ndim > 6) {
    throw new ImageJError(
      'INVALID_DATA',
      `an ImageJ hyperstack must be 1-6 dimensional, got shape ${show(shape)}`,
      'shape',
    );
  }
  const last = shape[ndim - 1] as number;
  const rgb = decidedRgb(options) ?? (ndim > 2 && (last === 3 || last === 4));
  if (rgb && last !== 3 && last !== 4) {
    throw new ImageJError(
      'INVALID_DATA',
      `shape ${show(shape)} is not an RGB image for ImageJ: photometric 'rgb' needs a last dimension of 3 or 4`,
      'shape',
    );
  }
  if (!rgb && ndim === 6 && last !== 1) {
    throw new ImageJError(
      'INVALID_DATA',
      `6-D shape ${show(shape)} is not a grayscale ImageJ hyperstack: its last dimension (samples) must be 1`,
      'shape',
    );
  }
  // A trailing 1 (or RGB samples) is S already; otherwise the data end in X and S=1 is appended.
  const padded = rgb || last === 1 ? shape : [...shape, 1];
  return [...Array(6 - padded.length).fill(1), ...padded] as unknown as ImageJShape;
}

function byAxes(shape: readonly number[], axes: string, options: ImagejShapeOptions): ImageJShape {
  if (typeof axes !== 'string' || axes.length !== shape.length) {
    throw new ImageJError(
      'INVALID_OPTION',
      `metadata.axes=${show(axes)} does not match shape ${show(shape)}: give one letter per dimension`,
      'metadata.axes',
    );
  }
  const upper = axes.toUpperCase();
  let previous = -1;
  for (const letter of upper) {
    const position = ORDER.indexOf(letter);
    // Strictly increasing: tifffile lets a repeated letter through and then mis-maps the shape.
    if (position <= previous) {
      throw new ImageJError(
        'INVALID_OPTION',
        `metadata.axes=${show(axes)} must be a subsequence of TZCYXS (each letter at most once, in that order)`,
        'metadata.axes',
      );
    }
    previous = position;
  }
  const result = [...ORDER].map((letter) => {
    const index = upper.indexOf(letter);
    return index < 0 ? 1 : (shape[index] as number);
  });
  const samples = result[5] as number;
  if (samples !== 1 && samples !== 3 && samples !== 4) {
    throw new ImageJError(
      'INVALID_DATA',
      `an ImageJ hyperstack must have 1, 3 or 4 samples (axis S), got ${samples} from shape ${show(shape)} and axes ${show(axes)}`,
      'shape',
    );
  }
  const rgb = samples !== 1;
  const wanted = decidedRgb(options);
  // With axes the S axis decides; an explicit photometric that disagrees is a mistake worth reporting.
  if (options.photometric === 'rgb' && !rgb) {
    throw new ImageJError(
      'INVALID_DATA',
      `photometric 'rgb' needs an S axis of 3 or 4 samples, but axes ${show(axes)} give ${samples}`,
      'shape',
    );
  }
  if (rgb && wanted === false && options.photometric !== undefined) {
    throw new ImageJError(
      'INVALID_OPTION',
      `photometric '${options.photometric}' cannot be used with ${samples} samples (axes ${show(axes)}): ImageJ stores samples only as RGB`,
      'photometric',
    );
  }
  return result as unknown as ImageJShape;
}
