/** Appending to existing files: the file's format wins, metadata-bearing files are refused. */
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { imwrite, MemorySink, TiffWriter } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { sha256, testValues } from './helpers/data.js';
import { tempDir } from './helpers/interop.js';
import { parse } from './helpers/read.js';

const a = testValues('uint16', 3 * 10 * 12, 1) as Uint16Array;
const b = testValues('float32', 7 * 9, 2) as Float32Array;
const c = testValues('int8', 4 * 4, 3) as Int8Array;

const cases: InteropCase[] = [
  {
    name: 'append series to a big-endian BigTIFF, whatever the options say',
    write: async (path) => {
      await imwrite(
        path,
        { data: a, shape: [3, 10, 12] },
        { bigtiff: true, byteorder: '>', photometric: 'minisblack' },
      );
      const writer = await TiffWriter.open(path, { append: true, bigtiff: false, byteorder: '<' });
      expect([writer.tiff.bigtiff, writer.tiff.byteOrder]).toEqual([true, '>']);
      await writer.write({ data: b, shape: [7, 9] });
      await writer.close();
      await imwrite(path, { data: c, shape: [4, 4] }, { mode: 'r+' });
    },
    tifffile: (report) => {
      expect([report.is_bigtiff, report.byteorder]).toEqual([true, '>']);
      expect(report.series.map((s) => [s.shape, s.dtype, s.sha256])).toEqual([
        [[3, 10, 12], 'uint16', sha256(a)],
        [[7, 9], 'float32', sha256(b)],
        [[4, 4], 'int8', sha256(c)],
      ]);
    },
  },
  {
    name: 'append to a file that does not exist creates it',
    write: (path) => imwrite(path, { data: b, shape: [7, 9] }, { append: true }),
    tifffile: (report) => expect(report.series[0]?.sha256).toBe(sha256(b)),
  },
];

interopSuite('appending', cases);

const tmp = tempDir('tiffkit-append-');
afterAll(() => tmp.cleanup());

describe('refusals leave the file byte-identical', () => {
  it.each([
    ['not a TIFF', Buffer.from('this is not a TIFF file at all'), false, 'NOT_A_TIFF', /not a TIFF file/],
    ['an OME-TIFF', 'ome', false, 'APPEND_REFUSED', /cannot append to a file with OME metadata.*'force'/],
    ['an ImageJ hyperstack', 'imagej', false, 'APPEND_REFUSED', /ImageJ metadata/],
    ['a corrupt TIFF', 'corrupt', false, 'CORRUPT_TIFF', /outside the file/],
  ] as const)('%s', async (_name, content, _force, code, message) => {
    const path = tmp.path(`refuse-${code}-${String(content).slice(0, 5)}.tif`);
    if (content === 'ome' || content === 'imagej') {
      const description =
        content === 'ome'
          ? '<?xml version="1.0" encoding="UTF-8"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06"/>'
          : 'ImageJ=1.11a\nimages=1\n';
      await imwrite(path, { data: c, shape: [4, 4] }, { metadata: null, description });
    } else if (content === 'corrupt') {
      await imwrite(path, { data: c, shape: [4, 4] });
      const bytes = await readFile(path);
      bytes.writeUInt32LE(0xfffff0, 4); // first IFD offset beyond the end
      await writeFile(path, bytes);
    } else {
      await writeFile(path, content);
    }
    const before = await readFile(path);
    const error = await TiffWriter.open(path, { append: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TiffError', code });
    expect((error as Error).message).toMatch(message);
    expect(await readFile(path)).toEqual(before);
  });

  it("append: 'force' appends to a file with metadata", async () => {
    const path = tmp.path('forced.tif');
    await imwrite(path, { data: c, shape: [4, 4] }, { metadata: null, description: 'ImageJ=1.11a\nimages=1\n' });
    await imwrite(path, { data: b, shape: [7, 9] }, { append: 'force' });
    expect((await parse(new Uint8Array(await readFile(path)))).ifds).toHaveLength(2);
  });

  it("append needs mode 'r+'", async () => {
    await expect(TiffWriter.open(tmp.path('x.tif'), { append: true, mode: 'w' })).rejects.toMatchObject({
      code: 'INCOMPATIBLE_OPTIONS',
      option: 'mode',
    });
  });

  it('appends to a MemorySink seeded with a TIFF', async () => {
    const first = new MemorySink();
    await imwrite(first, { data: c, shape: [4, 4] });
    const sink = MemorySink.from(first.toUint8Array());
    const writer = await TiffWriter.open(sink, { append: true });
    await writer.write({ data: b, shape: [7, 9] });
    await writer.close();
    expect((await parse(sink.toUint8Array().slice())).ifds).toHaveLength(2);
  });
});
