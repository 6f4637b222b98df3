import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { Codec } from './codec.js';
import { adobeDeflateCodec, deflateCodec32946, pixtiffCodec } from './deflate/deflate.js';
import { jpegCodec } from './jpeg/codec.js';
import { LAZY_CODECS } from './lazy/catalog.js';
import { describeCompression, loadedCodec, markLoaded, unsupportedCompression } from './lazy/loader.js';
import { lzwCodec } from './lzw/lzw.js';
import { noneCodec } from './none.js';
import { packBitsCodec } from './packbits/packbits.js';

/**
 * The built-in codecs, keyed by TIFF compression code: usable at once, with `getCodec`. Importing
 * this map brings every built-in encoder in; `loadCodec` loads one at a time instead.
 */
export const codecs: ReadonlyMap<number, Codec> = new Map(
  [noneCodec, lzwCodec, jpegCodec, adobeDeflateCodec, packBitsCodec, deflateCodec32946, pixtiffCodec].map((codec) => [
    codec.code,
    codec,
  ]),
);
// They are in memory now: `encodeTask` finds them without a `loadCodec` first, as it always has.
for (const codec of codecs.values()) markLoaded(codec);

/** Whether tiffkit can encode compression `code`, with a built-in codec or one loaded on demand. */
export function hasCodec(code: number): boolean {
  return codecs.has(code) || LAZY_CODECS.has(code);
}

/** Whether `code` is encoded by a codec loaded on demand (`loadCodec`), such as ZSTD or LZMA. */
export function isLazyCodec(code: number): boolean {
  return LAZY_CODECS.has(code);
}

/**
 * The codec for compression `code`, synchronously: a built-in codec, or one loaded on demand once
 * `loadCodec(code)` has resolved. UNSUPPORTED naming the code when there is no encoder, or telling
 * to await `loadCodec` first when it is not loaded yet.
 */
export function getCodec(code: number): Codec {
  const codec = codecs.get(code);
  if (codec) return codec;
  if (LAZY_CODECS.has(code)) {
    try {
      return loadedCodec(code);
    } catch {
      throw new TiffError(
        'UNSUPPORTED',
        `compression ${describeCompression(code)} is loaded on demand: await loadCodec(${code}) before getCodec(${code})`,
        { option: 'compression' },
      );
    }
  }
  throw unsupportedCompression(code);
}
