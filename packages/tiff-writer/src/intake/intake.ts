import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { nativeByteOrder } from '@tiffkit/tiff-core/format.js';
import type { ArrayLike, WriteData, WriteOptions } from '../options.js';
import { arrayInput, checkShape, isTypedArray, resolveDType, type SeriesInput } from './array-input.js';
import { isEncodedSegment, isIterable } from './iterable.js';

export type { SeriesInput };

/**
 * Normalise `data` + `shape`/`dtype` options into a series input. Throws before any I/O; what the
 * caller's objects throw while being read (a getter, an iterator) becomes an INVALID_DATA TiffError.
 */
export async function intake(data: WriteData, options: WriteOptions): Promise<SeriesInput> {
  try {
    return await normalise(data, options);
  } catch (error) {
    if (error instanceof TiffError) throw error;
    throw new TiffError(
      'INVALID_DATA',
      `reading the data failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        option: 'data',
        cause: error,
      },
    );
  }
}

async function normalise(data: WriteData, options: WriteOptions): Promise<SeriesInput> {
  const optionShape = options.shape === undefined ? undefined : checkShape(options.shape, 'shape');
  const optionDType = resolveDType(options.dtype, 'dtype');

  if (data === null || data === undefined) {
    if (!optionShape || !optionDType) {
      throw new TiffError(
        'INVALID_OPTION',
        "writing empty data (data=null) needs both the 'shape' and 'dtype' options",
        {
          option: optionShape ? 'dtype' : 'shape',
        },
      );
    }
    return {
      kind: 'empty',
      dtype: optionDType.dtype,
      shape: optionShape,
      byteOrder: optionDType.byteOrder ?? nativeByteOrder,
    };
  }

  if (isTypedArray(data) || Array.isArray(data)) {
    return arrayInput({ data, shape: optionShape ?? [] }, optionShape === undefined, optionShape, optionDType);
  }

  if (typeof data === 'object' && 'data' in data && 'shape' in data) {
    return arrayInput(data as ArrayLike, false, optionShape, optionDType);
  }

  if (isIterable(data)) {
    if (!optionShape || !optionDType) {
      throw new TiffError('INVALID_OPTION', "writing from an iterator needs both the 'shape' and 'dtype' options", {
        option: optionShape ? 'dtype' : 'shape',
      });
    }
    // Iterator plumbing (peeking, item checks and conversion) is loaded for iterator input only, before
    // any byte of the series: items arrive while it is written.
    const [{ peek }] = await Promise.all([import('./iterators.js'), import('./items.js'), import('./carriers.js')]);
    const { items, first } = await peek(data);
    return {
      kind: 'iterator',
      dtype: optionDType.dtype,
      shape: optionShape,
      byteOrder: optionDType.byteOrder ?? nativeByteOrder,
      items,
      encoded: isEncodedSegment(first),
    };
  }

  throw invalidOption(
    'data',
    data,
    'an array-like {data, shape, dtype?, stride?, offset?}, a TypedArray (with the shape option), an array of numbers, an (async) iterable, or null',
  );
}
