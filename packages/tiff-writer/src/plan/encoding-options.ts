import type { WorkerUrl } from '@tiffkit/tiff-codecs/pool/source.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { WriteOptions } from '../options.js';
import { DEFAULT_BUFFER_SIZE, type EncoderOptions, type WorkerOrigin } from './encoding-defaults.js';

export type { EncoderOptions, WorkerOrigin };

function parseCount(value: unknown, option: string): number | undefined {
  if (value === undefined || value === null || value === 0) return undefined;
  if (!Number.isInteger(value) || (value as number) < 0)
    throw invalidOption(option, value, 'a positive integer (0 or none: automatic)');
  return value as number;
}

/** `workerUrl` (a URL or its text) and `createWorker` (a function), at most one of them. */
function parseWorkerOrigin(options: WriteOptions): WorkerOrigin {
  const { workerUrl, createWorker } = options;
  let url: string | undefined;
  if (typeof workerUrl === 'string' && workerUrl !== '') url = workerUrl;
  else if (typeof workerUrl === 'object' && workerUrl !== null && typeof (workerUrl as WorkerUrl).href === 'string')
    url = (workerUrl as WorkerUrl).href;
  else if (workerUrl !== undefined && workerUrl !== null)
    throw invalidOption('workerUrl', workerUrl, "the worker entry point's URL (a URL or a non-empty string)");
  if (createWorker !== undefined && createWorker !== null && typeof createWorker !== 'function')
    throw invalidOption('createWorker', createWorker, 'a function that returns a started worker');
  if (url !== undefined && typeof createWorker === 'function') {
    throw new TiffError('INCOMPATIBLE_OPTIONS', 'workerUrl and createWorker both name the encoder worker: give one', {
      option: 'createWorker',
    });
  }
  return { workerUrl: url, createWorker: typeof createWorker === 'function' ? createWorker : undefined };
}

/** `maxWorkers`, `bufferSize`, `workerUrl` and `createWorker`, validated. */
export function parseEncoderOptions(options: WriteOptions): EncoderOptions {
  return {
    maxWorkers: parseCount(options.maxWorkers, 'maxWorkers'),
    bufferSize: parseCount(options.bufferSize, 'bufferSize') ?? DEFAULT_BUFFER_SIZE,
    workers: parseWorkerOrigin(options),
  };
}
