import { deflateSync } from 'node:zlib';

/**
 * The Node backend: Node's bundled zlib, about twice as fast as fflate at the same level (see
 * bench/codecs.mjs). `deflateSync` emits the zlib wrapper (RFC 1950), which is what TIFF deflate
 * means. Selected through the `#deflate-backend` import condition so browser bundles never see it.
 */
export const deflateBackendName: string = 'node:zlib';

/**
 * zlib's hash table and literal buffer at their largest (`memLevel` 9 of 9; zlib's default, and
 * Python's, is 8): zlib's manual calls it "maximum memory for optimal speed". On 16-bit image data it
 * deflates 15–18% faster at level 6 with a ratio within ±0.2% (bench/codecs.mjs), for 384 KiB of state
 * per call instead of 256 KiB. The stream is as valid as any; its bytes differ from `zlib.compress`'s.
 */
const MEM_LEVEL = 9;

/** A zlib-wrapped (RFC 1950) deflate stream of `data` at `level` 0–9; `data` is not modified. */
export function zlibDeflate(data: Uint8Array, level: number): Uint8Array {
  const out = deflateSync(data, { level, memLevel: MEM_LEVEL });
  // Small results may live in Node's shared Buffer pool; copy those so the caller can own (and
  // transfer to a worker) the whole ArrayBuffer. Large results already own theirs: no copy.
  if (out.byteOffset === 0 && out.byteLength === out.buffer.byteLength) {
    return new Uint8Array(out.buffer, 0, out.byteLength);
  }
  return new Uint8Array(out);
}
