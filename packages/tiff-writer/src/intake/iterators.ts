import { describeValue, TiffError } from '@tiffkit/tiff-core/errors.js';
import { isEncodedSegment } from './iterable.js';

/** An async iterator over a sync or async iterable, with its first item peeked (and replayed). */
export async function peek(
  source: Iterable<unknown> | AsyncIterable<unknown>,
): Promise<{ items: AsyncIterator<unknown>; first: unknown }> {
  const inner: AsyncIterator<unknown> | Iterator<unknown> =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (source as Iterable<unknown>)[Symbol.iterator]();
  const head = await inner.next();
  if (head.done) throw new TiffError('INVALID_DATA', 'the iterator yielded no items', { option: 'data' });
  let replayed = false;
  let index = 1;
  const items: AsyncIterator<unknown> = {
    next: async () => {
      if (!replayed) {
        replayed = true;
        return head;
      }
      try {
        return await inner.next();
      } catch (error) {
        // The caller's iterator failed (a read error of its own): bad data, not a failing sink, so the
        // series is rolled back and the writer stays usable.
        if (error instanceof TiffError) throw error;
        const why = error instanceof Error ? error.message : String(error);
        throw new TiffError('INVALID_DATA', `the iterator failed at item ${index}: ${why}`, {
          option: 'data',
          cause: error,
        });
      } finally {
        index++;
      }
    },
    return: async () => {
      await inner.return?.();
      return { done: true, value: undefined };
    },
  };
  return { items, first: head.value };
}

/** The next item, or a clear error naming how many of the expected items came. */
export async function nextItem(
  items: AsyncIterator<unknown>,
  index: number,
  expected: number,
  what: string,
): Promise<unknown> {
  const result = await items.next();
  if (result.done) {
    throw new TiffError('INVALID_DATA', `the iterator ended after ${index} of ${expected} ${what}s`, {
      option: 'data',
    });
  }
  return result.value;
}

/** After the expected items: the iterator must be exhausted (one more item is read to check). */
export async function expectEnd(items: AsyncIterator<unknown>, expected: number, what: string): Promise<void> {
  const result = await items.next();
  if (!result.done) {
    await items.return?.();
    throw new TiffError('INVALID_DATA', `the iterator yielded more than the ${expected} ${what}s the shape holds`, {
      option: 'data',
    });
  }
}

/** Validate an encoded segment item. */
export function encodedSegment(item: unknown, index: number): { bytes: Uint8Array; byteCount: number } {
  if (!isEncodedSegment(item) || !(item.encoded instanceof Uint8Array)) {
    throw new TiffError(
      'INVALID_DATA',
      `segment ${index} is ${describeValue(item)}, expected { encoded: Uint8Array, byteCount? } like the first item`,
      {
        option: 'data',
      },
    );
  }
  const byteCount = item.byteCount ?? item.encoded.length;
  if (!Number.isInteger(byteCount) || byteCount < 0 || byteCount > item.encoded.length) {
    throw new TiffError(
      'INVALID_DATA',
      `segment ${index}: byteCount=${describeValue(item.byteCount)} must be an integer in 0..${item.encoded.length}`,
      {
        option: 'data',
      },
    );
  }
  return { bytes: item.encoded, byteCount };
}
