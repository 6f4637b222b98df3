import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { OpenJpegModule } from './openjpeg.js';

/** The part of `fetch`'s response that is used (typed here: the package is built without DOM types). */
interface WasmResponse {
  readonly ok: boolean;
  readonly status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}
type Fetch = (url: URL) => Promise<WasmResponse>;

/** Why a fetch failed, with what a bundle must do about it. */
function unreachable(url: URL, reason: string): TiffError {
  return new TiffError(
    'UNSUPPORTED',
    `JPEG2000's WebAssembly (OpenJPEG) could not be fetched from ${url.href} (${reason}): the bundler must emit ` +
      "@tiffkit/tiff-codecs' dist/jpeg2000/openjpegwasm.wasm as an asset beside the script that loads it " +
      '(Vite and webpack 5 do; esbuild does not: copy that file beside your bundle)',
    { option: 'compression' },
  );
}

/**
 * Browsers (and every non-Node platform): the same OpenJPEG WebAssembly as in Node, with its Emscripten
 * loader bundled into an ES module at build time (dist/jpeg2000/openjpegwasm.js; the package's own file is
 * CommonJS that requires `fs` and `path`, which browser bundlers refuse). The `.wasm` is fetched from
 * `new URL('./openjpegwasm.wasm', import.meta.url)`, the form bundlers recognise and emit, and handed to
 * the loader as bytes, so a missing file is a clear `UNSUPPORTED` error rather than an Emscripten abort.
 */
export async function loadOpenJpeg(overrides: Record<string, unknown>): Promise<OpenJpegModule> {
  const url = new URL('./openjpegwasm.wasm', import.meta.url);
  const [glue, binary] = await Promise.all([
    import('./openjpegwasm.js'),
    (async () => {
      let response: WasmResponse;
      try {
        response = await (globalThis as unknown as { fetch: Fetch }).fetch(url);
      } catch (error) {
        throw unreachable(url, (error as Error).message);
      }
      if (!response.ok) throw unreachable(url, `HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      // A server that answers every path with a page (an app's fallback route) returns 200 and HTML.
      if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
        throw unreachable(url, 'the response is not WebAssembly');
      }
      return bytes;
    })(),
  ]);
  return glue.default({ ...overrides, wasmBinary: binary });
}
