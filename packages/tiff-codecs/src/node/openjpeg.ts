import { createRequire } from 'node:module';
import type { OpenJpegModule } from '../jpeg2000/openjpeg.js';
import { wasmBinary } from './wasm-binary.js';

const require = createRequire(import.meta.url);

type OpenJpegFactory = (overrides: Record<string, unknown>) => Promise<OpenJpegModule>;

/**
 * Node: OpenJPEG 2.5 compiled to WebAssembly by @cornerstonejs/codec-openjpeg, its CommonJS loader
 * required (not imported, so that no bundler follows it) and its `.wasm` read from the package.
 * `overrides` go to the Emscripten factory (`print`/`printErr` catch OpenJPEG's messages).
 */
export async function loadOpenJpeg(overrides: Record<string, unknown>): Promise<OpenJpegModule> {
  const factory = require('@cornerstonejs/codec-openjpeg/wasmjs') as OpenJpegFactory;
  const binary = await wasmBinary('@cornerstonejs/codec-openjpeg/wasm');
  return factory({ ...overrides, ...(binary ? { wasmBinary: binary } : {}) });
}
