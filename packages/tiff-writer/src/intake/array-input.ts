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
import type { ArrayLike } from '../options.js';
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

export function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

export function checkShape(shape: unknown, option: string): number[] {
  if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && n >= 0 && n <= MAX_DIMENSION)) {
    throw invalidOption(option, shape, 'an array of integer dimensions in 0..2**32-1');
  }
  return shape.slice();
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

export interface DTypeSpec {
  readonly dtype: DType;
  readonly byteOrder: ByteOrder | undefined;
}

export function resolveDType(spec: unknown, option: string): DTypeSpec | undefined {
  return spec === undefined || spec === null ? undefined : parseDType(spec, option);
}

/**
 * An array-like (or a TypedArray or numbers, with `like.shape` ignored when `shapeFromLength`) as an
 * array input, every check done. Plain numbers are converted by intake/carriers.ts, loaded for those.
 */
export async function arrayInput(
  like: ArrayLike,
  shapeFromLength: boolean,
  optionShape: number[] | undefined,
  optionDType: DTypeSpec | undefined,
): Promise<SeriesInput> {
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
    values = (await import('./carriers.js')).toCarrier(values, dtype);
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
