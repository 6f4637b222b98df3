import { type DType, dtypeOfTypedArray } from '@tiffkit/tiff-core/dtype.js';
import { nativeByteOrder } from '@tiffkit/tiff-core/format.js';
import { isSink, type Sink } from '@tiffkit/tiff-core/sink.js';

/**
 * The commonest `imwrite` call — a typed array and its shape, no other option, to a `Sink` — in the
 * form the short path writes. Anything else (a file name, any other option, data or a shape that needs
 * checking, converting or colour) takes the general path, which also raises every error.
 */
export interface PlainRequest {
  readonly sink: Sink;
  /** The array's bytes, in the platform's (little-endian) order: stored as they are. */
  readonly bytes: Uint8Array;
  readonly dtype: DType;
  /** The call's shape: at least two axes, each a positive integer; the last two are each page's. */
  readonly shape: readonly number[];
}

/**
 * Data of at most this size: far below where tifffile's and the general path's rules (BigTIFF beyond
 * 4 GiB less 32 MiB, the classic 4 GiB limit with the IFDs after the data) could apply.
 */
const PLAIN_BYTES_LIMIT = 2 ** 31;

/** At most this many pages: their IFDs (under 200 bytes each) stay far below the classic limit too. */
const PLAIN_PAGES_LIMIT = 2 ** 16;

/** Pages of a plain shape: the product of the axes before the last two. */
export function pageCount(shape: readonly number[]): number {
  return shape.slice(0, -2).reduce((a, b) => a * b, 1);
}

/** A shape of at least two positive integer axes whose product is `length`. */
function plainShape(shape: unknown, length: number): readonly number[] | undefined {
  if (!Array.isArray(shape) || shape.length < 2) return undefined;
  let product = 1;
  for (const n of shape) {
    if (!Number.isSafeInteger(n) || n < 1) return undefined;
    product *= n;
  }
  return product === length ? (shape as number[]) : undefined;
}

/** `imwrite(file, data, options)` as a plain request, or undefined when the general path must write it. */
export function plainRequest(file: unknown, data: unknown, options: unknown): PlainRequest | undefined {
  if (!isSink(file) || !ArrayBuffer.isView(data) || nativeByteOrder !== '<') return undefined;
  if (typeof options !== 'object' || options === null) return undefined;
  for (const [key, value] of Object.entries(options)) {
    if (key !== 'shape' && value !== undefined) return undefined;
  }
  const dtype = dtypeOfTypedArray(data);
  if (!dtype || data.byteLength > PLAIN_BYTES_LIMIT) return undefined;
  const shape = plainShape((options as { shape?: unknown }).shape, data.byteLength / dtype.itemSize);
  if (!shape) return undefined;
  // Beyond two axes, a last axis of 3 or 4 is RGB(A) to tifffile's rules, and one of 1 a samples axis
  // that is squeezed away: the general path's.
  const n = shape.length;
  const last = shape[n - 1];
  if (n > 2 && (last === 1 || last === 3 || last === 4)) return undefined;
  // Tiny pages by the million would put the IFDs beyond a classic file's 4 GiB.
  if (pageCount(shape) > PLAIN_PAGES_LIMIT) return undefined;
  return { sink: file, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dtype, shape };
}

/**
 * Whether the sink holds no bytes yet: the short path writes only into an empty sink (the general path
 * empties one that holds bytes first, and reports a failing `size()`).
 */
export async function isEmptySink(sink: Sink): Promise<boolean> {
  try {
    return (await sink.size()) === 0;
  } catch {
    return false;
  }
}
