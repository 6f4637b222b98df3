import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { wasmBinary } from '#wasm-binary';
import type { Codec, CompressionArgs } from '../codec.js';
import type { SegmentLayout } from '../layout.js';
import { checkWebpInput, type WebpSettings, webpSettings } from './options.js';

/** The part of the Squoosh libwebp module (as @jsquash/webp ships it) that is used. */
interface WebpModule {
  encode(rgba: Uint8Array, width: number, height: number, options: Record<string, number>): Uint8Array | null;
}
type WebpFactory = (overrides: Record<string, unknown>) => Promise<WebpModule>;

/** The smallest module using a SIMD instruction: valid only where WebAssembly SIMD is supported. */
const SIMD_PROBE = Uint8Array.of(
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  1,
  5,
  1,
  96,
  0,
  1,
  123,
  3,
  2,
  1,
  0,
  10,
  10,
  1,
  8,
  0,
  65,
  0,
  253,
  15,
  253,
  98,
  11,
);

let module: Promise<WebpModule> | undefined;

/**
 * libwebp compiled to WebAssembly (from @jsquash/webp, Squoosh's build), its SIMD build where the
 * platform has WebAssembly SIMD (Node 20, current browsers). Every thread of a process makes the same
 * choice, so bytes do not depend on the number of workers.
 */
function loadLibwebp(): Promise<WebpModule> {
  module ??= (async () => {
    // (Typed here: the package is built without DOM types, and Node's types leave WebAssembly out.)
    const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
    const simd = wasm.validate(SIMD_PROBE);
    // Two literal import() calls, so bundlers see (and emit) both builds and their .wasm files.
    const glue = simd
      ? await import('@jsquash/webp/codec/enc/webp_enc_simd.js')
      : await import('@jsquash/webp/codec/enc/webp_enc.js');
    const binary = await wasmBinary(
      simd ? '@jsquash/webp/codec/enc/webp_enc_simd.wasm' : '@jsquash/webp/codec/enc/webp_enc.wasm',
    );
    const factory = glue.default as unknown as WebpFactory;
    return factory({ noInitialRun: true, ...(binary ? { wasmBinary: binary } : {}) });
  })();
  module.catch(() => {
    module = undefined;
  });
  return module;
}

/** RGB pixels with an opaque alpha added: libwebp's import takes RGBA (it stores no alpha when all is opaque). */
function toRgba(data: Uint8Array, pixels: number): Uint8Array {
  const rgba = new Uint8Array(pixels * 4);
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    rgba[j] = data[i * 3] as number;
    rgba[j + 1] = data[i * 3 + 1] as number;
    rgba[j + 2] = data[i * 3 + 2] as number;
    rgba[j + 3] = 255;
  }
  return rgba;
}

function configFor(settings: WebpSettings): Record<string, number> {
  return {
    quality: settings.quality,
    target_size: 0,
    target_PSNR: 0,
    method: settings.method,
    sns_strength: 50,
    filter_strength: 60,
    filter_sharpness: 0,
    filter_type: 1,
    partitions: 0,
    segments: 4,
    pass: 1,
    show_compressed: 0,
    preprocessing: 0,
    autofilter: 0,
    partition_limit: 0,
    alpha_compression: 1,
    alpha_filtering: 1,
    alpha_quality: 100,
    lossless: settings.lossless ? 1 : 0,
    // Lossless must keep the colour of fully transparent pixels too: bit-exact means every sample.
    exact: settings.lossless ? 1 : 0,
    image_hint: 0,
    emulate_jpeg_size: 0,
    thread_level: 0,
    low_memory: 0,
    near_lossless: 100,
    use_delta_palette: 0,
    use_sharp_yuv: 0,
  };
}

/**
 * WEBP (50001, or the deprecated 34927): each segment one WebP image (RIFF container), lossy by
 * default or lossless with `compressionArgs.lossless`, as libtiff and GDAL read it.
 */
export async function loadWebpCodec(code: number, name: string): Promise<Codec> {
  const libwebp = await loadLibwebp();
  return Object.freeze({
    code,
    name,
    encode(data: Uint8Array, layout: SegmentLayout, args: CompressionArgs): Uint8Array {
      checkWebpInput(layout);
      const settings = webpSettings(args);
      const pixels = layout.width * layout.rows;
      const rgba = layout.samples === 3 ? toRgba(data, pixels) : data;
      const out = libwebp.encode(rgba, layout.width, layout.rows, configFor(settings));
      if (!out)
        throw new TiffError('INVALID_DATA', `libwebp could not encode a ${layout.width}×${layout.rows} segment`);
      return out;
    },
  });
}
