import { DTypes } from '@tiffkit/tiff-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Codec, loadCodec, lzmaPreset } from '../src/index.js';
import { xzBound } from '../src/lzma/xz.js';
import { expectBytes } from './helpers/bytes.js';
import { pythonUnxz, unxz } from './helpers/decode-cli.js';
import { sampleImage } from './helpers/images.js';
import { available } from './helpers/interop.js';
import { randomBytes } from './helpers/random.js';

const layout = { width: 512, rows: 32, samples: 1, dtype: DTypes.uint16, byteOrder: '<' as const };
const image = sampleImage(DTypes.uint16, 512 * 32, '<', 9, 512);

/** A 4 MiB smooth uint16 ramp with a little noise: what "really compresses" is measured on. */
function smooth(): Uint8Array {
  const values = new Uint16Array(2 << 20);
  let seed = 1;
  for (let i = 0; i < values.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    values[i] = 1000 + Math.round(800 * Math.sin((i % 1024) / 97)) + ((seed >>> 16) & 3);
  }
  return new Uint8Array(values.buffer);
}

describe('lzmaPreset', () => {
  it('defaults to 6 and keeps 0–7', () => {
    expect(lzmaPreset(undefined)).toBe(6);
    expect(lzmaPreset(null)).toBe(6);
    for (let p = 0; p <= 7; p++) expect(lzmaPreset(p)).toBe(p);
  });

  it.each([8, 9, -1, 2.5, '6'])('refuses %s naming compressionArgs.level and the reason', (level) => {
    expect(() => lzmaPreset(level)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'compressionArgs.level' }),
    );
    expect(() => lzmaPreset(level)).toThrow(
      /an LZMA preset, an integer from 0 \(fastest\) to 7.*presets 8 and 9 need more memory/,
    );
  });
});

describe('LZMA codec', () => {
  let codec: Codec;
  beforeAll(async () => {
    codec = await loadCodec(34925);
  });

  it('writes the .xz container: stream header magic, footer magic, CRC64 check', () => {
    const out = codec.encode(image, layout, {});
    expect([...out.subarray(0, 6)]).toEqual([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
    expect([...out.subarray(6, 8)]).toEqual([0x00, 0x04]); // stream flags: check type 4 = CRC64
    expect([...out.subarray(out.length - 2)]).toEqual([0x59, 0x5a]); // 'YZ'
    expect(out.length % 4).toBe(0);
  });

  it('really compresses: a 4 MiB smooth image to under a third', () => {
    const data = smooth();
    const out = codec.encode(data, { ...layout, width: 1024, rows: 2048 }, { level: 1 });
    expect(out.length).toBeLessThan(data.length / 3);
  });

  it('keeps incompressible data within xzBound', () => {
    const data = randomBytes(200_000, 5);
    const out = codec.encode(data, layout, { level: 0 });
    expect(out.length).toBeGreaterThan(data.length);
    expect(out.length).toBeLessThanOrEqual(xzBound(data.length));
  });

  it('does not modify its input', () => {
    const copy = image.slice();
    codec.encode(image, layout, { level: 2 });
    expect(image).toEqual(copy);
  });

  it('refuses presets 8 and 9 when encoding too', () => {
    expect(() => codec.encode(image, layout, { level: 9 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });

  describe.skipIf(!available('pythonLzma'))("decoded by Python's lzma (FORMAT_XZ)", () => {
    it.each([0, 1, 3, 6, 7])('preset %i: bit-exact', (level) => {
      expectBytes(pythonUnxz(codec.encode(image, layout, { level })), image, `preset ${level}`);
    });

    it('empty, one-byte, incompressible and 4 MiB segments', () => {
      for (const data of [new Uint8Array(0), Uint8Array.of(42), randomBytes(300_000, 3), smooth()]) {
        expectBytes(pythonUnxz(codec.encode(data, layout, { level: 1 })), data, `${data.length} bytes`);
      }
    });
  });

  describe.skipIf(!available('xz'))('decoded and its check verified by xz', () => {
    it('default preset', () => {
      expectBytes(unxz(codec.encode(image, layout, {})), image);
    });
  });
});
