import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { type ByteOrder, DTypes, swapBytesInPlace } from '@tiffkit/tiff-core';
import { unzlibSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Codec, checkCodecInput, loadCodec, validateCompressionArgs } from '../src/index.js';
import { crc32 } from '../src/png/crc32.js';
import { filterRows } from '../src/png/filter.js';
import { expectBytes } from './helpers/bytes.js';
import { available, tempDir } from './helpers/interop.js';
import { photo } from './helpers/photo.js';
import { decodeWithPillow } from './helpers/pillow.js';
import { unfilter } from './helpers/png-unfilter.js';
import { randomBytes } from './helpers/random.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

interface Chunk {
  readonly type: string;
  readonly data: Uint8Array;
  readonly crcOk: boolean;
}

function chunks(png: Uint8Array): Chunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: view.getUint32(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

describe('PNG building blocks', () => {
  it('crc32 has the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('filterRows picks a filter per row and reconstructs exactly', () => {
    const flat = new Uint8Array(4 * 3).fill(9);
    const filtered = filterRows(flat, 4, 3, 1);
    expect([...filtered]).toEqual([1, 9, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0]);
    for (const [bpp, rowBytes] of [
      [1, 37],
      [3, 30],
      [8, 64],
    ] as const) {
      const raw = photo(rowBytes, 11, 1, bpp);
      expectBytes(unfilter(filterRows(raw, rowBytes, 11, bpp), rowBytes, 11, bpp), raw, `bpp ${bpp}`);
      const noise = randomBytes(rowBytes * 5, bpp);
      expectBytes(unfilter(filterRows(noise, rowBytes, 5, bpp), rowBytes, 5, bpp), noise, `noise bpp ${bpp}`);
    }
  });
});

describe('PNG rules', () => {
  it('takes uint8 and uint16 with 1–4 samples', () => {
    for (const dtype of [DTypes.uint8, DTypes.uint16]) {
      for (const samples of [1, 2, 3, 4]) expect(() => checkCodecInput(34933, { dtype, samples })).not.toThrow();
    }
  });

  it.each([
    [DTypes.int16, 1],
    [DTypes.float32, 1],
    [DTypes.uint8, 5],
    [DTypes.bool, 1],
  ])('refuses %s with %i samples as UNSUPPORTED', (dtype, samples) => {
    expect(() => checkCodecInput(34933, { dtype, samples })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
  });

  it('level is the zlib level 0–9', () => {
    expect(() => validateCompressionArgs(34933, { level: 9 })).not.toThrow();
    expect(() => validateCompressionArgs(34933, { level: 10 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'compressionArgs.level' }),
    );
  });
});

describe('PNG codec', () => {
  let codec: Codec;
  beforeAll(async () => {
    codec = await loadCodec(34933);
  });
  const layout = (width: number, rows: number, samples: number, bits: 8 | 16, byteOrder: ByteOrder = '<') => ({
    width,
    rows,
    samples,
    dtype: bits === 8 ? DTypes.uint8 : DTypes.uint16,
    byteOrder,
  });

  it('writes signature, IHDR (size, depth, colour type), one IDAT and IEND, every CRC right', () => {
    const png = codec.encode(photo(33, 7, 6), layout(33, 7, 3, 16), {});
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    expect([...(list[0] as Chunk).data]).toEqual([0, 0, 0, 33, 0, 0, 0, 7, 16, 2, 0, 0, 0]);
    // The IDAT inflates to 7 rows of 1 filter byte + 33 × 3 × 2 bytes.
    expect(unzlibSync((list[1] as Chunk).data).length).toBe(7 * (1 + 33 * 6));
    for (const [samples, type] of [
      [1, 0],
      [2, 4],
      [4, 6],
    ] as const) {
      const ihdr = chunks(codec.encode(new Uint8Array(4 * samples), layout(2, 2, samples, 8), {}))[0] as Chunk;
      expect([ihdr.data[8], ihdr.data[9]]).toEqual([8, type]);
    }
  });

  it('stores 16-bit samples big-endian whatever the file byte order', () => {
    const little = Uint8Array.of(0x34, 0x12, 0x78, 0x56);
    const big = Uint8Array.of(0x12, 0x34, 0x56, 0x78);
    expect(codec.encode(little, layout(2, 1, 1, 16, '<'), {})).toEqual(codec.encode(big, layout(2, 1, 1, 16, '>'), {}));
    expect(little).toEqual(Uint8Array.of(0x34, 0x12, 0x78, 0x56)); // input untouched
  });

  describe.skipIf(!available('pillow'))('8-bit decoded by Pillow', () => {
    it('gray, gray + alpha, RGB, RGBA: bit-exact', () => {
      const images = [1, 2, 3, 4].map((samples) => photo(45, 19, samples, samples));
      const encoded = images.map((image, i) => codec.encode(image, layout(45, 19, i + 1, 8), { level: 9 }));
      const decoded = decodeWithPillow(encoded, dir, 'png8', 'png');
      expect(decoded.map((d) => d.mode)).toEqual(['L', 'LA', 'RGB', 'RGBA']);
      for (const [i, d] of decoded.entries()) expectBytes(d.bytes, images[i] as Uint8Array, `${i + 1} samples`);
    });

    it('16-bit gray from either byte order: bit-exact', () => {
      const values = Uint16Array.from({ length: 40 * 9 }, (_, i) => (i * 2654435761) >>> 16);
      const little = new Uint8Array(values.buffer.slice(0));
      const big = little.slice();
      swapBytesInPlace(big, 2);
      const encoded = [
        codec.encode(little, layout(40, 9, 1, 16, '<'), {}),
        codec.encode(big, layout(40, 9, 1, 16, '>'), {}),
      ];
      for (const d of decodeWithPillow(encoded, dir, 'png16', 'png')) {
        expect(['I', 'I;16']).toContain(d.mode); // Pillow versions differ
        expectBytes(d.bytes, little);
      }
    });
  });

  describe.skipIf(!available('gdal'))('16-bit decoded by GDAL', () => {
    it.each([1, 2, 3, 4])('%i samples: bit-exact', (samples) => {
      const values = Uint16Array.from({ length: 31 * 13 * samples }, (_, i) => ((i * 40503) ^ (i >> 3)) & 0xffff);
      const image = new Uint8Array(values.buffer);
      const input = dir.path(`gdal16-${samples}.png`);
      const output = dir.path(`gdal16-${samples}.bin`);
      writeFileSync(input, codec.encode(image, layout(31, 13, samples, 16), {}));
      const run = spawnSync('gdal_translate', ['-q', '-of', 'ENVI', '-co', 'INTERLEAVE=BIP', input, output], {
        encoding: 'utf8',
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expectBytes(new Uint8Array(readFileSync(output)), image);
    });
  });
});
