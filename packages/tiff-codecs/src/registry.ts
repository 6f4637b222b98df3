import { Compression, enumName, TiffError } from '@tiffkit/tiff-core';
import type { Codec } from './codec.js';
import { adobeDeflateCodec, deflateCodec32946, pixtiffCodec } from './deflate/deflate.js';
import { jpegCodec } from './jpeg/codec.js';
import { lzwCodec } from './lzw/lzw.js';
import { noneCodec } from './none.js';
import { packBitsCodec } from './packbits/packbits.js';

/** Every codec with an encoder, keyed by TIFF compression code. */
export const codecs: ReadonlyMap<number, Codec> = new Map(
  [noneCodec, lzwCodec, jpegCodec, adobeDeflateCodec, packBitsCodec, deflateCodec32946, pixtiffCodec].map((codec) => [
    codec.code,
    codec,
  ]),
);

/** Whether tiffkit can encode compression `code`. */
export function hasCodec(code: number): boolean {
  return codecs.has(code);
}

function describe(code: number): string {
  const name = enumName(Compression, code);
  return name === undefined ? String(code) : `${name} (${code})`;
}

/** The codec for compression `code`; an UNSUPPORTED error naming the code when there is no encoder. */
export function getCodec(code: number): Codec {
  const codec = codecs.get(code);
  if (codec) return codec;
  const known = [...codecs.keys()].map(describe).join(', ');
  throw new TiffError(
    'UNSUPPORTED',
    `compression ${describe(code)} cannot be written: tiffkit has no encoder for it (it can write ${known})`,
    { option: 'compression' },
  );
}
