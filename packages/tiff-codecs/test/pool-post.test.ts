/**
 * What the pool posts to a worker: the segment in a buffer of its own, transferred. A strip of the
 * caller's array is a view of the whole array; posting the view as it is would clone the entire
 * array once per strip (a 64 MiB stack in 64-row strips took 176 s on two workers instead of 0.6 s).
 */
import { Compression, DTypes } from '@tiffkit/tiff-core';
import { describe, expect, it, vi } from 'vitest';
import type { EncodeTask } from '../src/pool/task.js';

const posted = vi.hoisted(() => [] as { buffer: number; view: number; transferred: ArrayBuffer[]; task: unknown }[]);

vi.mock('#worker-host', async () => {
  const { encodeTask } = await import('../src/pool/task.js');
  type Reply = { ready: true } | { id: number; result: Uint8Array };
  return {
    hardwareConcurrency: () => 2,
    createWorker: (_source: unknown, onReply: (reply: Reply) => void) => {
      setTimeout(() => onReply({ ready: true }), 1);
      return {
        post: (message: { id: number; task: EncodeTask }, transfer: ArrayBuffer[]) => {
          const { data } = message.task;
          posted.push({ buffer: data.buffer.byteLength, view: data.byteLength, transferred: transfer, task: data });
          setTimeout(() => onReply({ id: message.id, result: encodeTask(message.task) }), 1);
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
