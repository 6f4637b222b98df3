import * as zlib from 'node:zlib';
import { type ZlibWithZstd, type ZstdCompress, zstdFromZlib } from '../zstd/from-zlib.js';

/**
 * Node's own Zstandard (`zlib.zstdCompressSync`, Node ≥ 22.15), or `undefined` on Node 20, where the
 * WebAssembly encoder is used instead. Selected through the `#zstd-native` import condition so
 * browser bundles never see `node:zlib`.
 */
export const nativeZstd: ZstdCompress | undefined = zstdFromZlib(zlib as unknown as ZlibWithZstd);
