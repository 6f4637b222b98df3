import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { ByteOrder } from '@tiffkit/tiff-core/format.js';
import type { ArrayLike } from '../options.js';
import { arrayInput, isTypedArray, type SeriesInput } from './array-input.js';
import type { StridedArray } from './strided.js';

/**
 * One item of an iterator (a page or a tile) as an array of `elements` elements of `dtype`.
 * `null` is returned as is: a page of zeros, or a missing (sparse) tile.
 */
export async function itemArray(
  item: unknown,
  dtype: DType,
  byteOrder: ByteOrder,
  what: string,
): Promise<StridedArray | null> {
  if (item === null || item === undefined) return null;
  let input: SeriesInput;
  if (isTypedArray(item) || Array.isArray(item)) {
    input = await arrayInput({ data: item, shape: [] }, true, undefined, { dtype, byteOrder });
  } else if (typeof item === 'object' && 'data' in item && 'shape' in item) {
    input = await arrayInput(item as ArrayLike, false, undefined, undefined);
    if (input.dtype !== dtype) {
      throw new TiffError('INVALID_DATA', `${what} has dtype ${input.dtype.name}, but the series is ${dtype.name}`, {
        option: 'data',
      });
    }
  } else {
    throw invalidOption('data', item, `${what}: an array-like, a TypedArray or null`);
  }
  if (input.kind !== 'array') throw invalidOption('data', item, `${what}: an array-like, a TypedArray or null`);
  return input.array.dtype === dtype ? input.array : { ...input.array, dtype };
}
