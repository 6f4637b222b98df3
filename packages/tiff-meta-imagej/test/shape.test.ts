import { describe, expect, it } from 'vitest';
import { imagejShape } from '../src/index.js';
import { expectImageJError } from './errors.js';

const map = (shape: number[], options: Partial<Parameters<typeof imagejShape>[1]> = {}) =>
  imagejShape(shape, { dtype: 'uint8', ...options });

describe('imagejShape without axes', () => {
  it('fills grayscale shapes from the right: YX, CYX, ZCYX, TZCYX', () => {
    expect(map([7])).toEqual({ shape: [1, 1, 1, 1, 7, 1], rgb: false });
    expect(map([16, 17])).toEqual({ shape: [1, 1, 1, 16, 17, 1], rgb: false });
    // Verified in tifffile: a 3-D uint8 stack becomes channels, not slices.
    expect(map([4, 16, 17])).toEqual({ shape: [1, 1, 4, 16, 17, 1], rgb: false });
    expect(map([5, 2, 16, 17], { dtype: 'uint16' })).toEqual({ shape: [1, 5, 2, 16, 17, 1], rgb: false });
    expect(map([51, 5, 2, 196, 171], { dtype: 'uint16' })).toEqual({ shape: [51, 5, 2, 196, 171, 1], rgb: false });
  });

  it('detects uint8 RGB from a last dimension of 3 or 4 (more than 2 dims)', () => {
    expect(map([196, 171, 3])).toEqual({ shape: [1, 1, 1, 196, 171, 3], rgb: true });
    expect(map([2, 16, 17, 3])).toEqual({ shape: [1, 1, 2, 16, 17, 3], rgb: true });
    expect(map([2, 3, 4, 16, 17, 4])).toEqual({ shape: [2, 3, 4, 16, 17, 4], rgb: true });
    // Two dims ending in 3 are a 16×3 image, not RGB.
    expect(map([16, 3])).toEqual({ shape: [1, 1, 1, 16, 3, 1], rgb: false });
  });

  it('never auto-detects RGB for other dtypes or colormapped data', () => {
    expect(map([196, 171, 3], { dtype: 'uint16' })).toEqual({ shape: [1, 1, 196, 171, 3, 1], rgb: false });
    expect(map([196, 171, 3], { dtype: 'float32' })).toEqual({ shape: [1, 1, 196, 171, 3, 1], rgb: false });
    expect(map([196, 171, 3], { colormapped: true })).toEqual({ shape: [1, 1, 196, 171, 3, 1], rgb: false });
  });

  it('lets an explicit photometric decide', () => {
    expect(map([196, 171, 3], { photometric: 'minisblack' })).toEqual({ shape: [1, 1, 196, 171, 3, 1], rgb: false });
    expect(map([196, 171, 3], { photometric: 'miniswhite' }).rgb).toBe(false);
    expect(map([196, 171, 3], { photometric: 'palette' }).rgb).toBe(false);
    // Explicit RGB wins over dtype; checkImagejData then rejects uint16 RGB.
    expect(map([256, 3], { photometric: 'rgb', dtype: 'uint16' })).toEqual({ shape: [1, 1, 1, 1, 256, 3], rgb: true });
  });

  it('treats a trailing 1 as the sample axis', () => {
    expect(map([5, 16, 17, 1])).toEqual({ shape: [1, 1, 5, 16, 17, 1], rgb: false });
    expect(map([2, 3, 4, 5, 6, 1])).toEqual({ shape: [2, 3, 4, 5, 6, 1], rgb: false });
    expect(map([1])).toEqual({ shape: [1, 1, 1, 1, 1, 1], rgb: false });
  });

  it('keeps zero-size dimensions', () => {
    expect(map([0, 0])).toEqual({ shape: [1, 1, 1, 0, 0, 1], rgb: false });
  });

  it('treats empty axes as no axes', () => {
    expect(map([4, 16, 17], { axes: '' })).toEqual({ shape: [1, 1, 4, 16, 17, 1], rgb: false });
  });

  it('rejects 0-D and 7-D shapes', () => {
    expectImageJError(() => map([]), 'INVALID_DATA', 'shape', /must be 1-6 dimensional, got shape \[\]/);
    expectImageJError(() => map([1, 1, 1, 1, 1, 1, 1]), 'INVALID_DATA', 'shape', /1-6 dimensional/);
  });

  it('rejects dimensions that are not non-negative integers', () => {
    expectImageJError(() => map([16, -1]), 'INVALID_DATA', 'shape', /non-negative integers/);
    expectImageJError(() => map([16, 1.5]), 'INVALID_DATA', 'shape', /non-negative integers/);
    expectImageJError(() => map('16' as unknown as number[]), 'INVALID_DATA', 'shape', /non-negative integers/);
  });

  it('rejects explicit RGB without 3 or 4 samples', () => {
    expectImageJError(() => map([16, 17, 2], { photometric: 'rgb' }), 'INVALID_DATA', 'shape', /not an RGB image/);
  });

  it('rejects 6-D grayscale whose last dimension is not 1', () => {
    expectImageJError(() => map([2, 3, 4, 5, 6, 7]), 'INVALID_DATA', 'shape', /not a grayscale ImageJ hyperstack/);
    expectImageJError(
      () => map([2, 3, 4, 5, 6, 3], { dtype: 'uint16' }),
      'INVALID_DATA',
      'shape',
      /not a grayscale ImageJ hyperstack/,
    );
  });
});

describe('imagejShape with axes', () => {
  it('places each axis and fills the missing ones with 1 (any case)', () => {
    expect(map([4, 32, 48], { axes: 'ZYX' })).toEqual({ shape: [1, 4, 1, 32, 48, 1], rgb: false });
    expect(map([3, 4, 32, 48], { axes: 'tzyx' })).toEqual({ shape: [3, 4, 1, 32, 48, 1], rgb: false });
    expect(map([2, 32, 48, 3], { axes: 'TYXS' })).toEqual({ shape: [2, 1, 1, 32, 48, 3], rgb: true });
    expect(map([5, 6], { axes: 'CX' })).toEqual({ shape: [1, 1, 5, 1, 6, 1], rgb: false });
  });

  it('lets S decide RGB, whatever the dtype (checkImagejData rejects non-uint8 RGB)', () => {
    expect(map([32, 48, 3], { axes: 'YXS', dtype: 'uint16' }).rgb).toBe(true);
    expect(map([32, 48, 3], { axes: 'YXS', colormapped: true }).rgb).toBe(true);
  });

  it('rejects axes of the wrong length', () => {
    expectImageJError(
      () => map([4, 32, 48], { axes: 'YX' }),
      'INVALID_OPTION',
      'metadata.axes',
      /"YX" does not match shape \[4, 32, 48\]|does not match shape/,
    );
    expectImageJError(
      () => map([4, 32], { axes: 7 as unknown as string }),
      'INVALID_OPTION',
      'metadata.axes',
      /one letter per dimension/,
    );
  });

  it('rejects axes out of TZCYXS order, repeated or unknown', () => {
    expectImageJError(
      () => map([4, 32, 48], { axes: 'YZX' }),
      'INVALID_OPTION',
      'metadata.axes',
      /subsequence of TZCYXS/,
    );
    expectImageJError(
      () => map([4, 32, 48], { axes: 'ZZX' }),
      'INVALID_OPTION',
      'metadata.axes',
      /each letter at most once/,
    );
    expectImageJError(() => map([4, 32, 48], { axes: 'QYX' }), 'INVALID_OPTION', 'metadata.axes', /subsequence/);
  });

  it('rejects a sample count other than 1, 3 or 4', () => {
    expectImageJError(() => map([32, 48, 2], { axes: 'YXS' }), 'INVALID_DATA', 'shape', /1, 3 or 4 samples.*got 2/);
  });

  it('rejects a photometric that contradicts the S axis', () => {
    expectImageJError(
      () => map([4, 32, 48], { axes: 'ZYX', photometric: 'rgb' }),
      'INVALID_DATA',
      'shape',
      /needs an S axis/,
    );
    expectImageJError(
      () => map([32, 48, 3], { axes: 'YXS', photometric: 'minisblack' }),
      'INVALID_OPTION',
      'photometric',
      /'minisblack' cannot be used with 3 samples/,
    );
  });
});
