import type { WorkerReply } from './pool.js';

/** What the pool needs of a worker, on any platform. */
export interface WorkerHandle {
  post(message: unknown, transfer: ArrayBuffer[]): void;
  /** No task in flight (nothing to do in browsers: workers do not keep a page alive). */
  idle(): void;
  terminate(): Promise<void>;
}

/** The parts of the Web Worker API the pool uses (typed here: the package is built without DOM types). */
interface WebWorker {
  onmessage: ((event: { data: WorkerReply }) => void) | null;
  onerror: ((event: { message: string }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  terminate(): void;
}
type WebWorkerConstructor = new (url: URL, options: { type: 'module' }) => WebWorker;

export function hardwareConcurrency(): number {
  const navigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return navigator?.hardwareConcurrency ?? 1;
}

/** A module Web Worker running the encoder entry point (bundlers follow `new URL(…, import.meta.url)`). */
export function createWorker(onReply: (reply: WorkerReply) => void, onFailure: (error: Error) => void): WorkerHandle {
  const Worker = (globalThis as { Worker?: WebWorkerConstructor }).Worker;
  if (!Worker) throw new Error('this platform has no Web Workers');
  const worker = new Worker(new URL('./worker-browser.js', import.meta.url), { type: 'module' });
  worker.onmessage = (event) => onReply(event.data);
  worker.onerror = (event) => onFailure(new Error(event.message));
  return {
    post(message, transfer) {
      worker.postMessage(message, transfer);
    },
    idle() {},
    async terminate() {
      worker.terminate();
    },
  };
}
