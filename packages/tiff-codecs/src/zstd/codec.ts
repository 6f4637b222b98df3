import { nativeZstd } from '#zstd-native';
import type { Codec, CompressionArgs } from '../codec.js';
import type { ZstdCompress } from './from-zlib.js';
import { zstdLevel } from './level.js';

/** The Zstandard encoder in use, and its name (for benchmarks and bug reports). */
export interface ZstdBackend {
  readonly name: 'node:zlib' | '@bokuweb/zstd-wasm';
  readonly compress: ZstdCompress;
}

let backend: Promise<ZstdBackend> | undefined;

/**
 * Node's zlib Zstandard where the running Node has it (≥ 22.15), else zstd compiled to WebAssembly
 * (@bokuweb/zstd-wasm, which reads its `.wasm` from the package in Node and fetches it through
 * `new URL(…, import.meta.url)` in browsers). Loaded once per thread; every thread of a process
 * picks the same backend, so output does not depend on the number of workers.
 */
export function loadZstdBackend(): Promise<ZstdBackend> {
  backend ??= (async (): Promise<ZstdBackend> => {
    if (nativeZstd) return { name: 'node:zlib', compress: nativeZstd };
    const wasm = await import('@bokuweb/zstd-wasm');
    await wasm.init();
    return { name: '@bokuweb/zstd-wasm', compress: (data, level) => wasm.compress(data, level) };
  })();
  backend.catch(() => {
    backend = undefined; // a failed load (network, missing file) may be retried
  });
  return backend;
}

/** A Zstandard codec for `code` (50000, or the deprecated 34926): one frame per segment. */
export async function loadZstdCodec(code: number, name: string): Promise<Codec> {
  const { compress } = await loadZstdBackend();
  return Object.freeze({
    code,
    name,
    encode: (data: Uint8Array, _layout: unknown, args: CompressionArgs) => compress(data, zstdLevel(args.level)),
  });
}
