import type { EncoderWorker } from '@tiffkit/tiff-codecs/pool/source.js';
import type { WriteOptions } from '../options.js';

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
const ENCODER_OPTION_KEYS = ['maxWorkers', 'bufferSize', 'workerUrl', 'createWorker'] as const;

/**
 * The encoder options of a series: their checks (encoding-options.ts) are loaded for the series that give
 * one of them; the others get the defaults, as those checks would return them.
 */
export async function encoderOptions(options: WriteOptions): Promise<EncoderOptions> {
  if (ENCODER_OPTION_KEYS.every((key) => options[key] === undefined || options[key] === null)) {
    return {
      maxWorkers: undefined,
      bufferSize: DEFAULT_BUFFER_SIZE,
      workers: { workerUrl: undefined, createWorker: undefined },
    };
  }
  return (await import('./encoding-options.js')).parseEncoderOptions(options);
}
