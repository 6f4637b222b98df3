/**
 * ImageJ hyperstacks, opened by ImageJ 1.x itself (the client that matters), by tifffile (is_imagej,
 * axes, values, imagej_metadata) and by libtiff.
 */
// The ImageJ harness lives with the ImageJ metadata package's tests; it drives Debian's ImageJ 1.x.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImageJReport, imagejMissing, inspectManyWithImageJ } from '../../tiff-meta-imagej/test/imagej-harness.js';
import { type ImwriteOptions, imwrite, MemorySink, type TiffWarning, TiffWriter } from '../src/index.js';
import { anyOf, type InteropCase, interopSuite, UNKNOWN_TAG } from './helpers/cases.js';
import { sha256 } from './helpers/data.js';
import { tempDir } from './helpers/interop.js';
import { parse, tags } from './helpers/read.js';

const tzcyx = Uint16Array.from({ length: 3 * 4 * 2 * 40 * 30 }, (_, i) => (i * 37) % 65000);
const zyx = Float32Array.from({ length: 5 * 20 * 25 }, (_, i) => Math.sin(i / 10) * 100);
const rgb = Uint8Array.from({ length: 2 * 24 * 32 * 3 }, (_, i) => (i * 11) % 256);
const composite = Uint16Array.from({ length: 3 * 16 * 20 }, (_, i) => i % 4096);
const frame = (t: number) => Uint8Array.from({ length: 12 * 18 }, (_, i) => (t * 40 + i) % 256);
const lut = (channel: number) =>
  Uint8Array.from({ length: 768 }, (_, i) => (Math.floor(i / 256) === channel ? i % 256 : 0));

const tmp = tempDir('tiffkit-imagej-');
afterAll(() => tmp.cleanup());
const file = (name: string) => tmp.path(`${name}.tif`);

interface IJCase {
  name: string;
  write: (path: string) => Promise<unknown>;
  imagej: Partial<ImageJReport> & { pixels?: number[] };
  samples: { c: number; z: number; t: number; x: number; y: number }[];
  tifffile: InteropCase['tifffile'];
}

const CASES: IJCase[] = [
  {
    name: 'TZCYX uint16 hyperstack',
    write: (path) => imwrite(path, { data: tzcyx, shape: [3, 4, 2, 40, 30] }, { imagej: true }),
    imagej: { width: 30, height: 40, nChannels: 2, nSlices: 4, nFrames: 3, bitDepth: 16, isHyperStack: true },
    samples: [
      { c: 0, z: 0, t: 0, x: 0, y: 0 },
      { c: 1, z: 2, t: 1, x: 7, y: 5 },
      { c: 1, z: 3, t: 2, x: 29, y: 39 },
    ],
    tifffile: (r) => {
      expect([r.is_imagej, r.series[0]?.shape, r.series[0]?.axes]).toEqual([true, [3, 4, 2, 40, 30], 'TZCYX']);
      expect(r.series[0]?.sha256).toBe(sha256(tzcyx));
    },
  },
  {
    name: 'ZYX float32 with calibration',
    write: (path) =>
      imwrite(
        path,
        { data: zyx, shape: [5, 20, 25] },
        {
          imagej: true,
          resolution: [1 / 0.25, 1 / 0.25],
          metadata: { axes: 'ZYX', spacing: 1.5, unit: 'um', finterval: 0.5, Info: 'acquired by tiffkit tests' },
        },
      ),
    // one dimension beyond YX: ImageJ opens a plain stack, not a hyperstack
    imagej: { width: 25, height: 20, nChannels: 1, nSlices: 5, nFrames: 1, bitDepth: 32, isHyperStack: false },
    samples: [{ c: 0, z: 4, t: 0, x: 24, y: 19 }],
    tifffile: (r) => {
      expect([r.series[0]?.shape, r.series[0]?.axes]).toEqual([[5, 20, 25], 'ZYX']);
      expect(r.imagej_metadata).toMatchObject({
        spacing: 1.5,
        unit: 'um',
        slices: 5,
        Info: 'acquired by tiffkit tests',
      });
      expect(r.series[0]?.sha256).toBe(sha256(zyx));
    },
  },
  {
    name: 'RGB (uint8, contiguous samples), two slices',
    write: (path) => imwrite(path, { data: rgb, shape: [2, 24, 32, 3] }, { imagej: true, metadata: { axes: 'ZYXS' } }),
    imagej: { width: 32, height: 24, nSlices: 2, bitDepth: 24 },
    samples: [{ c: 0, z: 1, t: 0, x: 3, y: 2 }],
    tifffile: (r) => {
      expect([r.series[0]?.shape, r.series[0]?.axes]).toEqual([[2, 24, 32, 3], 'ZYXS']);
      expect(r.series[0]?.sha256).toBe(sha256(rgb));
    },
  },
  {
    name: 'composite with LUTs, labels and ranges',
    write: (path) =>
      imwrite(
        path,
        { data: composite, shape: [3, 16, 20] },
        {
          imagej: true,
          metadata: {
            mode: 'composite',
            LUTs: [lut(0), lut(1), lut(2)],
            Ranges: [0, 4095, 0, 2000, 100, 4000],
            Labels: ['red', 'green', 'blue'],
          },
        },
      ),
    imagej: {
      width: 20,
      height: 16,
      nChannels: 3,
      nSlices: 1,
      nFrames: 1,
      bitDepth: 16,
      isComposite: true,
      compositeMode: 'composite',
    },
    samples: [{ c: 2, z: 0, t: 0, x: 19, y: 15 }],
    tifffile: (r) => {
      expect(r.series[0]?.axes).toBe('CYX');
      expect(r.imagej_metadata?.['Labels']).toEqual(['red', 'green', 'blue']);
      expect(r.imagej_metadata?.['Ranges']).toEqual([0, 4095, 0, 2000, 100, 4000]);
      const luts = (r.imagej_metadata?.['LUTs'] ?? []) as number[][][];
      expect(luts.map((l) => l.map((row) => row[255]))).toEqual([
        [255, 0, 0],
        [0, 255, 0],
        [0, 0, 255],
      ]);
    },
  },
  {
    name: 'grown by contiguous writes',
    write: async (path) => {
      const writer = await TiffWriter.open(path, { imagej: true });
      for (let t = 0; t < 6; t++)
        await writer.write({ data: frame(t), shape: [12, 18] }, { contiguous: true, metadata: { finterval: 2 } });
      await writer.close();
    },
    imagej: { width: 18, height: 12, nChannels: 1, nSlices: 1, nFrames: 6, bitDepth: 8, isHyperStack: false },
    samples: [{ c: 0, z: 0, t: 5, x: 17, y: 11 }],
    tifffile: (r) => {
      expect([r.series[0]?.shape, r.series[0]?.axes]).toEqual([[6, 12, 18], 'TYX']);
      expect(r.imagej_metadata).toMatchObject({ images: 6, frames: 6, finterval: 2 });
    },
  },
];

/** What a case's data holds at a sample position, as ImageJ reports it. */
function expected(name: string, s: { c: number; z: number; t: number; x: number; y: number }): number {
  switch (name) {
    case 'TZCYX uint16 hyperstack':
      return tzcyx[(((s.t * 4 + s.z) * 2 + s.c) * 40 + s.y) * 30 + s.x] as number;
    case 'ZYX float32 with calibration':
      return zyx[(s.z * 20 + s.y) * 25 + s.x] as number;
    case 'composite with LUTs, labels and ranges':
      return composite[(s.c * 16 + s.y) * 20 + s.x] as number;
    case 'grown by contiguous writes':
      return frame(s.t)[s.y * 18 + s.x] as number;
    default: {
      const at = ((s.z * 24 + s.y) * 32 + s.x) * 3;
      return ((rgb[at] as number) << 16) | ((rgb[at + 1] as number) << 8) | (rgb[at + 2] as number);
    }
  }
}

interopSuite(
  'ImageJ hyperstacks',
  CASES.map((c) => ({ name: c.name, write: c.write, tifffile: c.tifffile, allowedWarnings: anyOf(UNKNOWN_TAG) })),
);

describe.skipIf(imagejMissing())('ImageJ 1.x opens them', () => {
  let reports: Map<string, ImageJReport>;
  beforeAll(async () => {
    for (const c of CASES) await c.write(file(c.name));
    const results = await inspectManyWithImageJ(CASES.map((c) => ({ path: file(c.name), samplePixels: c.samples })));
    reports = new Map(results.map((r, i) => [CASES[i]?.name as string, r as ImageJReport]));
  }, 120_000);

  it.each(CASES)('$name', (c) => {
    const report = reports.get(c.name) as ImageJReport & { error?: string };
    expect(report.error).toBeUndefined();
    const { pixels, ...fields } = c.imagej;
    expect(report).toMatchObject(fields);
    const want = c.samples.map((s) => expected(c.name, s));
    if (c.name.startsWith('ZYX float32')) {
      expect(report.pixels.map((v) => Math.fround(v))).toEqual(want.map((v) => Math.fround(v)));
      expect(report.calibration).toMatchObject({ pixelWidth: 0.25, pixelDepth: 1.5, unit: 'µm' });
      expect(report.info).toBe('acquired by tiffkit tests');
    } else {
      expect(report.pixels).toEqual(want);
    }
    if (c.name === 'composite with LUTs, labels and ranges') {
      expect(report.lutColors).toEqual([0xff0000, 0x00ff00, 0x0000ff]);
      expect(report.labels.slice(0, 3)).toEqual(['red', 'green', 'blue']);
    }
    void pixels;
  });
});

describe('ImageJ rules, before anything is written', () => {
  it.each([
    [
      'int32 data',
      { data: new Int32Array(16), shape: [4, 4] },
      {},
      'UNSUPPORTED',
      'dtype',
      /does not support data type 'int32'/,
    ],
    [
      'uint16 RGB',
      { data: new Uint16Array(48), shape: [4, 4, 3] },
      { photometric: 'rgb' },
      'UNSUPPORTED',
      'dtype',
      /RGB must be uint8/,
    ],
    [
      'planar samples',
      { data: new Uint8Array(48), shape: [3, 4, 4] },
      { photometric: 'rgb', planarConfig: 'separate' },
      'UNSUPPORTED',
      'planarConfig',
      /planar/,
    ],
    [
      'volumetric data',
      { data: new Uint8Array(64), shape: [4, 4, 4] },
      { volumetric: true },
      'UNSUPPORTED',
      'volumetric',
      /ImageDepth/,
    ],
    [
      'axes out of order',
      { data: new Uint8Array(64), shape: [4, 4, 4] },
      { metadata: { axes: 'CZX' } },
      'INVALID_OPTION',
      'metadata.axes',
      /subsequence of TZCYXS/,
    ],
    [
      'a newline in a value',
      { data: new Uint8Array(16), shape: [4, 4] },
      { metadata: { unit: 'um\nimages=99' } },
      'INVALID_OPTION',
      'metadata.unit',
      /./,
    ],
    [
      '= in a key',
      { data: new Uint8Array(16), shape: [4, 4] },
      { metadata: { 'a=b': 1 } },
      'INVALID_OPTION',
      'metadata.a=b',
      /./,
    ],
    [
      'non-ASCII text',
      { data: new Uint8Array(16), shape: [4, 4] },
      { metadata: { unit: 'µm' } },
      'INVALID_OPTION',
      'metadata.unit',
      /um/,
    ],
  ] as const)('%s', async (_name, data, options, code, option, message) => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink, { imagej: true });
    const before = sink.toUint8Array().slice();
    const error = await writer.write(data as never, options as ImwriteOptions).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TiffError', code, option });
    expect((error as Error).message).toMatch(message);
    expect(sink.toUint8Array()).toEqual(before);
    await writer.close();
  });

  it('one series per file: a second, non-contiguous series is refused', async () => {
    const writer = await TiffWriter.open(new MemorySink(), { imagej: true });
    await writer.write({ data: frame(0), shape: [12, 18] });
    await expect(writer.write({ data: frame(1), shape: [12, 18] })).rejects.toMatchObject({
      code: 'INCOMPATIBLE_OPTIONS',
    });
    await writer.close();
  });

  it('drops a description, warns for BigTIFF, and defaults the resolution unit to NONE', async () => {
    const warnings: TiffWarning[] = [];
    const sink = new MemorySink();
    await imwrite(
      sink,
      { data: frame(0), shape: [12, 18] },
      { imagej: true, bigtiff: true, description: 'x', resolution: [2, 2], onWarning: (w) => warnings.push(w) },
    );
    expect(warnings.map((w) => w.code)).toEqual(['imagej-bigtiff', 'description-ignored']);
    const t = tags((await parse(sink.toUint8Array().slice())).ifds[0] as never);
    expect(t.get(296)).toEqual([1]);
    expect(t.get(270)).toBe('ImageJ=1.11a\nimages=1\nhyperstack=true\nmode=grayscale\n');
  });

  it('beyond 4 GiB, keeps ImageJ’s convention: one IFD, the pages in images=, and a warning', async () => {
    const warnings: TiffWarning[] = [];
    const path = file('huge');
    const writer = await TiffWriter.open(path, { imagej: true, onWarning: (w) => warnings.push(w) });
    for (let i = 0; i < 5; i++) await writer.write(null, { shape: [16384, 65536], dtype: 'uint8', contiguous: true });
    await writer.close();
    expect(warnings.map((w) => w.code)).toEqual(['imagej-truncated']);
    const { openFileSource } = await import('@tiffkit/tiff-core/node');
    const { parseTiff } = await import('@tiffkit/tiff-core');
    const source = await openFileSource(path);
    const tiff = await parseTiff(source);
    await source.close();
    expect(tiff.ifds).toHaveLength(1);
    expect(tiff.format.bigtiff).toBe(false);
    expect(tiff.ifds[0]?.entries.find((e) => e.code === 270)?.value).toBe(
      'ImageJ=1.11a\nimages=5\nframes=5\nhyperstack=true\nmode=grayscale\nloop=false\n',
    );
    expect(source.size).toBeGreaterThan(5 * 2 ** 30);
  });
});
