/**
 * Bad input raises a TiffError naming the option, the value and what is accepted — before any byte of
 * that call reaches the file, so what earlier calls wrote stays intact and readable.
 */
import { describe, expect, it } from 'vitest';
import { imwrite, MemorySink, TiffError, TiffWriter, type WriteData, type WriteOptions } from '../src/index.js';
import { missing, readWithTifffile, tempDir } from './helpers/interop.js';
import { parse } from './helpers/read.js';

const good = { data: Uint16Array.from({ length: 12 }, (_, i) => i), shape: [3, 4] };

interface BadCall {
  name: string;
  data?: WriteData;
  options: WriteOptions;
  code: string;
  option?: string;
  message: RegExp;
}

const BAD: BadCall[] = [
  {
    name: 'rowsPerStrip 0',
    options: { rowsPerStrip: 0 },
    code: 'INVALID_OPTION',
    option: 'rowsPerStrip',
    message: /rowsPerStrip=0 is invalid: expected a positive integer/,
  },
  {
    name: 'rowsPerStrip 1.5',
    options: { rowsPerStrip: 1.5 },
    code: 'INVALID_OPTION',
    option: 'rowsPerStrip',
    message: /rowsPerStrip=1\.5/,
  },
  {
    name: 'unknown photometric',
    // @ts-expect-error the types refuse the misspelt name too; the run-time check is for untyped callers
    options: { photometric: 'purple' },
    code: 'INVALID_OPTION',
    option: 'photometric',
    message: /photometric="purple" is invalid: expected one of 'miniswhite', 'minisblack', 'rgb'/,
  },
  {
    name: 'RGB of 2-D data',
    data: { data: new Uint8Array(15), shape: [3, 5] },
    options: { photometric: 'rgb' },
    code: 'INVALID_DATA',
    option: 'photometric',
    message: /not enough samples for photometric 'rgb': expected 3, got 1/,
  },
  {
    name: 'unknown planarConfig',
    // @ts-expect-error the types refuse the misspelt name too; the run-time check is for untyped callers
    options: { planarConfig: 'diagonal' },
    code: 'INVALID_OPTION',
    option: 'planarConfig',
    message: /planarConfig="diagonal".*'contig', 'separate'/,
  },
  {
    name: 'non-ASCII description',
    options: { description: 'µm' },
    code: 'INVALID_OPTION',
    option: 'description',
    message: /description must be 7-bit ASCII.*Uint8Array/,
  },
  {
    name: 'software not a string',
    options: { software: 5 as never },
    code: 'INVALID_OPTION',
    option: 'software',
    message: /software=5 is invalid/,
  },
  {
    name: 'bad datetime string',
    options: { datetime: 'yesterday' },
    code: 'INVALID_OPTION',
    option: 'datetime',
    message: /datetime="yesterday" is invalid: expected true, a Date/,
  },
  {
    name: 'resolution of one value',
    options: { resolution: [1] as never },
    code: 'INVALID_OPTION',
    option: 'resolution',
    message: /resolution=\[1\] is invalid: expected \[x, y\]/,
  },
  {
    name: 'negative resolution',
    options: { resolution: [-1, 1] },
    code: 'INVALID_OPTION',
    option: 'resolution[0]',
    message: /resolution\[0\]: -1 is not a finite non-negative number/,
  },
  {
    name: 'unknown resolutionUnit',
    // @ts-expect-error the types refuse the misspelt name too; the run-time check is for untyped callers
    options: { resolutionUnit: 'furlong' },
    code: 'INVALID_OPTION',
    option: 'resolutionUnit',
    message: /resolutionUnit="furlong".*'centimeter'/,
  },
  { name: 'align 0', options: { align: 0 }, code: 'INVALID_OPTION', option: 'align', message: /align=0/ },
  {
    name: 'metadata not an object',
    options: { metadata: 'text' as never },
    code: 'INVALID_OPTION',
    option: 'metadata',
    message: /metadata="text" is invalid: expected a plain object, or null/,
  },
  {
    name: 'metadata not JSON',
    options: { metadata: { f: () => 1 } },
    code: 'INVALID_OPTION',
    option: 'metadata',
    message: /metadata\.f=.*not JSON-serialisable/,
  },
  {
    name: 'predictor without compression',
    options: { predictor: 'horizontal' },
    code: 'INCOMPATIBLE_OPTIONS',
    option: 'predictor',
    message: /predictor="horizontal" cannot be used without compression/,
  },
  {
    name: 'extraTags with unknown type',
    options: { extraTags: [[65000, 'Z', 1, 5]] },
    code: 'INVALID_OPTION',
    option: 'extraTags[0].dtype',
    message: /extraTags\[0\]\.dtype="Z" is invalid/,
  },
  {
    name: 'extraTags with wrong count',
    options: { extraTags: [[65000, 'H', 3, [1, 2]]] },
    code: 'INVALID_OPTION',
    option: 'extraTags',
    message: /count 3 needs 3 values, got 2/,
  },
  {
    name: 'subfileType not a mask',
    options: { subfileType: -1 },
    code: 'INVALID_OPTION',
    option: 'subfileType',
    message: /subfileType=-1/,
  },
  {
    name: 'extraSamples for 1 sample',
    options: { extraSamples: [2] },
    code: 'INVALID_OPTION',
    option: 'extraSamples',
    message: /extraSamples=\[2\] gives 1 extra samples but the data has 0/,
  },
  {
    name: 'shape that does not match',
    options: { shape: [4, 3] },
    code: 'INVALID_DATA',
    option: 'shape',
    message: /shape=\[4, 3\] does not match the data's shape \[3, 4\]/,
  },
  {
    name: 'dtype that cannot be carried',
    options: { dtype: 'float32' },
    code: 'INVALID_DATA',
    option: 'dtype',
    message: /Uint16Array cannot carry dtype 'float32'/,
  },
  {
    name: 'tile not a multiple of 16',
    options: { tile: [20, 32] },
    code: 'INVALID_OPTION',
    option: 'tile',
    message: /tile=\[20, 32\] is invalid/,
  },
  {
    name: 'volumetric tile on 2-D data',
    options: { tile: [2, 16, 16] },
    code: 'INCOMPATIBLE_OPTIONS',
    option: 'tile',
    message: /volumetric \(depth 2\) but the data is not volumetric/,
  },
  {
    name: 'bitsPerSample out of range',
    options: { bitsPerSample: 4 },
    code: 'INVALID_OPTION',
    option: 'bitsPerSample',
    message: /bitsPerSample=4 is invalid: expected 9\.\.16 for uint16 data/,
  },
  {
    name: 'truncate without shaped metadata',
    options: { truncate: true, metadata: null },
    code: 'INCOMPATIBLE_OPTIONS',
    option: 'truncate',
    message: /truncate needs the shape in the metadata/,
  },
  {
    name: 'truncate with tiles',
    options: { truncate: true, tile: [16, 16] },
    code: 'INCOMPATIBLE_OPTIONS',
    option: 'truncate',
    message: /truncate cannot be used with compression, bit-packed samples or tiles/,
  },
  {
    name: 'extraSamples: true',
    options: { extraSamples: true as never },
    code: 'INVALID_OPTION',
    option: 'extraSamples',
    message: /extraSamples=true is invalid: expected a list of extra sample kinds, or false/,
  },
  {
    name: 'palette without a colormap',
    options: { photometric: 'palette' },
    code: 'INCOMPATIBLE_OPTIONS',
    option: 'colormap',
    message: /photometric 'palette' needs a colormap/,
  },
  {
    name: 'colormap of the wrong size',
    options: {
      colormap: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    },
    code: 'INVALID_OPTION',
    option: 'colormap',
    message: /colormap has 2 entries per colour; uint16 data needs 65536/,
  },
  {
    name: 'MASK without bilevel data',
    options: { subfileType: 4 },
    code: 'INVALID_OPTION',
    option: 'subfileType',
    message: /MASK\) needs bilevel \(bool\) data/,
  },
  {
    name: 'CFA of a stack',
    data: { data: new Uint16Array(24), shape: [2, 3, 4] },
    options: { photometric: 'cfa' },
    code: 'INVALID_DATA',
    option: 'photometric',
    message: /invalid CFA image: shape \[2, 3, 4\] is not 2-D/,
  },
  {
    name: 'an iterator without shape',
    data: [new Uint16Array(12)].values() as never,
    options: { dtype: 'uint16' },
    code: 'INVALID_OPTION',
    option: 'shape',
    message: /writing from an iterator needs both the 'shape' and 'dtype' options/,
  },
  {
    name: 'a bad SubIFD count',
    options: { subIfds: 1.5 },
    code: 'INVALID_OPTION',
    option: 'subIfds',
    message: /subIfds=1\.5 is invalid/,
  },
  {
    name: 'an unknown compression',
    // @ts-expect-error the types refuse the misspelt name too; the run-time check is for untyped callers
    options: { compression: 'zip' },
    code: 'INVALID_OPTION',
    option: 'compression',
    message: /compression="zip" is invalid: expected one of 'none'/,
  },
  {
    name: 'data too large for classic TIFF',
    data: null,
    options: { shape: [3, 40000, 40000], dtype: 'uint16', photometric: 'minisblack' },
    code: 'TOO_LARGE',
    option: 'bigtiff',
    message: /beyond the 4 GiB a classic TIFF can address.*bigtiff: true/,
  },
  {
    name: 'a strip over 4 GiB',
    data: null,
    options: { shape: [50000, 50000], dtype: 'uint16' },
    code: 'TOO_LARGE',
    option: 'bigtiff',
    message: /32-bit byte counts.*rowsPerStrip/,
  },
];

describe('a bad write() raises before touching the file', () => {
  it.each(BAD)('$name', async (bad) => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    await writer.write(good, { metadata: { axes: 'YX' } });
    const before = sink.toUint8Array().slice();
    const error = await writer.write(bad.data === undefined ? good : bad.data, bad.options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TiffError);
    expect(error).toMatchObject({ code: bad.code, ...(bad.option ? { option: bad.option } : {}) });
    expect((error as Error).message).toMatch(bad.message);
    expect(sink.toUint8Array()).toEqual(before);
    // the writer is still usable and the file complete after close()
    await writer.write(good);
    await writer.close();
    expect((await parse(sink.toUint8Array().slice())).ifds).toHaveLength(2);
  });
});

describe('bad open() options raise before a file is created', () => {
  it.each([
    [{ byteorder: '?' }, 'byteorder', /byteorder="\?" is invalid: expected '<' \(little-endian\), '>'/],
    [{ mode: 'a' }, 'mode', /mode="a" is invalid: expected 'w'.*'x'.*'r\+'/],
    [{ kind: 'zarr' }, 'kind', /kind="zarr" is invalid/],
    [{ bigtiff: 'yes' }, 'bigtiff', /bigtiff="yes" is invalid: expected true or false/],
  ])('%j', async (options, option, message) => {
    const tmp = tempDir();
    const file = tmp.path('never.tif');
    const error = await TiffWriter.open(file, options as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TiffError', code: 'INVALID_OPTION', option });
    expect((error as Error).message).toMatch(message);
    await expect(import('node:fs/promises').then((fs) => fs.access(file))).rejects.toThrow();
    tmp.cleanup();
  });

  it('rejects a file argument it cannot write to', async () => {
    await expect(imwrite(42 as never, good)).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'file' });
  });
});

describe.skipIf(missing('tifffile'))('after a rejected call the file still reads', () => {
  it('in tifffile, with the series written before and after', async () => {
    const tmp = tempDir();
    const file = tmp.path('survivor.tif');
    const writer = await TiffWriter.open(file);
    await writer.write(good);
    // @ts-expect-error the types refuse the misspelt name too; the run-time check is for untyped callers
    await expect(writer.write(good, { photometric: 'purple' })).rejects.toBeInstanceOf(TiffError);
    await writer.write({ data: new Float32Array([1, 2]), shape: [1, 2] });
    await writer.close();
    const [report] = readWithTifffile([file]);
    expect(report?.error).toBeUndefined();
    expect(report?.series.map((s) => [s.shape, s.dtype])).toEqual([
      [[3, 4], 'uint16'],
      [[1, 2], 'float32'],
    ]);
    tmp.cleanup();
  });
});
