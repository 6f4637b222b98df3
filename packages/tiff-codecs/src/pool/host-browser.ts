import type { WorkerReply } from './pool.js';
import type { EncoderWorker, WorkerSource } from './source.js';

/** What the pool needs of a worker, on any platform. */
export interface WorkerHandle {
  post(message: unknown, transfer: ArrayBuffer[]): void;
  /** A task waits on this worker (nothing to do in browsers: workers do not keep a page alive). */
  busy(): void;
  /** No task waits on this worker. */
  idle(): void;
  terminate(): Promise<void>;
}

/** The parts of the Web Worker API the pool uses (typed here: the package is built without DOM types). */
interface WebWorker extends EncoderWorker {
  addEventListener(type: 'message', listener: (event: { data: WorkerReply }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}
type WebWorkerConstructor = new (url: unknown, options: { type: 'module' }) => WebWorker;
/**
 * The global `Worker`, named as such: webpack 5 recognises `new Worker(new URL(…, import.meta.url))` only
 * on the free global (a local alias makes it copy the file as a plain asset, without its imports).
 */
declare const Worker: WebWorkerConstructor;

export function hardwareConcurrency(): number {
  const navigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return navigator?.hardwareConcurrency ?? 1;
}

/** Start a module Web Worker from `source`; throws when none can start (no Worker API, a refused URL). */
function start(source: WorkerSource): WebWorker {
  if (typeof source === 'function') {
    const worker = source() as Partial<WebWorker> | null | undefined;
    if (typeof worker?.addEventListener !== 'function' || typeof worker.postMessage !== 'function') {
      throw new Error('createWorker did not return a Web Worker');
    }
    return worker as WebWorker;
  }
  if (typeof Worker === 'undefined') throw new Error('this platform has no Web Workers');
  if (source !== undefined) return new Worker(source, { type: 'module' });
  // Written out in full, as bundlers (Vite, webpack 5) recognise it and emit the worker's own bundle.
  return new Worker(new URL('./worker-browser.js', import.meta.url), { type: 'module' });
}

/** A module Web Worker running the encoder entry point. */
export function createWorker(
  source: WorkerSource,
  onReply: (reply: WorkerReply) => void,
  onFailure: (error: Error) => void,
): WorkerHandle {
  const worker = start(source);
  worker.addEventListener('message', (event) => onReply(event.data));
  // A script that cannot be fetched or evaluated fires a plain Event, without a message.
  worker.addEventListener('error', (event) => onFailure(new Error(event.message || 'the worker script did not load')));
  return {
    post(message, transfer) {
      worker.postMessage(message, transfer);
    },
    busy() {},
    idle() {},
    async terminate() {
      worker.terminate();
    },
  };
}
