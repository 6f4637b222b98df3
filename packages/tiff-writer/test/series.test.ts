/** Series mechanics: truncate, SubIFD pyramids (tree and chain), zero-size arrays, growth rules. */
import { describe, expect, it } from 'vitest';
import { imwrite, MemorySink, type TiffWarning, TiffWriter } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { sha256, testValues } from './helpers/data.js';
import { parse, tags } from './helpers/read.js';

const stack = testValues('uint16', 4 * 32 * 48, 3) as Uint16Array;

/** A 2× mean-free "pyramid": every other pixel of each page (values are what matters, not the filter). */
function decimate(values: Uint16Array, pages: number, rows: number, columns: number, factor: number): Uint16Array {
  const r = Math.ceil(rows / factor);
  const c = Math.ceil(columns / factor);
  const out = new Uint16Array(pages * r * c);
  let i = 0;
  for (let p = 0; p < pages; p++)
    for (let y = 0; y < rows; y += factor)
      for (let x = 0; x < columns; x += factor) out[i++] = values[(p * rows + y) * columns + x] as number;
  return out;
}

const level1 = decimate(stack, 4, 32, 48, 2);
const level2 = decimate(stack, 4, 32, 48, 4);

async function pyramid(path: string, subIfds: number, options: { tile?: number[] } = {}) {
  const writer = await TiffWriter.open(path, { bigtiff: subIfds < 0 });
  await writer.write({ data: stack, shape: [4, 32, 48] }, { subIfds, photometric: 'minisblack', ...options });
  await writer.write({ data: level1, shape: [4, 16, 24] }, { subfileType: 1, photometric: 'minisblack' });
  await writer.write({ data: level2, shape: [4, 8, 12] }, { subfileType: 1, photometric: 'minisblack' });
  await writer.write({ data: new Float32Array([1, 2, 3]), shape: [1, 3] });
  await writer.close();
}

/** The IFD chain starting at `offset` of a little-endian BigTIFF, read as if its header pointed there. */
async function chainedIfds(bytes: Uint8Array, offset: number) {
  const copy = bytes.slice();
  new DataView(copy.buffer).setBigUint64(8, BigInt(offset), true);
  return (await parse(copy)).ifds;
}

const cases: InteropCase[] = [
  {
    name: 'truncate: only the first IFD, the shape in the JSON',
    write: (path) => imwrite(path, { data: stack, shape: [4, 32, 48] }, { truncate: true, photometric: 'minisblack' }),
    tifffile: (report) => {
      expect(report.pages).toBe(1);
      expect(report.shaped_metadata?.[0]).toEqual({ shape: [4, 32, 48], truncated: true });
      expect(report.series[0]?.shape).toEqual([4, 32, 48]);
      expect(report.series[0]?.sha256).toBe(sha256(stack));
    },
  },
  {
    name: 'SubIFD pyramid levels as a tree',
    write: (path) => pyramid(path, 2),
    tifffile: (report) => {
      expect(report.pages).toBe(5); // 4 pages and the float series: levels are not in the main chain
      const [main, other] = report.series;
      expect(main?.shape).toEqual([4, 32, 48]);
      expect(main?.levels.map((l) => l.shape)).toEqual([
        [4, 16, 24],
        [4, 8, 12],
      ]);
      expect(main?.levels.map((l) => l.sha256)).toEqual([sha256(level1), sha256(level2)]);
      expect(other?.shape).toEqual([1, 3]);
    },
    tiffinfo: (stdout) => {
      expect(stdout.match(/SubIFD Offsets:/g) ?? []).toHaveLength(4);
      expect(stdout.match(/=== TIFF directory \d+ ===/g)).toHaveLength(5);
    },
  },
  {
    name: 'SubIFD pyramid of tiled pages',
    write: (path) => pyramid(path, 2, { tile: [16, 16] }),
    tifffile: (report) => {
      expect(report.series[0]?.levels.map((l) => l.sha256)).toEqual([sha256(level1), sha256(level2)]);
    },
  },
  {
    name: 'SubIFD levels as a chain (BigTIFF)',
    write: (path) => pyramid(path, -2),
    tifffile: (report) => {
      expect(report.pages).toBe(5);
      // tifffile 2023.2.3 reads only the SubIFDs slots, not chains: it sees the first level
      expect(report.series[0]?.levels.map((l) => l.shape)).toEqual([[4, 16, 24]]);
      expect(report.series[0]?.levels[0]?.sha256).toBe(sha256(level1));
    },
  },
  {
    name: 'a zero-size array is one empty page, truncated',
    write: (path) => imwrite(path, { data: new Uint8Array(0), shape: [0, 5] }, { onWarning: () => undefined }),
    // A page of zero rows has zero strips, which libtiff refuses: zero-size TIFFs are nonconformant
    // (tiffkit warns, as tifffile does); tifffile reads them back.
    libtiffRejects: /Cannot handle zero number of strips/,
    tifffile: (report) => {
      expect(report.shaped_metadata?.[0]).toEqual({ shape: [0, 5], truncated: true });
      expect(report.series[0]?.shape).toEqual([0, 5]);
      const t = report.tags[0] as Record<string, unknown>;
      // RowsPerStrip 1 where tifffile writes 0: libtiff rejects 0
      expect([t['ImageWidth'], t['ImageLength'], t['RowsPerStrip'], t['StripByteCounts']]).toEqual([0, 0, 1, [0]]);
    },
  },
];

interopSuite('series: truncate, SubIFDs, zero-size', cases);

describe('series rules', () => {
  it('a SubIFD level must have one page per parent page, and cannot have levels of its own', async () => {
    const writer = await TiffWriter.open(new MemorySink());
    await writer.write({ data: stack, shape: [4, 32, 48] }, { subIfds: 1, photometric: 'minisblack' });
    await expect(
      writer.write({ data: level1.subarray(0, 3 * 16 * 24), shape: [3, 16, 24] }, { photometric: 'minisblack' }),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
      option: 'subIfds',
    });
    await expect(
      writer.write({ data: level1, shape: [4, 16, 24] }, { photometric: 'minisblack', subIfds: 1 }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await writer.close();
  });

  it('missing SubIFD levels are dropped from the parents (no zero slots), with a warning', async () => {
    const warnings: TiffWarning[] = [];
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink, { onWarning: (w) => warnings.push(w) });
    await writer.write({ data: stack, shape: [4, 32, 48] }, { subIfds: 3, photometric: 'minisblack' });
    await writer.write({ data: level1, shape: [4, 16, 24] }, { subfileType: 1, photometric: 'minisblack' });
    await writer.close();
    expect(warnings.map((w) => w.code)).toEqual(['subifds-missing']);
    const tiff = await parse(sink.toUint8Array().slice());
    for (const ifd of tiff.ifds) {
      const entry = ifd.entries.find((e) => e.code === 330);
      expect(entry?.count).toBe(1);
      expect(ifd.subIfds).toHaveLength(1);
      expect(tags(ifd.subIfds[0] as never).get(256)).toEqual([24]);
    }
  });

  it('chained SubIFD levels: one slot per page, each level linked from the previous one', async () => {
    const sink = new MemorySink();
    await pyramid(sink as never, -2);
    const tiff = await parse(sink.toUint8Array().slice());
    for (const ifd of tiff.ifds.slice(0, 4)) {
      expect(ifd.entries.find((e) => e.code === 330)?.count).toBe(1);
      const [first] = ifd.subIfds;
      expect(tags(first as never).get(256)).toEqual([24]);
      // The second level hangs from the first level's next-IFD field, and ends the chain.
      const second = await chainedIfds(sink.toUint8Array(), first?.nextIfdOffset as number);
      expect(second).toHaveLength(1);
      expect(tags(second[0] as never).get(256)).toEqual([12]);
      expect(second[0]?.nextIfdOffset).toBe(0);
    }
    expect(tiff.ifds[4]?.entries.find((e) => e.code === 330)).toBeUndefined();
  });

  it('truncate and SubIFDs are refused where they cannot apply', async () => {
    const sink = new MemorySink();
    await expect(
      imwrite(sink, { data: stack, shape: [4, 32, 48] }, { truncate: true, tile: [16, 16] }),
    ).rejects.toMatchObject({ code: 'INCOMPATIBLE_OPTIONS', option: 'truncate' });
    await expect(
      imwrite(new MemorySink(), { data: stack, shape: [4, 32, 48] }, { truncate: true, kind: 'generic' }),
    ).rejects.toMatchObject({
      code: 'INCOMPATIBLE_OPTIONS',
      option: 'truncate',
    });
    await expect(
      imwrite(new MemorySink(), { data: stack, shape: [4, 32, 48] }, { subIfds: 2 } as never),
    ).rejects.toMatchObject({ option: 'subIfds' });
    const writer = await TiffWriter.open(new MemorySink());
    await expect(
      writer.write({ data: stack, shape: [4, 32, 48] }, { truncate: true, subIfds: 1 }),
    ).rejects.toMatchObject({ code: 'INCOMPATIBLE_OPTIONS', option: 'subIfds' });
    await writer.close();
  });

  it('with crashSafe: false (the deferred layout), a series written page by page cannot grow (tifffile would orphan the data)', async () => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink, { crashSafe: false });
    await writer.write({ data: stack, shape: [4, 32, 48] }, { tile: [16, 16], photometric: 'minisblack' });
    const before = sink.toUint8Array().slice();
    await expect(writer.write({ data: stack, shape: [4, 32, 48] }, { contiguous: true })).rejects.toMatchObject({
      code: 'INCOMPATIBLE_OPTIONS',
      option: 'contiguous',
    });
    expect(sink.toUint8Array()).toEqual(before);
    await expect(
      writer.write({ data: stack, shape: [4, 32, 48] }, { contiguous: true, tile: [16, 16] }),
    ).rejects.toMatchObject({ code: 'INCOMPATIBLE_OPTIONS' });
    await writer.close();
  });

  it('a contiguous write with another colormap starts a new series', async () => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    const gray = Uint16Array.from({ length: 768 }, (_, i) => (i % 256) * 257);
    const red = Uint16Array.from({ length: 768 }, (_, i) => (i < 256 ? i * 257 : 0));
    const page = { data: new Uint8Array(16), shape: [4, 4] };
    await writer.write(page, { colormap: { data: gray, shape: [3, 256] }, contiguous: true });
    await writer.write(page, { colormap: { data: gray, shape: [3, 256] }, contiguous: true });
    await writer.write(page, { colormap: { data: red, shape: [3, 256] }, contiguous: true });
    await writer.close();
    const tiff = await parse(sink.toUint8Array().slice());
    // The grown series' second page repeats the JSON of one call (a crash-safe growth keyframe).
    expect(tiff.ifds.map((ifd) => tags(ifd).get(270))).toEqual([
      '{"shape": [2, 4, 4]}',
      '{"shape": [4, 4]}',
      '{"shape": [4, 4]}',
    ]);
  });

  it('a truncated series grows with contiguous writes, still truncated', async () => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    await writer.write({ data: stack, shape: [4, 32, 48] }, { truncate: true, photometric: 'minisblack' });
    await writer.write({ data: stack, shape: [4, 32, 48] }, { contiguous: true });
    await writer.close();
    const tiff = await parse(sink.toUint8Array().slice());
    expect(tiff.ifds).toHaveLength(1);
    expect(tags(tiff.ifds[0] as never).get(270)).toBe('{"shape": [2, 4, 32, 48], "truncated": true}');
  });
});
