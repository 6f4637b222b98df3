import { Compression } from '@tiffkit/tiff-core/enums.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { loadOpenJpeg } from '#openjpeg';
import type { Codec, CompressionArgs } from '../codec.js';
import type { SegmentLayout } from '../layout.js';
import type { OpenJpegModule } from './openjpeg.js';
import { checkJpeg2000Input, jpeg2000Resolutions, jpeg2000Settings } from './options.js';

/** OpenJPEG's progression order LRCP (layer, resolution, component, position), its default and imagecodecs'. */
const LRCP = 0;

let module: Promise<OpenJpegModule> | undefined;
/** OpenJPEG's last message ("[ERROR] …"), for the error of a failed encode; never printed. */
let lastMessage = '';

function remember(text: string): void {
  lastMessage = text.trim();
}

function loadModule(): Promise<OpenJpegModule> {
  module ??= loadOpenJpeg({ print: remember, printErr: remember });
  module.catch(() => {
    module = undefined;
  });
  return module;
}

/**
 * The segment as the encoder reads it: bytes for 1–8 bits, native (little-endian) 16-bit words for
 * 9–16 bits, so a big-endian file's samples are swapped.
 */
function fill(target: Uint8Array, data: Uint8Array, layout: SegmentLayout): void {
  if (layout.dtype.itemSize === 1 || layout.byteOrder === '<') {
    target.set(data);
    return;
  }
  for (let i = 0; i < data.length; i += 2) {
    target[i] = data[i + 1] as number;
    target[i + 1] = data[i] as number;
  }
}

/**
 * Keep the `bits` low bits of every sample (sign-extended for int16), as packed integers keep them:
 * the precision stored is the codestream's promise, and OpenJPEG fails on larger values ("Cannot encode
 * tile") or writes other ones. Data-dependent, so not an error: a write never fails half-way for it.
 */
function keepPrecision(samples: Uint8Array, layout: SegmentLayout, bits: number): void {
  const { dtype } = layout;
  if (bits >= dtype.itemSize * 8) return;
  const mask = 2 ** bits - 1;
  if (dtype.itemSize === 1) {
    for (let i = 0; i < samples.length; i++) samples[i] = (samples[i] as number) & mask;
    return;
  }
  // `samples` is the encoder's input: native little-endian 16-bit words.
  const view = new DataView(samples.buffer, samples.byteOffset, samples.byteLength);
  const shift = 32 - bits;
  for (let i = 0; i < samples.length; i += 2) {
    const v = view.getUint16(i, true);
    view.setUint16(i, dtype.kind === 'int' ? ((v << shift) >> shift) & 0xffff : v & mask, true);
  }
}

/**
 * Encode one segment as a raw J2K codestream (FF 4F FF 51 …), with the parameters imagecodecs'
 * `jpeg2k_encode` uses for lossless: one tile, one quality layer keeping every coding pass, LRCP,
 * 64×64 code blocks, the resolution levels the segment's size allows, the RGB colour transform for
 * 3+ samples; the 5/3 wavelet (or the 9/7 with `reversible: false`).
 */
function encodeSegment(openjpeg: OpenJpegModule, data: Uint8Array, layout: SegmentLayout, args: CompressionArgs) {
  checkJpeg2000Input(layout, args);
  const settings = jpeg2000Settings(args);
  const { width, rows, samples, dtype } = layout;
  const bits = settings.bitsPerSample ?? dtype.itemSize * 8;
  const encoder = new openjpeg.J2KEncoder();
  try {
    const input = encoder.getDecodedBuffer({
      width,
      height: rows,
      bitsPerSample: bits,
      componentCount: samples,
      isSigned: dtype.kind === 'int',
    });
    if (input.length !== data.length) {
      throw new TiffError(
        'INVALID_DATA',
        `a ${width}×${rows} JPEG2000 segment of ${samples} ${dtype.name} samples per pixel needs ` +
          `${input.length} bytes, not ${data.length}`,
      );
    }
    fill(input, data, layout); // before any other call: the view is detached when the heap grows
    keepPrecision(input, layout, bits);
    encoder.setDecompositions(jpeg2000Resolutions(width, rows, settings.resolutions) - 1);
    encoder.setQuality(settings.reversible, 1);
    encoder.setCompressionRatio(0, 0);
    encoder.setProgressionOrder(LRCP);
    lastMessage = '';
    encoder.encode();
    return encoder.getEncodedBuffer().slice();
  } catch (error) {
    if (error instanceof TiffError) throw error;
    throw new TiffError(
      'ENCODER_FAILED',
      `OpenJPEG could not encode a ${width}×${rows} segment of ${samples} ${dtype.name} samples per pixel` +
        (lastMessage ? `: ${lastMessage}` : ''),
      { cause: error },
    );
  } finally {
    encoder.delete();
  }
}

/**
 * JPEG2000 (34712): each segment one raw J2K codestream (no JP2 container), lossless, as tifffile writes
 * with imagecodecs (`codecformat=J2K`); OpenJPEG 2.5 in WebAssembly, the same build in Node and browsers.
 */
export async function loadJpeg2000Codec(): Promise<Codec> {
  const openjpeg = await loadModule();
  return Object.freeze({
    code: Compression.JPEG2000,
    name: 'JPEG2000',
    encode: (data: Uint8Array, layout: SegmentLayout, args: CompressionArgs): Uint8Array =>
      encodeSegment(openjpeg, data, layout, args),
  });
}
