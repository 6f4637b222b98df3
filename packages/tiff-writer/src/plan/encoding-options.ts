import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import type { WriteOptions } from '../options.js';

/** tifffile's default `bufferSize`: 2 × 256 MiB of segments in flight. */
export const DEFAULT_BUFFER_SIZE = 512 * 1024 * 1024;

/** Workers and memory budget for encoding a series. */
export interface EncoderOptions {
  /** Workers asked for; undefined lets the encoder decide. */
  readonly maxWorkers: number | undefined;
  /** Bytes of encoded segments in flight at most. */
  readonly bufferSize: number;
}

function parseCount(value: unknown, option: string): number | undefined {
  if (value === undefined || value === null || value === 0) return undefined;
  if (!Number.isInteger(value) || (value as number) < 0)
    throw invalidOption(option, value, 'a positive integer (0 or none: automatic)');
  return value as number;
}

/** `maxWorkers` and `bufferSize`, validated. */
export function parseEncoderOptions(options: WriteOptions): EncoderOptions {
  return {
    maxWorkers: parseCount(options.maxWorkers, 'maxWorkers'),
    bufferSize: parseCount(options.bufferSize, 'bufferSize') ?? DEFAULT_BUFFER_SIZE,
  };
}
