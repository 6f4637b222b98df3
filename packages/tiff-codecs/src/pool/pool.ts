import { TiffError, type TiffErrorCode } from '@tiffkit/tiff-core/errors.js';
import { createWorker, type WorkerHandle } from '#worker-host';
import { loadCodec } from '../lazy/loader.js';
import { type PoolOptions, type WorkerSource, workerSource } from './source.js';
import { type EncodeTask, encodeSegments } from './task.js';

/**
 * A worker's answer to a task: the encoded bytes (of a task of several segments, one after the other,
 * with each one's size), or the error it raised.
 */
export type TaskReply =
  | { readonly id: number; readonly result: Uint8Array; readonly sizes?: readonly number[] }
  | {
      readonly id: number;
      readonly error: { readonly message: string; readonly code?: string; readonly option?: string };
    };

/** What a worker sends: first `{ ready: true }` once its module loaded, then one reply per task. */
export type WorkerReply = { readonly ready: true } | TaskReply;

interface Job {
  readonly id: number;
  readonly task: EncodeTask;
  readonly transfer: boolean;
  readonly hold: EncoderPool;
  readonly resolve: (segments: Uint8Array[]) => void;
  readonly reject: (error: Error) => void;
}

interface PooledWorker {
  handle: WorkerHandle | undefined;
  readonly source: WorkerSource;
  /** Its module loaded: a failure from now on is a crash, not a worker that could not start. */
  ready: boolean;
  failed: boolean;
  /** Jobs given to it before it was ready, not yet posted (their buffers are still ours). */
  readonly queued: Job[];
  /** Jobs posted to it, by id. */
  readonly sent: Map<number, Job>;
}

/**
 * Workers shared by every writer of the process (or page): created when first needed, kept while a
 * writer holds the pool and for `IDLE_MS` after the last one released it, so that back-to-back writes
 * do not start workers anew (tens of milliseconds each), then terminated. An idle worker never keeps a
 * Node process alive (it is unref'd, as is the timer), so a process that only writes a file exits on
 * its own.
 */
const workers: PooledWorker[] = [];
/** Sources whose workers could not start, with why: their tasks run on the calling thread from then on. */
const unavailable = new Map<WorkerSource, Error>();
const activity = { workersStarted: 0, tasksOnWorkers: 0, tasksOnCallingThread: 0 };
let nextId = 1;
let holders = 0;

/** How long idle workers are kept after the last hold was released. */
export const IDLE_MS = 1000;
/** The pending stop of idle workers, while no writer holds the pool. */
let idleStop: ReturnType<typeof setTimeout> | undefined;

/** Terminate every worker now (none is in use). */
function stopAll(): Promise<unknown> {
  const stopping = workers.splice(0);
  return Promise.all(stopping.map((w) => w.handle?.terminate()));
}

const load = (worker: PooledWorker) => worker.queued.length + worker.sent.size;

/**
 * The task as it is posted, with the segment in a buffer of its own, which is transferred. Posting a
 * view as it is would clone its whole buffer: for a strip of the caller's array, the entire array,
 * once per strip. A buffer the caller gave away (`transfer`) and that holds just the segment goes
 * as it is; anything else is copied first (the segment only).
 */
function ownSegment(job: Job): EncodeTask {
  const { data } = job.task;
  if (job.transfer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return job.task;
  return { ...job.task, data: data.slice() };
}

function post(worker: PooledWorker, job: Job): void {
  worker.sent.set(job.id, job);
  const task = ownSegment(job);
  (worker.handle as WorkerHandle).post({ id: job.id, task }, [task.data.buffer as ArrayBuffer]);
}

function onReply(worker: PooledWorker, reply: WorkerReply): void {
  if ('ready' in reply) {
    worker.ready = true;
    activity.workersStarted += 1;
    for (const job of worker.queued.splice(0)) post(worker, job);
    return;
  }
  const job = worker.sent.get(reply.id);
  if (!job) return;
  worker.sent.delete(reply.id);
  if (load(worker) === 0) worker.handle?.idle();
  if ('result' in reply) {
    activity.tasksOnWorkers += job.task.segments ?? 1;
    job.resolve(split(reply.result, reply.sizes));
  } else {
    const { message, code, option } = reply.error;
    job.reject(code ? new TiffError(code as TiffErrorCode, message, option ? { option } : {}) : new Error(message));
  }
}

/** The segments of a reply, views of its one buffer. */
function split(result: Uint8Array, sizes: readonly number[] | undefined): Uint8Array[] {
  if (!sizes) return [result];
  let at = 0;
  return sizes.map((size) => {
    const part = result.subarray(at, at + size);
    at += size;
    return part;
  });
}

/**
 * A worker failed. Before it was ready it could not start (a missing module, a refused script): its
 * source is given up and the jobs it waited with run on the calling thread. Once ready, it crashed:
 * the jobs it held fail with ENCODER_FAILED, as the input was valid and the encoder failed.
 */
function onFailure(worker: PooledWorker, error: Error): void {
  if (worker.failed) return;
  worker.failed = true;
  const index = workers.indexOf(worker);
  if (index >= 0) workers.splice(index, 1);
  if (!worker.ready) {
    unavailable.set(worker.source, error);
    void worker.handle?.terminate().catch(() => undefined);
    for (const job of worker.queued.splice(0)) encodeHere(job, error);
    return;
  }
  for (const job of worker.sent.values()) {
    job.reject(new TiffError('ENCODER_FAILED', `an encoder worker failed: ${error.message}`, { cause: error }));
  }
  worker.sent.clear();
}

/** Encode a job on the calling thread because workers could not start: the bytes a worker would give. */
function encodeHere(job: Job, why: Error): void {
  job.hold.unavailableBecause(why);
  activity.tasksOnCallingThread += job.task.segments ?? 1;
  loadCodec(job.task.compression)
    .then(() => job.resolve(encodeSegments(job.task)))
    .catch(job.reject);
}

/** Start workers from `source` until there are `size`, unless that source could not start one. */
function startWorkers(size: number, source: WorkerSource): void {
  while (workers.length < size && !unavailable.has(source)) {
    const worker: PooledWorker = {
      handle: undefined,
      source,
      ready: false,
      failed: false,
      queued: [],
      sent: new Map(),
    };
    try {
      worker.handle = createWorker(
        source,
        (reply) => onReply(worker, reply),
        (error) => onFailure(worker, error),
      );
    } catch (error) {
      unavailable.set(source, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    workers.push(worker);
  }
}

/**
 * A hold on the shared pool: `encode()` on up to `size` workers; `release()` when done. When no worker
 * can start, tasks are encoded on the calling thread (the same bytes) and `onUnavailable` is told once.
 */
export class EncoderPool {
  private released = false;
  private warned = false;

  private constructor(
    readonly size: number,
    private readonly source: WorkerSource,
    private readonly onUnavailable: ((error: Error) => void) | undefined,
  ) {}

  /** Hold the pool with at least `size` workers (started lazily, from `options.workerUrl` or `createWorker`). */
  static acquire(size: number, options: PoolOptions = {}): EncoderPool {
    holders += 1;
    const source = workerSource(options);
    if (idleStop !== undefined) {
      clearTimeout(idleStop);
      idleStop = undefined;
      // Idle workers of another entry point or factory are not the ones this hold asked for.
      if (workers.some((w) => w.source !== source)) void stopAll().catch(() => undefined);
    }
    startWorkers(size, source);
    return new EncoderPool(size, source, options.onUnavailable);
  }

  /** Encode a task's segment on the least busy of this hold's workers (or here, when none could start). */
  async encode(task: EncodeTask, transfer: boolean): Promise<Uint8Array> {
    return (await this.encodeSegments(task, transfer))[0] as Uint8Array;
  }

  /**
   * Encode every segment of a task (`task.segments` of them) on the least busy of this hold's workers,
   * in one message (or here, when none could start). `transfer`: the task's buffer may be given to the
   * worker (else only its bytes are copied there).
   */
  encodeSegments(task: EncodeTask, transfer: boolean): Promise<Uint8Array[]> {
    if (this.released) return Promise.reject(new TiffError('WRITER_CLOSED', 'the encoder pool was released'));
    startWorkers(this.size, this.source); // replaces workers that crashed
    const candidates = workers.slice(0, this.size);
    return new Promise<Uint8Array[]>((resolve, reject) => {
      const job: Job = { id: nextId++, task, transfer, hold: this, resolve, reject };
      if (candidates.length === 0) {
        encodeHere(job, unavailable.get(this.source) ?? new Error('no worker could start'));
        return;
      }
      const worker = candidates.reduce((a, b) => (load(b) < load(a) ? b : a));
      if (load(worker) === 0) worker.handle?.busy();
      if (worker.ready) post(worker, job);
      else worker.queued.push(job);
    });
  }

  /** @internal Tell the holder, once, that its tasks run on the calling thread (and why). */
  unavailableBecause(why: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.onUnavailable?.(why);
  }

  /** Give the hold back; after the last one, idle workers are terminated `IDLE_MS` later. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    holders -= 1;
    if (holders > 0 || workers.length === 0) return;
    idleStop = setTimeout(() => {
      idleStop = undefined;
      void stopAll().catch(() => undefined);
    }, IDLE_MS);
    (idleStop as { unref?: () => void }).unref?.();
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

/**
 * What the pool did so far in this process (or page): workers that started (loaded their module),
 * segments they encoded (`tasksOnWorkers`; several may go in one message), and segments encoded on the
 * calling thread because no worker could start. For checking that workers run in a bundled application.
 */
export function poolActivity(): { workersStarted: number; tasksOnWorkers: number; tasksOnCallingThread: number } {
  return { ...activity };
}
