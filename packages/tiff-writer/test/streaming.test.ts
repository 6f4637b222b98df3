import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySink, type OpenOptions, type Sink, TiffWriter, type WriteOptions } from '../src/index.js';
import { sha256 } from './helpers/data.js';
import { missing, readWithTifffile, tempDir, tiffinfo } from './helpers/interop.js';
import { parse, tags } from './helpers/read.js';
import { streamFrame } from './helpers/stream-check.js';

/** The options of crash-safe streaming (`crashSafe`, `fsync`, `framesWritten`) and the growth they allow. */

const tmp = tempDir('tiffkit-streaming-');
afterAll(() => tmp.cleanup());

/** A memory sink that counts the syncs the writer asks for. */
class CountingSink extends MemorySink {
  syncs = 0;
  sync(): void {
    this.syncs += 1;
  }
}

async function stream(
  frames: number,
  shape: readonly [number, number],
  open: OpenOptions,
  write: WriteOptions,
  sink: Sink = new MemorySink(),
): Promise<{ sink: Sink; writer: TiffWriter }> {
  const writer = await TiffWriter.open(sink, open);
  for (let i = 0; i < frames; i++) await writer.write({ data: streamFrame(shape, i), shape }, write);
  return { sink, writer };
}

function framesOf(shape: readonly [number, number], count: number): Uint16Array {
  const size = shape[0] * shape[1];
  const all = new Uint16Array(size * count);
  for (let i = 0; i < count; i++) all.set(streamFrame(shape, i), i * size);
  return all;
}

describe('crashSafe and fsync options', () => {
  it.each([
    [{ crashSafe: 'yes' }, 'crashSafe'],
    [{ fsync: 'always' }, 'fsync'],
    [{ fsync: {} }, 'fsync'],
    [{ fsync: { frames: 0 } }, 'fsync.frames'],
    [{ fsync: { frames: 1.5 } }, 'fsync.frames'],
    [{ fsync: { seconds: -1 } }, 'fsync.seconds'],
    [{ fsync: { every: 3 } }, 'fsync.every'],
  ])('refuses %j with a TiffError naming %s, before the file is touched', async (options, option) => {
    const sink = new MemorySink();
    await expect(TiffWriter.open(sink, options as unknown as OpenOptions)).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option,
    });
    expect(sink.size()).toBe(0);
  });

  it.each([
    ['never', 6, 0, 0],
    ['close', 6, 0, 1],
    [{ frames: 3 }, 7, 2, 3],
    [{ seconds: 3600 }, 7, 0, 1],
  ] as const)('fsync %j: %i frames, %i syncs of the sink, %i once closed', async (fsync, frames, syncs, closed) => {
    const { sink, writer } = await stream(frames, [8, 16], { fsync }, { contiguous: true }, new CountingSink());
    expect((sink as CountingSink).syncs).toBe(syncs);
    await writer.close();
    expect((sink as CountingSink).syncs).toBe(closed);
  });

  it("fsync 'write' syncs before each pointer and as each write() ends", async () => {
    const { sink, writer } = await stream(3, [8, 16], { fsync: 'write' }, { contiguous: true }, new CountingSink());
    const syncs = (sink as CountingSink).syncs;
    await writer.write({ data: streamFrame([8, 16], 3), shape: [8, 16] }, { contiguous: true });
    // The data and IFD before their link, the link before the JSON, and the end of the call.
    expect((sink as CountingSink).syncs - syncs).toBe(3);
    await writer.close();
  });

  it('framesWritten counts the pages of the main series whose write() resolved', async () => {
    const writer = await TiffWriter.open(new MemorySink());
    expect(writer.framesWritten).toBe(0);
    await writer.write({ data: new Uint8Array(3 * 16 * 16), shape: [3, 16, 16] }, { contiguous: true });
    expect(writer.framesWritten).toBe(3);
    await writer.write({ data: new Uint8Array(3 * 16 * 16), shape: [3, 16, 16] }, { contiguous: true });
    expect(writer.framesWritten).toBe(6);
    await writer.write({ data: new Uint8Array(64 * 64), shape: [64, 64] }, { pyramid: { levels: 2 } }); // levels are not frames
    expect(writer.framesWritten).toBe(7);
    // @ts-expect-error a misspelt codec, refused by the types and at run time
    await expect(writer.write({ data: new Uint8Array(4), shape: [2, 2] }, { compression: 'bogus' })).rejects.toThrow();
    expect(writer.framesWritten).toBe(7);
    await writer.close();
  });
});

describe('the shaped JSON of a growing series', () => {
  it.each([true, false])(
    'counts the calls through more digits, and warns about its metadata once (crashSafe: %s)',
    async (crashSafe) => {
      const warnings: string[] = [];
      const sink = new MemorySink();
      const writer = await TiffWriter.open(sink, { crashSafe, onWarning: (w) => warnings.push(w.code) });
      const metadata = { shape: [9, 9], name: 'run 7', spacing: 0.5 };
      for (let i = 0; i < 101; i++) {
        await writer.write({ data: streamFrame([4, 8], i), shape: [4, 8] }, { contiguous: true, metadata });
        if (crashSafe && (i === 8 || i === 9 || i === 98 || i === 99)) {
          const tiff = await parse(sink.toUint8Array().slice());
          expect(tags(tiff.ifds[0] as never).get(270)).toBe(
            `{"shape": [${i + 1}, 4, 8], "name": "run 7", "spacing": 0.5}`,
          );
        }
      }
      await writer.close();
      const tiff = await parse(sink.toUint8Array().slice());
      expect(tags(tiff.ifds[0] as never).get(270)).toBe('{"shape": [101, 4, 8], "name": "run 7", "spacing": 0.5}');
      expect(warnings).toEqual(['shape-metadata-ignored']);
    },
  );
});

describe('crash-safe files of series written in one call are the files of the deferred layout', () => {
  // An OME file of several series differs: its OME-XML is rewritten after every write (the copies
  // it replaces stay in the file), where the deferred layout writes it once at close.
  it.each([
    ['shaped, two series', {}, {}, 2],
    ['no metadata, two series', { shaped: false }, {}, 2],
    ['zlib, two series', {}, { compression: 'zlib' }, 2],
    ['OME, one series', { ome: true }, { metadata: { UUID: 'urn:uuid:0f6a2b8e-3c1d-4e5f-8a9b-0c1d2e3f4a5b' } }, 1],
  ] as const)('%s', async (_name, open, write, series) => {
    const files = await Promise.all(
      [true, false].map(async (crashSafe) => {
        const sink = new MemorySink();
        const writer = await TiffWriter.open(sink, { ...open, crashSafe });
        await writer.write({ data: framesOf([20, 30], 4), shape: [4, 20, 30] }, write);
        if (series > 1) await writer.write({ data: framesOf([10, 10], 1), shape: [10, 10] }, write);
        await writer.close();
        return sink.toUint8Array().slice();
      }),
    );
    expect(sha256(files[0] as Uint8Array)).toBe(sha256(files[1] as Uint8Array));
  });
});

describe('growth of compressed, tiled and OME series (crash-safe)', () => {
  const cases = [
    { name: 'zlib with a predictor', open: {}, write: { compression: 'zlib', predictor: true }, kind: 'shaped' },
    { name: 'PackBits, tiled', open: {}, write: { compression: 'packbits', tile: [16, 16] }, kind: 'shaped' },
    { name: 'uncompressed tiles', open: { bigtiff: true }, write: { tile: [16, 32] }, kind: 'shaped' },
    { name: 'OME, zlib', open: { ome: true }, write: { compression: 'zlib' }, kind: 'ome' },
    { name: 'OME, uncompressed', open: { ome: true }, write: {}, kind: 'ome' },
  ] as const;

  it.skipIf(missing('tifffile') || missing('tiffinfo')).each(cases)(
    '$name: one series of every frame, read by tifffile and libtiff',
    async ({ name, open, write, kind }) => {
      const shape = [32, 48] as const;
      const { sink, writer } = await stream(5, shape, open, { ...write, contiguous: true } as WriteOptions);
      await writer.close();
      const path = tmp.path(`${name.replace(/\W+/g, '-')}.tif`);
      writeFileSync(path, (sink as MemorySink).toUint8Array());
      const [report] = readWithTifffile([path]);
      expect(report?.warnings).toEqual([]);
      expect(kind === 'ome' ? report?.is_ome : report?.is_shaped).toBe(true);
      expect(report?.series.map((s) => s.shape)).toEqual([[5, 32, 48]]);
      expect(report?.series[0]?.sha256).toBe(sha256(framesOf(shape, 5)));
      expect(report?.pages).toBe(5);
      expect(tiffinfo(path).stderr).toBe('');
    },
  );

  it('a call with other compression or tiles starts a new series, as tifffile does', async () => {
    const { sink, writer } = await stream(2, [16, 16], {}, { contiguous: true, compression: 'zlib' });
    await writer.write({ data: streamFrame([16, 16], 2), shape: [16, 16] }, { contiguous: true });
    await writer.write({ data: streamFrame([16, 16], 3), shape: [16, 16] }, { contiguous: true, tile: [16, 16] });
    await writer.close();
    const tiff = await parse((sink as MemorySink).toUint8Array().slice());
    const json = tiff.ifds.map((ifd) => tags(ifd).get(270));
    expect(json).toEqual([
      '{"shape": [2, 16, 16]}',
      '{"shape": [16, 16]}',
      '{"shape": [16, 16]}',
      '{"shape": [16, 16]}',
    ]);
  });

  it('an ImageJ hyperstack grows only uncompressed (ImageJ reads its frames as one block): refused before any byte', async () => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink, { imagej: true });
    await writer.write({ data: streamFrame([16, 16], 0), shape: [16, 16] }, { contiguous: true });
    const before = sink.toUint8Array().slice();
    await expect(
      writer.write({ data: streamFrame([16, 16], 1), shape: [16, 16] }, { contiguous: true, compression: 'zlib' }),
    ).rejects.toMatchObject({ code: 'INCOMPATIBLE_OPTIONS', option: 'contiguous' });
    expect(sink.toUint8Array()).toEqual(before);
    await writer.write({ data: streamFrame([16, 16], 1), shape: [16, 16] }, { contiguous: true });
    await writer.close();
  });

  it('with crashSafe: false, compressed growth is refused as before', async () => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink, { crashSafe: false });
    await writer.write({ data: streamFrame([16, 16], 0), shape: [16, 16] }, { contiguous: true, compression: 'zlib' });
    await expect(
      writer.write({ data: streamFrame([16, 16], 1), shape: [16, 16] }, { contiguous: true, compression: 'zlib' }),
    ).rejects.toMatchObject({ code: 'INCOMPATIBLE_OPTIONS', option: 'contiguous' });
    await writer.close();
  });
});
