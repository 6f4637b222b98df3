import { Compression } from '@tiffkit/tiff-core/enums.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { loadOpenJpeg } from '#openjpeg';
import type { Codec, CompressionArgs } from '../codec.js';
import type { SegmentLayout } from '../layout.js';
import type { OpenJpegFrameInfo, OpenJpegModule } from './openjpeg.js';
import { checkJpeg2000Input, jpeg2000Resolutions, jpeg2000Settings } from './options.js';
import { encodeToPsnr } from './quality.js';

/** OpenJPEG's progression order LRCP (layer, resolution, component, position): its default, imagecodecs' for lossless. */
const LRCP = 0;
/** RPCL (resolution, position, component, layer): imagecodecs' order for lossy codestreams. */
const RPCL = 2;

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

/** What one encode needs besides the samples: the frame, the wavelet and the rate. */
interface EncodeSettings {
  readonly frame: OpenJpegFrameInfo;
  readonly decompositions: number;
  readonly reversible: boolean;
  /** Compression ratio of the one quality layer; 0 keeps every coding pass. */
  readonly ratio: number;
  readonly order: number;
}

/** One raw J2K codestream of `input` (the samples as the encoder reads them). */
function encodeOnce(openjpeg: OpenJpegModule, input: Uint8Array, settings: EncodeSettings): Uint8Array {
  const encoder = new openjpeg.J2KEncoder();
  try {
    encoder.getDecodedBuffer(settings.frame).set(input); // before any other call: the view is detached when the heap grows
    encoder.setDecompositions(settings.decompositions);
    encoder.setQuality(settings.reversible, 1);
    encoder.setCompressionRatio(0, settings.ratio);
    encoder.setProgressionOrder(settings.order);
    lastMessage = '';
    encoder.encode();
    return encoder.getEncodedBuffer().slice();
  } finally {
    encoder.delete();
  }
}

/**
 * The PSNR of `codestream` decoded by the same OpenJPEG (which decodes exactly as its native
 * `opj_decompress` does), against `input`: 10·log10(peak² / mean squared error) over every sample,
 * peak = 2^bits − 1; Infinity when the decode is exact.
 */
function measurePsnr(
  openjpeg: OpenJpegModule,
  codestream: Uint8Array,
  input: Uint8Array,
  layout: SegmentLayout,
  bits: number,
): number {
  const decoder = new openjpeg.J2KDecoder();
  try {
    decoder.getEncodedBuffer(codestream.length).set(codestream);
    decoder.decode();
    const decoded = decoder.getDecodedBuffer();
    if (decoded.length !== input.length) {
      throw new Error(`the decoded segment has ${decoded.length} bytes, not ${input.length}`);
    }
    let error = 0;
    if (layout.dtype.itemSize === 1) {
      for (let i = 0; i < input.length; i++) error += ((input[i] as number) - (decoded[i] as number)) ** 2;
    } else {
      const a = new DataView(input.buffer, input.byteOffset, input.byteLength);
      const b = new DataView(decoded.buffer, decoded.byteOffset, decoded.byteLength);
      const signed = layout.dtype.kind === 'int';
      for (let i = 0; i < input.length; i += 2) {
        const d = signed ? a.getInt16(i, true) - b.getInt16(i, true) : a.getUint16(i, true) - b.getUint16(i, true);
        error += d * d;
      }
    }
    const count = input.length / layout.dtype.itemSize;
    const peak = 2 ** bits - 1;
    return error === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((peak * peak * count) / error);
  } finally {
    decoder.delete();
  }
}

/**
 * Encode one segment as a raw J2K codestream (FF 4F FF 51 …), with the parameters imagecodecs'
 * `jpeg2k_encode` uses: one tile, one quality layer, 64×64 code blocks, the resolution levels the
 * segment's size allows, the RGB colour transform for 3+ samples. Lossless: every coding pass, LRCP,
 * the 5/3 wavelet (or the 9/7 with `reversible: false`). With a PSNR target (`level`): RPCL, the 9/7
 * wavelet (or the 5/3 with `reversible: true`), the smallest codestream found that decodes at that PSNR
 * or better (see quality.ts); the exact 5/3 codestream when every pass of the 9/7 falls short.
 */
function encodeSegment(openjpeg: OpenJpegModule, data: Uint8Array, layout: SegmentLayout, args: CompressionArgs) {
  checkJpeg2000Input(layout, args);
  const settings = jpeg2000Settings(args);
  const { width, rows, samples, dtype } = layout;
  if (data.length !== width * rows * samples * dtype.itemSize) {
    throw new TiffError(
      'INVALID_DATA',
      `a ${width}×${rows} JPEG2000 segment of ${samples} ${dtype.name} samples per pixel needs ` +
        `${width * rows * samples * dtype.itemSize} bytes, not ${data.length}`,
    );
  }
  const bits = settings.bitsPerSample ?? dtype.itemSize * 8;
  const input = new Uint8Array(data.length);
  fill(input, data, layout);
  keepPrecision(input, layout, bits);
  const base = {
    frame: { width, height: rows, bitsPerSample: bits, componentCount: samples, isSigned: dtype.kind === 'int' },
    decompositions: jpeg2000Resolutions(width, rows, settings.resolutions) - 1,
  };
  const lossless = { ...base, reversible: true, ratio: 0, order: LRCP };
  try {
    const { psnr } = settings;
    if (psnr === undefined) return encodeOnce(openjpeg, input, { ...lossless, reversible: settings.reversible });
    const lossy = encodeToPsnr({
      target: psnr,
      samples: width * rows * samples,
      bits,
      encode: (ratio) => encodeOnce(openjpeg, input, { ...base, reversible: settings.reversible, ratio, order: RPCL }),
      measure: (codestream) => measurePsnr(openjpeg, codestream, input, layout, bits),
    });
    return lossy ?? encodeOnce(openjpeg, input, lossless);
  } catch (error) {
    throw new TiffError(
      'ENCODER_FAILED',
      `OpenJPEG could not encode a ${width}×${rows} segment of ${samples} ${dtype.name} samples per pixel` +
        (lastMessage ? `: ${lastMessage}` : error instanceof Error ? `: ${error.message}` : ''),
      { cause: error },
    );
  }
}

/**
 * JPEG2000 (34712): each segment one raw J2K codestream (no JP2 container), lossless or at a PSNR, as tifffile writes
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
