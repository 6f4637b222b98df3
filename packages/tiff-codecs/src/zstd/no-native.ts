import type { ZstdCompress } from './from-zlib.js';

/** Outside Node there is no native Zstandard: the WebAssembly encoder is used. */
export const nativeZstd: ZstdCompress | undefined = undefined;
