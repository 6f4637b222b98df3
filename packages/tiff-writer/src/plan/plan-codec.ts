import { Compression, type DType } from '@tiffkit/tiff-core';
import type { WriteOptions } from '../options.js';
import { checkBilevelCompression, parseCompression, parseCompressionArgs, parsePredictor } from './compression.js';
import { planBitsPerSample } from './series-options.js';
import type { CodecPlan, Warn } from './series-plan.js';

/**
 * Compression, its arguments, the predictor and bit packing of a series. Zero-size data is stored
 * uncompressed whatever was asked (tifffile does the same: there is nothing to compress).
 */
export function planCodec(dtype: DType, zeroSize: boolean, options: WriteOptions, warn: Warn): CodecPlan {
  const asked = parseCompression(options.compression);
  const args = parseCompressionArgs(asked, options.compressionArgs);
  const predictor = parsePredictor(options.predictor, dtype, asked);
  checkBilevelCompression(dtype, asked);
  if (predictor !== 1 && asked === Compression.PACKBITS) {
    warn(
      'predictor-packbits',
      'libtiff ignores the predictor of PackBits-compressed images: readers other than tifffile will show differenced values',
    );
  }
  // Zero-size data keeps its dtype's width: there is nothing to pack or compress.
  const bitsPerSample = zeroSize ? dtype.bitsPerSample : planBitsPerSample(options.bitsPerSample, dtype, asked);
  const packed = dtype.kind === 'bool' || bitsPerSample < dtype.itemSize * 8;
  if (zeroSize) return { compression: Compression.NONE, args, predictor: 1, bitsPerSample, packed };
  return { compression: asked, args, predictor, bitsPerSample, packed };
}
