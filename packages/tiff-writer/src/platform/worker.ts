/**
 * The encoder worker's entry point, as `@tiffkit/tiff-writer/worker`: for bundlers that do not emit
 * workers themselves, bundle it as an entry of its own and pass its URL as the `workerUrl` option
 * (a module Web Worker in browsers, a worker_threads worker in Node).
 */
import '@tiffkit/tiff-codecs/worker';
