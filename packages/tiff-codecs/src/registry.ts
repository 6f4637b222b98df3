import { Compression, enumName, TiffError } from '@tiffkit/tiff-core';
import type { Codec } from './codec.js';
import { adobeDeflateCodec, deflateCodec32946, pixtiffCodec } from './deflate/deflate.js';
import { jpegCodec } from './jpeg/codec.js';
import { LAZY_CODECS } from './lazy/catalog.js';
import { lzwCodec } from './lzw/lzw.js';
import { noneCodec } from './none.js';
import { packBitsCodec } from './packbits/packbits.js';

/** The built-in codecs, keyed by TIFF compression code: usable at once, with `getCodec`. */
export const codecs: ReadonlyMap<number, Codec> = new Map(
  [noneCodec, lzwCodec, jpegCodec, adobeDeflateCodec, packBitsCodec, deflateCodec32946, pixtiffCodec].map((codec) => [
    codec.code,
    codec,
  ]),
);

/** Codecs loaded on demand that have finished loading in this thread. */
const loaded = new Map<number, Codec>();
const loading = new Map<number, Promise<Codec>>();

/** Whether tiffkit can encode compression `code`, with a built-in codec or one loaded on demand. */
export function hasCodec(code: number): boolean {
  return codecs.has(code) || LAZY_CODECS.has(code);
}

/** Whether `code` is encoded by a codec loaded on demand (`loadCodec`), such as ZSTD or LZMA. */
export function isLazyCodec(code: number): boolean {
  return LAZY_CODECS.has(code);
}

function describe(code: number): string {
  const name = enumName(Compression, code);
  return name === undefined ? String(code) : `${name} (${code})`;
}

function unsupported(code: number): TiffError {
  const known = [...codecs.keys(), ...LAZY_CODECS.keys()].map(describe).join(', ');
  return new TiffError(
    'UNSUPPORTED',
    `compression ${describe(code)} cannot be written: tiffkit has no encoder for it (it can write ${known})`,
    { option: 'compression' },
  );
}

/**
 * The codec for compression `code`, synchronously: a built-in codec, or one loaded on demand once
 * `loadCodec(code)` has resolved. UNSUPPORTED naming the code when there is no encoder, or telling
 * to await `loadCodec` first when it is not loaded yet.
 */
export function getCodec(code: number): Codec {
  const codec = codecs.get(code) ?? loaded.get(code);
  if (codec) return codec;
  if (LAZY_CODECS.has(code)) {
    throw new TiffError(
      'UNSUPPORTED',
      `compression ${describe(code)} is loaded on demand: await loadCodec(${code}) before getCodec(${code})`,
      { option: 'compression' },
    );
  }
  throw unsupported(code);
}

/**
 * The codec for compression `code`, loading its encoder (and WebAssembly) on first use; later calls,
 * and `getCodec(code)`, get the same object. Built-in codecs resolve at once. Rejects with
 * UNSUPPORTED when there is no encoder for `code`.
 */
export function loadCodec(code: number): Promise<Codec> {
  const ready = codecs.get(code) ?? loaded.get(code);
  if (ready) return Promise.resolve(ready);
  const entry = LAZY_CODECS.get(code);
  if (!entry) return Promise.reject(unsupported(code));
  let pending = loading.get(code);
  if (!pending) {
    pending = entry.load().then(
      (codec) => {
        loaded.set(code, codec);
        loading.delete(code);
        return codec;
      },
      (error: unknown) => {
        loading.delete(code); // not cached: a later call may succeed (e.g. after a network error)
        throw new TiffError(
          'UNSUPPORTED',
          `the encoder for compression ${describe(code)} could not be loaded: ${(error as Error).message}`,
          { option: 'compression', cause: error },
        );
      },
    );
    loading.set(code, pending);
  }
  return pending;
}
