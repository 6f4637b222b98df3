/**
 * Workers under any bundler: `workerUrl` and `createWorker` name the encoder worker when a bundler did
 * not emit it, and a worker that cannot start never fails a write — the segments are encoded on this
 * thread, the file has the same bytes as with workers, and the writer warns once (`workers-unavailable`).
 * Real Node workers: a URL to a missing module, a factory that throws, and the package's own entry point.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { liveWorkers, poolActivity } from '@tiffkit/tiff-codecs';
import { describe, expect, it } from 'vitest';
import { type ImwriteOptions, imwrite, MemorySink, type TiffWarning, TiffWriter } from '../src/index.js';
import { readWithTifffile, tempDir } from './helpers/interop.js';

// Large enough for two workers (each starts with 1 MiB or more to encode).
const stack = Uint16Array.from({ length: 4 * 1024 * 520 }, (_, i) => (i % 260) * 50 + ((i * 7919) % 13));
const image = { data: stack, shape: [4, 1024, 520] };
const base: ImwriteOptions = { compression: 'zlib', predictor: true, tile: [64, 64], photometric: 'minisblack' };
/** The worker entry point as the package exports it (`@tiffkit/tiff-writer/worker`), built. */
const entryPoint = new URL('../dist/platform/worker.js', import.meta.url);
const missing = new URL('./no-such-worker.js', entryPoint).href;

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function write(options: ImwriteOptions): Promise<{ sha: string; warnings: TiffWarning[]; bytes: Uint8Array }> {
  const warnings: TiffWarning[] = [];
  const sink = new MemorySink();
  await imwrite(sink, image, { ...base, ...options, onWarning: (w) => warnings.push(w) });
  const bytes = sink.toUint8Array();
  return { sha: digest(bytes), warnings, bytes };
}

/** The pool's counters moved by `action`. */
async function activityOf(action: () => Promise<unknown>) {
  const before = poolActivity();
  await action();
  const after = poolActivity();
  return {
    workersStarted: after.workersStarted - before.workersStarted,
    tasksOnWorkers: after.tasksOnWorkers - before.tasksOnWorkers,
    tasksOnCallingThread: after.tasksOnCallingThread - before.tasksOnCallingThread,
  };
}

const tiles = 4 * 16 * 9; // pages × tile rows × tile columns

describe('a worker that cannot start', () => {
  it('a missing worker module: the same bytes as with workers, and one warning', async () => {
    const here = await write({ maxWorkers: 1 });
    let workers: Awaited<ReturnType<typeof write>> | undefined;
    const defaults = await activityOf(async () => {
      workers = await write({ maxWorkers: 2 });
    });
    expect(defaults).toEqual({ workersStarted: 2, tasksOnWorkers: tiles, tasksOnCallingThread: 0 });
    let fallback: Awaited<ReturnType<typeof write>> | undefined;
    const activity = await activityOf(async () => {
      fallback = await write({ maxWorkers: 2, workerUrl: missing });
    });
    expect(workers?.sha).toBe(here.sha);
    expect(fallback?.sha).toBe(here.sha);
    expect(activity).toEqual({ workersStarted: 0, tasksOnWorkers: 0, tasksOnCallingThread: tiles });
    expect(fallback?.warnings).toEqual([
      {
        code: 'workers-unavailable',
        message: expect.stringMatching(/^no encoder worker could start \(Cannot find module .*no-such-worker\.js/),
      },
    ]);
    expect(fallback?.warnings[0]?.message).toMatch(/pass workerUrl or createWorker/);
    expect(workers?.warnings).toEqual([]);
    expect(liveWorkers()).toBe(0);

    const dir = tempDir('tiffkit-fallback-');
    try {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(dir.path('fallback.tif'), fallback?.bytes as Uint8Array);
      const [report] = readWithTifffile([dir.path('fallback.tif')]);
      expect(report?.error).toBeUndefined();
      expect(report?.series[0]?.shape).toEqual([4, 1024, 520]);
    } finally {
      dir.cleanup();
    }
  });

  it('a writer warns once, however many series fall back', async () => {
    const warnings: TiffWarning[] = [];
    const writer = await TiffWriter.open(new MemorySink(), { onWarning: (w) => warnings.push(w) });
    for (let i = 0; i < 3; i++) await writer.write(image, { ...base, maxWorkers: 2, workerUrl: missing });
    await writer.close();
    expect(warnings.map((w) => w.code)).toEqual(['workers-unavailable']);
  });

  it('a createWorker that throws (as `new Worker` under a Content Security Policy): same bytes, one warning', async () => {
    const here = await write({ maxWorkers: 1 });
    const refused = await write({
      maxWorkers: 2,
      createWorker: () => {
        throw new Error('Refused to create a worker (Content Security Policy)');
      },
    });
    expect(refused.sha).toBe(here.sha);
    expect(refused.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^no encoder worker could start \(Refused to create a worker \(Content Security Policy\)\)/,
      ),
    ]);
  });
});

describe('a worker that started and then died', () => {
  /** A worker that says it is ready, as the entry point does, then exits on its first task. */
  const dying = `const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ ready: true });
parentPort.on('message', () => process.exit(134));`;

  it('fails the write with ENCODER_FAILED (a crash is not a worker that could not start)', async () => {
    const warnings: TiffWarning[] = [];
    const error = await imwrite(new MemorySink(), image, {
      ...base,
      maxWorkers: 2,
      createWorker: () => new Worker(dying, { eval: true }),
      onWarning: (w) => warnings.push(w),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TiffError', code: 'ENCODER_FAILED' });
    expect((error as Error).message).toMatch(/^an encoder worker failed: the worker exited with code 134/);
    expect(warnings).toEqual([]);
  });

  it('a worker that exits before it is ready could not start: the write falls back', async () => {
    const here = await write({ maxWorkers: 1 });
    const early = await write({ maxWorkers: 2, createWorker: () => new Worker('process.exit(1)', { eval: true }) });
    expect(early.sha).toBe(here.sha);
    expect(early.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^no encoder worker could start \(the worker exited with code 1\)/),
    ]);
  });
});

describe('naming the worker', () => {
  it('workerUrl: the exported entry point runs the workers', async () => {
    const here = await write({ maxWorkers: 1 });
    let named: Awaited<ReturnType<typeof write>> | undefined;
    const activity = await activityOf(async () => {
      named = await write({ maxWorkers: 2, workerUrl: entryPoint });
    });
    expect(named?.sha).toBe(here.sha);
    expect(named?.warnings).toEqual([]);
    expect(activity).toEqual({ workersStarted: 2, tasksOnWorkers: tiles, tasksOnCallingThread: 0 });
  });

  it('createWorker: workers the caller starts run the segments', async () => {
    const here = await write({ maxWorkers: 1 });
    let started = 0;
    let made: Awaited<ReturnType<typeof write>> | undefined;
    const createWorker = () => {
      started += 1;
      return new Worker(entryPoint);
    };
    const activity = await activityOf(async () => {
      made = await write({ maxWorkers: 2, createWorker });
    });
    expect(made?.sha).toBe(here.sha);
    expect(made?.warnings).toEqual([]);
    expect(started).toBe(2);
    expect(activity.tasksOnWorkers).toBe(tiles);
  });

  it('refuses a workerUrl or createWorker of the wrong kind, and both at once', async () => {
    const sink = () => new MemorySink();
    await expect(imwrite(sink(), image, { ...base, workerUrl: 42 as unknown as string })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'workerUrl',
      message: "workerUrl=42 is invalid: expected the worker entry point's URL (a URL or a non-empty string)",
    });
    await expect(
      imwrite(sink(), image, { ...base, createWorker: 'worker.js' as unknown as () => Worker }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'createWorker' });
    await expect(
      imwrite(sink(), image, { ...base, workerUrl: entryPoint, createWorker: () => new Worker(entryPoint) }),
    ).rejects.toMatchObject({ code: 'INCOMPATIBLE_OPTIONS', option: 'createWorker' });
  });
});
