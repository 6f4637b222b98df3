/** Iterator inputs, sync and async: pages, tiles (partial and missing), and pre-encoded segments. */
import { afterAll, describe, expect, it } from 'vitest';
import { imwrite, MemorySink, type Sink, TiffWriter, type WriteItem } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { sha256, testValues } from './helpers/data.js';
import { missing, readWithGdal, tempDir } from './helpers/interop.js';
import { parse, tags } from './helpers/read.js';

const pages = testValues('int16', 5 * 20 * 30, 11) as Int16Array;
const page = (i: number) => pages.subarray(i * 600, (i + 1) * 600);

function* syncPages() {
  for (let i = 0; i < 5; i++) yield page(i);
}
async function* asyncPages(withNulls = false) {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    yield withNulls && i % 2 === 1 ? null : { data: page(i), shape: [20, 30] };
  }
}

/** The 40×50 uint8 image as 16×16 tiles in tile order; edge tiles given at their real (smaller) size. */
const image = testValues('uint8', 40 * 50, 5) as Uint8Array;
function* imageTiles(missing: number[] = []) {
  let index = 0;
  for (let ty = 0; ty < 40; ty += 16) {
    for (let tx = 0; tx < 50; tx += 16) {
      const h = Math.min(16, 40 - ty);
      const w = Math.min(16, 50 - tx);
      const tile = new Uint8Array(h * w);
      for (let y = 0; y < h; y++) tile.set(image.subarray((ty + y) * 50 + tx, (ty + y) * 50 + tx + w), y * w);
      yield missing.includes(index++) ? null : { data: tile, shape: [h, w] };
    }
  }
}

/** The image with the missing tiles zeroed, as a reader sees it. */
function withMissing(missing: number[]): Uint8Array {
  const out = image.slice();
  let index = 0;
  for (let ty = 0; ty < 40; ty += 16) {
    for (let tx = 0; tx < 50; tx += 16) {
      if (missing.includes(index++))
        for (let y = ty; y < Math.min(40, ty + 16); y++) out.fill(0, y * 50 + tx, y * 50 + Math.min(50, tx + 16));
    }
  }
  return out;
}

const zeroed = pages.slice();
for (const i of [1, 3]) zeroed.fill(0, i * 600, (i + 1) * 600);

const cases: InteropCase[] = [
  {
    name: 'a sync generator of pages',
    write: (path) => imwrite(path, syncPages(), { shape: [5, 20, 30], dtype: 'int16', photometric: 'minisblack' }),
    tifffile: (report) => {
      expect(report.series[0]?.shape).toEqual([5, 20, 30]);
      expect(report.series[0]?.sha256).toBe(sha256(pages));
    },
  },
  {
    name: 'an async generator of pages, null pages are zeros, big-endian BigTIFF',
    write: (path) =>
      imwrite(path, asyncPages(true), {
        shape: [5, 20, 30],
        dtype: 'int16',
        photometric: 'minisblack',
        byteorder: '>',
        bigtiff: true,
      }),
    tifffile: (report) => {
      expect(report.byteorder).toBe('>');
      expect(report.series[0]?.sha256).toBe(sha256(zeroed));
    },
  },
  {
    name: 'pages of an async generator, rows per strip',
    write: (path) =>
      imwrite(path, asyncPages(), { shape: [5, 20, 30], dtype: 'int16', photometric: 'minisblack', rowsPerStrip: 8 }),
    tifffile: (report) => {
      expect((report.tags[4] as Record<string, unknown>)['StripByteCounts']).toEqual([480, 480, 240]);
      expect(report.series[0]?.sha256).toBe(sha256(pages));
    },
  },
  {
    name: 'tiles, edge tiles smaller than the tile shape',
    write: (path) => imwrite(path, imageTiles(), { shape: [40, 50], dtype: 'uint8', tile: [16, 16] }),
    tifffile: (report) => expect(report.series[0]?.sha256).toBe(sha256(image)),
  },
  {
    name: 'missing tiles are sparse (offset and byte count 0)',
    write: (path) => imwrite(path, imageTiles([1, 5]), { shape: [40, 50], dtype: 'uint8', tile: [16, 16] }),
    // Sparse TIFFs are a tifffile and GDAL convention: libtiff refuses tiles of byte count 0. GDAL reads
    // them as zeros (checked below).
    libtiffRejects: /Invalid tile byte count, tile 1/,
    tifffile: (report) => {
      const counts = (report.tags[0] as Record<string, unknown>)['TileByteCounts'] as number[];
      expect(counts.map((c) => c === 0)).toEqual([
        false,
        true,
        false,
        false,
        false,
        true,
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
      expect(report.series[0]?.sha256).toBe(sha256(withMissing([1, 5])));
    },
  },
  {
    name: 'pre-encoded segments with byte counts, written verbatim',
    write: async (path) => {
      // uncompressed strips of 4 rows, each padded to 512 bytes so every strip starts aligned
      const strips: WriteItem[] = [];
      for (let s = 0; s < 5; s++) {
        const padded = new Uint8Array(512);
        padded.set(image.subarray(s * 200, (s + 1) * 200));
        strips.push({ encoded: padded, byteCount: 200 });
      }
      const writer = await TiffWriter.open(path);
      await writer.write(strips.values(), {
        shape: [20, 50],
        dtype: 'uint8',
        rowsPerStrip: 4,
        compression: 'none',
        tile: undefined,
        align: 512,
      } as never);
      await writer.close();
    },
    tifffile: (report) => {
      const t = report.tags[0] as Record<string, unknown>;
      const offsets = t['StripOffsets'] as number[];
      expect(t['StripByteCounts']).toEqual([200, 200, 200, 200, 200]);
      expect(offsets.map((o) => o % 512)).toEqual([0, 0, 0, 0, 0]);
      expect(report.series[0]?.sha256).toBe(sha256(image.subarray(0, 1000)));
    },
  },
];

interopSuite('iterators', cases);

const tmp = tempDir('tiffkit-sparse-');
afterAll(() => tmp.cleanup());

describe.skipIf(missing('gdal'))('GDAL reads sparse tiles as zeros', () => {
  it('missing tiles 1 and 5', async () => {
    const path = tmp.path('sparse.tif');
    await imwrite(path, imageTiles([1, 5]), { shape: [40, 50], dtype: 'uint8', tile: [16, 16] });
    const decoded = readWithGdal(path, tmp.path('sparse.raw'));
    expect(new Uint8Array(decoded.buffer, decoded.byteOffset, 2000)).toEqual(withMissing([1, 5]));
  });
});

describe('iterator rules', () => {
  const shape = [5, 20, 30];
  const options = { shape, dtype: 'int16', photometric: 'minisblack' } as const;

  it('needs shape and dtype, and at least one item', async () => {
    await expect(imwrite(new MemorySink(), syncPages(), { dtype: 'int16' })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'shape',
    });
    await expect(imwrite(new MemorySink(), [].values(), options)).rejects.toThrow(/the iterator yielded no items/);
  });

  it.each([
    [
      'too few pages',
      function* () {
        yield page(0);
        yield page(1);
      },
      /the iterator ended after 2 of 5 pages; nothing of this series was kept/,
    ],
    [
      'too many pages',
      function* () {
        for (let i = 0; i < 6; i++) yield page(i % 5);
      },
      /yielded more than the 5 pages/,
    ],
    [
      'a page of the wrong size',
      function* () {
        yield page(0);
        yield page(1).subarray(1);
      },
      /page 1 of the iterator has 599 elements, expected 600/,
    ],
    [
      'a page of another dtype',
      function* () {
        yield page(0);
        yield { data: new Float32Array(600), shape: [20, 30] };
      },
      /page 1 has dtype float32, but the series is int16/,
    ],
  ])('%s: a TiffError, and the file keeps only what was complete before', async (_name, items, message) => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    await writer.write({ data: page(0), shape: [20, 30] });
    await expect(writer.write(items(), options)).rejects.toThrow(message);
    await writer.write({ data: page(1), shape: [20, 30] }); // still usable
    await writer.close();
    const tiff = await parse(sink.toUint8Array().slice());
    expect(tiff.ifds.map((ifd) => tags(ifd).get(270))).toEqual(['{"shape": [20, 30]}', '{"shape": [20, 30]}']);
  });

  it('refuses tiles larger than the tile shape', async () => {
    const big = [{ data: new Uint8Array(17 * 16), shape: [17, 16] }];
    await expect(
      imwrite(new MemorySink(), big.values(), { shape: [16, 16], dtype: 'uint8', tile: [16, 16] }),
    ).rejects.toThrow(/tile 0 has shape \[17, 16\]; tiles are at most \[16, 16\]/);
  });

  it('pulls the next page only after the previous one is written (backpressure)', async () => {
    const written: number[] = [];
    const memory = new MemorySink();
    const sink: Sink = { write: (b, p) => memory.write(b, p), size: () => memory.size(), close: () => undefined };
    const pageBytes = 600 * 2;
    async function* watched() {
      for (let i = 0; i < 5; i++) {
        written.push(memory.size());
        yield page(i);
      }
    }
    await imwrite(sink, watched(), options);
    // when page i is pulled, pages 0..i-1 are in the sink already: nothing is queued in memory
    for (let i = 1; i < 5; i++) expect(written[i]).toBeGreaterThanOrEqual((written[0] as number) + i * pageBytes);
  });
});
