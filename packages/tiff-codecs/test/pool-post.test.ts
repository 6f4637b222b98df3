/**
 * What the pool posts to a worker: the segment in a buffer of its own, transferred. A strip of the
 * caller's array is a view of the whole array; posting the view as it is would clone the entire
 * array once per strip (a 64 MiB stack in 64-row strips took 176 s on two workers instead of 0.6 s).
 * Several segments of one size may go in one task: one message and one reply for all.
 */
import { Compression, DTypes } from '@tiffkit/tiff-core';
import { describe, expect, it, vi } from 'vitest';
import type { EncodeTask } from '../src/pool/task.js';

const posted = vi.hoisted(() => [] as { buffer: number; view: number; transferred: ArrayBuffer[]; task: unknown }[]);

vi.mock('#worker-host', async () => {
  // The worker's own answer, as a worker thread gives it.
  const { answer } = await import('../src/pool/worker-answer.js');
  type Reply = { ready: true } | { id: number; result: Uint8Array };
  return {
    hardwareConcurrency: () => 2,
    createWorker: (_source: unknown, onReply: (reply: Reply) => void) => {
      setTimeout(() => onReply({ ready: true }), 1);
      return {
        post: (message: { id: number; task: EncodeTask }, transfer: ArrayBuffer[]) => {
          const { data } = message.task;
          posted.push({ buffer: data.buffer.byteLength, view: data.byteLength, transferred: transfer, task: data });
          void answer(message).then(({ reply }) => setTimeout(() => onReply(reply as Reply), 1));
        },
        busy: () => undefined,
        idle: () => undefined,
        terminate: () => Promise.resolve(),
      };
    },
  };
});

const { EncoderPool } = await import('../src/pool/pool.js');
const { encodeTask } = await import('../src/pool/task.js');
await (await import('../src/lazy/loader.js')).loadCodec(Compression.ADOBE_DEFLATE);

const ROW = 64 * 2;
const task = (data: Uint8Array): EncodeTask => ({
  data,
  width: 64,
  rows: data.length / ROW,
  samples: 1,
  dtype: DTypes.uint16.name,
  byteOrder: '<',
  predictor: 1,
  compression: Compression.ADOBE_DEFLATE,
  args: {},
});

describe('the segment a worker gets', () => {
  it('is a copy of a strip of the caller’s array, not the whole array, and the caller’s array stays', async () => {
    posted.length = 0;
    const array = Uint8Array.from({ length: 16 * 8 * ROW }, (_, i) => (i * 31 + (i >> 9)) & 0xff);
    const strips = Array.from({ length: 16 }, (_, s) => array.subarray(s * 8 * ROW, (s + 1) * 8 * ROW));
    const pool = EncoderPool.acquire(2);
    const results = await Promise.all(strips.map((strip) => pool.encode(task(strip), false)));
    await pool.release();
    expect(posted).toHaveLength(16);
    for (const post of posted) {
      expect(post.buffer).toBe(8 * ROW); // the strip only
      expect(post.view).toBe(8 * ROW);
      expect(post.transferred).toEqual([(post.task as Uint8Array).buffer]);
    }
    expect(array.buffer.byteLength).toBe(16 * 8 * ROW); // not detached
    expect(results).toEqual(strips.map((strip) => encodeTask(task(strip.slice()))));
  });

  it('is the given buffer itself when it is given away and holds just the segment', async () => {
    posted.length = 0;
    const own = Uint8Array.from({ length: 8 * ROW }, (_, i) => i & 0xff);
    const expected = encodeTask(task(own.slice()));
    const part = new Uint8Array(new ArrayBuffer(16 * ROW), 4 * ROW, 8 * ROW); // given away, but a part of its buffer
    part.set(own);
    const pool = EncoderPool.acquire(2);
    const results = [await pool.encode(task(own), true), await pool.encode(task(part), true)];
    await pool.release();
    expect(posted[0]?.task).toBe(own);
    expect(posted[0]?.transferred).toEqual([own.buffer]);
    expect(posted[1]?.buffer).toBe(8 * ROW);
    expect(posted[1]?.task).not.toBe(part);
    expect(results).toEqual([expected, expected]);
  });
});

describe('a task of several segments', () => {
  it('goes in one message and comes back as each segment’s bytes, in order', async () => {
    posted.length = 0;
    const slab = Uint8Array.from({ length: 4 * 8 * ROW }, (_, i) => (i * 13 + (i >> 8) * 7) & 0xff);
    const segments = [0, 1, 2, 3].map((s) => slab.slice(s * 8 * ROW, (s + 1) * 8 * ROW));
    const expected = segments.map((segment) => encodeTask(task(segment)));
    const before = (await import('../src/pool/pool.js')).poolActivity().tasksOnWorkers;
    const pool = EncoderPool.acquire(2);
    const results = await pool.encodeSegments({ ...task(slab.subarray(0, 8 * ROW)), data: slab, segments: 4 }, true);
    await pool.release();
    expect(posted).toHaveLength(1);
    expect(posted[0]?.task).toBe(slab);
    expect(results).toEqual(expected);
    expect(new Set(results.map((r) => r.buffer)).size).toBe(1); // one reply buffer, four views
    expect((await import('../src/pool/pool.js')).poolActivity().tasksOnWorkers - before).toBe(4);
  });

  it('of one segment is what encodeTask gives; encodeTask of several encodes the first', async () => {
    const { encodeSegments } = await import('../src/pool/task.js');
    const slab = Uint8Array.from({ length: 3 * 8 * ROW }, (_, i) => (i * 5) & 0xff);
    const many = { ...task(slab.subarray(0, 8 * ROW)), data: slab, segments: 3 };
    expect(encodeSegments(many)).toEqual(
      [0, 1, 2].map((s) => encodeTask(task(slab.slice(s * 8 * ROW, (s + 1) * 8 * ROW)))),
    );
    expect(encodeTask(many)).toEqual(encodeTask(task(slab.slice(0, 8 * ROW))));
  });
});
