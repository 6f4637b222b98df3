import { swapBytesInPlace } from '@tiffkit/tiff-core/byteswap.js';
import { nativeByteOrder } from '@tiffkit/tiff-core/format.js';
import type { SegmentLayout } from '../layout.js';
import { checkUnpackedSegment } from './check.js';

/*
 * Each loop runs backwards within a row so it can difference in place: the value it subtracts has not
 * been overwritten yet. Typed-array stores wrap modulo 2^bits, which is exactly the arithmetic TIFF
 * wants. One loop per width keeps every call site monomorphic.
 */

function difference8(v: Uint8Array, rows: number, rowLength: number, stride: number): void {
  for (let r = 0; r < rows; r++) {
    const start = r * rowLength;
    for (let i = start + rowLength - 1; i >= start + stride; i--) v[i] = (v[i] as number) - (v[i - stride] as number);
  }
}

function difference16(v: Uint16Array, rows: number, rowLength: number, stride: number): void {
  for (let r = 0; r < rows; r++) {
    const start = r * rowLength;
    for (let i = start + rowLength - 1; i >= start + stride; i--) v[i] = (v[i] as number) - (v[i - stride] as number);
  }
}

function difference32(v: Uint32Array, rows: number, rowLength: number, stride: number): void {
  for (let r = 0; r < rows; r++) {
    const start = r * rowLength;
    for (let i = start + rowLength - 1; i >= start + stride; i--) v[i] = (v[i] as number) - (v[i - stride] as number);
  }
}

/** 64-bit values as (low, high) 32-bit word pairs; `lo` is 0 on little-endian hosts, 1 on big-endian. */
function difference64(v: Uint32Array, rows: number, rowLength: number, stride: number, lo: number): void {
  const hi = 1 - lo;
  for (let r = 0; r < rows; r++) {
    const start = r * rowLength;
    for (let i = start + rowLength - 1; i >= start + stride; i--) {
      const a = 2 * i;
      const b = 2 * (i - stride);
      const aLo = v[a + lo] as number;
      const bLo = v[b + lo] as number;
      v[a + lo] = aLo - bLo;
      v[a + hi] = (v[a + hi] as number) - (v[b + hi] as number) - (aLo < bLo ? 1 : 0);
    }
  }
}

/**
 * Horizontal differencing (TIFF predictor 2): in each row, every sample minus the same sample `distance`
 * pixels earlier (1 for predictor 2, 2 or 4 for the DNG HORIZONTALX2/X4 variants), modulo its integer
 * width; the first `distance` pixels of a row are unchanged. `data` is in `layout.byteOrder`, and so is
 * the new buffer returned; `data` is not modified.
 */
export function horizontalDifference(data: Uint8Array, layout: SegmentLayout, distance = 1): Uint8Array {
  checkUnpackedSegment(data, layout);
  const size = layout.dtype.itemSize;
  const out = data.slice();
  const swap = size > 1 && layout.byteOrder !== nativeByteOrder;
  if (swap) swapBytesInPlace(out, size);
  const rowLength = layout.width * layout.samples;
  const stride = layout.samples * distance;
  const { rows } = layout;
  const { buffer } = out;
  switch (size) {
    case 1:
      difference8(out, rows, rowLength, stride);
      break;
    case 2:
      difference16(new Uint16Array(buffer, 0, out.length / 2), rows, rowLength, stride);
      break;
    case 4:
      difference32(new Uint32Array(buffer, 0, out.length / 4), rows, rowLength, stride);
      break;
    case 8:
      difference64(
        new Uint32Array(buffer, 0, out.length / 4),
        rows,
        rowLength,
        stride,
        nativeByteOrder === '<' ? 0 : 1,
      );
      break;
    default:
      throw new RangeError(`horizontal differencing needs 1, 2, 4 or 8-byte samples, got ${size}`);
  }
  if (swap) swapBytesInPlace(out, size);
  return out;
}
