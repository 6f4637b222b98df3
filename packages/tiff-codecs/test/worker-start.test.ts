/**
 * A worker that cannot start (its module is missing from a bundle, a Content Security Policy refuses
 * it, the platform has no workers) never fails an encoding: the hold's tasks run on the calling thread
 * with the bytes a worker gives, and the holder is told once. The worker host is replaced by one whose
 * behaviour follows the worker URL it is given; the default source starts workers that work.
 */
import { Compression, DTypes } from '@tiffkit/tiff-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EncodeTask } from '../src/pool/task.js';

const host = vi.hoisted(() => ({ started: [] as unknown[] }));

vi.mock('#worker-host', async () => {
  const { encodeTask } = await import('../src/pool/task.js');
  type Reply = { ready: true } | { id: number; result: Uint8Array };
  return {
    hardwareConcurrency: () => 2,
    createWorker: (source: unknown, onReply: (reply: Reply) => void, onFailure: (error: Error) => void) => {
      if (typeof source === 'function') source(); // a createWorker option: may throw, as `new Worker` under a CSP
      host.started.push(source);
      const later = (action: () => void) => setTimeout(action, 1);
      if (source === 'missing.js') later(() => onFailure(new Error("Cannot find module '/app/missing.js'")));
      else later(() => onReply({ ready: true }));
      return {
        post: (message: { id: number; task: EncodeTask }) =>
          later(() => onReply({ id: message.id, result: encodeTask(message.task) })),
        busy: () => undefined,
        idle: () => undefined,
        terminate: () => Promise.resolve(),
      };
    },
  };
});

const { EncoderPool, IDLE_MS, liveWorkers, poolActivity } = await import('../src/pool/pool.js');
const { encodeTask } = await import('../src/pool/task.js');
// Deflate loads on demand: the in-thread encodings below need it loaded, as the workers load it.
await (await import('../src/lazy/loader.js')).loadCodec(Compression.ADOBE_DEFLATE);

function task(seed: number): EncodeTask {
  const data = Uint8Array.from({ length: 64 * 32 * 2 }, (_, i) => (i * seed + (i >> 7)) & 0xff);
  return {
    data,
    width: 64,
    rows: 32,
    samples: 1,
    dtype: DTypes.uint16.name,
    byteOrder: '<',
    predictor: 2,
    compression: Compression.ADOBE_DEFLATE,
    args: {},
  };
}
const seeds = [1, 2, 3, 5, 7];
const expected = seeds.map((s) => encodeTask(task(s)));

beforeEach(() => {
  host.started.length = 0;
});

describe('workers that cannot start', () => {
  it('a missing worker module: the tasks run here, the same bytes, one notice', async () => {
    const before = poolActivity();
    const reasons: string[] = [];
    const pool = EncoderPool.acquire(2, { workerUrl: 'missing.js', onUnavailable: (e) => reasons.push(e.message) });
    // Transferred buffers are not posted before the worker is ready: they are still ours to encode here.
    const results = await Promise.all(seeds.map((s) => pool.encode(task(s), true)));
    expect(results).toEqual(expected);
    expect(reasons).toEqual(["Cannot find module '/app/missing.js'"]);
    expect(host.started).toEqual(['missing.js', 'missing.js']);
    expect(liveWorkers()).toBe(0);
    const after = poolActivity();
    expect(after.tasksOnCallingThread - before.tasksOnCallingThread).toBe(5);
    expect(after.workersStarted - before.workersStarted).toBe(0);

    // The source is given up: the next hold starts none and is told too.
    const next: string[] = [];
    const again = EncoderPool.acquire(2, {
      workerUrl: { href: 'missing.js' },
      onUnavailable: (e) => next.push(e.message),
    });
    expect(await again.encode(task(1), false)).toEqual(expected[0]);
    expect(host.started).toEqual(['missing.js', 'missing.js']);
    expect(next).toEqual(["Cannot find module '/app/missing.js'"]);
    await Promise.all([pool.release(), again.release()]);
  });

  it('a worker refused when created (CSP, no Worker API): the tasks run here, one notice', async () => {
    const reasons: string[] = [];
    const createWorker = () => {
      throw new Error("Refused to create a worker from 'blob:' (Content Security Policy)");
    };
    const pool = EncoderPool.acquire(2, { createWorker, onUnavailable: (e) => reasons.push(e.message) });
    expect(await Promise.all(seeds.map((s) => pool.encode(task(s), true)))).toEqual(expected);
    expect(reasons).toEqual(["Refused to create a worker from 'blob:' (Content Security Policy)"]);
    await pool.release();
  });

  it('workers that start encode the tasks themselves, and nobody is told anything', async () => {
    const before = poolActivity();
    const reasons: string[] = [];
    const pool = EncoderPool.acquire(2, { onUnavailable: (e) => reasons.push(e.message) });
    expect(await Promise.all(seeds.map((s) => pool.encode(task(s), true)))).toEqual(expected);
    expect(reasons).toEqual([]);
    expect(host.started).toEqual([undefined, undefined]);
    const after = poolActivity();
    expect(after.workersStarted - before.workersStarted).toBe(2);
    expect(after.tasksOnWorkers - before.tasksOnWorkers).toBe(5);
    expect(after.tasksOnCallingThread).toBe(before.tasksOnCallingThread);
    await pool.release();
    expect(liveWorkers()).toBe(2); // idle, kept a moment for the next write
    await vi.waitFor(() => expect(liveWorkers()).toBe(0), { timeout: IDLE_MS + 2000, interval: 50 });
  });
});
