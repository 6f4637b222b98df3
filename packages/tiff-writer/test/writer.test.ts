/** TiffWriter: series, tags on the first or every page, descriptions, sinks and dispose. */
import { open, readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { imwrite, MemorySink, type Sink, TiffError, type TiffWarning, TiffWriter } from '../src/index.js';
import { sha256 } from './helpers/data.js';
import { missing, readWithTifffile, tempDir } from './helpers/interop.js';
import { descriptions, pageBytes, parse, tags } from './helpers/read.js';

const tmp = tempDir('tiffkit-writer-');
afterAll(() => tmp.cleanup());

const ramp = (n: number, scale = 1) => Uint16Array.from({ length: n }, (_, i) => (i * scale) & 0xffff);

describe('tags on the first page of a series, or on every page', () => {
  it('writes description, software and datetime once; resolution and unit on every page', async () => {
    const sink = new MemorySink();
    await imwrite(
      sink,
      { data: ramp(2 * 4 * 5), shape: [2, 4, 5] },
      {
        photometric: 'minisblack',
        description: 'hello',
        software: 'my app',
        datetime: new Date(2026, 10, 24, 9, 8, 7),
        resolution: [0.1, [300, 2]],
        resolutionUnit: 'centimeter',
      },
    );
    const tiff = await parse(sink.toUint8Array().slice());
    const [first, second] = tiff.ifds.map(tags);
    expect(descriptions(tiff.ifds[0] as never)).toEqual(['hello', '{"shape": [2, 4, 5]}']);
    expect(first?.get(305)).toBe('my app');
    expect(first?.get(306)).toBe('2026:11:24 09:08:07');
    expect(first?.get(282)).toEqual([1, 10]);
    expect(first?.get(283)).toEqual([150, 1]);
    expect(first?.get(296)).toEqual([3]);
    expect(second?.has(270)).toBe(false);
    expect(second?.has(305)).toBe(false);
    expect(second?.has(306)).toBe(false);
    expect(second?.get(282)).toEqual([1, 10]);
    expect(second?.get(296)).toEqual([3]);
  });

  it('defaults: software tiffkit, resolution 1/1 without unit, INCH once a resolution is given', async () => {
    const plain = new MemorySink();
    await imwrite(plain, ramp(6), { shape: [2, 3] });
    const t = tags((await parse(plain.toUint8Array().slice())).ifds[0] as never);
    expect([t.get(305), t.get(282), t.get(283), t.get(296), t.has(306), t.has(339), t.has(284)]).toEqual([
      'tiffkit',
      [1, 1],
      [1, 1],
      [1],
      false,
      false,
      false,
    ]);
    const withResolution = new MemorySink();
    await imwrite(withResolution, ramp(6), {
      shape: [2, 3],
      resolution: [72, 72],
      software: false,
      datetime: '2001:02:03 04:05:06',
    });
    const w = tags((await parse(withResolution.toUint8Array().slice())).ifds[0] as never);
    expect([w.get(296), w.has(305), w.get(306)]).toEqual([[2], false, '2001:02:03 04:05:06']);
  });

  it('metadata: null writes no shaped description; a description alone is kept', async () => {
    const sink = new MemorySink();
    await imwrite(sink, ramp(6), { shape: [2, 3], metadata: null });
    expect(tags((await parse(sink.toUint8Array().slice())).ifds[0] as never).has(270)).toBe(false);
    const described = new MemorySink();
    await imwrite(described, ramp(6), { shape: [2, 3], metadata: null, description: Uint8Array.of(0x41, 0xb5) });
    const raw = (await parse(described.toUint8Array().slice())).ifds[0]?.entries.find((e) => e.code === 270);
    expect(raw?.count).toBe(3); // the bytes verbatim plus a NUL
  });

  it('writes shaped JSON with the caller shape and metadata in Python json.dumps format', async () => {
    const sink = new MemorySink();
    await imwrite(
      sink,
      { data: ramp(24), shape: [2, 3, 4, 1] },
      { metadata: { axes: 'ZCYX', spacing: 0.5, unit: 'µm', flags: [true, null] } },
    );
    const tiff = await parse(sink.toUint8Array().slice());
    expect(descriptions(tiff.ifds[0] as never)).toEqual([
      '{"shape": [2, 3, 4, 1], "axes": "ZCYX", "spacing": 0.5, "unit": "\\u00b5m", "flags": [true, null]}',
    ]);
    // trailing length-1 axes are squeezed in shaped mode: 2 pages of 3×4
    expect(tiff.ifds).toHaveLength(2);
    expect([tags(tiff.ifds[0] as never).get(256), tags(tiff.ifds[0] as never).get(257)]).toEqual([[4], [3]]);
  });
});

describe('series mechanics', () => {
  it('writes several series into one file and grows one with contiguous writes', async () => {
    const file = tmp.path('series.tif');
    const warnings: TiffWarning[] = [];
    const writer = await TiffWriter.open(file, { onWarning: (w) => warnings.push(w) });
    await writer.write({ data: ramp(12, 3), shape: [3, 4] });
    const frames = [ramp(2 * 5 * 6, 1), ramp(2 * 5 * 6, 2), ramp(2 * 5 * 6, 5)];
    for (const frame of frames)
      await writer.write({ data: frame, shape: [2, 5, 6] }, { contiguous: true, photometric: 'minisblack' });
    await writer.write({ data: new Int8Array([-1, 2, -3]), shape: [1, 3] }, { metadata: { axes: 'YX' } });
    await writer.close();
    expect(warnings).toEqual([]);
    const tiff = await parse(new Uint8Array(await readFile(file)));
    expect(tiff.ifds).toHaveLength(1 + 6 + 1);
    expect(descriptions(tiff.ifds[1] as never)).toEqual(['{"shape": [3, 2, 5, 6]}']);
    if (!missing('tifffile')) {
      const [report] = readWithTifffile([file]);
      expect(report?.series.map((s) => [s.shape, s.dtype, s.axes])).toEqual([
        [[3, 4], 'uint16', 'YX'],
        [[3, 2, 5, 6], 'uint16', 'QQYX'],
        [[1, 3], 'int8', 'YX'],
      ]);
      const grown = new Uint16Array(3 * 60);
      for (const [i, f] of frames.entries()) grown.set(f, i * 60);
      expect(report?.series[1]?.sha256).toBe(sha256(grown));
    }
  });

  it('returns the data offset and per-page byte count with returnOffset', async () => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    const where = await writer.write(
      { data: ramp(3 * 16 * 17), shape: [3, 16, 17] },
      { returnOffset: true, photometric: 'minisblack', software: 'tifffile.py' },
    );
    expect(where).toEqual({ offset: 256, byteCount: 544 });
    const appended = await writer.write(
      { data: ramp(3 * 16 * 17), shape: [3, 16, 17] },
      { contiguous: true, returnOffset: true },
    );
    // Crash-safe, the first call's two later IFDs (166 bytes each) follow its data, then the growth's.
    expect(appended).toEqual({ offset: 256 + 3 * 544 + 2 * 166, byteCount: 3 * 544 });
    expect(await writer.write({ data: ramp(4), shape: [2, 2] })).toBeUndefined();
    await writer.close();
    const bytes = sink.toUint8Array().slice();
    const offset = appended?.offset ?? 0;
    expect(bytes.subarray(offset, offset + 3 * 544)).toEqual(new Uint8Array(ramp(3 * 16 * 17).buffer));
    expect(pageBytes(bytes, (await parse(bytes)).ifds[0] as never)).toEqual(
      new Uint8Array(ramp(3 * 16 * 17).buffer, 0, 544),
    );
  });

  it('rowsPerStrip cuts pages into strips, the last one short', async () => {
    const sink = new MemorySink();
    await imwrite(sink, { data: ramp(3 * 10 * 7), shape: [3, 10, 7] }, { rowsPerStrip: 4, photometric: 'minisblack' });
    const t = tags((await parse(sink.toUint8Array().slice())).ifds[2] as never);
    expect(t.get(278)).toEqual([4]);
    expect(t.get(279)).toEqual([56, 56, 28]);
  });

  it('writes empty (null) data as a sparse zero block', async () => {
    const file = tmp.path('empty.tif');
    await imwrite(file, null, { shape: [4, 64, 64], dtype: 'float32', photometric: 'minisblack' });
    const bytes = new Uint8Array(await readFile(file));
    const tiff = await parse(bytes);
    expect(tiff.ifds).toHaveLength(4);
    expect(pageBytes(bytes, tiff.ifds[3] as never).every((b) => b === 0)).toBe(true);
  });

  it('overwriteDescription replaces the last series description, in place or appended', async () => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    await writer.write(ramp(4), { shape: [2, 2], metadata: null, description: 'placeholder-of-some-length' });
    await writer.overwriteDescription('short');
    await writer.close();
    const tiff = await parse(sink.toUint8Array().slice());
    expect(descriptions(tiff.ifds[0] as never)).toEqual(['short']);

    const shaped = new MemorySink();
    const second = await TiffWriter.open(shaped);
    await second.write(ramp(4), { shape: [2, 2] });
    await second.write(ramp(8), { shape: [2, 2, 2], photometric: 'minisblack' });
    await second.overwriteDescription('x'.repeat(300));
    await expect(second.overwriteDescription('again')).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'description',
    });
    await second.close();
    const grown = await parse(shaped.toUint8Array().slice());
    expect(descriptions(grown.ifds[0] as never)).toEqual(['{"shape": [2, 2]}']);
    expect(descriptions(grown.ifds[1] as never)).toEqual(['x'.repeat(300)]);
    const entry = grown.ifds[1]?.entries.find((e) => e.code === 270);
    expect(entry?.count).toBe(301);
    expect(entry?.valueOffset).toBeGreaterThan(grown.ifds[2]?.offset as number); // appended at the end
  });

  it('metadata: null turns shaped JSON off for the rest of the writer, as tifffile', async () => {
    // tifffile reads a file as shaped only when every series has JSON; mixing would break that.
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    await writer.write(ramp(4), { shape: [2, 2], metadata: null });
    await writer.write(ramp(4), { shape: [2, 2], metadata: { axes: 'YX' } });
    await writer.close();
    const tiff = await parse(sink.toUint8Array().slice());
    expect(tiff.ifds.map((ifd) => descriptions(ifd))).toEqual([[], []]);
  });
});

describe('files, handles and sinks', () => {
  it('accepts a path, a file URL and a FileHandle the caller owns', async () => {
    const data = { data: ramp(6), shape: [2, 3] };
    await imwrite(tmp.path('by-path.tif'), data);
    await imwrite(pathToFileURL(tmp.path('by-url.tif')), data);
    const handle = await open(tmp.path('by-handle.tif'), 'w+');
    await imwrite(handle, data);
    await handle.write(Uint8Array.of(1), 0, 1, 1_000_000); // still open: the caller owns it
    await handle.close();
    const a = await readFile(tmp.path('by-path.tif'));
    expect(await readFile(tmp.path('by-url.tif'))).toEqual(a);
    expect((await readFile(tmp.path('by-handle.tif'))).subarray(0, a.length)).toEqual(a);
  });

  it('closes itself with await using / Symbol.asyncDispose', async () => {
    const sink = new MemorySink();
    {
      await using writer = await TiffWriter.open(sink);
      await writer.write({ data: ramp(12), shape: [3, 2, 2] }, { photometric: 'minisblack' });
    }
    expect((await parse(sink.toUint8Array().slice())).ifds).toHaveLength(3);
  });

  it('mode x refuses an existing file without touching it', async () => {
    const file = tmp.path('exclusive.tif');
    await imwrite(file, ramp(4), { shape: [2, 2] });
    const before = await readFile(file);
    await expect(imwrite(file, ramp(9), { shape: [3, 3], mode: 'x' })).rejects.toMatchObject({
      name: 'TiffError',
      code: 'FILE_EXISTS',
    });
    expect(await readFile(file)).toEqual(before);
  });

  it('surfaces a failing sink as a TiffError and refuses further writes', async () => {
    let fail = false;
    const memory = new MemorySink();
    const flaky: Sink = {
      write: async (bytes, position) => {
        if (fail) throw new Error('ENOSPC: no space left on device');
        memory.write(bytes, position);
      },
      size: () => memory.size(),
      close: () => undefined,
    };
    const writer = await TiffWriter.open(flaky);
    await writer.write(ramp(4), { shape: [2, 2] });
    fail = true;
    const error = await writer.write(ramp(4), { shape: [2, 2] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TiffError);
    expect(error).toMatchObject({ code: 'SINK_ERROR' });
    expect((error as Error).message).toContain('ENOSPC');
    await expect(writer.write(ramp(4), { shape: [2, 2] })).rejects.toMatchObject({ code: 'WRITER_FAILED' });
    await writer.close();
    await expect(writer.write(ramp(4), { shape: [2, 2] })).rejects.toMatchObject({ code: 'WRITER_CLOSED' });
  });

  it('a closed FileHandle surfaces as SINK_ERROR, not a hang', async () => {
    const handle = await open(tmp.path('closed.tif'), 'w+');
    const writer = await TiffWriter.open(handle);
    await handle.close();
    await expect(writer.write(ramp(4), { shape: [2, 2] })).rejects.toMatchObject({ code: 'SINK_ERROR' });
    await writer.close();
  });
});
