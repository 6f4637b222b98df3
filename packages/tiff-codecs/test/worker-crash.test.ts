/**
 * A worker that dies while encoding (a crash, an out-of-memory kill) fails the tasks it held with
 * ENCODER_FAILED: valid input, an encoder that failed — never UNSUPPORTED, which says the input is.
 * The worker host is replaced by one whose workers start (they say they are ready) and die on their
 * first task. A worker that fails before it is ready is another matter: see worker-start.test.ts.
 */
import { Compression, DTypes } from '@tiffkit/tiff-core';
import { expect, it, vi } from 'vitest';

vi.mock('#worker-host', () => ({
  hardwareConcurrency: () => 2,
  createWorker: (_source: unknown, onReply: (reply: { ready: true }) => void, onFailure: (error: Error) => void) => {
    setTimeout(() => onReply({ ready: true }), 0);
    return {
      post: () => setTimeout(() => onFailure(new Error('the worker exited with code 134')), 0),
      busy: () => undefined,
      idle: () => undefined,
      terminate: () => Promise.resolve(),
    };
  },
}));

it('a worker that dies fails its task with ENCODER_FAILED', async () => {
  const { EncoderPool } = await import('../src/pool/pool.js');
  const pool = EncoderPool.acquire(1);
  const task = {
    data: new Uint8Array(64),
    width: 8,
    rows: 8,
    samples: 1,
    dtype: DTypes.uint8.name,
    byteOrder: '<' as const,
    predictor: 1,
    compression: Compression.ADOBE_DEFLATE,
    args: {},
  };
  const error = await pool.encode(task, false).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'TiffError', code: 'ENCODER_FAILED' });
  expect((error as Error).message).toMatch(/an encoder worker failed: the worker exited with code 134/);
  const { poolActivity } = await import('../src/pool/pool.js');
  expect(poolActivity()).toEqual({ workersStarted: 1, tasksOnWorkers: 0, tasksOnCallingThread: 0 });
  await pool.release();
});
