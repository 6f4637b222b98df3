import { describe, expect, it } from 'vitest';
import { checkImagejData, IMAGEJ_DTYPES, imagejColormapUse } from '../src/index.js';
import { expectImageJError } from './errors.js';

describe('checkImagejData', () => {
  it('accepts the four ImageJ dtypes and uint8 RGB/RGBA', () => {
    expect(IMAGEJ_DTYPES).toEqual(['uint8', 'uint16', 'int16', 'float32']);
    for (const dtype of IMAGEJ_DTYPES) {
      expect(() => checkImagejData({ dtype, shape: [2, 3, 4, 16, 17, 1] })).not.toThrow();
    }
    expect(() =>
      checkImagejData({ dtype: 'uint8', shape: [1, 1, 1, 16, 17, 3], planarConfig: 'contig' }),
    ).not.toThrow();
    expect(() => checkImagejData({ dtype: 'uint8', shape: [1, 1, 1, 16, 17, 4] })).not.toThrow();
    expect(() =>
      checkImagejData({ dtype: 'uint16', shape: [1, 1, 1, 16, 17, 1], colormapShape: [3, 256] }),
    ).not.toThrow();
  });

  it.each(['int8', 'uint32', 'int32', 'float64', 'float16', 'bool', 'uint64', 'complex64'])(
    'rejects dtype %s',
    (dtype) => {
      expectImageJError(
        () => checkImagejData({ dtype, shape: [1, 1, 1, 4, 4, 1] }),
        'UNSUPPORTED',
        'dtype',
        new RegExp(`does not support data type '${dtype}': use uint8, uint16, int16, float32`),
      );
    },
  );

  it('rejects RGB that is not uint8', () => {
    expectImageJError(
      () => checkImagejData({ dtype: 'uint16', shape: [1, 1, 1, 4, 4, 3] }),
      'UNSUPPORTED',
      'dtype',
      /data type 'uint16' for RGB \(3 samples\)/,
    );
  });

  it('rejects planar samples and ImageDepth', () => {
    expectImageJError(
      () => checkImagejData({ dtype: 'uint8', shape: [1, 1, 1, 4, 4, 3], planarConfig: 'separate' }),
      'UNSUPPORTED',
      'planarConfig',
      /planar \(separate\) samples/,
    );
    expectImageJError(
      () => checkImagejData({ dtype: 'uint8', shape: [1, 4, 1, 4, 4, 1], volumetric: true }),
      'UNSUPPORTED',
      'volumetric',
      /ImageDepth/,
    );
  });

  it('rejects a colormap that is not 3×256', () => {
    expectImageJError(
      () => checkImagejData({ dtype: 'uint16', shape: [1, 1, 1, 4, 4, 1], colormapShape: [3, 65536] }),
      'INVALID_OPTION',
      'colormap',
      /colormap shape \[3, 65536\] is invalid for ImageJ: expected \[3, 256\]/,
    );
    expectImageJError(
      () => checkImagejData({ dtype: 'uint8', shape: [1, 1, 1, 4, 4, 1], colormapShape: [768] }),
      'INVALID_OPTION',
      'colormap',
      /\[768\]/,
    );
  });
});

describe('imagejColormapUse', () => {
  it.each([
    ['uint8', undefined, false, 'palette'],
    ['uint8', 'minisblack', false, 'palette'],
    ['uint8', 'miniswhite', false, 'palette'],
    ['uint8', 'palette', false, 'palette'],
    ['uint16', undefined, false, 'lut'],
    ['uint16', 'minisblack', false, 'lut'],
    ['float32', 'miniswhite', false, 'lut'],
    ['uint16', 'palette', false, 'ignored'],
    ['int16', 'minisblack', false, 'ignored'],
    ['uint8', 'rgb', true, 'ignored'],
    ['uint8', undefined, true, 'ignored'],
  ] as const)('%s with photometric %s (rgb %s) → %s', (dtype, photometric, rgb, use) => {
    expect(imagejColormapUse({ dtype, photometric, rgb })).toBe(use);
  });
});
