import { Compression } from '@tiffkit/tiff-core/enums.js';
import type { Codec } from './codec.js';

/** NONE (1): the bytes as they are, copied so that the caller owns the result like any codec's. */
export const noneCodec: Codec = Object.freeze({
  code: Compression.NONE,
  name: 'NONE',
  encode: (data: Uint8Array) => data.slice(),
});
