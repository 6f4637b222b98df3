import { type DType, describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core';
import type { WriteOptions } from './options.js';

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
