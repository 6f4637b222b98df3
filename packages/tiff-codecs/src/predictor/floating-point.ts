import { nativeByteOrder } from '@tiffkit/tiff-core/format.js';
import type { SegmentLayout } from '../layout.js';
import { checkUnpackedSegment } from './check.js';

/**
 * The byte-plane split for 4-byte values read as whole words (one load instead of four strided byte
 * loads: about twice as fast). `wordOrder` says whether a word's numeric high byte is the value's most
 * significant byte, i.e. whether the file's byte order is the host's.
 */
function splitWords(words: Uint32Array, out: Uint8Array, base: number, n: number, wordOrder: boolean): void {
  const first = base / 4;
  const p1 = base + n;
  const p2 = p1 + n;
  const p3 = p2 + n;
  if (wordOrder) {
    for (let j = 0; j < n; j++) {
      const w = words[first + j] as number;
      out[base + j] = w >>> 24;
      out[p1 + j] = w >>> 16;
      out[p2 + j] = w >>> 8;
      out[p3 + j] = w;
    }
  } else {
    for (let j = 0; j < n; j++) {
      const w = words[first + j] as number;
      out[base + j] = w;
      out[p1 + j] = w >>> 8;
      out[p2 + j] = w >>> 16;
      out[p3 + j] = w >>> 24;
    }
  }
}

/**
 * Floating-point differencing (TIFF predictor 3, Adobe TN 3), byte for byte what libtiff's encoder does:
 * per row of N = width × samples values of B bytes, split the bytes into B planes, most significant byte
 * first, then difference the whole N·B-byte row with a distance of `samples × distance` bytes (1 for
 * predictor 3; 2 and 4 for the DNG FLOATINGPOINTX2/X4 variants), modulo 256. Because the planes are
 * ordered by significance, not by file position, the result is the same for both byte orders.
 * Returns a new buffer; `data` is not modified.
 */
export function floatingPointDifference(data: Uint8Array, layout: SegmentLayout, distance = 1): Uint8Array {
  checkUnpackedSegment(data, layout);
  const size = layout.dtype.itemSize;
  const n = layout.width * layout.samples;
  const rowBytes = n * size;
  const stride = layout.samples * distance;
  const littleEndian = layout.byteOrder === '<';
  const out = new Uint8Array(data.length);
  const words =
    size === 4 && data.byteOffset % 4 === 0
      ? new Uint32Array(data.buffer, data.byteOffset, data.length / 4)
      : undefined;
  const wordOrder = layout.byteOrder === nativeByteOrder;
  for (let r = 0; r < layout.rows; r++) {
    const base = r * rowBytes;
    if (words) {
      splitWords(words, out, base, n, wordOrder);
    } else {
      for (let plane = 0; plane < size; plane++) {
        // Plane 0 is the most significant byte: the last byte of a little-endian value, the first of a big one.
        let from = base + (littleEndian ? size - 1 - plane : plane);
        const to = base + plane * n;
        for (let j = 0; j < n; j++, from += size) out[to + j] = data[from] as number;
      }
    }
    for (let i = base + rowBytes - 1; i >= base + stride; i--)
      out[i] = (out[i] as number) - (out[i - stride] as number);
  }
  return out;
}
