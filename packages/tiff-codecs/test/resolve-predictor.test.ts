import { type DTypeName, DTypes } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { IMAGE_COMPRESSIONS, isImageCompression, resolvePredictor } from '../src/index.js';

const ZLIB = 8;
const err = (code: string, message?: RegExp) =>
  expect.objectContaining({
    code,
    option: 'predictor',
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });

describe('resolvePredictor', () => {
  it.each([undefined, null, false, 1, 'none', 'None', 'NONE'])(
    '%s means no predictor, with or without compression',
    (value) => {
      expect(resolvePredictor(value, DTypes.uint16, ZLIB)).toBe(1);
      expect(resolvePredictor(value, DTypes.uint16, 1)).toBe(1);
      expect(resolvePredictor(value, DTypes.complex64, 7)).toBe(1);
    },
  );

  it('true picks FLOATINGPOINT for floats and HORIZONTAL for integers of up to 4 bytes', () => {
    for (const name of ['float16', 'float32', 'float64'] as const)
      expect(resolvePredictor(true, DTypes[name], ZLIB)).toBe(3);
    for (const name of ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32'] as const) {
      expect(resolvePredictor(true, DTypes[name], 5)).toBe(2);
    }
  });

  it('true is rejected for 64-bit integers, bool and complex', () => {
    expect(() => resolvePredictor(true, DTypes.int64, ZLIB)).toThrow(
      err('INVALID_OPTION', /predictor=true is invalid: expected for int64 data one of 'horizontal' \(2\)/),
    );
    expect(() => resolvePredictor(true, DTypes.uint64, ZLIB)).toThrow(err('INVALID_OPTION'));
    expect(() => resolvePredictor(true, DTypes.bool, ZLIB)).toThrow(err('INVALID_OPTION', /'none' for bool data/));
    expect(() => resolvePredictor(true, DTypes.complex128, ZLIB)).toThrow(err('INVALID_OPTION', /complex128/));
  });

  it('accepts codes and names in any case, matched to the dtype', () => {
    const cases: [unknown, DTypeName, number][] = [
      [2, 'uint16', 2],
      ['horizontal', 'int8', 2],
      ['HORIZONTAL', 'uint64', 2],
      ['HorizontalX2', 'int32', 34892],
      [34893, 'uint8', 34893],
      [3, 'float32', 3],
      ['floatingpoint', 'float16', 3],
      ['FLOATINGPOINTX2', 'float64', 34894],
      [34895, 'float32', 34895],
    ];
    for (const [value, dtype, code] of cases) expect(resolvePredictor(value, DTypes[dtype], 32773)).toBe(code);
  });

  it('rejects a predictor of the wrong kind, naming the value and what the dtype accepts', () => {
    expect(() => resolvePredictor(3, DTypes.uint16, ZLIB)).toThrow(
      err(
        'INVALID_OPTION',
        /^predictor=3 is invalid: expected for uint16 data true, 'none' or 'horizontal' \(2\), 'horizontalx2' \(34892\), 'horizontalx4' \(34893\)$/,
      ),
    );
    expect(() => resolvePredictor('horizontal', DTypes.float32, ZLIB)).toThrow(
      err(
        'INVALID_OPTION',
        /predictor="horizontal" is invalid: expected for float32 data true, 'none' or 'floatingpoint' \(3\)/,
      ),
    );
    expect(() => resolvePredictor(34894, DTypes.int16, ZLIB)).toThrow(err('INVALID_OPTION'));
    expect(() => resolvePredictor(2, DTypes.bool, ZLIB)).toThrow(err('INVALID_OPTION', /bool/));
    expect(() => resolvePredictor('floatingpoint', DTypes.complex64, ZLIB)).toThrow(err('INVALID_OPTION'));
  });

  it('rejects unknown predictors', () => {
    for (const value of [0, 4, 'delta', 2.5, {}, 'true']) {
      expect(() => resolvePredictor(value, DTypes.uint16, ZLIB)).toThrow(err('INVALID_OPTION', /^predictor=/));
    }
  });

  it('needs compression: INCOMPATIBLE_OPTIONS before any dtype check', () => {
    for (const value of [true, 2, 'floatingpoint', 'bogus']) {
      expect(() => resolvePredictor(value, DTypes.uint16, 1)).toThrow(
        err('INCOMPATIBLE_OPTIONS', /^predictor=.* cannot be used without compression$/),
      );
    }
  });

  it('is refused with image codecs (JPEG, PNG, WebP, JPEG 2000, JPEG XL, …)', () => {
    for (const code of [
      6, 7, 22610, 33003, 33004, 33005, 33007, 34712, 34892, 34933, 34934, 48124, 50001, 50002, 52546, 65000, 65001,
      65002,
    ]) {
      expect(isImageCompression(code)).toBe(true);
      expect(() => resolvePredictor(true, DTypes.uint8, code)).toThrow(
        err('INCOMPATIBLE_OPTIONS', new RegExp(`predictor=true cannot be used with compression ${code}`)),
      );
    }
    expect(IMAGE_COMPRESSIONS.size).toBe(18);
  });

  it('is allowed with every byte-stream codec', () => {
    for (const code of [5, 8, 32773, 32946, 34925, 50000, 50013]) {
      expect(isImageCompression(code)).toBe(false);
      expect(resolvePredictor(true, DTypes.uint8, code)).toBe(2);
    }
  });
});
