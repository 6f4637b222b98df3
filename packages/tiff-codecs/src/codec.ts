import type { DType } from '@tiffkit/tiff-core';
import type { SegmentLayout } from './layout.js';

/**
 * Encoder options, from the writer's `compressionArgs` (checked by `validateCompressionArgs`: a key
 * the codec does not read is refused). The per-codec types are `DeflateArgs`, `WebpArgs`, `JpegArgs`, ….
 */
export interface CompressionArgs {
  /** The codec's level, preset or quality: its range is in the per-codec type. */
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

/** What a codec is told about the samples it will get, at planning time (before any byte is written). */
export interface CodecInput {
  /** Element type of the samples (bool for bilevel data, which reaches the codec bit-packed). */
  readonly dtype: DType;
  /** Samples per pixel stored contiguously in one segment (1 for planar data). */
  readonly samples: number;
  /** Pixels per segment row (tile width, or image width for strips), when known. */
  readonly width?: number;
  /** Rows per segment (tile length, or rows per strip), when known. */
  readonly rows?: number;
  /** The `compressionArgs`, for rules that depend on them and on the data (JPEG 2000's bit depth and `mct`). */
  readonly args?: CompressionArgs;
}

/**
 * The checks of one codec that need none of its code loaded: run them while planning a write so a
 * bad option or unsuitable data fails before any byte is written. Each throws a `TiffError`.
 */
export interface CodecRules {
  /** `compressionArgs` for this codec: INVALID_OPTION naming `compressionArgs.<key>`, the value and what is accepted. */
  checkArgs(args: CompressionArgs): void;
  /** Dtype and samples this codec can encode: UNSUPPORTED (or INCOMPATIBLE_OPTIONS) otherwise. */
  checkInput(input: CodecInput): void;
}
