/**
 * Lossy JPEG XL (`level` ≤ 100, `distance`, `lossless: false`): near-lossless modular coding, each
 * residual quantized in the prediction loop and the step carried by the MA tree leaf's multiplier.
 * libjxl's djxl decodes it; the error of every sample is bounded by the step, PSNR falls and the
 * codestream shrinks as the distance grows, and the bytes depend only on the samples and the settings.
 */
import { type ByteOrder, DTypes } from '@tiffkit/tiff-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Codec, loadCodec } from '../src/index.js';
import { lossyQuantizers } from '../src/jpegxl/encoder.js';
import { djxl } from './helpers/djxl.js';
import { segmentLayout as layout } from './helpers/images.js';
import { available, tempDir } from './helpers/interop.js';
import { photo } from './helpers/photo.js';
import { psnr } from './helpers/psnr.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

let codec: Codec;
beforeAll(async () => {
  codec = await loadCodec(50002);
});

/** PSNR (dB) of `decoded` against `original` at peak `peak`, and the largest error. */
function compare(original: ArrayLike<number>, decoded: ArrayLike<number>, peak: number) {
  let worst = 0;
  for (let i = 0; i < original.length; i++)
    worst = Math.max(worst, Math.abs((decoded[i] as number) - (original[i] as number)));
  return { psnr: psnr(decoded, original, peak), worst };
}

/** `photo` samples widened to 16 bits (× 257 plus a low-bit pattern), as bytes in `order`. */
function photo16(width: number, rows: number, samples: number, order: ByteOrder) {
  const eight = photo(width, rows, samples, 7);
  const values = Array.from(eight, (v, i) => v * 257 - ((i * 37) % 200));
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    view.setUint16(2 * i, Math.max(0, v), order === '<');
  });
  return { bytes, values: values.map((v) => Math.max(0, v)) };
}

describe('lossy JPEG XL settings', () => {
  it('quantizer steps: odd, 2e + 1 with e = round(distance × 2^(bits − 8)), chroma twice as coarse', () => {
    expect([...lossyQuantizers(1, 8, 3, true)]).toEqual([3, 5, 5]);
    expect([...lossyQuantizers(2, 8, 4, true)]).toEqual([5, 9, 9, 5]);
    expect([...lossyQuantizers(1, 16, 1, false)]).toEqual([513]);
    expect([...lossyQuantizers(0.4, 8, 3, true)]).toEqual([1, 3, 3]);
    expect([...lossyQuantizers(0.24, 8, 3, true)]).toEqual([1, 1, 1]);
  });

  it('below distance 0.25 the codestream is the lossless one', () => {
    const rgb = photo(64, 64, 3, 4);
    const lossless = codec.encode(rgb, layout(64, 64, 3, DTypes.uint8), {});
    expect(codec.encode(rgb, layout(64, 64, 3, DTypes.uint8), { distance: 0.24 })).toEqual(lossless);
    expect(codec.encode(rgb, layout(64, 64, 3, DTypes.uint8), { level: 100 })).toEqual(lossless);
  });

  it('the same bytes from either byte order, and at every call', () => {
    const little = photo16(70, 64, 3, '<');
    const big = photo16(70, 64, 3, '>');
    for (const args of [{ distance: 2 }, { level: 80, effort: 9 }]) {
      const once = codec.encode(little.bytes, layout(70, 64, 3, DTypes.uint16), args);
      expect(codec.encode(big.bytes, layout(70, 64, 3, DTypes.uint16, '>'), args)).toEqual(once);
      expect(codec.encode(little.bytes, layout(70, 64, 3, DTypes.uint16), args)).toEqual(once);
    }
  });
});

describe.skipIf(!available('jxl'))('lossy JPEG XL decoded by djxl (libjxl 0.7)', () => {
  it.each([
    ['uint8', '<', 1],
    ['uint8', '<', 8],
    ['uint16', '>', 2],
    ['uint16', '<', 4],
  ] as const)('%s gray, %s, distance %f: every sample within the step', (name, order, distance) => {
    const dtype = DTypes[name];
    const [width, rows] = [96, 64];
    const { bytes, values } =
      name === 'uint8'
        ? (() => {
            const b = photo(width, rows, 1, 9);
            return { bytes: b, values: Array.from(b) };
          })()
        : photo16(width, rows, 1, order);
    const jxl = codec.encode(bytes, layout(width, rows, 1, dtype, order), { distance });
    const decoded = djxl(jxl, dir, `lossy-${name}-${distance}`, 'pgm');
    const bound = Math.round(distance * 2 ** (dtype.itemSize * 8 - 8));
    const { worst } = compare(values, decoded.values, 1);
    expect(worst).toBeLessThanOrEqual(bound);
    expect(worst).toBeGreaterThan(0);
  });

  it('RGB photo: PSNR falls and the codestream shrinks as the distance grows (efforts 1, 7, 9)', () => {
    const rgb = photo(256, 256, 3, 11);
    for (const effort of [1, 7, 9]) {
      const rows = [0, 1, 2, 4, 8].map((distance) => {
        const jxl = codec.encode(rgb, layout(256, 256, 3, DTypes.uint8), { distance, effort });
        const { psnr, worst } = compare(rgb, djxl(jxl, dir, `lossy-rgb-${effort}-${distance}`, 'ppm').values, 255);
        return { size: jxl.length, psnr, worst };
      });
      expect(rows[0]?.psnr).toBe(Number.POSITIVE_INFINITY);
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]?.psnr).toBeLessThan(rows[i - 1]?.psnr as number);
        expect(rows[i]?.size).toBeLessThan(rows[i - 1]?.size as number);
      }
      // Distance 1: about half the lossless size, 45.9 dB (a few samples off by up to 3 after YCoCg).
      expect(rows[1]?.psnr).toBeGreaterThan(45);
      expect(rows[1]?.worst).toBeLessThanOrEqual(3);
      expect((rows[1]?.size as number) / (rows[0]?.size as number)).toBeLessThan(0.56);
    }
  });

  it('quality (level) maps to distance: level 90 is distance 1', () => {
    const rgb = photo(64, 48, 3, 5);
    expect(codec.encode(rgb, layout(64, 48, 3, DTypes.uint8), { level: 90 })).toEqual(
      codec.encode(rgb, layout(64, 48, 3, DTypes.uint8), { distance: 1 }),
    );
    expect(codec.encode(rgb, layout(64, 48, 3, DTypes.uint8), { lossless: false })).toEqual(
      codec.encode(rgb, layout(64, 48, 3, DTypes.uint8), { distance: 1 }),
    );
  });

  it.each([1, 8, 10])('RGBA, two groups (1100 × 64), effort %i, distance 2: decoded within bounds', (effort) => {
    const rgba = photo(1100, 64, 4, effort);
    const jxl = codec.encode(rgba, layout(1100, 64, 4, DTypes.uint8), { distance: 2, effort });
    const decoded = djxl(jxl, dir, `lossy-rgba-${effort}`, 'png');
    expect([decoded.width, decoded.height, decoded.samples]).toEqual([1100, 64, 4]);
    const { psnr, worst } = compare(rgba, decoded.values, 255);
    // Alpha keeps luma's step (error ≤ 2); colour errors mix the Y, Co and Cg steps (≤ 2, 4, 4).
    const alpha = compare(
      rgba.filter((_, i) => i % 4 === 3),
      decoded.values.filter((_, i) => i % 4 === 3),
      255,
    );
    expect(alpha.worst).toBeLessThanOrEqual(2);
    expect(worst).toBeLessThanOrEqual(6);
    expect(psnr).toBeGreaterThan(40);
  });

  it('bitspersample 12 of uint16 gray, distance 1: within 16 steps of 12 bits', () => {
    const { values } = photo16(80, 40, 1, '<');
    const twelve = values.map((v) => v >> 4);
    const bytes = new Uint8Array(twelve.length * 2);
    const view = new DataView(bytes.buffer);
    twelve.forEach((v, i) => {
      view.setUint16(2 * i, v, true);
    });
    const jxl = codec.encode(bytes, layout(80, 40, 1, DTypes.uint16), { distance: 1, bitspersample: 12 });
    const decoded = djxl(jxl, dir, 'lossy-12bit', 'pgm');
    // djxl 0.7 writes 12-bit samples scaled to 16 bits; scaled back to 12 bits each is within e = 16.
    const back = Array.from(decoded.values, (d) => Math.round((d * 4095) / 65535));
    const { worst } = compare(twelve, back, 4095);
    expect(worst).toBeLessThanOrEqual(16);
    expect(worst).toBeGreaterThan(1);
  });
});
