import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerReply } from '../pool/pool.js';
import type { WorkerSource } from '../pool/source.js';

/** What the pool needs of a worker, on any platform. */
export interface WorkerHandle {
  post(message: unknown, transfer: ArrayBuffer[]): void;
  /** A task waits on this worker: it keeps the process alive until the reply. */
  busy(): void;
  /** No task waits on this worker: it must not keep the process alive. */
  idle(): void;
  terminate(): Promise<void>;
}

/** Cores available to this process. */
export function hardwareConcurrency(): number {
  return availableParallelism();
}

/** Start a worker_threads worker from `source`; throws when none can start. */
function start(source: WorkerSource): Worker {
  if (typeof source === 'function') {
    const worker = source() as unknown;
    if (!(worker instanceof Worker)) throw new Error('createWorker did not return a worker_threads Worker');
    return worker;
  }
  // No execArgv of the parent's: flags such as --input-type or --eval are refused in workers, and
  // the encoder needs none. Node takes URLs as URL objects only (a string is a path).
  const url = source === undefined ? new URL('./worker.js', import.meta.url) : source;
  const file = typeof url === 'string' && /^(file|data):/.test(url) ? new URL(url) : url;
  return new Worker(file, { execArgv: [] });
}

/** A worker_threads worker running the encoder entry point. */
export function createWorker(
  source: WorkerSource,
  onReply: (reply: WorkerReply) => void,
  onFailure: (error: Error) => void,
): WorkerHandle {
  const worker = start(source);
  let stopping = false;
  worker.on('message', (reply: WorkerReply) => onReply(reply));
  worker.on('error', onFailure);
  // An exit nobody asked for (process.exit in the worker, a kill) fails what it held as an error would.
  worker.on('exit', (code) => {
    if (!stopping) onFailure(new Error(`the worker exited with code ${code}`));
  });
  worker.unref();
  return {
    post(message, transfer) {
      worker.postMessage(message, transfer);
    },
    busy() {
      worker.ref(); // a task in flight keeps the process alive until its reply
    },
    idle() {
      worker.unref();
    },
    async terminate() {
      stopping = true;
      await worker.terminate();
    },
  };
}
