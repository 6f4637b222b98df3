import { invalidOption } from './errors.js';
import type { ByteOrder } from './format.js';

/** The name of a pixel data type, as NumPy spells it. */
export type DTypeName =
  | 'bool'
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'uint32'
  | 'int32'
  | 'uint64'
  | 'int64'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'complex64'
  | 'complex128';

/** The JavaScript typed arrays that can hold image data. */
export type TypedArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array
  | BigUint64Array
  | BigInt64Array;

type TypedArrayConstructor =
  | Uint8ArrayConstructor
  | Int8ArrayConstructor
  | Uint16ArrayConstructor
  | Int16ArrayConstructor
  | Uint32ArrayConstructor
  | Int32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | BigUint64ArrayConstructor
  | BigInt64ArrayConstructor;

/** SampleFormat tag values. */
export const SampleFormat = { UINT: 1, INT: 2, IEEEFP: 3, VOID: 4, COMPLEXINT: 5, COMPLEXIEEEFP: 6 } as const;

/** A pixel data type and how it is carried in memory and stored in a TIFF. */
export interface DType {
  /** Its name, as NumPy spells it. */
  readonly name: DTypeName;
  /** Its family: bilevel, unsigned or signed integer, IEEE float, or complex float. */
  readonly kind: 'bool' | 'uint' | 'int' | 'float' | 'complex';
  /** Bytes per element in memory and (except bool, which is bit-packed) in the file. */
  readonly itemSize: number;
  /** BitsPerSample written for this dtype (bool: 1, complex64: 64). */
  readonly bitsPerSample: number;
  /** SampleFormat written for this dtype; `UINT` is never written as a tag. */
  readonly sampleFormat: 1 | 2 | 3 | 6;
  /** Size of the unit that is byte-swapped between orders (a complex64 swaps two 4-byte floats). */
  readonly swapSize: 1 | 2 | 4 | 8;
  /** The TypedArray that carries this dtype (float16 in Uint16Array, complex as interleaved floats). */
  readonly carrier: TypedArrayConstructor;
  /** Carrier elements per data element: 2 for complex, else 1. */
  readonly carriersPerElement: 1 | 2;
  /** NumPy's type code without byte order, e.g. `'u2'`. */
  readonly numpy: string;
}

function define(
  name: DTypeName,
  kind: DType['kind'],
  itemSize: number,
  sampleFormat: DType['sampleFormat'],
  carrier: TypedArrayConstructor,
  numpy: string,
): DType {
  const complex = kind === 'complex';
  return Object.freeze({
    name,
    kind,
    itemSize,
    bitsPerSample: kind === 'bool' ? 1 : itemSize * 8,
    sampleFormat,
    swapSize: (complex ? itemSize / 2 : itemSize) as DType['swapSize'],
    carrier,
    carriersPerElement: complex ? 2 : 1,
    numpy,
  });
}

/** Every dtype tiffkit reads and writes, by name. */
export const DTypes: Readonly<Record<DTypeName, DType>> = Object.freeze({
  bool: define('bool', 'bool', 1, 1, Uint8Array, 'b1'),
  uint8: define('uint8', 'uint', 1, 1, Uint8Array, 'u1'),
  int8: define('int8', 'int', 1, 2, Int8Array, 'i1'),
  uint16: define('uint16', 'uint', 2, 1, Uint16Array, 'u2'),
  int16: define('int16', 'int', 2, 2, Int16Array, 'i2'),
  uint32: define('uint32', 'uint', 4, 1, Uint32Array, 'u4'),
  int32: define('int32', 'int', 4, 2, Int32Array, 'i4'),
  uint64: define('uint64', 'uint', 8, 1, BigUint64Array, 'u8'),
  int64: define('int64', 'int', 8, 2, BigInt64Array, 'i8'),
  float16: define('float16', 'float', 2, 3, Uint16Array, 'f2'),
  float32: define('float32', 'float', 4, 3, Float32Array, 'f4'),
  float64: define('float64', 'float', 8, 3, Float64Array, 'f8'),
  complex64: define('complex64', 'complex', 8, 6, Float32Array, 'c8'),
  complex128: define('complex128', 'complex', 16, 6, Float64Array, 'c16'),
});

const NUMPY_ALIASES = {
  '?': 'bool',
  b1: 'bool',
  u1: 'uint8',
  B: 'uint8',
  i1: 'int8',
  b: 'int8',
  u2: 'uint16',
  H: 'uint16',
  i2: 'int16',
  h: 'int16',
  u4: 'uint32',
  I: 'uint32',
  i4: 'int32',
  i: 'int32',
  u8: 'uint64',
  Q: 'uint64',
  i8: 'int64',
  q: 'int64',
  f2: 'float16',
  e: 'float16',
  f4: 'float32',
  f: 'float32',
  f8: 'float64',
  d: 'float64',
  c8: 'complex64',
  F: 'complex64',
  c16: 'complex128',
  D: 'complex128',
} as const satisfies Record<string, DTypeName>;

/** A NumPy type code without byte order: `'u2'`, `'f4'`, `'?'`, or a one-letter code such as `'H'`. */
export type NumpyTypeCode = keyof typeof NUMPY_ALIASES;

/**
 * A NumPy dtype string: a type code with an optional byte-order prefix, `'<'` little-endian, `'>'`
 * big-endian, `'='` native or `'|'` not applicable (`'<u2'`, `'>f4'`, `'|u1'`, `'u2'`).
 */
export type NumpyDTypeString = `${'' | '<' | '>' | '=' | '|'}${NumpyTypeCode}`;

/**
 * A dtype as the options accept it: a name (`'uint16'`, or `'UINT16'`; any case at run time), a NumPy
 * dtype string (`'<u2'`; case matters, as in NumPy: `'B'` is uint8 and `'b'` int8), or a `DTypes` entry.
 */
export type DTypeInput = DTypeName | Uppercase<DTypeName> | NumpyDTypeString | DType;

const ACCEPTED =
  'a dtype name (bool, uint8, int8, uint16, int16, uint32, int32, uint64, int64, float16, float32, float64, ' +
  "complex64, complex128) or a NumPy code such as '<u2', '>f4', '?'";

/** A dtype and the byte order its spelling asked for. */
export interface ParsedDType {
  readonly dtype: DType;
  /** The byte order a NumPy code spelled out (`'<'` or `'>'`); undefined for names and `=`/`|`. */
  readonly byteOrder: ByteOrder | undefined;
}

/** Parse a dtype name (any case) or a NumPy code with optional byte order prefix. */
export function parseDType(spec: unknown, option = 'dtype'): ParsedDType {
  if (typeof spec === 'object' && spec !== null && 'name' in spec && 'carrier' in spec) {
    const name = (spec as DType).name;
    if (DTypes[name] === spec) return { dtype: spec as DType, byteOrder: undefined };
  }
  if (typeof spec !== 'string' || spec.length === 0) throw invalidOption(option, spec, ACCEPTED);
  const lower = spec.toLowerCase();
  if (Object.hasOwn(DTypes, lower)) return { dtype: DTypes[lower as DTypeName], byteOrder: undefined };
  let code = spec;
  let byteOrder: ByteOrder | undefined;
  const prefix = code[0];
  if (prefix === '<' || prefix === '>' || prefix === '=' || prefix === '|') {
    code = code.slice(1);
    if (prefix === '<' || prefix === '>') byteOrder = prefix;
  }
  // hasOwn: a plain-object lookup would also find 'constructor', 'toString', ... on Object.prototype.
  if (!Object.hasOwn(NUMPY_ALIASES, code)) throw invalidOption(option, spec, ACCEPTED);
  const dtype = DTypes[NUMPY_ALIASES[code as NumpyTypeCode]];
  // A byte order on a one-byte type means nothing; NumPy itself normalises it to '|'.
  return { dtype, byteOrder: dtype.swapSize === 1 ? undefined : byteOrder };
}

/** The dtype a TypedArray carries when no dtype is given (Uint16Array → uint16, never float16). */
export function dtypeOfTypedArray(array: ArrayBufferView): DType | undefined {
  if (array instanceof Uint8Array || array instanceof Uint8ClampedArray) return DTypes.uint8;
  if (array instanceof Int8Array) return DTypes.int8;
  if (array instanceof Uint16Array) return DTypes.uint16;
  if (array instanceof Int16Array) return DTypes.int16;
  if (array instanceof Uint32Array) return DTypes.uint32;
  if (array instanceof Int32Array) return DTypes.int32;
  if (array instanceof Float32Array) return DTypes.float32;
  if (array instanceof Float64Array) return DTypes.float64;
  if (array instanceof BigUint64Array) return DTypes.uint64;
  if (array instanceof BigInt64Array) return DTypes.int64;
  return undefined;
}

/**
 * Whether `array` can carry `dtype` without conversion: same element width and representation
 * (signedness is not distinguished for integers, since the bytes are identical).
 */
export function canCarry(dtype: DType, array: ArrayBufferView): boolean {
  const own = dtypeOfTypedArray(array);
  if (!own) return false;
  switch (dtype.kind) {
    case 'bool':
      return own.itemSize === 1 && own.kind !== 'float';
    case 'uint':
    case 'int':
      return own.itemSize === dtype.itemSize && (own.kind === 'uint' || own.kind === 'int');
    case 'float':
      return dtype.name === 'float16' ? own.name === 'uint16' || own.name === 'int16' : own === dtype;
    case 'complex':
      return own.itemSize * 2 === dtype.itemSize && own.kind === 'float';
  }
}

/** The NumPy dtype string for a dtype in a byte order, e.g. `'<u2'`, `'|u1'`, `'?'`. */
export function numpyDTypeString(dtype: DType, byteOrder: ByteOrder): string {
  if (dtype.kind === 'bool') return '|b1';
  return `${dtype.swapSize === 1 ? '|' : byteOrder}${dtype.numpy}`;
}

/**
 * The dtype stored with SampleFormat `sampleFormat` and BitsPerSample `bitsPerSample` (a reader's
 * view of a page), or undefined when no dtype has them (packed 12-bit samples, complex integers…).
 */
export function dtypeOfSamples(sampleFormat: number, bitsPerSample: number): DType | undefined {
  return Object.values(DTypes).find((d) => d.sampleFormat === sampleFormat && d.bitsPerSample === bitsPerSample);
}
