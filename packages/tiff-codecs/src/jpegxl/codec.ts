import { Compression } from '@tiffkit/tiff-core/enums.js';
import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import type { Codec, CompressionArgs } from '../codec.js';
import type { SegmentLayout } from '../layout.js';
import { encodeJpegXlCodestream } from './encoder.js';
import { checkJpegXlInput, jpegXlSettings } from './options.js';

/** The ISO BMFF boxes before the codestream: the JPEG XL signature box and `ftyp` (brand `jxl `). */
const CONTAINER_HEAD = Uint8Array.of(
  ...[0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a],
  ...[0, 0, 0, 0x14, 0x66, 0x74, 0x79, 0x70, 0x6a, 0x78, 0x6c, 0x20, 0, 0, 0, 0, 0x6a, 0x78, 0x6c, 0x20],
);

/** The codestream in a `jxlc` box after the signature and `ftyp` boxes (`usecontainer: true`). */
function wrapInContainer(codestream: Uint8Array): Uint8Array {
  const out = new Uint8Array(CONTAINER_HEAD.length + 8 + codestream.length);
  out.set(CONTAINER_HEAD);
  const view = new DataView(out.buffer);
  // Box size 0 would mean "to the end of the file": the exact size keeps the box self-describing.
  view.setUint32(CONTAINER_HEAD.length, 8 + codestream.length);
  out.set([0x6a, 0x78, 0x6c, 0x63], CONTAINER_HEAD.length + 4); // 'jxlc'
  out.set(codestream, CONTAINER_HEAD.length + 8);
  return out;
}

/**
 * One JPEG XL image per segment, as tifffile writes with imagecodecs (bare codestream by default):
 * lossless, or near-lossless modular with lossy settings (see `lossyQuantizers`).
 */
export function encodeJpegXl(data: Uint8Array, layout: SegmentLayout, args: CompressionArgs): Uint8Array {
  const { container, bitsPerSample, effort, distance } = jpegXlSettings(args);
  checkJpegXlInput({ dtype: layout.dtype, samples: layout.samples, args });
  const full = layout.dtype.itemSize * 8;
  let bits: number | undefined;
  if (bitsPerSample !== undefined && layout.dtype.kind === 'uint') {
    if (bitsPerSample > full || bitsPerSample <= full - 8) {
      throw invalidOption(
        'compressionArgs.bitspersample',
        bitsPerSample,
        `${full - 7}..${full} for ${layout.dtype.name} data`,
      );
    }
    bits = bitsPerSample;
  }
  const codestream = encodeJpegXlCodestream(data, layout, bits, effort, distance);
  return container ? wrapInContainer(codestream) : codestream;
}

/** JPEG XL (50002): tiffkit's own modular encoder (lossless, or near-lossless), in TypeScript (no WebAssembly). */
export const jpegXlCodec: Codec = Object.freeze({
  code: Compression.JPEGXL,
  name: 'JPEGXL',
  encode: encodeJpegXl,
});

/** JPEGXL_DNG (52546): the same lossless bare codestream (tifffile's defaults for that code). */
export const jpegXlDngCodec: Codec = Object.freeze({
  code: Compression.JPEGXL_DNG,
  name: 'JPEGXL_DNG',
  encode: encodeJpegXl,
});

/** The JPEG XL codec for `code` (50002 or 52546), for the catalog of codecs loaded on demand. */
export async function loadJpegXlCodec(code: number): Promise<Codec> {
  return code === Compression.JPEGXL_DNG ? jpegXlDngCodec : jpegXlCodec;
}
