/**
 * The foundation's proof: every dtype × classic/BigTIFF × both byte orders × 2-D and 5-D shapes,
 * written by tiffkit and read back by tifffile (values, dtype, shape, axes), libtiff (no warnings)
 * and geotiff.js.
 */
import { readFileSync } from 'node:fs';
import type { DTypeName } from '@tiffkit/tiff-core';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imwrite } from '../src/index.js';
import { sha256, testValues } from './helpers/data.js';
import { missing, readWithTifffile, type TifffileReport, tempDir, tiffinfo } from './helpers/interop.js';

const DTYPES: DTypeName[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'];
const SHAPES = [
  { shape: [5, 7], axes: 'YX' },
  { shape: [2, 3, 2, 5, 7], axes: 'TZCYX' },
];

interface Case {
  name: string;
  dtype: DTypeName;
  bigtiff: boolean;
  byteorder: '<' | '>';
  shape: number[];
  axes: string;
  file: string;
}

const tmp = tempDir('tiffkit-matrix-');
const cases: Case[] = [];
for (const dtype of DTYPES) {
  for (const bigtiff of [false, true]) {
    for (const byteorder of ['<', '>'] as const) {
      for (const { shape, axes } of SHAPES) {
        const name = `${dtype} ${bigtiff ? 'BigTIFF' : 'classic'} ${byteorder} ${shape.length}-D`;
        cases.push({
          name,
          dtype,
          bigtiff,
          byteorder,
          shape,
          axes,
          file: tmp.path(`${name.replace(/[ <>]/g, (c) => ({ ' ': '_', '<': 'le', '>': 'be' })[c] ?? c)}.tif`),
        });
      }
    }
  }
}

const values = (c: Case) =>
  testValues(
    c.dtype,
    c.shape.reduce((a, b) => a * b, 1),
    c.shape.length,
  );

beforeAll(async () => {
  for (const c of cases) {
    await imwrite(
      c.file,
      { data: values(c), shape: c.shape },
      { bigtiff: c.bigtiff, byteorder: c.byteorder, metadata: { axes: c.axes }, photometric: 'minisblack' },
    );
  }
});
afterAll(() => tmp.cleanup());

describe.skipIf(missing('tifffile'))('tifffile reads every dtype, format and byte order', () => {
  let reports: Map<string, TifffileReport>;
  beforeAll(() => {
    reports = new Map(readWithTifffile(cases.map((c) => c.file)).map((r) => [r.path, r]));
  });

  it.each(cases)('$name', (c) => {
    const report = reports.get(c.file) as TifffileReport;
    expect(report.error).toBeUndefined();
    expect(report.warnings).toEqual([]);
    expect(report.is_bigtiff).toBe(c.bigtiff);
    expect(report.byteorder).toBe(c.byteorder);
    expect(report.is_shaped).toBe(true);
    expect(report.shaped_metadata?.[0]).toEqual({ shape: c.shape, axes: c.axes });
    expect(report.series).toHaveLength(1);
    const [series] = report.series;
    expect(series?.shape).toEqual(c.shape);
    expect(series?.axes).toBe(c.axes);
    expect(series?.dtype).toBe(c.dtype);
    expect(series?.pages).toBe(c.shape.length === 2 ? 1 : 12);
    expect(series?.sha256).toBe(sha256(values(c)));
    const tags = report.tags[0] as Record<string, unknown>;
    expect(tags['SampleFormat']).toBe(c.dtype.startsWith('uint') ? undefined : c.dtype.startsWith('int') ? 2 : 3);
  });
});

describe.skipIf(missing('tiffinfo'))('libtiff reads every file without warnings', () => {
  it.each(cases)('$name', (c) => {
    const { stdout, stderr, status } = tiffinfo(c.file);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const directories = stdout.match(/=== TIFF directory \d+ ===/g) ?? [];
    expect(directories).toHaveLength(c.shape.length === 2 ? 1 : 12);
    expect(stdout).toContain(`Image Width: ${c.shape.at(-1)} Image Length: ${c.shape.at(-2)}`);
    expect(stdout).toContain(`Bits/Sample: ${Number(c.dtype.match(/\d+/)?.[0])}`);
  });
});

describe('geotiff.js reads the first page of every file', () => {
  it.each(cases)('$name', async (c) => {
    const bytes = readFileSync(c.file);
    const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    expect(await tiff.getImageCount()).toBe(c.shape.length === 2 ? 1 : 12);
    const image = await tiff.getImage(0);
    expect([image.getWidth(), image.getHeight()]).toEqual([c.shape.at(-1), c.shape.at(-2)]);
    const [band] = (await image.readRasters()) as unknown as ArrayLike<number>[];
    const page = values(c).subarray(0, 35) as unknown as ArrayLike<number>;
    expect(Array.from(band as ArrayLike<number>)).toEqual(Array.from(page));
  });
});
