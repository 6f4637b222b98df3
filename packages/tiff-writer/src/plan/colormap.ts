import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Photometric } from '@tiffkit/tiff-core/enums.js';
import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { WriteOptions } from '../options.js';
import { parsePhotometric } from './samples.js';

/**
 * A colormap as a flat `Uint16Array` of 3·2^bits values (all red, then green, then blue), from an
 * array-like `{data, shape: [3, n]}`, a flat TypedArray or three nested arrays.
 */
export function parseColormap(value: WriteOptions['colormap']): Uint16Array | undefined {
  if (value === undefined || value === null) return undefined;
  let flat: ArrayLike<number | bigint>;
  if (Array.isArray(value)) {
    if (value.length !== 3 || !value.every((row) => Array.isArray(row) || ArrayBuffer.isView(row))) {
      throw invalidOption('colormap', value, 'three arrays (red, green, blue) of 2**bitsPerSample values');
    }
    flat = (value as ArrayLike<number>[]).flatMap((row) => Array.from(row));
  } else if (ArrayBuffer.isView(value)) {
    flat = value as unknown as ArrayLike<number>;
  } else if (typeof value === 'object' && 'data' in value && 'shape' in value) {
    const { shape } = value;
    if (shape.length !== 2 || shape[0] !== 3) {
      throw invalidOption('colormap.shape', shape, '[3, 2**bitsPerSample]');
    }
    flat = value.data as ArrayLike<number>;
    if (flat.length !== shape[0] * (shape[1] as number)) {
      throw invalidOption(
        'colormap',
        value,
        `data of ${shape[0] * (shape[1] as number)} values for shape [3, ${shape[1]}]`,
      );
    }
  } else {
    throw invalidOption('colormap', value, 'an array-like {data, shape: [3, n]}, a TypedArray or three arrays');
  }
  const out = new Uint16Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = Number(flat[i]);
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) {
      throw new TiffError(
        'INVALID_OPTION',
        `colormap values must be integers in 0..65535, found ${describeValue(flat[i])} at ${i}`,
        {
          option: 'colormap',
        },
      );
    }
    out[i] = v;
  }
  if (out.length % 3 !== 0) throw invalidOption('colormap', value, 'three equal rows (red, green, blue)');
  return out;
}

/** Check the colormap length fits the dtype: 3·2^bits entries. */
export function checkColormapSize(colormap: Uint16Array, dtype: DType): void {
  const expected = 3 * 2 ** (dtype.itemSize * 8);
  if (colormap.length !== expected) {
    throw new TiffError(
      'INVALID_OPTION',
      `colormap has ${colormap.length / 3} entries per colour; ${dtype.name} data needs ${expected / 3} (shape [3, ${expected / 3}])`,
      { option: 'colormap' },
    );
  }
}

/**
 * tifffile's colormap rules (§3.4): a palette for uint8/uint16 data without photometric (or 'palette'),
 * dropped with a warning otherwise; ImageJ files take 3×256 colormaps only (a palette for uint8, a LUT
 * for uint16 and float32, decided by the ImageJ planning). Returns the colormap to write and the
 * photometric option, which becomes PALETTE when the colormap makes it one.
 */
export function planColormap(
  options: WriteOptions,
  dtype: DType,
  /** A palette (tifffile's rules), or an ImageJ LUT: 3×256 values, written whatever the photometric. */
  rule: 'palette' | 'lut',
  warn: (code: string, message: string) => void,
): { colormap: Uint16Array | undefined; photometric: WriteOptions['photometric'] } {
  const colormap = parseColormap(options.colormap);
  const explicit = parsePhotometric(options.photometric);
  let photometric = options.photometric;
  let use = colormap;
  if (colormap && rule === 'lut') {
    if (colormap.length !== 768) throw invalidOption('colormap', options.colormap, 'a [3, 256] colormap for ImageJ');
  } else if (colormap) {
    const paletteDType = dtype.name === 'uint8' || dtype.name === 'uint16';
    if (explicit === undefined && paletteDType) photometric = Photometric.PALETTE;
    else if (explicit === Photometric.PALETTE && !paletteDType) {
      throw new TiffError('INVALID_DATA', `palette images need uint8 or uint16 data, not ${dtype.name}`, {
        option: 'colormap',
      });
    } else if (explicit !== Photometric.PALETTE) {
      warn(
        'colormap-ignored',
        `not writing colormap: it needs uint8 or uint16 data without photometric (or 'palette'), got ${dtype.name}`,
      );
      use = undefined;
    }
    if (use) checkColormapSize(use, dtype);
  }
  if (explicit === Photometric.PALETTE && !use) {
    throw new TiffError('INCOMPATIBLE_OPTIONS', "photometric 'palette' needs a colormap", { option: 'colormap' });
  }
  return { colormap: use, photometric };
}

/** Both colormaps absent, or the same values. */
export function sameColormap(a: Uint16Array | undefined, b: Uint16Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
