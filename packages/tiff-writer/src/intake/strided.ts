import { swapBytesInPlace } from '@tiffkit/tiff-core/byteswap.js';
import type { DType, TypedArray } from '@tiffkit/tiff-core/dtype.js';
import type { ByteOrder } from '@tiffkit/tiff-core/format.js';

/** An N-D view over a TypedArray (the dtype's carrier), with element strides and offset. */
export interface StridedArray {
  readonly data: TypedArray;
  readonly dtype: DType;
  /** Byte order of the values in `data` (native unless a NumPy dtype code said otherwise). */
  readonly byteOrder: ByteOrder;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** C-contiguous from `offset`: element ranges are plain subarrays. */
  readonly contiguous: boolean;
  /** Number of elements. */
  readonly size: number;
}

/** C-order strides of a shape, in elements. */
export function cStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = step;
    step *= shape[i] as number;
  }
  return strides;
}

export function product(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

/** Whether strides describe a C-contiguous layout (dimensions of size 1 may have any stride). */
export function isCContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const n = shape[i] as number;
    if (n === 0) return true;
    if (n !== 1 && strides[i] !== step) return false;
    step *= n;
  }
  return true;
}

/**
 * Elements `[start, start + count)` of the array in C order, as carrier values in the array's own
 * byte order. Contiguous arrays return a view of the caller's memory (never modify it).
 */
export function readElements(array: StridedArray, start: number, count: number): { values: TypedArray; view: boolean } {
  const cpe = array.dtype.carriersPerElement;
  if (array.contiguous) {
    const from = (array.offset + start) * cpe;
    return { values: array.data.subarray(from, from + count * cpe) as TypedArray, view: true };
  }
  const Carrier = array.data.constructor as new (length: number) => TypedArray;
  const out = new Carrier(count * cpe);
  gather(array, start, count, out);
  return { values: out, view: false };
}

/** Copy `count` elements starting at C-order index `start` from a strided array into `out`. */
function gather(array: StridedArray, start: number, count: number, out: TypedArray): void {
  const { shape, strides, data } = array;
  const src = data as unknown as { [i: number]: number | bigint };
  const dst = out as unknown as { [i: number]: number | bigint };
  const cpe = array.dtype.carriersPerElement;
  const n = shape.length;
  if (n === 0) {
    for (let c = 0; c < cpe; c++) dst[c] = src[array.offset * cpe + c] as number;
    return;
  }
  const index = new Array<number>(n).fill(0);
  let rest = start;
  let pos = array.offset;
  for (let d = n - 1; d >= 0; d--) {
    const size = shape[d] as number;
    index[d] = rest % size;
    rest = Math.floor(rest / size);
    pos += (index[d] as number) * (strides[d] as number);
  }
  const last = shape[n - 1] as number;
  const lastStride = strides[n - 1] as number;
  let o = 0;
  let remaining = count;
  while (remaining > 0) {
    const run = Math.min(last - (index[n - 1] as number), remaining);
    if (lastStride === 1 && cpe === 1) {
      out.set(data.subarray(pos, pos + run) as never, o);
      o += run;
    } else {
      for (let i = 0, p = pos * cpe; i < run; i++, p += lastStride * cpe) {
        for (let c = 0; c < cpe; c++) dst[o++] = src[p + c] as number;
      }
    }
    remaining -= run;
    pos += run * lastStride;
    index[n - 1] = (index[n - 1] as number) + run;
    for (let d = n - 1; d > 0 && (index[d] as number) >= (shape[d] as number); d--) {
      pos -= (shape[d] as number) * (strides[d] as number);
      index[d] = 0;
      index[d - 1] = (index[d - 1] as number) + 1;
      pos += strides[d - 1] as number;
    }
  }
}

/**
 * Whether the array's bytes are stored as they are: contiguous and in `fileOrder` (or single-byte),
 * so that `elementBytes` gives a view of any range of it, never a copy.
 */
export function storedAsIs(array: StridedArray, fileOrder: ByteOrder): boolean {
  return array.contiguous && (array.byteOrder === fileOrder || array.dtype.swapSize === 1);
}

/**
 * Elements `[start, start + count)` as bytes in `fileOrder`: a view of the caller's memory when no
 * copy is needed (never modify it), else a fresh buffer.
 */
export function elementBytes(array: StridedArray, start: number, count: number, fileOrder: ByteOrder): Uint8Array {
  const { values, view } = readElements(array, start, count);
  let bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (array.byteOrder !== fileOrder && array.dtype.swapSize > 1) {
    if (view) bytes = bytes.slice();
    swapBytesInPlace(bytes, array.dtype.swapSize);
  }
  return bytes;
}
