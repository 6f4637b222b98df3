/**
 * Lossy JPEG 2000 (`level`, imagecodecs' PSNR target in dB): every codestream is decoded by OpenJPEG's
 * native `opj_decompress` (not the WebAssembly that searched it) and its PSNR measured here must reach
 * the level; it is smaller than the lossless codestream, the same bytes every time, and a level the 9/7
 * wavelet cannot reach even with every coding pass gives the exact 5/3 codestream.
 */
import { type ByteOrder, type DType, DTypes } from '@tiffkit/tiff-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCodec } from '../src/index.js';
import { available, tempDir } from './helpers/interop.js';
import { j2kHeader, opjDecode, sampleValues as values } from './helpers/openjpeg.js';
import { photo } from './helpers/photo.js';
import { psnr } from './helpers/psnr.js';
import { seeded } from './helpers/random.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const J2K = 34712;
const RPCL = 2;

/** A smooth 16-bit picture with `noise` bits of noise, as `dtype` samples in `order`. */
function picture16(dtype: DType, width: number, rows: number, noise: number, order: ByteOrder): Uint8Array {
  const random = seeded(width + rows * 7 + noise);
  const out = new Uint8Array(width * rows * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < width * rows; i++) {
    const [x, y] = [i % width, Math.floor(i / width)];
    const smooth = 30000 + 20000 * Math.sin(x / 13) * Math.cos(y / 19);
    const v = Math.round(smooth + random() * 2 ** noise);
    if (dtype.kind === 'int') view.setInt16(i * 2, v - 32768, order === '<');
    else view.setUint16(i * 2, v, order === '<');
  }
  return out;
}

interface Case {
  readonly name: string;
  readonly dtype: DType;
  readonly samples: number;
  readonly order: ByteOrder;
  readonly level: number;
  readonly data: () => Uint8Array;
  readonly reversible?: boolean;
}

const W = 96;
const H = 80;
const CASES: Case[] = [
  { name: 'uint8 RGB, 30 dB', dtype: DTypes.uint8, samples: 3, order: '<', level: 30, data: () => photo(W, H, 3) },
  { name: 'uint8 RGB, 40 dB', dtype: DTypes.uint8, samples: 3, order: '<', level: 40, data: () => photo(W, H, 3) },
  { name: 'uint8 gray, 35 dB', dtype: DTypes.uint8, samples: 1, order: '<', level: 35, data: () => photo(W, H, 1) },
  {
    name: 'uint16 gray, big-endian, 60 dB',
    dtype: DTypes.uint16,
    samples: 1,
    order: '>',
    level: 60,
    data: () => picture16(DTypes.uint16, W, H, 8, '>'),
  },
  {
    name: 'int16 gray, 50 dB',
    dtype: DTypes.int16,
    samples: 1,
    order: '<',
    level: 50,
    data: () => picture16(DTypes.int16, W, H, 10, '<'),
  },
  {
    name: 'uint8 RGB, 5/3 wavelet (reversible: true), 35 dB',
    dtype: DTypes.uint8,
    samples: 3,
    order: '<',
    level: 35,
    reversible: true,
    data: () => photo(W, H, 3),
  },
];

describe.skipIf(!available('openjpeg'))('lossy JPEG 2000 decoded by opj_decompress', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s: reaches the PSNR, smaller than lossless, the same bytes twice',
    async (_name, c) => {
      const codec = await loadCodec(J2K);
      const data = c.data();
      const layout = { width: W, rows: H, samples: c.samples, dtype: c.dtype, byteOrder: c.order };
      const args = { level: c.level, ...(c.reversible ? { reversible: true } : {}) };
      const out = codec.encode(data, layout, args);
      expect(codec.encode(data, layout, args)).toEqual(out);
      const lossless = codec.encode(data, layout, {});
      expect(out.length).toBeLessThan(lossless.length / 2);
      expect(j2kHeader(out)).toMatchObject({ reversible: c.reversible === true, progression: RPCL, layers: 1 });
      const decoded = values(opjDecode(dir, out, W, H, c.samples, c.dtype.itemSize), c.dtype, '<');
      const measured = psnr(decoded, values(data, c.dtype, c.order), 2 ** (c.dtype.itemSize * 8) - 1);
      expect(measured).toBeGreaterThanOrEqual(c.level);
      expect(measured).toBeLessThan(Number.POSITIVE_INFINITY);
    },
  );

  it('a higher level gives a larger codestream of a higher PSNR', async () => {
    const codec = await loadCodec(J2K);
    const data = photo(W, H, 3);
    const layout = { width: W, rows: H, samples: 3, dtype: DTypes.uint8, byteOrder: '<' } as const;
    const sizes = [30, 36, 42].map((level) => codec.encode(data, layout, { level }).length);
    expect(sizes[0]).toBeLessThan(sizes[1] as number);
    expect(sizes[1]).toBeLessThan(sizes[2] as number);
  });

  it('a level beyond what every pass of the 9/7 wavelet reaches (100 dB on 8 bits) writes the exact 5/3 codestream', async () => {
    const codec = await loadCodec(J2K);
    const data = photo(W, H, 3);
    const layout = { width: W, rows: H, samples: 3, dtype: DTypes.uint8, byteOrder: '<' } as const;
    const out = codec.encode(data, layout, { level: 100 });
    expect(out).toEqual(codec.encode(data, layout, {}));
    expect(Array.from(opjDecode(dir, out, W, H, 3, 1))).toEqual(Array.from(data));
  });
});
