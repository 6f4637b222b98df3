/**
 * OME-TIFF: every file's OME-XML validates against the OME 2016-06 schema; tifffile reads the files as
 * OME (series, shapes, axes, pyramid levels, values); libtiff reads them without warnings.
 */
import { readFileSync } from 'node:fs';
import type { DTypeName } from '@tiffkit/tiff-core';
import { parseOmeXml } from '@tiffkit/tiff-meta-ome';
import { afterAll, describe, expect, it } from 'vitest';
import { type ImwriteOptions, imwrite, MemorySink, type TiffWarning, TiffWriter } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { sha256, testValues } from './helpers/data.js';
import { missing, tempDir, validateOmeXml } from './helpers/interop.js';
import { parse, tags } from './helpers/read.js';

const tmp = tempDir('tiffkit-ome-');
afterAll(() => tmp.cleanup());

/** The OME-XML of a file (first page's ImageDescription), checked against the schema. */
async function omeXml(path: string): Promise<string> {
  const bytes = new Uint8Array(readFileSync(path));
  const xml = tags((await parse(bytes)).ifds[0] as never).get(270) as string;
  if (!missing('xmllint')) {
    const { valid, messages } = validateOmeXml(xml, `${path}.xml`);
    expect(messages).toMatch(/validates/);
    expect(valid).toBe(true);
  }
  return xml;
}

const stack = testValues('uint16', 5 * 2 * 64 * 48, 1) as Uint16Array;
const rgb = testValues('uint8', 40 * 50 * 3, 2) as Uint8Array;

/** Write, then check the XML against the schema and hand it to the case. */
function omeCase(
  name: string,
  write: (path: string) => Promise<unknown>,
  check: (xml: string, report: Parameters<NonNullable<InteropCase['tifffile']>>[0]) => void,
): InteropCase {
  const xmls = new Map<string, string>();
  return {
    name,
    write: async (path) => {
      await write(path);
      xmls.set(name, await omeXml(path));
    },
    tifffile: (report) => {
      expect(report.is_ome).toBe(true);
      check(xmls.get(name) as string, report);
    },
  };
}

const DTYPES: DTypeName[] = [
  'bool',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'float32',
  'float64',
  'complex64',
  'complex128',
];

const cases: InteropCase[] = [
  omeCase(
    'a 2-D image in a file named *.ome.tif',
    (path) =>
      imwrite(path.replace(/\.tif$/, '.ome.tif'), { data: stack.subarray(0, 64 * 48), shape: [64, 48] }).then(() =>
        imwrite(path, { data: stack.subarray(0, 64 * 48), shape: [64, 48] }, { ome: true }),
      ),
    (xml, report) => {
      expect(report.series.map((s) => [s.shape, s.axes])).toEqual([[[64, 48], 'YX']]);
      expect(xml).toContain('<TiffData IFD="0" PlaneCount="1"/>');
    },
  ),
  omeCase(
    'TCYX, physical sizes in µm, channel names, planes, tiles and deflate, big-endian BigTIFF',
    (path) =>
      imwrite(
        path,
        { data: stack, shape: [5, 2, 64, 48] },
        {
          ome: true,
          bigtiff: true,
          byteorder: '>',
          tile: [32, 32],
          compression: 'zlib',
          metadata: {
            axes: 'TCYX',
            Name: 'cells',
            PhysicalSizeX: 0.325,
            PhysicalSizeXUnit: 'µm',
            PhysicalSizeY: 0.325,
            PhysicalSizeYUnit: 'µm',
            TimeIncrement: 30,
            TimeIncrementUnit: 's',
            Channel: { Name: ['DAPI', 'GFP'], EmissionWavelength: [461, 509], EmissionWavelengthUnit: 'nm' },
            Plane: { ExposureTime: 0.05, ExposureTimeUnit: 's' },
            MapAnnotation: { microscope: 'A1' },
          },
        },
      ),
    (xml, report) => {
      expect(report.byteorder).toBe('>');
      expect(report.series[0]?.shape).toEqual([5, 2, 64, 48]);
      expect(report.series[0]?.axes).toBe('TCYX');
      expect(report.series[0]?.sha256).toBe(sha256(stack));
      const image = parseOmeXml(xml).images[0];
      expect(image?.name).toBe('cells');
      expect(image?.pixels.physicalSizeX).toBe(0.325);
      expect(image?.pixels.physicalSizeXUnit).toBe('µm');
      expect(image?.pixels.channels.map((c) => c.name)).toEqual(['DAPI', 'GFP']);
      expect(image?.pixels.planes).toHaveLength(10);
    },
  ),
  omeCase(
    'three images: a stack, RGB (interleaved), and a series grown by contiguous writes along T',
    async (path) => {
      const writer = await TiffWriter.open(path, { ome: true });
      await writer.write({ data: stack, shape: [5, 2, 64, 48] }, { metadata: { axes: 'ZCYX' } });
      await writer.write({ data: rgb, shape: [40, 50, 3] });
      for (let t = 0; t < 4; t++)
        await writer.write({ data: stack.subarray(t * 3072, (t + 1) * 3072), shape: [64, 48] }, { contiguous: true });
      await writer.close();
    },
    (xml, report) => {
      expect(report.series.map((s) => [s.shape, s.axes])).toEqual([
        [[5, 2, 64, 48], 'ZCYX'],
        [[40, 50, 3], 'YXS'],
        [[4, 64, 48], 'TYX'],
      ]);
      expect(report.series[1]?.sha256).toBe(sha256(rgb));
      expect(report.series[2]?.sha256).toBe(sha256(stack.subarray(0, 4 * 3072)));
      const images = parseOmeXml(xml).images;
      expect(images.map((i) => i.pixels.tiffData.map((t) => [t.ifd, t.planeCount]))).toEqual([
        [[0, 10]],
        [[10, 1]],
        [[11, 4]],
      ]);
      expect(images[1]?.pixels.interleaved).toBe(true);
    },
  ),
  omeCase(
    'a pyramid computed by the pyramid option, as SubIFDs of every plane',
    (path) =>
      imwrite(
        path,
        { data: stack, shape: [5, 2, 64, 48] },
        { ome: true, metadata: { axes: 'TCYX' }, tile: [16, 16], compression: 'zlib', pyramid: { levels: 2 } },
      ),
    (xml, report) => {
      expect(report.pages).toBe(10);
      expect(report.series[0]?.levels.map((l) => l.shape)).toEqual([
        [5, 2, 32, 24],
        [5, 2, 16, 12],
      ]);
      expect(parseOmeXml(xml).images).toHaveLength(1);
    },
  ),
  omeCase(
    'modulo axes fold into T and Z (EPYX)',
    (path) =>
      imwrite(
        path,
        { data: stack.subarray(0, 3 * 5 * 16 * 16), shape: [3, 5, 16, 16] },
        { ome: true, metadata: { axes: 'EPYX' } },
      ),
    (xml, report) => {
      expect(report.series[0]?.shape).toEqual([3, 5, 16, 16]);
      expect(xml).toContain('<ModuloAlongT Type="lambda" Start="0" End="2"/>');
      expect(xml).toContain('<ModuloAlongZ Type="phase" Start="0" End="4"/>');
    },
  ),
  omeCase(
    'metadata strings cannot inject XML',
    (path) =>
      imwrite(
        path,
        { data: rgb, shape: [40, 50, 3] },
        {
          ome: true,
          metadata: {
            Name: '</Name><Evil/><Name>',
            Description: 'a & b < c "quoted" \'single\'',
            Channel: { Name: ['x" Evil="1'] },
          },
        },
      ),
    (xml) => {
      const image = parseOmeXml(xml).images[0];
      expect(image?.name).toBe('</Name><Evil/><Name>');
      expect(image?.description).toBe('a & b < c "quoted" \'single\'');
      expect(image?.pixels.channels[0]?.name).toBe('x" Evil="1');
      expect(xml).not.toContain('<Evil');
    },
  ),
  ...DTYPES.map((dtype) =>
    omeCase(
      `dtype ${dtype}`,
      (path) =>
        imwrite(
          path,
          { data: testValues(dtype, 3 * 8 * 9, 4), shape: [3, 8, 9], dtype },
          { ome: true, photometric: dtype === 'bool' ? undefined : 'minisblack' },
        ),
      (xml, report) => {
        expect(report.series[0]?.dtype).toBe(dtype);
        expect(report.series[0]?.sha256).toBe(sha256(testValues(dtype, 3 * 8 * 9, 4)));
        expect(report.series[0]?.axes).toBe('CYX'); // a 3-D stack is channels in OME
        expect(xml).toMatch(/Type="(int8|uint8|int16|uint16|int32|uint32|float|double|complex|double-complex|bit)"/);
      },
    ),
  ),
];

interopSuite('OME-TIFF', cases);

describe('OME-TIFF rules', () => {
  it('is not automatic for unnamed sinks, nor when the first write brings a description', async () => {
    const sink = new MemorySink();
    await imwrite(sink, { data: rgb, shape: [40, 50, 3] });
    expect(tags((await parse(sink.toUint8Array().slice())).ifds[0] as never).get(270)).toBe('{"shape": [40, 50, 3]}');
    const path = tmp.path('described.ome.tif');
    await imwrite(path, { data: rgb, shape: [40, 50, 3] }, { description: 'mine', metadata: null });
    expect(tags((await parse(new Uint8Array(readFileSync(path)))).ifds[0] as never).get(270)).toBe('mine');
  });

  it('drops a description with a warning, and keeps a hand-made OME-XML from overwriteDescription', async () => {
    const warnings: TiffWarning[] = [];
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink, { ome: true, onWarning: (w) => warnings.push(w) });
    await writer.write({ data: rgb, shape: [40, 50, 3] }, { description: 'ignored' });
    await writer.overwriteDescription(
      '<?xml version="1.0"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06"/>',
    );
    await writer.close();
    expect(warnings.map((w) => w.code)).toEqual(['description-ignored']);
    expect(tags((await parse(sink.toUint8Array().slice())).ifds[0] as never).get(270)).toMatch(
      /^<\?xml version="1.0"\?><OME/,
    );
  });

  it.each([
    ['int64 data', { data: new BigInt64Array(16), shape: [4, 4] }, {}, 'UNSUPPORTED', /int64/],
    ['float16 data', { data: new Uint16Array(16), shape: [4, 4], dtype: 'float16' }, {}, 'UNSUPPORTED', /float16/],
    [
      'volumetric data',
      { data: new Uint8Array(4 * 16 * 16), shape: [4, 16, 16] },
      { volumetric: true },
      'INCOMPATIBLE_OPTIONS',
      /OME-TIFF does not support volumetric data/,
    ],
    [
      'axes of the wrong length',
      { data: new Uint8Array(64), shape: [4, 4, 4] },
      { metadata: { axes: 'YX' } },
      'INVALID_OPTION',
      /axes/,
    ],
    [
      'repeated axes',
      { data: new Uint8Array(64), shape: [4, 4, 4] },
      { metadata: { axes: 'ZZX' } },
      'INVALID_OPTION',
      /axes/,
    ],
    [
      'unknown axes',
      { data: new Uint8Array(64), shape: [4, 4, 4] },
      { metadata: { axes: 'WYX' } },
      'INVALID_OPTION',
      /axes/,
    ],
    [
      'axes not ending in YX',
      { data: new Uint8Array(64), shape: [4, 4, 4] },
      { metadata: { axes: 'YXZ' } },
      'INVALID_OPTION',
      /axes/,
    ],
    [
      'too many dimensions',
      { data: new Uint8Array(2 ** 10), shape: new Array(10).fill(2) },
      {},
      'UNSUPPORTED',
      /10-dimensional/,
    ],
    [
      'an invalid unit',
      { data: new Uint8Array(64), shape: [8, 8] },
      { metadata: { PhysicalSizeX: 1, PhysicalSizeXUnit: 'parsec' } },
      'INVALID_OPTION',
      /PhysicalSizeXUnit/,
    ],
  ] as const)('%s: a TiffError before anything is written', async (_name, data, options, code, message) => {
    const path = tmp.path(`refused-${_name.replace(/\W+/g, '-')}.ome.tif`);
    const writer = await TiffWriter.open(path);
    const before = readFileSync(path);
    const error = await writer.write(data as never, options as ImwriteOptions).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TiffError', code });
    expect((error as Error).message).toMatch(message);
    expect(readFileSync(path)).toEqual(before);
    await writer.close();
  });

  it('a series cannot grow along T when T is not its first axis', async () => {
    const writer = await TiffWriter.open(new MemorySink(), { ome: true });
    await writer.write({ data: new Uint8Array(2 * 3 * 25), shape: [2, 3, 5, 5] }, { metadata: { axes: 'CTYX' } });
    await expect(
      writer.write({ data: new Uint8Array(2 * 3 * 25), shape: [2, 3, 5, 5] }, { contiguous: true }),
    ).rejects.toMatchObject({
      code: 'INCOMPATIBLE_OPTIONS',
      option: 'contiguous',
    });
    await writer.close();
  });
});
