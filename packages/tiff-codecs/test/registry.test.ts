import { DTypes } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import {
  codecs,
  defaultRowsPerStrip,
  getCodec,
  hasCodec,
  isLazyCodec,
  LAZY_CODECS,
  loadCodec,
  noneCodec,
  rowByteLength,
} from '../src/index.js';

describe('codec registry', () => {
  it('holds the built-in encoders, keyed by their codes', () => {
    expect([...codecs.keys()].sort((a, b) => a - b)).toEqual([1, 5, 7, 8, 32773, 32946, 50013]);
    for (const [code, codec] of codecs) {
      expect(codec.code).toBe(code);
      expect(hasCodec(code)).toBe(true);
      expect(isLazyCodec(code)).toBe(false);
      expect(getCodec(code)).toBe(codec);
    }
  });

  it('lists the codecs loaded on demand', () => {
    expect([...LAZY_CODECS.keys()].sort((a, b) => a - b)).toEqual([
      34712, 34925, 34926, 34927, 34933, 50000, 50001, 50002, 52546,
    ]);
    for (const [code, entry] of LAZY_CODECS) {
      expect(entry.code).toBe(code);
      expect(hasCodec(code)).toBe(true);
      expect(isLazyCodec(code)).toBe(true);
    }
  });

  it('getCodec tells to await loadCodec for a codec not loaded yet, then returns the loaded one', async () => {
    expect(() => getCodec(34925)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', option: 'compression' }));
    expect(() => getCodec(34925)).toThrow(
      'compression LZMA (34925) is loaded on demand: await loadCodec(34925) before getCodec(34925)',
    );
    const [a, b] = await Promise.all([loadCodec(34925), loadCodec(34925)]);
    expect(a).toBe(b);
    expect(getCodec(34925)).toBe(a);
    expect(a.code).toBe(34925);
    expect(a.name).toBe('LZMA');
  });

  it('loadCodec resolves built-in codecs at once', async () => {
    expect(await loadCodec(8)).toBe(codecs.get(8));
  });

  it.each([
    [34887, /LERC \(34887\)/],
    [2, /CCITTRLE \(2\)/],
    [99999, /compression 99999 /],
  ])('refuses %s with UNSUPPORTED naming the code', async (code, message) => {
    expect(hasCodec(code)).toBe(false);
    expect(() => getCodec(code)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', option: 'compression' }));
    expect(() => getCodec(code)).toThrow(message);
    expect(() => getCodec(code)).toThrow(
      /it can write NONE \(1\), LZW \(5\), JPEG \(7\), ADOBE_DEFLATE \(8\).*ZSTD \(50000\).*LZMA \(34925\)/,
    );
    await expect(loadCodec(code)).rejects.toThrow(message);
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
