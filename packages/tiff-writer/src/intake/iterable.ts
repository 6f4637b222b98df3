import type { EncodedSegment } from '../options.js';

/** An iterable or async iterable that is not an array or a TypedArray. */
export function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  return Symbol.asyncIterator in value || Symbol.iterator in value;
}

/** An item of an iterator of segments encoded by the caller: `{ encoded, byteCount? }`. */
export function isEncodedSegment(value: unknown): value is EncodedSegment {
  return typeof value === 'object' && value !== null && 'encoded' in value;
}
