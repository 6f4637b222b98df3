/**
 * Inputs that used to change the file, poison the writer or escape as the wrong error (the hardening
 * issue): each is refused while planning with a TiffError naming the option, the sink keeps its bytes,
 * and the writer takes the next valid write.
 */
import { TagCode } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { MemorySink, TiffWriter, type WriteData, type WriteOptions } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { sha256 } from './helpers/data.js';
import { pageBytes, parse, tags } from './helpers/read.js';

const u8 = new Uint8Array(16 * 16).map((_, i) => i);

interface Refusal {
  readonly name: string;
  readonly data?: WriteData;
  readonly options: WriteOptions;
  readonly code: string;
  readonly option: string;
  readonly message: RegExp;
  /** Refused in classic files only. */
  readonly classicOnly?: boolean;
}

const REFUSALS: Refusal[] = [
  {
    name: 'an extra tag value its type cannot hold (70000 as SHORT)',
    options: { extraTags: [[65000, 'H', 1, 70000]] },
    code: 'INVALID_OPTION',
    option: 'extraTags',
    message: /extraTags\[0\]: .*70000 is not an integer in 0\.\.65535/,
  },
  {
    name: 'a LONG8 extra tag in a classic file',
    options: { extraTags: [[65000, 'Q', 1, 5]] },
    code: 'INVALID_OPTION',
    option: 'extraTags',
    message: /LONG8 is only valid in BigTIFF files/,
    classicOnly: true,
  },
  {
    name: 'shaped axes of the wrong length',
    data: { data: new Uint8Array(2 * 3 * 16 * 16), shape: [2, 3, 16, 16] },
    options: { metadata: { axes: 'Q' } },
    code: 'INVALID_OPTION',
    option: 'metadata.axes',
    message: /a string of 4 axis letters/,
  },
  {
    name: 'empty shaped axes',
    data: { data: new Uint8Array(2 * 3 * 16 * 16), shape: [2, 3, 16, 16] },
    options: { metadata: { axes: '' } },
    code: 'INVALID_OPTION',
    option: 'metadata.axes',
    message: /a string of 4 axis letters/,
  },
  {
    name: 'an int64 bigint beyond 64 bits',
    data: [2n ** 64n, 1n],
    options: { shape: [1, 2], dtype: 'int64' },
    code: 'INVALID_DATA',
    option: 'data',
    message: /data\[0\]=18446744073709551616 cannot be stored as int64: out of range/,
  },
  {
    name: 'a negative uint64',
    data: [-1n, 1n],
    options: { shape: [1, 2], dtype: 'uint64' },
    code: 'INVALID_DATA',
    option: 'data',
    message: /data\[0\]=-1 cannot be stored as uint64/,
  },
  {
    name: 'bigints mixed with fractions',
    data: [1n, 0.5] as unknown as WriteData,
    options: { shape: [1, 2], dtype: 'int64' },
    code: 'INVALID_DATA',
    option: 'data',
    message: /data\[1\]=0\.5 cannot be stored as int64: not an integer/,
  },
  {
    name: 'a typed array longer than its shape',
    data: new Uint8Array(100),
    options: { shape: [4, 4] },
    code: 'INVALID_DATA',
    option: 'data',
    message: /data of 100 elements cannot have shape \[4, 4\] \(16 elements\)/,
  },
  {
    name: 'an array-like whose data is longer than its shape',
    data: { data: new Uint16Array(20), shape: [4, 4] },
    options: {},
    code: 'INVALID_DATA',
    option: 'data',
    message: /data of 20 elements cannot have shape/,
  },
  {
    name: 'a predictor with PackBits',
    options: { compression: 'packbits', predictor: 'horizontal' },
    code: 'INCOMPATIBLE_OPTIONS',
    option: 'predictor',
    message: /cannot be used with PackBits: libtiff and GDAL ignore it/,
  },
  {
    name: 'a description with an embedded NUL',
    options: { description: 'before\0after' },
    code: 'INVALID_OPTION',
    option: 'description',
    message: /description has a NUL at index 6/,
  },
  {
    name: 'description bytes with an embedded NUL',
    options: { description: new Uint8Array([65, 0, 66, 0]) },
    code: 'INVALID_OPTION',
    option: 'description',
    message: /NUL at index 1/,
  },
  {
    name: 'a tile too large to hold in memory',
    options: { tile: [2 ** 31, 16] },
    code: 'INVALID_OPTION',
    option: 'tile',
    message: /segments of at most 2 GiB/,
  },
  {
    name: 'data whose getter throws',
    data: {
      get data(): Uint8Array {
        throw new Error('boom');
      },
      shape: [16, 16],
    },
    options: {},
    code: 'INVALID_DATA',
    option: 'data',
    message: /reading the data failed: boom/,
  },
];

describe.each([false, true])('refused before any byte (bigtiff: %s), the writer stays usable', (bigtiff) => {
  it.each(REFUSALS.filter((r) => !(bigtiff && r.classicOnly)))(
    '$name',
    async ({ data, options, code, option, message }) => {
      const sink = new MemorySink();
      const writer = await TiffWriter.open(sink, { bigtiff });
      await writer.write({ data: u8, shape: [16, 16] });
      const before = sink.toUint8Array().slice();
      const error = await writer.write(data ?? { data: u8, shape: [16, 16] }, options).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TiffError', code, option });
      expect((error as Error).message).toMatch(message);
      expect(sink.toUint8Array()).toEqual(before);
      await writer.write({ data: u8, shape: [16, 16] }); // not WRITER_FAILED
      await writer.close();
      expect((await parse(sink.toUint8Array())).ifds).toHaveLength(2);
    },
  );
});

it.each([
  [
    'a page too small for its levels',
    [8, 1],
    { levels: 1 },
    'INVALID_OPTION',
    'pyramid.levels',
    /at most 0 for pages of 8×1/,
  ],
  [
    'more levels than halvings',
    [2, 7, 2],
    { levels: 2 },
    'INVALID_OPTION',
    'pyramid.levels',
    /at most 1 for pages of 7×2/,
  ],
  ['volumetric data', [4, 16, 16], { levels: 1 }, 'UNSUPPORTED', 'pyramid', /volumetric/],
] as const)('pyramid: %s is refused before any byte', async (_name, shape, pyramid, code, option, message) => {
  const sink = new MemorySink();
  const writer = await TiffWriter.open(sink);
  const before = sink.toUint8Array().slice();
  const size = (shape as readonly number[]).reduce((a, b) => a * b, 1);
  const data = { data: new Uint8Array(size), shape: [...shape] };
  const volumetric = shape.length === 3 && shape[0] === 4 ? { volumetric: true } : {};
  const error = await writer.write(data, { pyramid, ...volumetric }).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'TiffError', code, option });
  expect((error as Error).message).toMatch(message);
  expect(sink.toUint8Array()).toEqual(before);
  await writer.write({ data: u8, shape: [16, 16] });
  await writer.close();
});

it.each([
  ['int64, negative halves rounded up as Math.round does', new BigInt64Array([-1n, -1n, -1n, -2n]), 'int64', [-1n]],
  ['int64, a positive half', new BigInt64Array([1n, 2n, 1n, 2n]), 'int64', [2n]],
  ['int32, for comparison', new Int32Array([-1, -1, -1, -2]), 'int32', [-1]],
  // float16 bits of 1 and 4: the level holds 2.5 (0x4100), not the mean of the bit patterns
  ['float16, averaged as numbers', new Uint16Array([0x3c00, 0x4400, 0x3c00, 0x4400]), 'float16', [0x4100]],
] as const)('pyramid mean of %s', async (_name, values, dtype, expected) => {
  const sink = new MemorySink();
  const writer = await TiffWriter.open(sink, { byteorder: '<' });
  await writer.write({ data: values, shape: [2, 2], dtype }, { pyramid: { levels: 1 } });
  await writer.close();
  const bytes = sink.toUint8Array();
  const [page] = (await parse(bytes)).ifds;
  const level = page?.subIfds[0] as never;
  const stored = pageBytes(bytes, level);
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const value =
    dtype === 'int64'
      ? view.getBigInt64(0, true)
      : dtype === 'int32'
        ? view.getInt32(0, true)
        : view.getUint16(0, true);
  expect([value]).toEqual(expected);
});

it('an iterator that throws is bad data: its series is rolled back and the writer stays usable', async () => {
  const sink = new MemorySink();
  const writer = await TiffWriter.open(sink);
  await writer.write({ data: u8, shape: [16, 16] });
  function* pages() {
    yield u8;
    throw new Error('read failed');
  }
  const error = await writer.write(pages(), { shape: [3, 16, 16], dtype: 'uint8' }).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'TiffError', code: 'INVALID_DATA', option: 'data' });
  expect((error as Error).message).toMatch(
    /the iterator failed at item 1: read failed; nothing of this series was kept/,
  );
  await writer.write({ data: four, shape: [4, 4] });
  await writer.close();
  const { ifds } = await parse(sink.toUint8Array());
  expect(ifds.map((ifd) => tags(ifd).get(TagCode.ImageWidth))).toEqual([[16], [4]]);
});

it('a predictor asked for automatically is dropped with PackBits, with a warning', async () => {
  const sink = new MemorySink();
  const warnings: string[] = [];
  const writer = await TiffWriter.open(sink, { onWarning: (w) => warnings.push(w.code) });
  await writer.write({ data: u8, shape: [16, 16] }, { compression: 'packbits', predictor: true });
  await writer.close();
  const [page] = (await parse(sink.toUint8Array())).ifds;
  expect(tags(page as never).get(TagCode.Predictor)).toBeUndefined();
  expect(warnings).toEqual(['predictor-packbits']);
});

/** A multi-page series whose pages are 64×2 (the last axis is not samples): its levels page the same. */
const pages = new Uint16Array(21 * 64 * 64 * 2).map((_, i) => (i * 37) % 65521);

const cases: InteropCase[] = [
  {
    name: 'a pyramid of a multi-page series stored as its parent is',
    write: async (path) => {
      const writer = await TiffWriter.open(path);
      await writer.write({ data: pages, shape: [21, 64, 64, 2] }, { pyramid: { levels: 1 } });
      await writer.close();
    },
    tifffile: (report) => {
      expect(report.series[0]?.shape).toEqual([21, 64, 64, 2]);
      expect(report.series[0]?.sha256).toBe(sha256(pages));
      expect(report.pages).toBe(21 * 64);
    },
  },
];

const zeros = (shape: number[]) => ({ data: new Uint8Array(0), shape });
const four = new Uint8Array(16).fill(7);

cases.push({
  name: 'zero-size series between others, bool among them',
  write: async (path) => {
    const writer = await TiffWriter.open(path, { onWarning: () => undefined });
    await writer.write({ data: u8, shape: [16, 16] });
    await writer.write(zeros([0, 16, 16]));
    await writer.write(zeros([2, 0, 16]));
    await writer.write({ data: new Uint8Array(0), shape: [0, 16], dtype: 'bool' });
    await writer.write(zeros([0, 16]), { compression: 'zlib' });
    await writer.write({ data: four, shape: [4, 4] });
    await writer.close();
  },
  tifffile: (report) => {
    expect(report.series.map((s) => s.shape)).toEqual([
      [16, 16],
      [0, 16, 16],
      [2, 0, 16],
      [0, 16],
      [0, 16],
      [4, 4],
    ]);
    expect(report.series.map((s) => s.dtype)).toEqual(['uint8', 'uint8', 'uint8', 'bool', 'uint8', 'uint8']);
    expect(report.series[5]?.sha256).toBe(sha256(four));
  },
  // libtiff refuses every page without strips, by design ("Cannot handle zero number of strips").
  libtiffRejects: /zero number of strips/,
});

interopSuite('hardening', cases);

it('an empty ImageJ hyperstack is refused before any byte', async () => {
  const sink = new MemorySink();
  const writer = await TiffWriter.open(sink, { imagej: true });
  const before = sink.toUint8Array().slice();
  await expect(writer.write(zeros([0, 16]))).rejects.toMatchObject({ code: 'UNSUPPORTED', option: 'data' });
  expect(sink.toUint8Array()).toEqual(before);
  await writer.write({ data: u8, shape: [16, 16] });
  await writer.close();
});

it('levels of a multi-page series have one page per parent page, rows and columns halved', async () => {
  const sink = new MemorySink();
  const writer = await TiffWriter.open(sink);
  await writer.write({ data: pages, shape: [21, 64, 64, 2] }, { pyramid: { levels: 1 } });
  await writer.close();
  const { ifds } = await parse(sink.toUint8Array());
  expect(ifds).toHaveLength(21 * 64);
  for (const ifd of ifds) {
    expect(tags(ifd).get(TagCode.ImageLength)).toEqual([64]);
    expect(tags(ifd).get(TagCode.ImageWidth)).toEqual([2]);
    expect(ifd.subIfds).toHaveLength(1);
    expect(tags(ifd.subIfds[0] as never).get(TagCode.ImageLength)).toEqual([32]);
    expect(tags(ifd.subIfds[0] as never).get(TagCode.ImageWidth)).toEqual([1]);
  }
});
