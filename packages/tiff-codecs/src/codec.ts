import type { SegmentLayout } from './layout.js';

/** Encoder options, from the writer's `compressionArgs`. Unknown keys are ignored by codecs that take none. */
export interface CompressionArgs {
  readonly level?: number;
  readonly [key: string]: unknown;
}

/** An encoder for one TIFF compression scheme. */
export interface Codec {
  /** The TIFF Compression (259) code. */
  readonly code: number;
  readonly name: string;
  /**
   * Encode one segment. `data` is in the file's byte order, after the predictor, and is not modified;
   * the result is a new buffer that the caller owns.
   */
  encode(data: Uint8Array, layout: SegmentLayout, args: CompressionArgs): Uint8Array;
}
