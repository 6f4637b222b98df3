import { Compression } from '@tiffkit/tiff-core/enums.js';
import { deflateBackendName as backendName, zlibDeflate } from '#deflate-backend';
import type { Codec, CompressionArgs } from '../codec.js';
import { deflateLevel } from './level.js';

/**
 * Which deflate implementation this build uses: 'node:zlib' in Node, 'fflate' elsewhere. Re-declared
 * rather than re-exported so the type declarations never point at the Node module (whose types need
 * @types/node, which a browser project may not have).
 */
export const deflateBackendName: string = backendName;

/**
 * Deflate `data` into a zlib-wrapped stream (RFC 1950), as TIFF's deflate codes require; not a raw
 * deflate stream. `level` 0–9, default 6. `data` is not modified.
 */
export function deflate(data: Uint8Array, level?: number): Uint8Array {
  return zlibDeflate(data, deflateLevel(level));
}

function deflateCodec(code: number, name: string): Codec {
  return Object.freeze({
    code,
    name,
    encode: (data: Uint8Array, _layout: unknown, args: CompressionArgs) => deflate(data, args.level),
  });
}

/** ADOBE_DEFLATE (8): the registered code, what tifffile writes for 'zlib' and `true`. */
export const adobeDeflateCodec: Codec = deflateCodec(Compression.ADOBE_DEFLATE, 'ADOBE_DEFLATE');
/** DEFLATE (32946): the older code for the same stream; tifffile writes it for 'deflate'. */
export const deflateCodec32946: Codec = deflateCodec(Compression.DEFLATE, 'DEFLATE');
/** PIXTIFF (50013): PixTIFF's private code, also a zlib stream. */
export const pixtiffCodec: Codec = deflateCodec(Compression.PIXTIFF, 'PIXTIFF');
