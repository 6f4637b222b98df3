import { type ByteOrder, type DType, DTypes } from '@tiffkit/tiff-core';
import { halfToNumber, numberToHalf } from '@tiffkit/tiff-core/float16.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Codec, checkCodecInput, jpegXlSettings, loadCodec, validateCompressionArgs } from '../src/index.js';
import { BitWriter } from '../src/jpegxl/bits.js';
import { hybridToken } from '../src/jpegxl/entropy.js';
import { canonicalCode, huffmanLengths } from '../src/jpegxl/prefix.js';
import { djxl, djxlFloat, djxlSuffix } from './helpers/djxl.js';
import { segmentLayout as layout } from './helpers/images.js';
import { available, tempDir } from './helpers/interop.js';
import { photo } from './helpers/photo.js';
import { seeded } from './helpers/random.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('JPEG XL building blocks', () => {
  it('writes bits least significant first, across bytes and above 24 bits', () => {
    const w = new BitWriter();
    w.write(3, 0b101);
    w.write(7, 0b1100110);
    w.write(30, 0x2aaaaaaa);
    expect(w.bitLength).toBe(40);
    // 101 | 1100110 | then 30 bits of 0x2aaaaaaa: byte 0 = 0b00110_101, …
    expect([...w.finish()]).toEqual([0x35, 0xab, 0xaa, 0xaa, 0xaa]);
  });

  it('hybrid tokens: values below 16 are their own token, then exponent and one more bit', () => {
    expect([0, 15, 16, 23, 24, 31, 32, 2 ** 32 - 1].map(hybridToken)).toEqual([0, 15, 16, 16, 17, 17, 18, 71]);
  });

  it('Huffman lengths respect the limit and stay complete (Kraft sum 1)', () => {
    const counts = Array.from({ length: 40 }, (_, i) => 2 ** Math.min(i, 30));
    const lengths = huffmanLengths(counts, 15);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(15);
    expect(lengths.reduce((sum, l) => sum + 2 ** -l, 0)).toBeCloseTo(1, 12);
  });

  it('canonical codes are prefix-free, assigned shortest first and by symbol, bit-reversed', () => {
    const { codes } = canonicalCode(Uint8Array.of(2, 1, 3, 3));
    // Canonical: symbol 1 → 0, symbol 0 → 10, symbol 2 → 110, symbol 3 → 111 (then reversed for LSB-first).
    expect([...codes]).toEqual([0b01, 0b0, 0b011, 0b111]);
  });
});

describe('jpegXlSettings (imagecodecs: lossless unless a quality or distance is given)', () => {
  it('accepts the lossless settings', () => {
    expect(jpegXlSettings({})).toEqual({ container: false });
    expect(jpegXlSettings({ level: 101, effort: 9, decodingspeed: 4, usecontainer: true })).toEqual({
      container: true,
      effort: 9,
    });
    expect(jpegXlSettings({ lossless: true, distance: 1 })).toEqual({ container: false });
  });

  it.each([
    [{ level: 90 }, 1],
    [{ level: 20 }, (53 / 3000) * 400 - (23 / 20) * 20 + 25],
    [{ distance: 1.5 }, 1.5],
    [{ lossless: false }, 1],
    [{ lossless: false, level: 50 }, 0.1 + 50 * 0.09],
  ])('reads lossy %o as distance %f (libjxl: quality → distance)', (args, distance) => {
    expect(jpegXlSettings(args).distance).toBeCloseTo(distance, 12);
    expect(() => validateCompressionArgs(50002, args)).not.toThrow();
  });

  it('refuses lossy settings for float data as UNSUPPORTED, before encoding', () => {
    expect(() => checkCodecInput(50002, { dtype: DTypes.float32, samples: 1, args: { level: 90 } })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', option: 'compressionArgs' }),
    );
    expect(() => checkCodecInput(50002, { dtype: DTypes.float16, samples: 3, args: { distance: 1 } })).toThrow(
      /lossy JPEGXL .* needs uint8 or uint16 data, not float16/,
    );
    expect(() => checkCodecInput(50002, { dtype: DTypes.float32, samples: 1, args: { effort: 9 } })).not.toThrow();
  });

  it.each([
    [{ effort: 11 }, 'compressionArgs.effort', /an integer from 1 to 10/],
    [{ decodingspeed: 1.5 }, 'compressionArgs.decodingspeed', /an integer from 0 to 4/],
    [{ distance: 30 }, 'compressionArgs.distance', /from 0 to 25/],
    [{ lossless: 'yes' }, 'compressionArgs.lossless', /true \(the default\) or false/],
    [{ usecontainer: 1 }, 'compressionArgs.usecontainer', /true \(ISO BMFF container\)/],
    [{ quality: 90 }, 'compressionArgs.quality', /JPEGXL takes 'level', 'effort', 'distance'/],
  ])('refuses %o naming the key', (args, option, message) => {
    expect(() => validateCompressionArgs(50002, args)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option }),
    );
    expect(() => validateCompressionArgs(50002, args)).toThrow(message);
  });
});

describe('JPEG XL input rules', () => {
  it('takes uint8, uint16, float16 and float32 with 1–4 samples', () => {
    for (const dtype of [DTypes.uint8, DTypes.uint16, DTypes.float16, DTypes.float32]) {
      for (const samples of [1, 2, 3, 4]) expect(() => checkCodecInput(50002, { dtype, samples })).not.toThrow();
    }
  });

  it.each([
    [DTypes.int16, 1, /not int16 with 1/],
    [DTypes.uint32, 1, /not uint32 with 1/],
    [DTypes.float64, 1, /not float64 with 1/],
    [DTypes.uint8, 5, /not uint8 with 5/],
    [DTypes.bool, 1, /bilevel \(bool\) data cannot be compressed with JPEGXL/],
  ])('refuses %s × %i as UNSUPPORTED', (dtype, samples, message) => {
    expect(() => checkCodecInput(50002, { dtype, samples })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(() => checkCodecInput(50002, { dtype, samples })).toThrow(message);
  });
});

/** Segment bytes in `order` and the values they hold (floats as numbers); floats in [0, 1) when `unit`. */
function segment(dtype: DType, count: number, order: ByteOrder, seed: number, unit = false) {
  const next = seeded(seed);
  const bytes = new Uint8Array(count * dtype.itemSize);
  const view = new DataView(bytes.buffer);
  const values: number[] = [];
  const little = order === '<';
  for (let i = 0; i < count; i++) {
    // Smooth with noise, and a few extremes, so both the predictor and the raw bits are exercised.
    const r = i % 97 === 0 ? (i % 2) * 0.9999 : 0.5 + 0.4 * Math.sin(i / 29) * Math.cos(i / 301) + 0.09 * next();
    if (dtype.name === 'uint8') view.setUint8(i, Math.floor(r * 256));
    else if (dtype.name === 'uint16') view.setUint16(2 * i, Math.floor(r * 65536), little);
    else if (dtype.name === 'float16') view.setUint16(2 * i, numberToHalf(unit ? r : (r - 0.3) * 1e4), little);
    else view.setFloat32(4 * i, unit ? r : (r - 0.3) * 1e6, little);
    values.push(
      dtype.name === 'uint8'
        ? view.getUint8(i)
        : dtype.name === 'uint16'
          ? view.getUint16(2 * i, little)
          : dtype.name === 'float16'
            ? halfToNumber(view.getUint16(2 * i, little))
            : view.getFloat32(4 * i, little),
    );
  }
  return { bytes, values };
}

describe('JPEGXL codec', () => {
  let codec: Codec;
  beforeAll(async () => {
    codec = await loadCodec(50002);
  });

  it('writes a bare codestream (FF 0A), or the ISO BMFF container with usecontainer', () => {
    const { bytes } = segment(DTypes.uint8, 16 * 8, '<', 1);
    const bare = codec.encode(bytes, layout(16, 8, 1, DTypes.uint8, '<'), {});
    expect([...bare.subarray(0, 2)]).toEqual([0xff, 0x0a]);
    const boxed = codec.encode(bytes, layout(16, 8, 1, DTypes.uint8, '<'), { usecontainer: true });
    expect(String.fromCharCode(...boxed.subarray(4, 8), ...boxed.subarray(16, 20), ...boxed.subarray(36, 40))).toBe(
      'JXL ftypjxlc',
    );
    expect(boxed.subarray(40)).toEqual(bare);
  });

  it('serves JPEGXL_DNG (52546) with the same bare codestream', async () => {
    const dng = await loadCodec(52546);
    const { bytes } = segment(DTypes.uint16, 24 * 5, '<', 3);
    expect([dng.code, dng.name]).toEqual([52546, 'JPEGXL_DNG']);
    expect(dng.encode(bytes, layout(24, 5, 1, DTypes.uint16, '<'), {})).toEqual(
      codec.encode(bytes, layout(24, 5, 1, DTypes.uint16, '<'), {}),
    );
  });

  it('the same segment in either byte order gives the same codestream', () => {
    const little = segment(DTypes.uint16, 40 * 9 * 3, '<', 4);
    const big = segment(DTypes.uint16, 40 * 9 * 3, '>', 4);
    expect(codec.encode(big.bytes, layout(40, 9, 3, DTypes.uint16, '>'), {})).toEqual(
      codec.encode(little.bytes, layout(40, 9, 3, DTypes.uint16, '<'), {}),
    );
  });

  it('compresses photo-like data', () => {
    const rgb = photo(256, 256, 3);
    expect(codec.encode(rgb, layout(256, 256, 3, DTypes.uint8, '<'), {}).length).toBeLessThan(rgb.length * 0.7);
  });

  describe.skipIf(!available('jxl'))('decoded by djxl (libjxl 0.7)', () => {
    const integerCases: ['uint8' | 'uint16', number, number, number, ByteOrder][] = [];
    for (const dtype of ['uint8', 'uint16'] as const) {
      for (const samples of [1, 2, 3, 4]) {
        for (const order of ['<', '>'] as const) integerCases.push([dtype, samples, 37, 23, order]);
      }
    }
    // One pixel; wider than a group (1024) in one direction, then in both (several sections).
    integerCases.push(['uint8', 1, 1, 1, '<'], ['uint16', 4, 1100, 20, '>'], ['uint8', 1, 1025, 1030, '<']);
    // 4096 pixels or more: contexts split on the neighbourhood (W − NW, NW − N) too.
    integerCases.push(['uint8', 2, 70, 64, '>'], ['uint16', 3, 80, 60, '<'], ['uint8', 4, 64, 64, '<']);

    it.each(integerCases)('%s × %i samples, %i×%i, %s: bit-exact', (name, samples, width, rows, order) => {
      const dtype = DTypes[name];
      const { bytes, values } = segment(dtype, width * rows * samples, order, samples * 31 + width);
      const jxl = codec.encode(bytes, layout(width, rows, samples, dtype, order), {});
      const suffix = djxlSuffix(samples);
      const decoded = djxl(jxl, dir, `${dtype.name}-${samples}-${width}-${order === '<' ? 'le' : 'be'}`, suffix);
      expect([decoded.width, decoded.height, decoded.samples]).toEqual([width, rows, samples]);
      expect(decoded.maxValue).toBe(dtype.itemSize === 1 ? 255 : 65535);
      expect(Array.from(decoded.values)).toEqual(values);
    });

    it.each([
      [1, '<'],
      [2, '>'],
      [3, '>'],
      [4, '<'],
    ] as const)('float32 × %i samples, %s: bit-exact (djxl writes float PFM)', (samples, order) => {
      const [width, rows] = [45, 19];
      const { bytes, values } = segment(DTypes.float32, width * rows * samples, order, samples + 90);
      const jxl = codec.encode(bytes, layout(width, rows, samples, DTypes.float32, order), {});
      const { colour, alpha } = djxlFloat(jxl, dir, `float32-${samples}`);
      const colours = samples >= 3 ? 3 : 1;
      expect([colour.width, colour.height, colour.samples, alpha !== undefined]).toEqual([
        width,
        rows,
        colours,
        samples % 2 === 0,
      ]);
      for (let c = 0; c < samples; c++) {
        const got = Array.from({ length: width * rows }, (_, i) =>
          c < colours ? colour.values[i * colours + c] : alpha?.values[i],
        );
        expect(got).toEqual(values.filter((_, i) => i % samples === c));
      }
    });

    it.each([1, 2, 3, 4])(
      'float16 × %i samples: within 16-bit precision (djxl 0.7 cannot write float16 PFM)',
      (samples) => {
        // djxl 0.7 refuses float16 → PFM ("Bit depth does not fit pixel data type"); its 16-bit integer
        // output (values in [0, 1] scaled by 65535) is compared instead.
        const [width, rows] = [33, 17];
        const { bytes, values } = segment(DTypes.float16, width * rows * samples, '>', samples + 70, true);
        const jxl = codec.encode(bytes, layout(width, rows, samples, DTypes.float16, '>'), {});
        const suffix = djxlSuffix(samples);
        const decoded = djxl(jxl, dir, `float16-${samples}`, suffix);
        expect([decoded.width, decoded.height, decoded.samples, decoded.maxValue]).toEqual([
          width,
          rows,
          samples,
          65535,
        ]);
        const worst = values.reduce((m, v, i) => Math.max(m, Math.abs((decoded.values[i] as number) / 65535 - v)), 0);
        expect(worst).toBeLessThanOrEqual(1 / 65535);
      },
    );

    it.each([
      ['uint16', 12, '<'],
      ['uint16', 9, '>'],
      ['uint8', 5, '<'],
    ] as const)('%s declared as %i bits (bitspersample), %s: bit-exact at that depth', (name, bits, order) => {
      const dtype = DTypes[name];
      const [width, rows] = [29, 11];
      const next = seeded(bits);
      const values = Array.from({ length: width * rows }, () => Math.floor(next() * 2 ** bits));
      const bytes = new Uint8Array(values.length * dtype.itemSize);
      const view = new DataView(bytes.buffer);
      values.forEach((v, i) => {
        if (dtype.itemSize === 1) view.setUint8(i, v);
        else view.setUint16(2 * i, v, order === '<');
      });
      const jxl = codec.encode(bytes, layout(width, rows, 1, dtype, order), { bitspersample: bits });
      const decoded = djxl(jxl, dir, `${name}-${bits}bits`, 'pgm');
      expect(decoded.maxValue).toBe(2 ** bits - 1);
      // djxl 0.7 writes such images' samples scaled to 8 or 16 bits (under a maxval of 2^bits − 1, ±1 from
      // its float rounding); scaled back, every stored value must come out as it went in.
      const scale = (bits <= 8 ? 255 : 65535) / (2 ** bits - 1);
      expect(Array.from(decoded.values, (d) => Math.round(d / scale))).toEqual(values);
      const tooBig = bytes.slice();
      if (dtype.itemSize === 1) tooBig[3] = 2 ** bits;
      else new DataView(tooBig.buffer).setUint16(6, 2 ** bits, order === '<');
      // A sample beyond the depth keeps its low bits (2^bits → 0), as packed integers do.
      const kept = bytes.slice();
      if (dtype.itemSize === 1) kept[3] = 0;
      else new DataView(kept.buffer).setUint16(6, 0, order === '<');
      const encode = (b: Uint8Array) => codec.encode(b, layout(width, rows, 1, dtype, order), { bitspersample: bits });
      expect(encode(tooBig)).toEqual(encode(kept));
      expect(() =>
        codec.encode(bytes, layout(width, rows, 1, dtype, order), { bitspersample: name === 'uint8' ? 9 : 8 }),
      ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'compressionArgs.bitspersample' }));
    });

    it('a photo-like RGB tile (YCoCg, neighbourhood contexts): bit-exact', () => {
      const rgb = photo(256, 256, 3, 11);
      const decoded = djxl(codec.encode(rgb, layout(256, 256, 3, DTypes.uint8, '<'), {}), dir, 'photo', 'ppm');
      expect(Uint8Array.from(decoded.values)).toEqual(rgb);
    });

    it('the container is read too', () => {
      const { bytes, values } = segment(DTypes.uint8, 20 * 10 * 3, '<', 9);
      const jxl = codec.encode(bytes, layout(20, 10, 3, DTypes.uint8, '<'), { usecontainer: true, level: 101 });
      expect(Array.from(djxl(jxl, dir, 'container', 'ppm').values)).toEqual(values);
    });
  });
});
