/** The worker pool: the same bytes whatever maxWorkers and bufferSize are, and no worker left behind. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { hardwareConcurrency, liveWorkers, poolActivity } from '@tiffkit/tiff-codecs';
import { IDLE_MS } from '@tiffkit/tiff-codecs/pool/pool.js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type ImwriteOptions, imwrite, MemorySink, TiffWriter } from '../src/index.js';
import { testValues } from './helpers/data.js';
import { tempDir } from './helpers/interop.js';

// Each worker starts only with 1 MiB or more to encode: the data is large enough for 2–4 of them.
const u16 = testValues('uint16', 4 * 1024 * 520, 9) as Uint16Array;
// smooth, compressible data: a ramp with a little noise
for (let i = 0; i < u16.length; i++) u16[i] = ((i % 260) * 50 + ((u16[i] as number) & 15)) & 0xffff;
const f32 = Float32Array.from({ length: 4 * 512 * 512 }, (_, i) => Math.sin(i / 97) * 1000);
const rgb = Uint8Array.from({ length: 1024 * 1024 * 3 }, (_, i) => (i * 7 + (i >> 9)) & 255);

/** The file as a hex digest: comparing large arrays element by element is slow in expect(). */
/** Idle workers end IDLE_MS after the last writer closed. */
async function idleWorkersStopped(): Promise<void> {
  await vi.waitFor(() => expect(liveWorkers()).toBe(0), { timeout: IDLE_MS + 3000, interval: 50 });
}

async function bytes(data: Parameters<typeof imwrite>[1], options: ImwriteOptions): Promise<string> {
  const sink = new MemorySink();
  await imwrite(sink, data, options);
  return createHash('sha256').update(sink.toUint8Array()).digest('hex');
}

describe('encoding on workers', () => {
  it.each([
    [
      'deflate tiles with the horizontal predictor',
      { data: u16, shape: [4, 1024, 520] },
      { compression: 'zlib', predictor: true, tile: [64, 64] },
    ],
    [
      'deflate strips, level 9',
      { data: u16, shape: [4, 1024, 520] },
      { compression: 'deflate', compressionArgs: { level: 9 }, rowsPerStrip: 16 },
    ],
    [
      'LZW with the floating-point predictor',
      { data: f32, shape: [4, 512, 512] },
      { compression: 'lzw', predictor: true, tile: [32, 48] },
    ],
    ['PackBits', { data: u16, shape: [4, 1024, 520] }, { compression: 'packbits', rowsPerStrip: 32 }],
    ['JPEG tiles', { data: rgb, shape: [1024, 1024, 3] }, { compression: 'jpeg', tile: [64, 64] }],
    ['JPEG 2000 tiles', { data: u16, shape: [4, 1024, 520] }, { compression: 'jpeg2000', tile: [128, 128] }],
    [
      'JPEG XL tiles',
      { data: u16.subarray(0, 1024 * 520), shape: [1024, 520] },
      { compression: 'jpegxl', tile: [128, 128] },
    ],
  ] as const)('%s: identical bytes for 1, 2 and 3 workers and any bufferSize', async (_name, data, options) => {
    const base = { photometric: 'minisblack', ...options } as ImwriteOptions;
    if ((options as ImwriteOptions).compression === 'jpeg') delete (base as { photometric?: unknown }).photometric;
    const one = await bytes(data, { ...base, maxWorkers: 1 });
    expect(await bytes(data, { ...base, maxWorkers: 2 })).toEqual(one);
    expect(await bytes(data, { ...base, maxWorkers: 3 })).toEqual(one);
    expect(await bytes(data, { ...base, maxWorkers: 2, bufferSize: 1 })).toEqual(one);
    expect(await bytes(data, base)).toEqual(one); // the automatic choice
    await idleWorkersStopped();
  });

  it('keeps the pool while a writer is open, and idle workers a moment after close', async () => {
    const writer = await TiffWriter.open(new MemorySink());
    await writer.write(
      { data: u16, shape: [4, 1024, 520] },
      { compression: 'zlib', tile: [64, 64], maxWorkers: 2, photometric: 'minisblack' },
    );
    const two = Math.min(2, hardwareConcurrency());
    expect(liveWorkers()).toBe(two); // kept for the writer's next series
    await writer.write(
      { data: u16, shape: [4, 1024, 520] },
      { compression: 'lzw', tile: [64, 64], maxWorkers: 2, photometric: 'minisblack' },
    );
    expect(liveWorkers()).toBe(two);
    const started = poolActivity().workersStarted;
    await writer.close();
    expect(liveWorkers()).toBe(two); // idle, for a write that follows
    const next = await bytes(
      { data: u16, shape: [4, 1024, 520] },
      { compression: 'zlib', tile: [64, 64], maxWorkers: 2 },
    );
    expect(next.length).toBeGreaterThan(0);
    expect(poolActivity().workersStarted).toBe(started); // the idle workers took it: none started
    await idleWorkersStopped();
  });

  it('starts no worker for little data, however many are asked for', async () => {
    const small = { data: new Uint8Array(56), shape: [7, 8] };
    await idleWorkersStopped();
    const bytes1000 = await bytes(small, { compression: 'lzw', maxWorkers: 1000, photometric: 'minisblack' });
    expect(bytes1000).toBe(await bytes(small, { compression: 'lzw', photometric: 'minisblack' }));
    expect(liveWorkers()).toBe(0);
    const writer = await TiffWriter.open(new MemorySink());
    await writer.write(
      { data: u16, shape: [4, 1024, 520] },
      { compression: 'zlib', tile: [64, 64], maxWorkers: 1000, photometric: 'minisblack' },
    );
    expect(liveWorkers()).toBe(hardwareConcurrency()); // at most one per core
    await writer.close();
  });

  it('rejects bad maxWorkers and bufferSize before writing', async () => {
    await expect(
      imwrite(new MemorySink(), { data: u16, shape: [4, 1024, 520] }, { maxWorkers: -1 }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'maxWorkers' });
    await expect(
      imwrite(new MemorySink(), { data: u16, shape: [4, 1024, 520] }, { bufferSize: 1.5 }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'bufferSize' });
  });
});

const tmp = tempDir('tiffkit-exit-');
afterAll(() => tmp.cleanup());

it('a process that only writes a compressed file exits on its own', () => {
  const script = tmp.path('write.mjs');
  const writer = new URL('../dist/index.js', import.meta.url).href;
  writeFileSync(
    script,
    `import { imwrite } from ${JSON.stringify(writer)};
const data = new Uint16Array(4 * 512 * 512).map((_, i) => i % 4099);
await imwrite(${JSON.stringify(tmp.path('out.tif'))}, { data, shape: [4, 512, 512] }, { compression: 'zlib', tile: [128, 128], maxWorkers: 2, photometric: 'minisblack' });
console.log('written');
`,
  );
  const result = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
  expect(result.error).toBeUndefined(); // no timeout: nothing kept the event loop alive
  expect(result.status).toBe(0);
  expect(result.stdout.trim()).toBe('written');
});

it('workers start in a script run with flags workers refuse (node --input-type=module -e)', () => {
  const writer = new URL('../dist/index.js', import.meta.url).href;
  const code = `import { imwrite } from ${JSON.stringify(writer)};
const data = new Uint16Array(4 * 512 * 512).map((_, i) => i % 4099);
await imwrite(${JSON.stringify(tmp.path('eval.tif'))}, { data, shape: [4, 512, 512] }, { compression: 'zlib', tile: [128, 128], maxWorkers: 2, photometric: 'minisblack' });
console.log('written');`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    timeout: 30_000,
    cwd: new URL('..', import.meta.url),
  });
  expect(result.stderr).not.toMatch(/worker failed|--input-type/);
  expect(result.status).toBe(0);
  expect(result.stdout.trim()).toBe('written');
});
