import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { concatBytes } from '../concat.js';
import { loadCodec } from '../lazy/loader.js';
import type { TaskReply, WorkerReply } from './pool.js';
import { type EncodeTask, encodeSegments } from './task.js';

/** A worker's first message: its module loaded, it takes tasks. */
export const READY: WorkerReply = { ready: true };

/**
 * Encode a task inside a worker and build the reply (the result's buffer is transferred, not copied).
 * The task's codec is loaded first when it is one loaded on demand: each worker loads only the codecs
 * its tasks need, once. The segments of a task of several come back in one buffer, with their sizes.
 */
export async function answer(message: {
  id: number;
  task: EncodeTask;
}): Promise<{ reply: TaskReply; transfer: ArrayBuffer[] }> {
  try {
    await loadCodec(message.task.compression);
    const results = encodeSegments(message.task);
    let result = results.length === 1 ? (results[0] as Uint8Array) : concatBytes(results);
    // Transfer only a buffer the result owns entirely.
    if (result.byteOffset !== 0 || result.byteLength !== result.buffer.byteLength) result = result.slice();
    const reply: TaskReply =
      results.length === 1
        ? { id: message.id, result }
        : { id: message.id, result, sizes: results.map((r) => r.length) };
    return { reply, transfer: [result.buffer as ArrayBuffer] };
  } catch (error) {
    const e = error as Error;
    const details =
      error instanceof TiffError ? { code: error.code, ...(error.option ? { option: error.option } : {}) } : {};
    return { reply: { id: message.id, error: { message: e.message, ...details } }, transfer: [] };
  }
}
