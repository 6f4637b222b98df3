import { TiffError, type TiffErrorCode } from '@tiffkit/tiff-core';
import { createWorker, type WorkerHandle } from '#worker-host';
import type { EncodeTask } from './task.js';

/** A worker's answer: the encoded bytes, or the error it raised. */
export type WorkerReply =
  | { readonly id: number; readonly result: Uint8Array }
  | {
      readonly id: number;
      readonly error: { readonly message: string; readonly code?: string; readonly option?: string };
    };

interface Pending {
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
  readonly worker: PooledWorker;
}

interface PooledWorker {
  readonly handle: WorkerHandle;
  inFlight: number;
}

/**
 * Workers shared by every writer of the process (or page): created when first needed, kept while a
 * writer holds the pool, terminated when the last one releases it, so that no worker outlives the
 * writers and a process that only writes a file exits on its own.
 */
const workers: PooledWorker[] = [];
const pending = new Map<number, Pending>();
let nextId = 1;
let holders = 0;

function onReply(reply: WorkerReply): void {
  const job = pending.get(reply.id);
  if (!job) return;
  pending.delete(reply.id);
  job.worker.inFlight -= 1;
  if (job.worker.inFlight === 0) job.worker.handle.idle();
  if ('result' in reply) job.resolve(reply.result);
  else {
    const { message, code, option } = reply.error;
    job.reject(code ? new TiffError(code as TiffErrorCode, message, option ? { option } : {}) : new Error(message));
  }
}

function onFailure(worker: PooledWorker, error: Error): void {
  for (const [id, job] of pending) {
    if (job.worker !== worker) continue;
    pending.delete(id);
    job.reject(new TiffError('ENCODER_FAILED', `an encoder worker failed: ${error.message}`, { cause: error }));
  }
  const index = workers.indexOf(worker);
  if (index >= 0) workers.splice(index, 1);
}

/** A hold on the shared pool: `encode()` on up to `size` workers; `release()` when done. */
export class EncoderPool {
  private released = false;

  private constructor(readonly size: number) {}

  /** Hold the pool with at least `size` workers (started lazily). */
  static acquire(size: number): EncoderPool {
    holders += 1;
    while (workers.length < size) {
      const worker: PooledWorker = { handle: undefined as unknown as WorkerHandle, inFlight: 0 };
      (worker as { handle: WorkerHandle }).handle = createWorker(onReply, (error) => onFailure(worker, error));
      workers.push(worker);
    }
    return new EncoderPool(size);
  }

  /** Encode a task on the least busy of this hold's workers. */
  encode(task: EncodeTask, transfer: boolean): Promise<Uint8Array> {
    if (this.released) return Promise.reject(new TiffError('WRITER_CLOSED', 'the encoder pool was released'));
    const candidates = workers.slice(0, this.size);
    const worker = candidates.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const id = nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      pending.set(id, { resolve, reject, worker });
      worker.inFlight += 1;
      worker.handle.post({ id, task }, transfer ? [task.data.buffer as ArrayBuffer] : []);
    });
  }

  /** Give the hold back; the last one terminates the workers. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    holders -= 1;
    if (holders > 0) return;
    const stopping = workers.splice(0);
    await Promise.all(stopping.map((w) => w.handle.terminate()));
  }
}

/**
 * Number of live workers (for tests: none after the last writer closed).
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function liveWorkers(): number {
  return workers.length;
}
