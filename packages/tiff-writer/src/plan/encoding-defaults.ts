import type { EncoderWorker } from '@tiffkit/tiff-codecs/pool/source.js';

/** tifffile's default `bufferSize`: 2 × 256 MiB of segments in flight. */
export const DEFAULT_BUFFER_SIZE = 512 * 1024 * 1024;

/** Where encoder workers come from (both undefined: the entry point beside tiff-codecs' pool). */
export interface WorkerOrigin {
  readonly workerUrl: string | undefined;
  readonly createWorker: (() => EncoderWorker) | undefined;
}

/** Workers and memory budget for encoding a series. */
export interface EncoderOptions {
  /** Workers asked for; undefined lets the encoder decide. */
  readonly maxWorkers: number | undefined;
  /** Bytes of encoded segments in flight at most. */
  readonly bufferSize: number;
  readonly workers: WorkerOrigin;
}

/** The options encoding-options.ts checks. */
export const ENCODER_OPTION_KEYS = ['maxWorkers', 'bufferSize', 'workerUrl', 'createWorker'] as const;

/** The encoder options of a series that gives none of them (what encoding-options.ts would return). */
export function defaultEncoderOptions(): EncoderOptions {
  return {
    maxWorkers: undefined,
    bufferSize: DEFAULT_BUFFER_SIZE,
    workers: { workerUrl: undefined, createWorker: undefined },
  };
}
