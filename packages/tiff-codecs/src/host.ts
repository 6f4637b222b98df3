import type { ByteOrder } from '@tiffkit/tiff-core';

/**
 * The byte order typed arrays use on this machine. Predictors do their arithmetic in typed arrays, so
 * file-order bytes are swapped to this order and back when the two differ.
 */
export const hostByteOrder: ByteOrder = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? '<' : '>';
