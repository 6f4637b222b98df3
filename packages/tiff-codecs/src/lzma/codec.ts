import type { LZMAModule } from 'node-liblzma/wasm';
import createLZMA from 'node-liblzma/wasm/liblzma.js';
import { wasmBinary } from '#wasm-binary';
import type { Codec, CompressionArgs } from '../codec.js';
import { lzmaPreset } from './preset.js';
import { xzEncode } from './xz.js';

let module: Promise<LZMAModule> | undefined;

/**
 * liblzma (xz-utils 5.8) compiled to WebAssembly, from node-liblzma's prebuilt build: the same
 * encoder libtiff and Python's `lzma` use. In Node its `.wasm` is read from the package; in browsers
 * the Emscripten loader fetches it from `new URL('liblzma.wasm', import.meta.url)`.
 */
export function loadLiblzma(): Promise<LZMAModule> {
  module ??= (async () => {
    const binary = await wasmBinary('node-liblzma/wasm/liblzma.wasm');
    return createLZMA(binary ? { wasmBinary: binary } : {});
  })();
  module.catch(() => {
    module = undefined;
  });
  return module;
}

/** LZMA (34925): each segment one `.xz` stream; `compressionArgs.level` is the preset, 0–7. */
export async function loadLzmaCodec(code: number, name: string): Promise<Codec> {
  const lzma = await loadLiblzma();
  return Object.freeze({
    code,
    name,
    encode: (data: Uint8Array, _layout: unknown, args: CompressionArgs) => xzEncode(lzma, data, lzmaPreset(args.level)),
  });
}
