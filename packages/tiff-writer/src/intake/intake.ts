import {
  canCarry,
  type DType,
  DTypes,
  dtypeOfTypedArray,
  parseDType,
  type TypedArray,
} from '@tiffkit/tiff-core/dtype.js';
import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { type ByteOrder, nativeByteOrder } from '@tiffkit/tiff-core/format.js';
import type { ArrayLike, WriteData, WriteOptions } from '../options.js';
import { toCarrier } from './carriers.js';
import { isEncodedSegment, isIterable } from './iterable.js';
import { cStrides, isCContiguous, product, type StridedArray } from './strided.js';

/** `write()`'s data, normalised: what it is, its dtype, shape, and where the values come from. */
export type SeriesInput =
  | { readonly kind: 'array'; readonly dtype: DType; readonly shape: readonly number[]; readonly array: StridedArray }
  | { readonly kind: 'empty'; readonly dtype: DType; readonly shape: readonly number[]; readonly byteOrder: ByteOrder }
  | {
      readonly kind: 'iterator';
      readonly dtype: DType;
      readonly shape: readonly number[];
      /** Byte order of the values of items that do not say otherwise. */
      readonly byteOrder: ByteOrder;
      /** Items (pages, tiles or encoded segments), the first one already peeked and replayed. */
      readonly items: AsyncIterator<unknown>;
      /** The first item is an encoded segment `{ encoded, byteCount? }`. */
      readonly encoded: boolean;
    };

const MAX_DIMENSION = 2 ** 32 - 1;

function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function checkShape(shape: unknown, option: string): number[] {
  if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && n >= 0 && n <= MAX_DIMENSION)) {
    throw invalidOption(option, shape, 'an array of integer dimensions in 0..2**32-1');
  }
  return shape.slice();
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

interface DTypeSpec {
  readonly dtype: DType;
  readonly byteOrder: ByteOrder | undefined;
}

function resolveDType(spec: unknown, option: string): DTypeSpec | undefined {
  return spec === undefined || spec === null ? undefined : parseDType(spec, option);
}

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
    // Iterator plumbing (peeking, item checks) is loaded for iterator input only.
    const { peek } = await import('./iterators.js');
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

/**
 * One item of an iterator (a page or a tile) as an array of `elements` elements of `dtype`.
 * `null` is returned as is: a page of zeros, or a missing (sparse) tile.
 */
export function itemArray(item: unknown, dtype: DType, byteOrder: ByteOrder, what: string): StridedArray | null {
  if (item === null || item === undefined) return null;
  let input: SeriesInput;
  if (isTypedArray(item) || Array.isArray(item)) {
    input = arrayInput({ data: item, shape: [] }, true, undefined, { dtype, byteOrder });
  } else if (typeof item === 'object' && 'data' in item && 'shape' in item) {
    input = arrayInput(item as ArrayLike, false, undefined, undefined);
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

function arrayInput(
  like: ArrayLike,
  shapeFromLength: boolean,
  optionShape: number[] | undefined,
  optionDType: DTypeSpec | undefined,
): SeriesInput {
  const ownDType = resolveDType(like.dtype, 'data.dtype');
  if (ownDType && optionDType && ownDType.dtype !== optionDType.dtype) {
    throw new TiffError(
      'INVALID_DATA',
      `dtype=${describeValue(optionDType.dtype.name)} does not match the data's dtype ${describeValue(ownDType.dtype.name)}`,
      { option: 'dtype' },
    );
  }
  const declared = ownDType ?? optionDType;
  let values = like.data as TypedArray | readonly (number | bigint)[];
  let dtype: DType;
  if (isTypedArray(values)) {
    const own = dtypeOfTypedArray(values);
    if (!own) throw invalidOption('data', values, 'a numeric TypedArray');
    dtype = declared?.dtype ?? own;
    if (!canCarry(dtype, values)) {
      throw new TiffError(
        'INVALID_DATA',
        `a ${values.constructor.name} cannot carry dtype '${dtype.name}' ` +
          `(expected a ${dtype.carrier.name}${dtype.kind === 'complex' ? ' of interleaved real, imaginary values' : ''})`,
        { option: 'dtype' },
      );
    }
  } else if (Array.isArray(values)) {
    // Plain numbers: like NumPy's asarray, float64 unless a dtype says otherwise.
    dtype = declared?.dtype ?? DTypes.float64;
    values = toCarrier(values, dtype);
  } else {
    throw invalidOption('data.data', values, 'a TypedArray or an array of numbers');
  }
  const typed = values as TypedArray;
  const elements = typed.length / dtype.carriersPerElement;
  const shape = shapeFromLength ? [elements] : checkShape(like.shape, optionShape ? 'shape' : 'data.shape');
  if (optionShape && !shapeFromLength && !sameShape(optionShape, shape)) {
    throw new TiffError(
      'INVALID_DATA',
      `shape=${describeValue(optionShape)} does not match the data's shape ${describeValue(shape)}`,
      { option: 'shape' },
    );
  }
  const size = product(shape);
  if (like.stride === undefined && like.offset === undefined && elements !== size) {
    // Without strides the data is the array itself, as NumPy's reshape wants: no element more or less.
    throw new TiffError(
      'INVALID_DATA',
      `data of ${elements} elements cannot have shape ${describeValue(shape)} (${size} elements); ` +
        'pass stride and offset to write a view of a larger buffer',
      { option: 'data' },
    );
  }
  const strides = like.stride === undefined ? cStrides(shape) : checkStrides(like.stride, shape);
  const offset = like.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalidOption('data.offset', offset, 'a non-negative integer');
  checkBounds(shape, strides, offset, elements, size);
  return {
    kind: 'array',
    dtype,
    shape,
    array: {
      data: typed,
      dtype,
      byteOrder: declared?.byteOrder ?? nativeByteOrder,
      shape,
      strides,
      offset,
      contiguous: isCContiguous(shape, strides),
      size,
    },
  };
}

function checkStrides(stride: unknown, shape: readonly number[]): number[] {
  if (!Array.isArray(stride) || stride.length !== shape.length || !stride.every(Number.isInteger)) {
    throw invalidOption('data.stride', stride, `${shape.length} integer element strides, one per dimension`);
  }
  return stride.slice();
}

/** Every index the strides can reach must lie inside the array. */
function checkBounds(
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  length: number,
  size: number,
) {
  if (size === 0) return;
  let lo = offset;
  let hi = offset;
  shape.forEach((n, i) => {
    const reach = (n - 1) * (strides[i] as number);
    if (reach < 0) lo += reach;
    else hi += reach;
  });
  if (lo < 0 || hi >= length) {
    throw new TiffError(
      'INVALID_DATA',
      `shape ${describeValue(shape)} with strides ${describeValue(strides)} and offset ${offset} ` +
        `reaches elements ${lo}..${hi}, outside data of ${length} elements`,
      { option: 'data' },
    );
  }
}
