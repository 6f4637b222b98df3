/**
 * Proves the ImageJ harness, and this package's output, on files assembled by hand (hand-tiff.ts) and
 * opened by ImageJ 1.x itself. All files are inspected in one JVM (beforeAll); each test checks one file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIjMetadata, imagejDescription, imagejShape } from '../src/index.js';
import { buildTiff, type HandTiffOptions } from './hand-tiff.js';
import {
  type ImageJFailure,
  type ImageJReport,
  type ImageJSample,
  imagejMissing,
  inspectManyWithImageJ,
  inspectWithImageJ,
} from './imagej-harness.js';

const [T, Z, C, Y, X] = [2, 3, 2, 4, 5];
/** Every pixel says where it is, so a mis-ordered axis shows up as a wrong value. */
const value = (t: number, z: number, c: number, y: number, x: number) => t * 10000 + z * 1000 + c * 100 + y * 10 + x;
const tzcyx = Array.from({ length: T * Z * C * Y * X }, (_, i) => {
  const x = i % X;
  const y = Math.floor(i / X) % Y;
  const c = Math.floor(i / (X * Y)) % C;
  const z = Math.floor(i / (X * Y * C)) % Z;
  const t = Math.floor(i / (X * Y * C * Z));
  return value(t, z, c, y, x);
});
const corners: ImageJSample[] = [
  { c: 0, z: 0, t: 0, x: 0, y: 0 },
  { c: 1, z: 0, t: 0, x: 1, y: 0 },
  { c: 0, z: 2, t: 0, x: 0, y: 3 },
  { c: 1, z: 1, t: 1, x: 4, y: 2 },
  { c: 1, z: 2, t: 1, x: 4, y: 3 },
];
const expectedCorners = corners.map(({ t, z, c, y, x }) => value(t, z, c, y, x));

const ramp = (scale: [number, number, number]) =>
  Uint8Array.from({ length: 768 }, (_, i) => (i % 256) * (scale[Math.floor(i / 256)] as number));

/** Writes a file from the package's own description and IJMetadata, as the writer will. */
function imagejFile(
  data: { shape: number[]; dtype: HandTiffOptions['dtype']; pixels: number[]; byteOrder?: '<' | '>' },
  metadata: Record<string, unknown> = {},
  extra: Partial<HandTiffOptions> = {},
): Uint8Array {
  const byteOrder = data.byteOrder ?? '<';
  const colormapped = extra.colormap !== undefined;
  const axes = typeof metadata['axes'] === 'string' ? metadata['axes'] : undefined;
  const { shape, rgb } = imagejShape(data.shape, { axes, dtype: data.dtype, colormapped });
  const description = imagejDescription(shape, { rgb, colormapped, metadata });
  const ijMetadata = encodeIjMetadata(metadata, byteOrder);
  return buildTiff({
    byteOrder,
    width: shape[4],
    height: shape[3],
    planes: shape[0] * shape[1] * shape[2],
    samples: shape[5],
    dtype: data.dtype,
    pixels: data.pixels,
    description,
    ...(ijMetadata ? { ijMetadata } : {}),
    ...extra,
  });
}

const labels = Array.from(
  { length: T * Z * C },
  (_, i) => `t${Math.floor(i / (Z * C))} z${Math.floor(i / C) % Z} c${i % C}`,
);
const hyperstackMetadata = {
  axes: 'TZCYX',
  spacing: 2.5,
  unit: 'um',
  finterval: 0.1,
  Info: 'Acquired by hand\nline 2: 5 µm',
  Labels: labels,
  Ranges: [10, 200, 20, 300],
  LUTs: [ramp([1, 0, 0]), ramp([0, 1, 0])],
  Properties: { 'run id': 'A-17\nsecond line' },
};

const cmap16 = Array.from({ length: 768 }, (_, i) => (i < 256 ? 0 : i < 512 ? (i - 256) * 257 : 0));

interface Case {
  bytes: Uint8Array;
  samples?: ImageJSample[];
}

const cases: Record<string, Case> = {
  hyperstackLE: {
    bytes: imagejFile({ shape: [T, Z, C, Y, X], dtype: 'uint16', pixels: tzcyx }, hyperstackMetadata, {
      resolution: [2, 1],
    }),
    samples: corners,
  },
  hyperstackBE: {
    bytes: imagejFile(
      { shape: [T, Z, C, Y, X], dtype: 'uint16', pixels: tzcyx, byteOrder: '>' },
      { ...hyperstackMetadata, mode: 'composite' },
      { resolution: [2, 1] },
    ),
    samples: corners,
  },
  zStack: {
    bytes: imagejFile(
      { shape: [4, 2, 3], dtype: 'uint8', pixels: Array.from({ length: 24 }, (_, i) => i) },
      { axes: 'ZYX' },
    ),
    samples: [{ c: 0, z: 3, t: 0, x: 2, y: 1 }],
  },
  channelsByDefault: {
    // Not (3, 2, 3) or (3, 2, 4): a last dimension of 3 or 4 would make uint8 data RGB.
    bytes: imagejFile({ shape: [3, 2, 5], dtype: 'uint8', pixels: Array.from({ length: 30 }, (_, i) => i) }),
    samples: [{ c: 2, z: 0, t: 0, x: 1, y: 1 }],
  },
  float32: {
    bytes: imagejFile(
      {
        shape: [2, 2, 3],
        dtype: 'float32',
        pixels: [0.1, -2.5, 1e-10, 3, 4, 5, 6, 7, 8, 9, 10, Number.NaN],
        byteOrder: '>',
      },
      { mode: 'color', min: -2.5, max: 10 },
    ),
    samples: [
      { c: 0, z: 0, t: 0, x: 0, y: 0 },
      { c: 0, z: 0, t: 0, x: 2, y: 0 },
      { c: 1, z: 0, t: 0, x: 2, y: 1 },
    ],
  },
  int16: {
    bytes: imagejFile({ shape: [2, 3], dtype: 'int16', pixels: [-32768, -1, 0, 1, 1234, 32767] }),
    samples: [
      { c: 0, z: 0, t: 0, x: 0, y: 0 },
      { c: 0, z: 0, t: 0, x: 1, y: 0 },
      { c: 0, z: 0, t: 0, x: 2, y: 1 },
    ],
  },
  rgbFrames: {
    bytes: imagejFile(
      { shape: [2, 2, 3, 3], dtype: 'uint8', pixels: Array.from({ length: 36 }, (_, i) => (i * 7) % 256) },
      { axes: 'TYXS' },
    ),
    samples: [{ c: 0, z: 0, t: 1, x: 2, y: 1 }],
  },
  palette: {
    bytes: imagejFile(
      { shape: [2, 3], dtype: 'uint8', pixels: [0, 1, 2, 253, 254, 255] },
      {},
      { colormap: cmap16, photometric: 3 },
    ),
    samples: [{ c: 0, z: 0, t: 0, x: 2, y: 1 }],
  },
  lut16: {
    bytes: imagejFile(
      { shape: [2, 3], dtype: 'uint16', pixels: [0, 1, 2, 1000, 2000, 65535] },
      {},
      { colormap: cmap16 },
    ),
    samples: [{ c: 0, z: 0, t: 0, x: 2, y: 1 }],
  },
  deflate: {
    bytes: imagejFile(
      { shape: [2, 2, 3], dtype: 'uint16', pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      {},
      {
        compression: { code: 8, encode: (plane) => deflateSync(plane) },
      },
    ),
    samples: [
      { c: 0, z: 0, t: 0, x: 2, y: 1 },
      { c: 1, z: 0, t: 0, x: 0, y: 0 },
    ],
  },
  // Descriptions this package refuses to write, built by hand to show what ImageJ does with them.
  badEscape: {
    bytes: buildTiff({
      byteOrder: '<',
      width: 2,
      height: 1,
      planes: 1,
      dtype: 'uint8',
      pixels: [1, 2],
      description: 'ImageJ=1.11a\nimages=1\nunit=\\uZZZZ\n',
    }),
  },
  trailingBackslash: {
    bytes: buildTiff({
      byteOrder: '<',
      width: 2,
      height: 1,
      planes: 2,
      dtype: 'uint8',
      pixels: [1, 2, 3, 4],
      description: 'ImageJ=1.11a\nimages=2\nunit=um\\\nslices=2\n',
    }),
  },
};

describe.skipIf(imagejMissing())('ImageJ 1.x opens hand-made ImageJ hyperstacks', () => {
  let dir = '';
  const reports: Record<string, ImageJReport | ImageJFailure> = {};
  const report = (name: string): ImageJReport => {
    const result = reports[name];
    if (result === undefined || 'error' in result) throw new Error(`${name}: ${result?.error ?? 'not inspected'}`);
    return result;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tiffkit-imagej-test-'));
    const names = Object.keys(cases);
    const requests = names.map((name) => {
      const path = join(dir, `${name}.tif`);
      const entry = cases[name] as Case;
      writeFileSync(path, entry.bytes);
      return { path, samplePixels: entry.samples ?? [] };
    });
    const results = await inspectManyWithImageJ(requests);
    names.forEach((name, i) => {
      reports[name] = results[i] as ImageJReport | ImageJFailure;
    });
  }, 180_000);

  afterAll(() => {
    if (dir && process.env['TIFFKIT_KEEP_TMP'] !== '1') rmSync(dir, { recursive: true, force: true });
  });

  it('TZCYX uint16, little-endian: dimensions, calibration, pixels and IJMetadata', () => {
    const r = report('hyperstackLE');
    expect([r.width, r.height, r.nChannels, r.nSlices, r.nFrames, r.stackSize, r.bitDepth]).toEqual([
      X,
      Y,
      C,
      Z,
      T,
      12,
      16,
    ]);
    expect([r.isHyperStack, r.isComposite, r.compositeMode]).toEqual([true, true, 'grayscale']);
    expect(r.pixels).toEqual(expectedCorners);
    expect(r.calibration).toEqual({
      pixelWidth: 0.5,
      pixelHeight: 0.5,
      pixelDepth: 2.5,
      unit: 'µm',
      frameInterval: 0.1,
      xOrigin: 0,
      yOrigin: 0,
      zOrigin: 0,
      signed16: false,
    });
    expect(r.info).toBe('Acquired by hand\nline 2: 5 µm');
    expect(r.labels).toEqual(labels);
    expect(r.properties).toEqual({ 'run id': 'A-17\nsecond line' });
    expect(r.ranges).toEqual([
      [10, 200],
      [20, 300],
    ]);
    expect(r.lutColors).toEqual([0xff0000, 0x00ff00]);
    expect(r.log).toEqual([]);
    expect(r.imagejVersion).toMatch(/^1\.\d+/);
  });

  it('TZCYX uint16, big-endian, mode=composite', () => {
    const r = report('hyperstackBE');
    expect([r.nChannels, r.nSlices, r.nFrames, r.bitDepth, r.isHyperStack, r.compositeMode]).toEqual([
      C,
      Z,
      T,
      16,
      true,
      'composite',
    ]);
    expect(r.pixels).toEqual(expectedCorners);
    expect(r.labels).toEqual(labels);
    expect(r.ranges).toEqual([
      [10, 200],
      [20, 300],
    ]);
  });

  it('axes ZYX give slices', () => {
    const r = report('zStack');
    expect([r.nChannels, r.nSlices, r.nFrames, r.bitDepth, r.isComposite]).toEqual([1, 4, 1, 8, false]);
    expect(r.pixels).toEqual([3 * 6 + 1 * 3 + 2]);
  });

  it('3-D data without axes give channels', () => {
    const r = report('channelsByDefault');
    expect([r.nChannels, r.nSlices, r.nFrames, r.isComposite, r.compositeMode]).toEqual([3, 1, 1, true, 'grayscale']);
    expect(r.pixels).toEqual([2 * 10 + 1 * 5 + 1]);
  });

  it('float32 channels keep exact float values, and min/max set the display range', () => {
    const r = report('float32');
    expect([r.bitDepth, r.nChannels, r.compositeMode]).toEqual([32, 2, 'color']);
    expect(r.pixels[0]).toBe(Math.fround(0.1));
    expect(r.pixels[1]).toBe(Math.fround(1e-10));
    expect(r.pixels[2]).toBeNaN();
    expect(r.ranges).toEqual([
      [-2.5, 10],
      [-2.5, 10],
    ]);
  });

  it('int16 comes back signed', () => {
    const r = report('int16');
    expect([r.bitDepth, r.calibration.signed16]).toEqual([16, true]);
    expect(r.pixels).toEqual([-32768, -1, 32767]);
  });

  it('uint8 RGB frames (axes TYXS)', () => {
    const r = report('rgbFrames');
    expect([r.bitDepth, r.nChannels, r.nSlices, r.nFrames]).toEqual([24, 1, 1, 2]);
    // Frame 1, row 1, column 2: samples at (1·18 + 1·9 + 2·3) · 7 mod 256.
    const base = 18 + 9 + 6;
    const [red, green, blue] = [0, 1, 2].map((s) => ((base + s) * 7) % 256) as [number, number, number];
    expect(r.pixels).toEqual([(red << 16) | (green << 8) | blue]);
  });

  it('uint8 palette (colormapped, hyperstack=false) shows the colormap', () => {
    const r = report('palette');
    expect([r.bitDepth, r.isHyperStack, r.isComposite]).toEqual([8, false, false]);
    expect(r.pixels).toEqual([255]);
    expect(r.lutColors).toEqual([0x00ff00]);
  });

  it('uint16 with a colormap shows it as the LUT', () => {
    const r = report('lut16');
    expect([r.bitDepth, r.isHyperStack]).toEqual([16, false]);
    expect(r.pixels).toEqual([65535]);
    expect(r.lutColors).toEqual([0x00ff00]);
  });

  it('ImageJ 1.53 reads a zlib-compressed hyperstack, one strip per plane', () => {
    const r = report('deflate');
    expect([r.nChannels, r.bitDepth]).toEqual([2, 16]);
    expect(r.pixels).toEqual([6, 7]);
  });

  it('a malformed \\u escape in the description makes ImageJ refuse the file (why backslashes are rejected)', () => {
    const r = reports['badEscape'];
    expect(r && 'error' in r ? r.error : 'opened').toMatch(/Malformed \\uxxxx encoding/);
  });

  it('a trailing backslash glues the next line onto the value (why backslashes are rejected)', () => {
    const r = report('trailingBackslash');
    expect(r.calibration.unit).toBe('umslices=2');
    expect(r.nSlices).toBe(2);
  });

  it("inspectWithImageJ opens one file and rejects with ImageJ's error when it cannot", async () => {
    const path = join(dir, 'single.tif');
    writeFileSync(path, cases['zStack']?.bytes ?? new Uint8Array());
    const r = await inspectWithImageJ(path, [{ c: 0, z: 1, t: 0, x: 0, y: 0 }]);
    expect([r.nSlices, r.pixels]).toEqual([4, [6]]);
    await expect(inspectWithImageJ(join(dir, 'badEscape.tif'))).rejects.toThrow(
      /ImageJ failed on .*badEscape\.tif: ImageJ threw/,
    );
    await expect(inspectWithImageJ(join(dir, 'missing.tif'))).rejects.toThrow(/IJ\.openImage returned null/);
    await expect(inspectWithImageJ(path, [{ c: 0, z: 4, t: 0, x: 0, y: 0 }])).rejects.toThrow(/outside the image/);
  }, 60_000);
});
