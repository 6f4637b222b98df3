import { Compression, enumName } from '@tiffkit/tiff-core/enums.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { Codec } from '../codec.js';
import { noneCodec } from '../none.js';
import { LAZY_LOADERS } from './loaders.js';

/**
 * The built-in encoders, each behind its own `import()`: a bundle that never compresses carries none
 * of them, one that writes LZW carries LZW only. NONE is a few bytes and is always here.
 */
const BUILT_IN: ReadonlyMap<number, () => Promise<Codec>> = new Map<number, () => Promise<Codec>>([
  [Compression.NONE, () => Promise.resolve(noneCodec)],
  [Compression.LZW, () => import('../lzw/lzw.js').then((m) => m.lzwCodec)],
  [Compression.JPEG, () => import('../jpeg/codec.js').then((m) => m.jpegCodec)],
  [Compression.ADOBE_DEFLATE, () => import('../deflate/deflate.js').then((m) => m.adobeDeflateCodec)],
  [Compression.PACKBITS, () => import('../packbits/packbits.js').then((m) => m.packBitsCodec)],
  [Compression.DEFLATE, () => import('../deflate/deflate.js').then((m) => m.deflateCodec32946)],
  [Compression.PIXTIFF, () => import('../deflate/deflate.js').then((m) => m.pixtiffCodec)],
]);

/** Codecs this thread has loaded, built-in or not. */
const loaded = new Map<number, Codec>([[noneCodec.code, noneCodec]]);
const loading = new Map<number, Promise<Codec>>();

/** `NAME (code)`, or the bare code of a compression tiff-core has no name for. */
export function describeCompression(code: number): string {
  const name = enumName(Compression, code);
  return name === undefined ? String(code) : `${name} (${code})`;
}

/** UNSUPPORTED for a compression tiffkit cannot encode, listing the ones it can. */
export function unsupportedCompression(code: number): TiffError {
  const known = [...BUILT_IN.keys(), ...LAZY_LOADERS.keys()].map(describeCompression).join(', ');
  return new TiffError(
    'UNSUPPORTED',
    `compression ${describeCompression(code)} cannot be written: tiffkit has no encoder for it (it can write ${known})`,
    { option: 'compression' },
  );
}

/** Record a codec that is already in memory (the eager registry's), so that `loadedCodec` finds it. */
export function markLoaded(codec: Codec): void {
  loaded.set(codec.code, codec);
}

/**
 * The codec for `code` once loaded in this thread: UNSUPPORTED telling to await `loadCodec` first
 * when it is not, or naming what can be written when tiffkit has no encoder for it.
 */
export function loadedCodec(code: number): Codec {
  const codec = loaded.get(code);
  if (codec) return codec;
  if (BUILT_IN.has(code) || LAZY_LOADERS.has(code)) {
    throw new TiffError(
      'UNSUPPORTED',
      `compression ${describeCompression(code)} is loaded on demand: await loadCodec(${code}) before encoding with it`,
      { option: 'compression' },
    );
  }
  throw unsupportedCompression(code);
}

/**
 * The codec for compression `code`, loading its encoder (and WebAssembly) on first use; later calls,
 * and `getCodec(code)`, get the same object. Rejects with UNSUPPORTED when there is no encoder for
 * `code`, or when its module could not be loaded (a failed load is not cached: a later call retries).
 */
export function loadCodec(code: number): Promise<Codec> {
  const ready = loaded.get(code);
  if (ready) return Promise.resolve(ready);
  const load = BUILT_IN.get(code) ?? LAZY_LOADERS.get(code)?.load;
  if (!load) return Promise.reject(unsupportedCompression(code));
  let pending = loading.get(code);
  if (!pending) {
    pending = load().then(
      (codec) => {
        loaded.set(code, codec);
        loading.delete(code);
        return codec;
      },
      (error: unknown) => {
        loading.delete(code); // not cached: a later call may succeed (e.g. after a network error)
        throw new TiffError(
          'UNSUPPORTED',
          `the encoder for compression ${describeCompression(code)} could not be loaded: ${(error as Error).message}`,
          { option: 'compression', cause: error },
        );
      },
    );
    loading.set(code, pending);
  }
  return pending;
}
