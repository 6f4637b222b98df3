import { afterAll, describe, expect, it, vi } from 'vitest';
import { TiffWriter } from '../src/index.js';
import { missing, readWithTifffile, tempDir } from './helpers/interop.js';
import { streamFrame } from './helpers/stream-check.js';

/**
 * The system calls of crash-safe streaming into a file: FileSink's writes are counted (and passed
 * through) by mocking `node:fs`, which it writes with.
 */
const calls = vi.hoisted(() => ({ log: [] as string[] }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number, position: number) => {
      calls.log.push(`pwrite ${length}`);
      return fs.writeSync(fd, buffer, offset, length, position);
    },
    writevSync: (fd: number, buffers: Uint8Array[], position: number) => {
      calls.log.push(`pwritev ${buffers.map((b) => b.length).join('+')}`);
      return fs.writevSync(fd, buffers, position);
    },
  };
});

const tmp = tempDir('tiffkit-syscalls-');
afterAll(() => tmp.cleanup());

type Shape = readonly [number, number];
/** 512 KiB frames: written straight through; 32 KiB frames: gathered (FileSink's buffer is 1 MiB). */
const LARGE: Shape = [512, 512];
const SMALL: Shape = [128, 128];
const bytesOf = (shape: Shape) => shape[0] * shape[1] * 2;

/** Stream `frames` uint16 frames into a file; the system calls of each write(), and of close(). */
async function stream(
  file: string,
  shape: Shape,
  frames: number,
  options: { readonly metadata?: null; readonly crashSafe?: boolean },
): Promise<{ perCall: string[][]; close: string[] }> {
  const perCall: string[][] = [];
  const writer = await TiffWriter.open(file, { crashSafe: options.crashSafe ?? true });
  const write = options.metadata === null ? { contiguous: true, metadata: null } : { contiguous: true };
  for (let i = 0; i < frames; i++) {
    calls.log.length = 0;
    await writer.write({ data: streamFrame(shape, i), shape }, write);
    perCall.push([...calls.log]);
  }
  calls.log.length = 0;
  await writer.close();
  return { perCall, close: [...calls.log] };
}

describe('system calls of crash-safe contiguous growth into a file', () => {
  it('shaped: three per frame — the data with its IFD and new JSON (one pwritev), the link, the JSON switch', async () => {
    const { perCall } = await stream(tmp.path('shaped.tif'), LARGE, 8, {});
    // The first growth moves the first IFD after the others (tifffile's reading of shaped series).
    for (const call of perCall.slice(2)) {
      expect(call).toEqual([
        expect.stringMatching(new RegExp(`^pwritev ${bytesOf(LARGE)}\\+\\d+$`)),
        'pwrite 4',
        'pwrite 8',
      ]);
    }
  });

  it('shaped, small frames: the same three, the data and its IFD gathered into one pwrite', async () => {
    const { perCall } = await stream(tmp.path('shaped-small.tif'), SMALL, 8, {});
    for (const call of perCall.slice(2)) {
      expect(call).toEqual([expect.stringMatching(/^pwrite \d+$/), 'pwrite 4', 'pwrite 8']);
      expect(Number(call[0]?.split(' ')[1])).toBeGreaterThan(bytesOf(SMALL));
    }
  });

  it('without metadata: two per frame — the data with its IFD, the link; nothing left for close()', async () => {
    const { perCall, close } = await stream(tmp.path('plain.tif'), LARGE, 6, { metadata: null });
    for (const call of perCall.slice(1)) {
      expect(call).toEqual([expect.stringMatching(new RegExp(`^pwritev ${bytesOf(LARGE)}\\+\\d+$`)), 'pwrite 4']);
    }
    expect(close).toEqual([]);
  });

  it('crashSafe: false: the data alone, the IFDs at close', async () => {
    const { perCall, close } = await stream(tmp.path('deferred.tif'), LARGE, 4, { crashSafe: false });
    // The first IFD, gathered by the first call, goes out before the second frame.
    expect(perCall[1]).toEqual([expect.stringMatching(/^pwrite \d+$/), `pwrite ${bytesOf(LARGE)}`]);
    for (const call of perCall.slice(2)) expect(call).toEqual([`pwrite ${bytesOf(LARGE)}`]);
    expect(close.length).toBeGreaterThan(0);
  });

  it.skipIf(missing('tifffile'))('tifffile reads the frames as one series, without a warning', async () => {
    const files = [tmp.path('shaped-read.tif'), tmp.path('small-read.tif'), tmp.path('plain-read.tif')];
    await stream(files[0] as string, LARGE, 7, {});
    await stream(files[1] as string, SMALL, 9, {});
    await stream(files[2] as string, LARGE, 5, { metadata: null });
    const [shaped, small, plain] = readWithTifffile(files);
    expect(shaped?.warnings).toEqual([]);
    expect(shaped?.is_shaped).toBe(true);
    expect(shaped?.series.map((s) => s.shape)).toEqual([[7, ...LARGE]]);
    expect(small?.series.map((s) => s.shape)).toEqual([[9, ...SMALL]]);
    expect(plain?.warnings).toEqual([]);
    expect(plain?.is_shaped).toBe(false);
    expect(plain?.pages).toBe(5);
  });
});
