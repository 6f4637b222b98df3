/**
 * A started encoder worker, as a `createWorker` option returns it: a module Web Worker in browsers,
 * a `worker_threads` Worker in Node, running this package's worker entry point
 * (`@tiffkit/tiff-codecs/worker`). Typed by the parts the pool uses, so that these declarations need
 * neither the DOM's nor Node's types (both `Worker`s are assignable to it).
 */
export interface EncoderWorker {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  terminate(): unknown;
}

/** A URL as the WHATWG `URL` of browsers and Node provides it (only its `href` is read). */
export interface WorkerUrl {
  readonly href: string;
}

/**
 * Where the pool's workers come from: the URL of the worker entry point as the application serves it
 * (or, in Node, a file path or `file:` URL), or a function that starts one. Undefined: the entry point
 * beside this module, `new URL('./worker-browser.js', import.meta.url)`, which bundlers such as Vite and
 * webpack 5 follow and emit.
 */
export type WorkerSource = string | (() => EncoderWorker) | undefined;

/** Options of `EncoderPool.acquire`. */
export interface PoolOptions {
  /** The worker entry point's URL, when a bundler could not see (and emit) the default one. */
  readonly workerUrl?: string | WorkerUrl | undefined;
  /** Starts a worker, when neither the default entry point nor a URL fits (an inline or custom worker). */
  readonly createWorker?: (() => EncoderWorker) | undefined;
  /**
   * Called once for this hold when workers cannot start (a missing module, a Content Security Policy,
   * no Worker API): its tasks are then encoded on the calling thread, with the same bytes.
   */
  readonly onUnavailable?: ((error: Error) => void) | undefined;
}

/** The one source named by the options: a URL (as a string) or a factory. */
export function workerSource(options: PoolOptions): WorkerSource {
  if (options.createWorker) return options.createWorker;
  const url = options.workerUrl;
  return typeof url === 'string' || url === undefined ? url : url.href;
}
