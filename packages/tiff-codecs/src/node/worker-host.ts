import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerReply } from '../pool/pool.js';

/** What the pool needs of a worker, on any platform. */
export interface WorkerHandle {
  post(message: unknown, transfer: ArrayBuffer[]): void;
  /** No task in flight: the worker must not keep the process alive. */
  idle(): void;
  terminate(): Promise<void>;
}

/** Cores available to this process. */
export function hardwareConcurrency(): number {
  return availableParallelism();
}

/** A worker_threads worker running the encoder entry point. */
export function createWorker(onReply: (reply: WorkerReply) => void, onFailure: (error: Error) => void): WorkerHandle {
  // No execArgv of the parent's: flags such as --input-type or --eval are refused in workers, and
  // the encoder needs none.
  const worker = new Worker(new URL('./worker.js', import.meta.url), { execArgv: [] });
  worker.on('message', (reply: WorkerReply) => onReply(reply));
  worker.on('error', onFailure);
  worker.unref();
  return {
    post(message, transfer) {
      worker.ref(); // a task in flight keeps the process alive until its reply
      worker.postMessage(message, transfer);
    },
    idle() {
      worker.unref();
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
