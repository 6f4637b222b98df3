import { describe, expect, it } from 'vitest';
import { encodeHeader, encodeOffset, nativeByteOrder, parseByteOrder, tiffFormat } from '../src/index.js';
import { expectTiffError, u8 } from './helpers.js';

describe('tiffFormat', () => {
  it('classic little-endian', () => {
    expect(tiffFormat(false, '<')).toEqual({
      bigtiff: false,
      byteOrder: '<',
      littleEndian: true,
      offsetSize: 4,
      entrySize: 12,
      entryCountSize: 2,
      headerSize: 8,
      firstIfdFieldOffset: 4,
      maxOffset: 0xffff_ffff,
    });
  });

  it('classic big-endian', () => {
    expect(tiffFormat(false, '>')).toEqual({
      bigtiff: false,
      byteOrder: '>',
      littleEndian: false,
      offsetSize: 4,
      entrySize: 12,
      entryCountSize: 2,
      headerSize: 8,
      firstIfdFieldOffset: 4,
      maxOffset: 0xffff_ffff,
    });
  });

  it('BigTIFF little-endian', () => {
    expect(tiffFormat(true, '<')).toEqual({
      bigtiff: true,
      byteOrder: '<',
      littleEndian: true,
      offsetSize: 8,
      entrySize: 20,
      entryCountSize: 8,
      headerSize: 16,
      firstIfdFieldOffset: 8,
      maxOffset: Number.MAX_SAFE_INTEGER,
    });
  });

  it('BigTIFF big-endian', () => {
    expect(tiffFormat(true, '>')).toEqual({
      bigtiff: true,
      byteOrder: '>',
      littleEndian: false,
      offsetSize: 8,
      entrySize: 20,
      entryCountSize: 8,
      headerSize: 16,
      firstIfdFieldOffset: 8,
      maxOffset: Number.MAX_SAFE_INTEGER,
    });
  });

  it('returns the same frozen object every time', () => {
    for (const bigtiff of [false, true]) {
      for (const order of ['<', '>'] as const) {
        const format = tiffFormat(bigtiff, order);
        expect(tiffFormat(bigtiff, order)).toBe(format);
        expect(Object.isFrozen(format)).toBe(true);
      }
    }
    expect(tiffFormat(false, '<')).not.toBe(tiffFormat(false, '>'));
    expect(tiffFormat(false, '<')).not.toBe(tiffFormat(true, '<'));
  });

  it('refuses other byte orders', () => {
    for (const order of ['=', '|', 'II', '', undefined]) {
      const error = expectTiffError(() => tiffFormat(false, order as '<'), 'INVALID_OPTION');
      expect(error.option).toBe('byteorder');
    }
  });
});

describe('encodeHeader', () => {
  it('classic little-endian: II*\\0 and a 32-bit offset', () => {
    expect(encodeHeader(tiffFormat(false, '<'), 8)).toEqual(u8(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0));
    expect(encodeHeader(tiffFormat(false, '<'), 0x12345678)).toEqual(u8(0x49, 0x49, 42, 0, 0x78, 0x56, 0x34, 0x12));
  });

  it('classic big-endian: MM\\0* and a 32-bit offset', () => {
    expect(encodeHeader(tiffFormat(false, '>'), 8)).toEqual(u8(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8));
    expect(encodeHeader(tiffFormat(false, '>'), 0xfffffffe)).toEqual(u8(0x4d, 0x4d, 0, 42, 0xff, 0xff, 0xff, 0xfe));
  });

  it('BigTIFF little-endian: II+\\0, 8, 0 and a 64-bit offset', () => {
    expect(encodeHeader(tiffFormat(true, '<'), 16)).toEqual(u8(0x49, 0x49, 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0));
    expect(encodeHeader(tiffFormat(true, '<'), 2 ** 40 + 2)).toEqual(
      u8(0x49, 0x49, 43, 0, 8, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0, 0),
    );
  });

  it('BigTIFF big-endian: MM\\0+, 8, 0 and a 64-bit offset', () => {
    expect(encodeHeader(tiffFormat(true, '>'), 16)).toEqual(u8(0x4d, 0x4d, 0, 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16));
    expect(encodeHeader(tiffFormat(true, '>'), Number.MAX_SAFE_INTEGER)).toEqual(
      u8(0x4d, 0x4d, 0, 43, 0, 8, 0, 0, 0, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
    );
  });

  it('defaults the first IFD offset to 0', () => {
    expect(encodeHeader(tiffFormat(false, '<'))).toEqual(u8(0x49, 0x49, 42, 0, 0, 0, 0, 0));
    expect(encodeHeader(tiffFormat(true, '>'))).toEqual(u8(0x4d, 0x4d, 0, 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  });

  it('refuses offsets the header cannot hold', () => {
    expectTiffError(() => encodeHeader(tiffFormat(false, '<'), 2 ** 32), 'TOO_LARGE');
    expectTiffError(() => encodeHeader(tiffFormat(false, '<'), -8), 'INVALID_DATA');
    expectTiffError(() => encodeHeader(tiffFormat(true, '<'), 8.5), 'INVALID_DATA');
  });
});

describe('encodeOffset', () => {
  it('4 bytes in classic, 8 in BigTIFF, in the byte order', () => {
    expect(encodeOffset(tiffFormat(false, '<'), 0x01020304)).toEqual(u8(4, 3, 2, 1));
    expect(encodeOffset(tiffFormat(false, '>'), 0x01020304)).toEqual(u8(1, 2, 3, 4));
    expect(encodeOffset(tiffFormat(false, '>'), 0xffffffff)).toEqual(u8(0xff, 0xff, 0xff, 0xff));
    expect(encodeOffset(tiffFormat(true, '<'), 0x0102030405)).toEqual(u8(5, 4, 3, 2, 1, 0, 0, 0));
    expect(encodeOffset(tiffFormat(true, '>'), 0x0102030405)).toEqual(u8(0, 0, 0, 1, 2, 3, 4, 5));
    expect(encodeOffset(tiffFormat(true, '>'), 0)).toEqual(new Uint8Array(8));
  });

  it('refuses values that would wrap instead of silently truncating them', () => {
    expectTiffError(() => encodeOffset(tiffFormat(false, '<'), 2 ** 32), 'TOO_LARGE');
    expectTiffError(() => encodeOffset(tiffFormat(false, '>'), 2 ** 32 + 8), 'TOO_LARGE');
    expectTiffError(() => encodeOffset(tiffFormat(false, '<'), -1), 'INVALID_DATA');
    expectTiffError(() => encodeOffset(tiffFormat(true, '<'), -1), 'INVALID_DATA');
    expectTiffError(() => encodeOffset(tiffFormat(true, '<'), 2 ** 53), 'INVALID_DATA');
    expectTiffError(() => encodeOffset(tiffFormat(true, '>'), 1.5), 'INVALID_DATA');
    expectTiffError(() => encodeOffset(tiffFormat(true, '>'), Number.NaN), 'INVALID_DATA');
  });
});

describe('parseByteOrder', () => {
  it('passes < and > through', () => {
    expect(parseByteOrder('<')).toBe('<');
    expect(parseByteOrder('>')).toBe('>');
  });

  it('=, |, null and undefined mean native', () => {
    const native = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? '<' : '>';
    expect(nativeByteOrder).toBe(native);
    expect(parseByteOrder('=')).toBe(native);
    expect(parseByteOrder('|')).toBe(native);
    expect(parseByteOrder(undefined)).toBe(native);
    expect(parseByteOrder(null)).toBe(native);
  });

  it('refuses anything else, naming the option', () => {
    for (const value of ['II', 'MM', 'little', '', '<<', 0, true]) {
      const error = expectTiffError(() => parseByteOrder(value), 'INVALID_OPTION');
      expect(error.option).toBe('byteorder');
    }
    const error = expectTiffError(() => parseByteOrder('big', 'byteOrder'), 'INVALID_OPTION');
    expect(error.option).toBe('byteOrder');
    expect(error.message).toContain('byteOrder="big" is invalid');
  });
});
