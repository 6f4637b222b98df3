import { describe, expect, it } from 'vitest';
import { swapBytesInPlace, swappedCopy } from '../src/index.js';
import { u8 } from './helpers.js';

/** 0, 1, 2, ... n-1 */
function ramp(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i);
}

/** The expected result, computed the slow way. */
function reversedGroups(bytes: Uint8Array, unit: number): number[] {
  const out = Array.from(bytes);
  const whole = bytes.length - (bytes.length % unit);
  for (let i = 0; i < whole; i += unit) {
    const group = out.slice(i, i + unit).reverse();
    out.splice(i, unit, ...group);
  }
  return out;
}

describe('swapBytesInPlace', () => {
  it('unit 1 leaves the bytes alone', () => {
    const bytes = ramp(5);
    swapBytesInPlace(bytes, 1);
    expect(bytes).toEqual(u8(0, 1, 2, 3, 4));
  });

  it('unit 2', () => {
    const bytes = u8(0x12, 0x34, 0x56, 0x78);
    swapBytesInPlace(bytes, 2);
    expect(bytes).toEqual(u8(0x34, 0x12, 0x78, 0x56));
  });

  it('unit 2 leaves a trailing odd byte alone', () => {
    const bytes = u8(1, 2, 3, 4, 5);
    swapBytesInPlace(bytes, 2);
    expect(bytes).toEqual(u8(2, 1, 4, 3, 5));
  });

  it('unit 4, aligned', () => {
    const bytes = u8(0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0);
    expect(bytes.byteOffset % 4).toBe(0);
    swapBytesInPlace(bytes, 4);
    expect(bytes).toEqual(u8(0x78, 0x56, 0x34, 0x12, 0xf0, 0xde, 0xbc, 0x9a));
  });

  it('unit 4 matches a Uint32 read in the other byte order', () => {
    const values = [0x01020304, 0xdeadbeef, 0x80000001, 0xffffffff, 0];
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => {
      view.setUint32(i * 4, v, true);
    });
    swapBytesInPlace(bytes, 4);
    expect(values.map((_, i) => view.getUint32(i * 4, false))).toEqual(values);
  });

  it('unit 4, unaligned byteOffset', () => {
    for (const start of [1, 2, 3]) {
      const buffer = ramp(3 + 12 + 3);
      const bytes = buffer.subarray(start, start + 12);
      expect(bytes.byteOffset % 4).not.toBe(0);
      const expected = reversedGroups(bytes, 4);
      swapBytesInPlace(bytes, 4);
      expect(Array.from(bytes)).toEqual(expected);
      // Nothing outside the view is touched.
      expect(Array.from(buffer.subarray(0, start))).toEqual(Array.from(ramp(start)));
      expect(buffer[start + 12]).toBe(start + 12);
    }
  });

  it('unit 4, aligned view into a larger buffer, with a partial trailing group', () => {
    const buffer = ramp(20);
    const bytes = buffer.subarray(4, 15); // 11 bytes: two groups and 3 leftovers
    swapBytesInPlace(bytes, 4);
    expect(Array.from(buffer)).toEqual([0, 1, 2, 3, 7, 6, 5, 4, 11, 10, 9, 8, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('unit 8', () => {
    const bytes = ramp(17);
    swapBytesInPlace(bytes, 8);
    expect(Array.from(bytes)).toEqual([7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8, 16]);
  });

  it('unit 8 matches a Float64 read in the other byte order', () => {
    const values = [Math.PI, -1e300, 5e-324];
    const bytes = new Uint8Array(24);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => {
      view.setFloat64(i * 8, v, false);
    });
    swapBytesInPlace(bytes, 8);
    expect(values.map((_, i) => view.getFloat64(i * 8, true))).toEqual(values);
  });

  it('unit 8, unaligned', () => {
    const buffer = ramp(19);
    const bytes = buffer.subarray(3, 19);
    const expected = reversedGroups(bytes, 8);
    swapBytesInPlace(bytes, 8);
    expect(Array.from(bytes)).toEqual(expected);
  });

  it('an empty array is fine', () => {
    for (const unit of [1, 2, 4, 8]) {
      const bytes = new Uint8Array(0);
      swapBytesInPlace(bytes, unit);
      expect(bytes.length).toBe(0);
    }
  });
});

describe('swappedCopy', () => {
  it('returns swapped bytes and leaves the input untouched', () => {
    for (const unit of [1, 2, 4, 8]) {
      const input = ramp(16);
      const copy = swappedCopy(input, unit);
      expect(Array.from(copy)).toEqual(reversedGroups(ramp(16), unit));
      expect(input).toEqual(ramp(16));
      expect(copy.buffer).not.toBe(input.buffer);
    }
  });

  it('copies only the view of a subarray', () => {
    const buffer = ramp(10);
    const copy = swappedCopy(buffer.subarray(1, 5), 2);
    expect(copy).toEqual(u8(2, 1, 4, 3));
    expect(copy.byteOffset).toBe(0);
    expect(buffer).toEqual(ramp(10));
  });
});
