/**
 * JPEG XL `effort` (1–10): every effort decodes bit-exact in libjxl's djxl, higher efforts search more
 * and write smaller codestreams, the default is effort 7 and the bytes it wrote before efforts existed,
 * and `decodingspeed` is accepted without effect (it tunes lossy coding in libjxl).
 */
import { createHash } from 'node:crypto';
import { type ByteOrder, type DType, DTypes } from '@tiffkit/tiff-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Codec, jpegXlSettings, loadCodec } from '../src/index.js';
import { forwardRct } from '../src/jpegxl/rct.js';
import { djxl, djxlFloat, djxlSuffix } from './helpers/djxl.js';
import { segmentLayout as layout } from './helpers/images.js';
import { available, tempDir } from './helpers/interop.js';
import { photo } from './helpers/photo.js';
import { seeded } from './helpers/random.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

let codec: Codec;
beforeAll(async () => {
  codec = await loadCodec(50002);
});

const EFFORTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Smooth samples with noise and a few extremes, in `order`, and the values they hold. */
function segment(dtype: DType, count: number, order: ByteOrder, seed: number) {
  const next = seeded(seed);
  const bytes = new Uint8Array(count * dtype.itemSize);
  const view = new DataView(bytes.buffer);
  const little = order === '<';
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = i % 89 === 0 ? (i % 2) * 0.9999 : 0.5 + 0.4 * Math.sin(i / 31) * Math.cos(i / 277) + 0.08 * next();
    if (dtype.name === 'uint8') view.setUint8(i, Math.floor(r * 256));
    else if (dtype.name === 'uint16') view.setUint16(2 * i, Math.floor(r * 65536), little);
    // Signed floats: their bit patterns span negative and positive int32, so some predictors overflow.
    else view.setFloat32(4 * i, (r - 0.3) * 1e6, little);
    values.push(
      dtype.itemSize === 1
        ? view.getUint8(i)
        : dtype.itemSize === 2
          ? view.getUint16(2 * i, little)
          : view.getFloat32(4 * i, little),
    );
  }
  return { bytes, values };
}

describe('JPEG XL effort settings', () => {
  it('passes effort on; decodingspeed is accepted and changes nothing', () => {
    expect(jpegXlSettings({ effort: 9, decodingspeed: 4 })).toEqual({ container: false, effort: 9 });
    const rgb = photo(80, 60, 3, 2);
    const plain = codec.encode(rgb, layout(80, 60, 3, DTypes.uint8), {});
    for (const decodingspeed of [0, 2, 4]) {
      expect(codec.encode(rgb, layout(80, 60, 3, DTypes.uint8), { decodingspeed })).toEqual(plain);
    }
  });

  it('the default is effort 7, the bytes the encoder wrote before it had efforts', () => {
    const rgb = photo(256, 256, 3, 11);
    const plain = codec.encode(rgb, layout(256, 256, 3, DTypes.uint8), {});
    expect(codec.encode(rgb, layout(256, 256, 3, DTypes.uint8), { effort: 7 })).toEqual(plain);
    expect([plain.length, sha256(plain)]).toEqual([
      87786,
      '5057d9e6b236e7c789cd91813f9178f885c212ccaf446d2257b27c10be27b639',
    ]);
  });

  it('higher efforts write smaller codestreams of a photo-like RGB tile and a 16-bit gray tile', () => {
    const rgb = photo(256, 256, 3, 11);
    const rgbSizes = EFFORTS.map((effort) => codec.encode(rgb, layout(256, 256, 3, DTypes.uint8), { effort }).length);
    // 1–2: no contexts; 3–7: contexts (the default); 8: a predictor per context; 9: colour transform
    // search and merged histograms; 10: the best of three context layouts.
    expect(rgbSizes).toEqual([90416, 90416, 87786, 87786, 87786, 87786, 87786, 82308, 80807, 80807]);
    const next = seeded(5);
    const gray = new Uint8Array(256 * 256 * 2);
    const view = new DataView(gray.buffer);
    for (let i = 0; i < 256 * 256; i++) {
      const [x, y] = [i % 256, Math.floor(i / 256)];
      view.setUint16(
        2 * i,
        1000 + Math.round(800 * Math.sin(x / 97) * Math.cos(y / 131)) + Math.floor(next() * 64),
        true,
      );
    }
    const graySizes = EFFORTS.map(
      (effort) => codec.encode(gray, layout(256, 256, 1, DTypes.uint16), { effort }).length,
    );
    // Six bits of noise: the default's contexts cost their histograms (0.1% above effort 1); the searches pay.
    expect(graySizes).toEqual([55816, 55816, 55877, 55877, 55877, 55877, 55877, 53597, 53520, 53520]);
    for (const sizes of [rgbSizes, graySizes]) {
      for (let e = 7; e < sizes.length; e++) expect(sizes[e]).toBeLessThan(sizes[0] as number);
      // Each search level at least matches the one below it.
      expect(sizes[7]).toBeLessThan(sizes[6] as number);
      expect(sizes[8]).toBeLessThanOrEqual(sizes[7] as number);
      expect(sizes[9]).toBeLessThanOrEqual(sizes[8] as number);
    }
    for (const size of rgbSizes) expect(size).toBeLessThanOrEqual(rgbSizes[0] as number);
  });

  it('the same samples in either byte order give the same codestream at every search effort', () => {
    const little = segment(DTypes.uint16, 70 * 64 * 3, '<', 4);
    const big = segment(DTypes.uint16, 70 * 64 * 3, '>', 4);
    for (const effort of [8, 9, 10]) {
      expect(codec.encode(big.bytes, layout(70, 64, 3, DTypes.uint16, '>'), { effort })).toEqual(
        codec.encode(little.bytes, layout(70, 64, 3, DTypes.uint16, '<'), { effort }),
      );
    }
  });

  it('the forward colour transforms are undone by the format’s inverse (all 42 types)', () => {
    const next = seeded(8);
    const rgb = [0, 1, 2].map(() => Int32Array.from({ length: 64 }, () => Math.floor(next() * 65536)));
    for (let type = 0; type < 42; type++) {
      const [a, b, c] = forwardRct(rgb, type) as [Int32Array, Int32Array, Int32Array];
      const perm = Math.floor(type / 7);
      const op = type % 7;
      for (let i = 0; i < 64; i++) {
        // ISO/IEC 18181-1 H.6.3, as a decoder applies it.
        let [d, e, f] = [a[i] as number, b[i] as number, c[i] as number];
        if (op === 6) {
          const t = d - (f >> 1);
          [d, e, f] = [t - (e >> 1) + e, f + t, t - (e >> 1)];
        } else {
          if (op & 1) f += d;
          if (op >> 1 === 1) e += d;
          if (op >> 1 === 2) e += (d + f) >> 1;
        }
        const out: number[] = [];
        out[perm % 3] = d;
        out[(perm + 1 + Math.floor(perm / 3)) % 3] = e;
        out[(perm + 2 - Math.floor(perm / 3)) % 3] = f;
        expect(out).toEqual([rgb[0]?.[i], rgb[1]?.[i], rgb[2]?.[i]]);
      }
    }
  });
});

describe.skipIf(!available('jxl'))('every effort decoded by djxl (libjxl 0.7)', () => {
  const cases: [number, 'uint8' | 'uint16', number, ByteOrder][] = [];
  for (const effort of EFFORTS) {
    for (const name of ['uint8', 'uint16'] as const) {
      for (const samples of [1, 2, 3, 4]) cases.push([effort, name, samples, (effort + samples) % 2 ? '<' : '>']);
    }
  }

  // 70×64: 4480 pixels, enough for the neighbourhood contexts.
  it.each(cases)('effort %i, %s × %i samples, %s: bit-exact', (effort, name, samples, order) => {
    const dtype = DTypes[name];
    const { bytes, values } = segment(dtype, 70 * 64 * samples, order, effort * 10 + samples);
    const jxl = codec.encode(bytes, layout(70, 64, samples, dtype, order), { effort });
    const suffix = djxlSuffix(samples);
    const decoded = djxl(jxl, dir, `e${effort}-${name}-${samples}`, suffix);
    expect([decoded.width, decoded.height, decoded.samples]).toEqual([70, 64, samples]);
    expect(Array.from(decoded.values)).toEqual(values);
  });

  it.each(EFFORTS)('effort %i, float32 × 1–4 samples, both byte orders: bit-exact', (effort) => {
    for (const samples of [1, 2, 3, 4]) {
      const order: ByteOrder = samples % 2 ? '<' : '>';
      const { bytes, values } = segment(DTypes.float32, 45 * 19 * samples, order, effort + samples);
      const jxl = codec.encode(bytes, layout(45, 19, samples, DTypes.float32, order), { effort });
      const { colour, alpha } = djxlFloat(jxl, dir, `e${effort}-float32-${samples}`);
      const colours = samples >= 3 ? 3 : 1;
      for (let c = 0; c < samples; c++) {
        const got = Array.from({ length: 45 * 19 }, (_, i) =>
          c < colours ? colour.values[i * colours + c] : alpha?.values[i],
        );
        expect(got).toEqual(values.filter((_, i) => i % samples === c));
      }
    }
  });

  it.each(EFFORTS)('effort %i, a segment of two groups (1100 × 64 RGB): bit-exact', (effort) => {
    const rgb = photo(1100, 64, 3, effort);
    const jxl = codec.encode(rgb, layout(1100, 64, 3, DTypes.uint8), { effort });
    expect(Uint8Array.from(djxl(jxl, dir, `e${effort}-groups`, 'ppm').values)).toEqual(rgb);
  });

  it('effort 10, a segment of four groups (1030 × 1030 gray): bit-exact', () => {
    const gray = photo(1030, 1030, 1, 3);
    const jxl = codec.encode(gray, layout(1030, 1030, 1, DTypes.uint8), { effort: 10 });
    expect(Uint8Array.from(djxl(jxl, dir, 'e10-four-groups', 'pgm').values)).toEqual(gray);
  });
});
