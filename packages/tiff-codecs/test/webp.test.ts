import { DTypes } from '@tiffkit/tiff-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Codec, checkCodecInput, loadCodec, validateCompressionArgs, webpSettings } from '../src/index.js';
import { expectBytes } from './helpers/bytes.js';
import { available, tempDir } from './helpers/interop.js';
import { photo } from './helpers/photo.js';
import { decodeWithPillow } from './helpers/pillow.js';
import { psnr } from './helpers/psnr.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const layout = (width: number, rows: number, samples: number) => ({
  width,
  rows,
  samples,
  dtype: DTypes.uint8,
  byteOrder: '<' as const,
});

describe('webpSettings', () => {
  it('defaults to lossy quality 75, method 4, as libwebp', () => {
    expect(webpSettings({})).toEqual({ quality: 75, lossless: false, method: 4 });
    expect(webpSettings({ level: 90.5, lossless: true, method: 6 })).toEqual({
      quality: 90.5,
      lossless: true,
      method: 6,
    });
  });

  it.each([
    [
      { level: 101 },
      'compressionArgs.level',
      /compressionArgs\.level=101 is invalid: expected a WebP quality, a number from 0 to 100/,
    ],
    [{ level: '90' }, 'compressionArgs.level', /compressionArgs\.level="90"/],
    [
      { lossless: 1 },
      'compressionArgs.lossless',
      /compressionArgs\.lossless=1 is invalid: expected true \(lossless WebP\) or false/,
    ],
    [
      { method: 7 },
      'compressionArgs.method',
      /compressionArgs\.method=7 is invalid: expected an integer from 0 \(fastest\) to 6/,
    ],
  ])('refuses %o naming the key', (args, option, message) => {
    expect(() => validateCompressionArgs(50001, args as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option }),
    );
    expect(() => validateCompressionArgs(50001, args as never)).toThrow(message);
  });
});

describe('WebP input rules (tifffile: uint8 RGB(A) only)', () => {
  it('takes uint8 with 3 or 4 contiguous samples', () => {
    for (const samples of [3, 4]) expect(() => checkCodecInput(50001, { dtype: DTypes.uint8, samples })).not.toThrow();
  });

  it.each([
    [DTypes.uint8, 1, /needs uint8 RGB or RGBA \(3 or 4 contiguous samples\), not uint8 with 1 sample per pixel/],
    [DTypes.uint16, 3, /not uint16 with 3 samples/],
    [DTypes.bool, 1, /bilevel \(bool\) data cannot be compressed with WEBP/],
  ])('refuses %s × %i as UNSUPPORTED', (dtype, samples, message) => {
    expect(() => checkCodecInput(50001, { dtype, samples })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(() => checkCodecInput(50001, { dtype, samples })).toThrow(message);
  });

  it('refuses segments over 16383 pixels on a side', () => {
    expect(() => checkCodecInput(50001, { dtype: DTypes.uint8, samples: 3, width: 16384, rows: 8 })).toThrow(
      expect.objectContaining({ code: 'INCOMPATIBLE_OPTIONS', option: 'tile' }),
    );
    expect(() => checkCodecInput(50001, { dtype: DTypes.uint8, samples: 3, width: 100, rows: 20000 })).toThrow(
      expect.objectContaining({ code: 'INCOMPATIBLE_OPTIONS', option: 'rowsPerStrip' }),
    );
  });
});

describe('WEBP codec', () => {
  let codec: Codec;
  beforeAll(async () => {
    codec = await loadCodec(50001);
  });
  const rgb = photo(96, 64, 3);
  const rgba = photo(96, 64, 4, 8);
  // Some fully transparent pixels: lossless WebP must keep their colour too.
  for (let i = 3; i < rgba.length; i += 4 * 7) rgba[i] = 0;

  it('writes a RIFF WEBP image: VP8L when lossless, VP8 when lossy', () => {
    const lossless = codec.encode(rgb, layout(96, 64, 3), { lossless: true });
    expect(ascii(lossless, 0, 4)).toBe('RIFF');
    expect(ascii(lossless, 8, 16)).toBe('WEBPVP8L');
    expect(new DataView(lossless.buffer).getUint32(4, true)).toBe(lossless.length - 8);
    const lossy = codec.encode(rgb, layout(96, 64, 3), { level: 80 });
    expect(ascii(lossy, 8, 16)).toBe('WEBPVP8 ');
    expect(lossy.length).toBeLessThan(lossless.length);
  });

  it('refuses data it cannot take when encoding too', () => {
    expect(() => codec.encode(new Uint8Array(16), layout(4, 4, 1), {})).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED' }),
    );
  });

  it('serves WEBP_DEPRECATED (34927) with the same stream', async () => {
    const old = await loadCodec(34927);
    expect(old.encode(rgb, layout(96, 64, 3), { lossless: true })).toEqual(
      codec.encode(rgb, layout(96, 64, 3), { lossless: true }),
    );
  });

  describe.skipIf(!available('pillow'))('decoded by Pillow', () => {
    it('lossless RGB and RGBA (transparent pixels included): bit-exact', () => {
      const encoded = [
        codec.encode(rgb, layout(96, 64, 3), { lossless: true }),
        codec.encode(rgba, layout(96, 64, 4), { lossless: true, level: 100, method: 6 }),
        codec.encode(rgb.subarray(0, 17 * 5 * 3), layout(17, 5, 3), { lossless: true }),
      ];
      const [a, b, c] = decodeWithPillow(encoded, dir, 'lossless', 'webp');
      expect({ mode: a?.mode, width: a?.width, height: a?.height }).toEqual({ mode: 'RGB', width: 96, height: 64 });
      expectBytes(a?.bytes as Uint8Array, rgb, 'RGB');
      expect(b?.mode).toBe('RGBA');
      expectBytes(b?.bytes as Uint8Array, rgba, 'RGBA');
      expectBytes(c?.bytes as Uint8Array, rgb.subarray(0, 17 * 5 * 3), 'odd size');
    });

    it('lossy: close to the input, closer at higher quality', () => {
      const encoded = [30, 90].map((level) => codec.encode(rgb, layout(96, 64, 3), { level }));
      const [low, high] = decodeWithPillow(encoded, dir, 'lossy', 'webp').map((image) => psnr(image.bytes, rgb));
      expect(low).toBeGreaterThan(25);
      expect(high).toBeGreaterThan(low as number);
      expect(high).toBeGreaterThan(35);
    });
  });
});
