import { DTypes } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { codecs, defaultRowsPerStrip, getCodec, hasCodec, noneCodec, rowByteLength } from '../src/index.js';

describe('codec registry', () => {
  it('holds the encoders, keyed by their codes', () => {
    expect([...codecs.keys()].sort((a, b) => a - b)).toEqual([1, 5, 7, 8, 32773, 32946, 50013]);
    for (const [code, codec] of codecs) {
      expect(codec.code).toBe(code);
      expect(hasCodec(code)).toBe(true);
      expect(getCodec(code)).toBe(codec);
    }
  });

  it.each([
    [34925, /LZMA \(34925\)/],
    [50000, /ZSTD \(50000\)/],
    [2, /CCITTRLE \(2\)/],
    [99999, /compression 99999 /],
  ])('refuses %s with UNSUPPORTED naming the code', (code, message) => {
    expect(hasCodec(code)).toBe(false);
    expect(() => getCodec(code)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', option: 'compression' }));
    expect(() => getCodec(code)).toThrow(message);
    expect(() => getCodec(code)).toThrow(/it can write NONE \(1\), LZW \(5\), JPEG \(7\), ADOBE_DEFLATE \(8\)/);
  });

  it('NONE returns a copy the caller owns', () => {
    const data = Uint8Array.of(1, 2, 3);
    const layout = { width: 3, rows: 1, samples: 1, dtype: DTypes.uint8, byteOrder: '<' as const };
    const out = noneCodec.encode(data, layout, {});
    expect(out).toEqual(data);
    expect(out.buffer).not.toBe(data.buffer);
  });
});

describe('rowByteLength', () => {
  it('counts bit-packed bool rows and whole samples otherwise', () => {
    expect(rowByteLength({ width: 10, rows: 1, samples: 1, dtype: DTypes.bool, byteOrder: '<' })).toBe(2);
    expect(rowByteLength({ width: 10, rows: 1, samples: 3, dtype: DTypes.uint16, byteOrder: '<' })).toBe(60);
  });
});

describe('defaultRowsPerStrip', () => {
  it('follows tifffile: 256 KiB strips when compressed, one strip when not', () => {
    expect(defaultRowsPerStrip(602, true, 219)).toBe(219); // 262144 // 602 = 435 > 219 rows
    expect(defaultRowsPerStrip(4096, true, 2048)).toBe(64);
    expect(defaultRowsPerStrip(3000, true, 2048)).toBe(87);
    expect(defaultRowsPerStrip(1_000_000, true, 10)).toBe(1);
    expect(defaultRowsPerStrip(4096, false, 2048)).toBe(2048);
    expect(defaultRowsPerStrip(0, true, 5)).toBe(5);
  });
});
