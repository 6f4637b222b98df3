/** Tiles (2-D and volumetric), volumetric strips, and bit-packed samples (bitsPerSample). */
import type { DTypeName } from '@tiffkit/tiff-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type ImwriteOptions, imwrite, MemorySink, TiffWriter } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { sha256, testValues } from './helpers/data.js';
import { missing, readWithGdal, tempDir } from './helpers/interop.js';
import { parse, tags } from './helpers/read.js';

interface TileCase {
  name: string;
  dtype: DTypeName;
  shape: number[];
  options: ImwriteOptions;
  tags: Record<string, unknown>;
  axes?: string;
}

const CASES: TileCase[] = [
  {
    name: '2-D tiles with padded edge tiles',
    dtype: 'uint16',
    shape: [100, 70],
    options: { tile: [32, 48] },
    tags: { TileWidth: 48, TileLength: 32, TileByteCounts: [3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072] },
  },
  {
    name: 'tiled pages of a stack, big-endian',
    dtype: 'float32',
    shape: [3, 40, 33],
    options: { tile: [16, 16], photometric: 'minisblack', byteorder: '>' },
    tags: { TileWidth: 16, TileLength: 16 },
  },
  {
    name: 'tiled contiguous RGB',
    dtype: 'uint8',
    shape: [50, 60, 3],
    options: { tile: [32, 32] },
    tags: { TileWidth: 32, PhotometricInterpretation: 2, SamplesPerPixel: 3, TileByteCounts: [3072, 3072, 3072, 3072] },
  },
  {
    name: 'tiled planar RGB',
    dtype: 'uint16',
    shape: [3, 40, 40],
    options: { tile: [32, 32], photometric: 'rgb', bigtiff: true },
    tags: { PlanarConfiguration: 2, TileByteCounts: new Array(12).fill(2048) },
  },
  {
    name: 'one tile covering the page is stored contiguously',
    dtype: 'int16',
    shape: [2, 32, 48],
    options: { tile: [32, 48], photometric: 'minisblack' },
    tags: { TileWidth: 48, TileLength: 32, TileByteCounts: [3072] },
  },
  {
    name: 'volumetric tiles (ImageDepth, TileDepth)',
    dtype: 'uint8',
    shape: [5, 40, 35],
    options: { tile: [2, 16, 16], photometric: 'minisblack' },
    tags: { ImageDepth: 5, TileDepth: 2, TileWidth: 16 },
    axes: 'ZYX',
  },
  {
    name: 'volumetric strips',
    dtype: 'uint16',
    shape: [2, 4, 10, 12],
    options: { volumetric: true, photometric: 'minisblack' },
    tags: { ImageDepth: 4, RowsPerStrip: 10, StripByteCounts: [240, 240, 240, 240] },
    axes: 'QZYX',
  },
];

const cases: InteropCase[] = CASES.map((c) => {
  const size = c.shape.reduce((a, b) => a * b, 1);
  const values = testValues(c.dtype, size, size + 7);
  return {
    name: c.name,
    write: (path) => imwrite(path, { data: values, shape: c.shape, dtype: c.dtype }, c.options),
    tifffile: (report) => {
      const [series] = report.series;
      expect(series?.shape).toEqual(c.shape);
      if (c.axes) expect(series?.axes).toBe(c.axes);
      expect(series?.sha256).toBe(sha256(values));
      const first = report.tags[0] as Record<string, unknown>;
      for (const [name, value] of Object.entries(c.tags)) expect([name, first[name]]).toEqual([name, value]);
    },
  };
});

interopSuite('tiles and volumetric data', cases);

describe('tile validation', () => {
  it.each([
    [[30, 32], /tile=\[30, 32\] is invalid: expected \[length, width\] or \[depth, length, width\].*multiples of 16/],
    [[16], /tile=\[16\] is invalid/],
    [[0, 16, 16], /tile=\[0, 16, 16\] is invalid/],
  ])('%j', async (tile, message) => {
    await expect(
      imwrite(new MemorySink(), { data: new Uint8Array(64 * 64), shape: [64, 64] }, { tile }),
    ).rejects.toThrow(message);
  });

  it('refuses volumetric tiles on data that is not volumetric', async () => {
    await expect(
      imwrite(new MemorySink(), { data: new Uint8Array(64 * 64), shape: [64, 64] }, { tile: [2, 16, 16] }),
    ).rejects.toMatchObject({
      code: 'INCOMPATIBLE_OPTIONS',
      option: 'tile',
    });
  });

  it('writes empty tiled data as zero tiles and returns no offset for page-by-page series', async () => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    const where = await writer.write(null, { shape: [40, 40], dtype: 'uint16', tile: [32, 32], returnOffset: true });
    await writer.close();
    expect(where).toBeUndefined();
    const t = tags((await parse(sink.toUint8Array().slice())).ifds[0] as never);
    expect(t.get(325)).toEqual([2048, 2048, 2048, 2048]);
  });
});

const tmp = tempDir('tiffkit-packed-');
afterAll(() => tmp.cleanup());

describe.skipIf(missing('gdal'))('bit-packed samples, decoded by GDAL', () => {
  it.each([
    ['uint8', 1, [13, 21]],
    ['uint8', 4, [13, 21]],
    ['uint8', 7, [2, 9, 11]],
    ['uint16', 12, [219, 301]],
    ['uint16', 9, [10, 17]],
    ['uint32', 24, [13, 21]],
    ['uint32', 17, [9, 10]],
  ] as const)('%s at %i bits, shape %j', async (dtype, bits, shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = testValues(dtype, size, bits);
    for (let i = 0; i < size; i++) (values as Uint32Array)[i] = Number((values as Uint32Array)[i]) % 2 ** bits;
    const path = tmp.path(`packed-${dtype}-${bits}.tif`);
    await imwrite(
      path,
      { data: values, shape: [...shape], dtype },
      { bitsPerSample: bits, photometric: 'minisblack', metadata: null, byteorder: bits % 2 ? '>' : '<' },
    );
    const rows = shape.at(-2) as number;
    const width = shape.at(-1) as number;
    const pages = size / rows / width;
    const { ifds } = await parse(new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(path))));
    expect(tags(ifds[0] as never).get(258)).toEqual([bits]);
    expect(tags(ifds[0] as never).get(279)).toEqual([rows * Math.ceil((width * bits) / 8)]);
    for (let page = 0; page < pages; page++) {
      const pagePath = pages > 1 ? `GTIFF_DIR:${page + 1}:${path}` : path;
      const decoded = readWithGdal(pagePath, tmp.path(`packed-${dtype}-${bits}-${page}.raw`));
      const Values = values.constructor as Uint8ArrayConstructor;
      const got = new Values(decoded.buffer, decoded.byteOffset, rows * width);
      expect(Array.from(got)).toEqual(
        Array.from(values.subarray(page * rows * width, (page + 1) * rows * width) as Uint32Array),
      );
    }
  });

  it('refuses bitsPerSample outside the dtype or with compression', async () => {
    const sink = () => new MemorySink();
    const data = { data: new Uint16Array(16), shape: [4, 4] };
    await expect(imwrite(sink(), data, { bitsPerSample: 8 })).rejects.toThrow(
      /bitsPerSample=8 is invalid: expected 9\.\.16 for uint16 data/,
    );
    await expect(imwrite(sink(), { data: new Int16Array(16), shape: [4, 4] }, { bitsPerSample: 12 })).rejects.toThrow(
      /only uint8\/16\/32 can be bit-packed/,
    );
    await expect(
      imwrite(sink(), { data: new Uint8Array(16), shape: [4, 4], dtype: 'bool' }, { bitsPerSample: 2 }),
    ).rejects.toThrow(/1 \(or nothing\) for bilevel/);
    await expect(imwrite(sink(), null, { shape: [4, 4], dtype: 'uint16', bitsPerSample: 12 })).rejects.toMatchObject({
      code: 'INCOMPATIBLE_OPTIONS',
    });
  });
});
