import { describe, expect, it } from 'vitest';
import {
  canCarry,
  type DTypeName,
  DTypes,
  dtypeOfTypedArray,
  numpyDTypeString,
  parseDType,
  SampleFormat,
} from '../src/index.js';
import { expectTiffError } from './helpers.js';

const NAMES: readonly DTypeName[] = [
  'bool',
  'uint8',
  'int8',
  'uint16',
  'int16',
  'uint32',
  'int32',
  'uint64',
  'int64',
  'float16',
  'float32',
  'float64',
  'complex64',
  'complex128',
];

describe('DTypes', () => {
  it('lists exactly the 14 dtypes, each under its own name and frozen', () => {
    expect(Object.keys(DTypes)).toEqual(NAMES);
    for (const name of NAMES) {
      expect(DTypes[name].name).toBe(name);
      expect(Object.isFrozen(DTypes[name])).toBe(true);
    }
    expect(Object.isFrozen(DTypes)).toBe(true);
  });

  // name: kind, itemSize, bitsPerSample, sampleFormat, swapSize, carrier, carriersPerElement, numpy
  const table: [DTypeName, string, number, number, number, number, unknown, number, string][] = [
    ['bool', 'bool', 1, 1, SampleFormat.UINT, 1, Uint8Array, 1, 'b1'],
    ['uint8', 'uint', 1, 8, SampleFormat.UINT, 1, Uint8Array, 1, 'u1'],
    ['int8', 'int', 1, 8, SampleFormat.INT, 1, Int8Array, 1, 'i1'],
    ['uint16', 'uint', 2, 16, SampleFormat.UINT, 2, Uint16Array, 1, 'u2'],
    ['int16', 'int', 2, 16, SampleFormat.INT, 2, Int16Array, 1, 'i2'],
    ['uint32', 'uint', 4, 32, SampleFormat.UINT, 4, Uint32Array, 1, 'u4'],
    ['int32', 'int', 4, 32, SampleFormat.INT, 4, Int32Array, 1, 'i4'],
    ['uint64', 'uint', 8, 64, SampleFormat.UINT, 8, BigUint64Array, 1, 'u8'],
    ['int64', 'int', 8, 64, SampleFormat.INT, 8, BigInt64Array, 1, 'i8'],
    ['float16', 'float', 2, 16, SampleFormat.IEEEFP, 2, Uint16Array, 1, 'f2'],
    ['float32', 'float', 4, 32, SampleFormat.IEEEFP, 4, Float32Array, 1, 'f4'],
    ['float64', 'float', 8, 64, SampleFormat.IEEEFP, 8, Float64Array, 1, 'f8'],
    ['complex64', 'complex', 8, 64, SampleFormat.COMPLEXIEEEFP, 4, Float32Array, 2, 'c8'],
    ['complex128', 'complex', 16, 128, SampleFormat.COMPLEXIEEEFP, 8, Float64Array, 2, 'c16'],
  ];
  for (const [name, kind, itemSize, bits, sampleFormat, swapSize, carrier, carriers, numpy] of table) {
    it(`${name}`, () => {
      expect(DTypes[name]).toEqual({
        name,
        kind,
        itemSize,
        bitsPerSample: bits,
        sampleFormat,
        swapSize,
        carrier,
        carriersPerElement: carriers,
        numpy,
      });
      const d = DTypes[name];
      // The carrier holds exactly one element in carriersPerElement slots.
      expect(d.carrier.BYTES_PER_ELEMENT * d.carriersPerElement).toBe(d.itemSize);
    });
  }

  it('SampleFormat codes', () => {
    expect(SampleFormat).toEqual({ UINT: 1, INT: 2, IEEEFP: 3, VOID: 4, COMPLEXINT: 5, COMPLEXIEEEFP: 6 });
  });
});

describe('parseDType', () => {
  it('accepts every name, in any case, without a byte order', () => {
    for (const name of NAMES) {
      expect(parseDType(name)).toEqual({ dtype: DTypes[name], byteOrder: undefined });
      expect(parseDType(name.toUpperCase()).dtype).toBe(DTypes[name]);
    }
    expect(parseDType('Float32').dtype).toBe(DTypes.float32);
  });

  it('accepts a DType object itself', () => {
    expect(parseDType(DTypes.int16)).toEqual({ dtype: DTypes.int16, byteOrder: undefined });
  });

  const codes: [string, DTypeName, '<' | '>' | undefined][] = [
    ['?', 'bool', undefined],
    ['b1', 'bool', undefined],
    ['|b1', 'bool', undefined],
    ['<?', 'bool', undefined],
    ['u1', 'uint8', undefined],
    ['|u1', 'uint8', undefined],
    ['<u1', 'uint8', undefined],
    ['>u1', 'uint8', undefined],
    ['B', 'uint8', undefined],
    ['i1', 'int8', undefined],
    ['b', 'int8', undefined],
    ['>i1', 'int8', undefined],
    ['u2', 'uint16', undefined],
    ['<u2', 'uint16', '<'],
    ['>u2', 'uint16', '>'],
    ['=u2', 'uint16', undefined],
    ['|u2', 'uint16', undefined],
    ['H', 'uint16', undefined],
    ['>H', 'uint16', '>'],
    ['i2', 'int16', undefined],
    ['<h', 'int16', '<'],
    ['u4', 'uint32', undefined],
    ['I', 'uint32', undefined],
    ['>u4', 'uint32', '>'],
    ['i4', 'int32', undefined],
    ['i', 'int32', undefined],
    ['<i4', 'int32', '<'],
    ['u8', 'uint64', undefined],
    ['Q', 'uint64', undefined],
    ['>Q', 'uint64', '>'],
    ['i8', 'int64', undefined],
    ['q', 'int64', undefined],
    ['<i8', 'int64', '<'],
    ['f2', 'float16', undefined],
    ['e', 'float16', undefined],
    ['>e', 'float16', '>'],
    ['<f2', 'float16', '<'],
    ['f4', 'float32', undefined],
    ['f', 'float32', undefined],
    ['>f4', 'float32', '>'],
    ['f8', 'float64', undefined],
    ['d', 'float64', undefined],
    ['<f8', 'float64', '<'],
    ['c8', 'complex64', undefined],
    ['F', 'complex64', undefined],
    ['>c8', 'complex64', '>'],
    ['c16', 'complex128', undefined],
    ['D', 'complex128', undefined],
    ['<c16', 'complex128', '<'],
  ];
  for (const [code, name, byteOrder] of codes) {
    it(`'${code}' → ${name}${byteOrder ? ` ${byteOrder}` : ''}`, () => {
      const parsed = parseDType(code);
      expect(parsed.dtype).toBe(DTypes[name]);
      expect(parsed.byteOrder).toBe(byteOrder);
    });
  }

  const invalid: unknown[] = [
    '',
    'uint',
    'float128',
    'u3',
    'U2',
    '<',
    '<<u2',
    'u2<',
    ' uint8',
    'x',
    'constructor',
    'toString',
    '__proto__',
    'hasOwnProperty',
    '<valueOf',
    1,
    null,
    undefined,
    {},
    { name: 'uint8', carrier: Uint8Array },
    Uint8Array,
  ];
  for (const spec of invalid) {
    it(`refuses ${typeof spec === 'string' ? JSON.stringify(spec) : String(spec)}`, () => {
      const error = expectTiffError(() => parseDType(spec, 'dtype'), 'INVALID_OPTION');
      expect(error.option).toBe('dtype');
      expect(error.message).toContain('uint8');
    });
  }

  it('names the option in the error', () => {
    const error = expectTiffError(() => parseDType('nope', 'pixelType'), 'INVALID_OPTION');
    expect(error.option).toBe('pixelType');
    expect(error.message.startsWith('pixelType="nope" is invalid')).toBe(true);
  });
});

describe('dtypeOfTypedArray', () => {
  it('maps each TypedArray to its dtype', () => {
    expect(dtypeOfTypedArray(new Uint8Array(1))).toBe(DTypes.uint8);
    expect(dtypeOfTypedArray(new Uint8ClampedArray(1))).toBe(DTypes.uint8);
    expect(dtypeOfTypedArray(new Int8Array(1))).toBe(DTypes.int8);
    expect(dtypeOfTypedArray(new Uint16Array(1))).toBe(DTypes.uint16);
    expect(dtypeOfTypedArray(new Int16Array(1))).toBe(DTypes.int16);
    expect(dtypeOfTypedArray(new Uint32Array(1))).toBe(DTypes.uint32);
    expect(dtypeOfTypedArray(new Int32Array(1))).toBe(DTypes.int32);
    expect(dtypeOfTypedArray(new Float32Array(1))).toBe(DTypes.float32);
    expect(dtypeOfTypedArray(new Float64Array(1))).toBe(DTypes.float64);
    expect(dtypeOfTypedArray(new BigUint64Array(1))).toBe(DTypes.uint64);
    expect(dtypeOfTypedArray(new BigInt64Array(1))).toBe(DTypes.int64);
  });

  it('a DataView has no dtype; a Node Buffer is uint8', () => {
    expect(dtypeOfTypedArray(new DataView(new ArrayBuffer(4)))).toBeUndefined();
    expect(dtypeOfTypedArray(Buffer.from([1, 2]))).toBe(DTypes.uint8);
  });
});

describe('canCarry', () => {
  const arrays = {
    u8: new Uint8Array(2),
    u8c: new Uint8ClampedArray(2),
    i8: new Int8Array(2),
    u16: new Uint16Array(2),
    i16: new Int16Array(2),
    u32: new Uint32Array(2),
    i32: new Int32Array(2),
    f32: new Float32Array(2),
    f64: new Float64Array(2),
    u64: new BigUint64Array(2),
    i64: new BigInt64Array(2),
    view: new DataView(new ArrayBuffer(8)),
  };
  type ArrayKey = keyof typeof arrays;
  const accepted: Record<DTypeName, ArrayKey[]> = {
    bool: ['u8', 'u8c', 'i8'],
    uint8: ['u8', 'u8c', 'i8'],
    int8: ['u8', 'u8c', 'i8'],
    uint16: ['u16', 'i16'],
    int16: ['u16', 'i16'],
    uint32: ['u32', 'i32'],
    int32: ['u32', 'i32'],
    uint64: ['u64', 'i64'],
    int64: ['u64', 'i64'],
    float16: ['u16', 'i16'],
    float32: ['f32'],
    float64: ['f64'],
    complex64: ['f32'],
    complex128: ['f64'],
  };
  for (const name of NAMES) {
    it(`${name} is carried by ${accepted[name].join(', ')} only`, () => {
      const carried = (Object.keys(arrays) as ArrayKey[]).filter((key) => canCarry(DTypes[name], arrays[key]));
      expect(carried).toEqual(accepted[name]);
    });
  }
});

describe('numpyDTypeString', () => {
  it('spells the byte order only for multi-byte types', () => {
    expect(numpyDTypeString(DTypes.uint16, '<')).toBe('<u2');
    expect(numpyDTypeString(DTypes.uint16, '>')).toBe('>u2');
    expect(numpyDTypeString(DTypes.float32, '>')).toBe('>f4');
    expect(numpyDTypeString(DTypes.float16, '<')).toBe('<f2');
    expect(numpyDTypeString(DTypes.int64, '>')).toBe('>i8');
    expect(numpyDTypeString(DTypes.complex64, '<')).toBe('<c8');
    expect(numpyDTypeString(DTypes.complex128, '>')).toBe('>c16');
    expect(numpyDTypeString(DTypes.uint8, '>')).toBe('|u1');
    expect(numpyDTypeString(DTypes.int8, '<')).toBe('|i1');
    expect(numpyDTypeString(DTypes.bool, '>')).toBe('|b1');
  });

  it('round-trips through parseDType', () => {
    for (const name of NAMES) {
      for (const order of ['<', '>'] as const) {
        const parsed = parseDType(numpyDTypeString(DTypes[name], order));
        expect(parsed.dtype).toBe(DTypes[name]);
        expect(parsed.byteOrder).toBe(DTypes[name].swapSize === 1 ? undefined : order);
      }
    }
  });
});
