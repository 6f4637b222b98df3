import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Compression } from '@tiffkit/tiff-core/enums.js';
import { describeValue, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { WriteOptions } from '../options.js';
import { parseCompression, parseCompressionArgs, parsePredictor } from './compression.js';
import { CODEC_BIT_DEPTH } from './series-options.js';
import type { CodecPlan, Warn } from './series-plan.js';

/**
 * Compression, its arguments, the predictor and bit packing of a series. Zero-size data is stored
 * uncompressed whatever was asked (tifffile does the same: there is nothing to compress).
 */
export async function planCodec(
  dtype: DType,
  zeroSize: boolean,
  options: WriteOptions,
  warn: Warn,
): Promise<CodecPlan> {
  const asked = await parseCompression(options.compression);
  const args = await parseCompressionArgs(asked, options.compressionArgs);
  let predictor = await parsePredictor(options.predictor, dtype, asked);
  if (predictor !== 1 && asked === Compression.PACKBITS) {
    // libtiff and GDAL ignore a predictor with PackBits and show differenced values (tifffile writes it).
    if (options.predictor !== true) {
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        `predictor=${describeValue(options.predictor)} cannot be used with PackBits: libtiff and GDAL ignore it and would show differenced values`,
        { option: 'predictor' },
      );
    }
    warn('predictor-packbits', 'not writing a predictor with PackBits: libtiff and GDAL would ignore it');
    predictor = 1;
  }
  // A codec with its own bit depth (JPEG 2000, JPEG XL) takes it from bitsPerSample or compressionArgs.bitspersample.
  const codecDepth = CODEC_BIT_DEPTH.has(asked);
  const fromArgs = codecDepth && (options.bitsPerSample ?? null) === null && (args['bitspersample'] ?? null) !== null;
  const [bitsAsked, option] = fromArgs
    ? [args['bitspersample'], 'compressionArgs.bitspersample']
    : [options.bitsPerSample, 'bitsPerSample'];
  // Zero-size data keeps its dtype's width: there is nothing to pack or compress.
  // The bitsPerSample rules are loaded for the series that give one.
  const bitsPerSample =
    zeroSize || bitsAsked === undefined || bitsAsked === null
      ? dtype.bitsPerSample
      : (await import('./bits-per-sample.js')).planBitsPerSample(bitsAsked, dtype, asked, option);
  // Zero-size data has nothing to pack either (bool included): its one empty page is stored as is.
  if (zeroSize) return { compression: Compression.NONE, args, predictor: 1, bitsPerSample, packed: false };
  if (codecDepth)
    return {
      compression: asked,
      args: { ...args, bitspersample: bitsPerSample },
      predictor,
      bitsPerSample,
      packed: false,
    };
  const packed = dtype.kind === 'bool' || bitsPerSample < dtype.itemSize * 8;
  return { compression: asked, args, predictor, bitsPerSample, packed };
}
