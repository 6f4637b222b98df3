import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Node: the bytes of the `.wasm` file `specifier` names inside an installed package (such as
 * `node-liblzma/wasm/liblzma.wasm`), read from disk. The wasm packages' own loaders fetch a URL, and
 * Node's `fetch` cannot read `file:` URLs, so in Node the binary is handed to them instead.
 */
export async function wasmBinary(specifier: string): Promise<Uint8Array | undefined> {
  const bytes = await readFile(require.resolve(specifier));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
