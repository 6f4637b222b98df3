import { zlibSync } from 'fflate';

/**
 * The portable deflate backend: fflate, pure JavaScript, used in browsers and wherever no faster
 * native zlib is reachable. It is also the reference the Node backend is tested against.
 */
export const deflateBackendName: string = 'fflate';

/** A zlib-wrapped (RFC 1950) deflate stream of `data` at `level` 0–9; `data` is not modified. */
export function zlibDeflate(data: Uint8Array, level: number): Uint8Array {
  return zlibSync(data, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });
}
