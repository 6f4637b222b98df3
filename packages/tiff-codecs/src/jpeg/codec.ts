import { Compression } from '@tiffkit/tiff-core/enums.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { Codec, CompressionArgs } from '../codec.js';
import type { SegmentLayout } from '../layout.js';
import { JpegEncoder } from './encoder.js';
import type { JpegColorspace } from './options.js';

/** Encoders by configuration: their tables are built once and reused for every strip or tile. */
const encoders = new Map<string, JpegEncoder>();

function encoderFor(components: 1 | 3, args: CompressionArgs): JpegEncoder {
  const quality = args.level ?? undefined;
  const colorspace = (components === 1 ? 'gray' : (args['outcolorspace'] ?? 'ycbcr')) as JpegColorspace;
  const subsampling = colorspace === 'ycbcr' ? (args['subsampling'] as [number, number] | undefined) : undefined;
  const key = `${components}/${quality}/${colorspace}/${subsampling}`;
  let encoder = encoders.get(key);
  if (!encoder) {
    encoder = new JpegEncoder({
      components,
      ...(quality === undefined ? {} : { quality }),
      colorspace,
      ...(subsampling ? { subsampling } : {}),
    });
    encoders.set(key, encoder);
  }
  return encoder;
}

/**
 * JPEG (7) for 8-bit samples: one component (grayscale, or one plane of planar data) or three (RGB,
 * stored as YCbCr with chroma subsampling unless `outcolorspace: 'rgb'`). `args.level` is the quality.
 */
export const jpegCodec: Codec = {
  code: Compression.JPEG,
  name: 'JPEG',
  encode(data: Uint8Array, layout: SegmentLayout, args: CompressionArgs): Uint8Array {
    if (layout.dtype.name !== 'uint8') {
      throw new TiffError(
        'UNSUPPORTED',
        `JPEG compression needs uint8 samples, not ${layout.dtype.name}: tiffkit's JPEG encoder is baseline 8-bit`,
        {
          option: 'compression',
        },
      );
    }
    if (layout.samples !== 1 && layout.samples !== 3) {
      throw new TiffError('UNSUPPORTED', `JPEG compression needs 1 or 3 contiguous samples, not ${layout.samples}`, {
        option: 'compression',
      });
    }
    return encoderFor(layout.samples, args).encode(data, layout.width, layout.rows);
  },
};
