/** Deterministic test data for every dtype, including the extreme values a writer must not mangle. */
import { createHash } from 'node:crypto';
import { type DTypeName, DTypes, type TypedArray } from '@tiffkit/tiff-core';

/** xorshift32: a tiny, seedable PRNG so every run writes the same files. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const SPECIAL_FLOATS = [
  0,
  -0,
  1,
  -1,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e-40,
  3.4e38,
  -2.5e-7,
];

/** `count` elements of `dtype` in its carrier TypedArray (complex: 2 carriers per element). */
export function testValues(dtype: DTypeName, count: number, seed = 1): TypedArray {
  const info = DTypes[dtype];
  const next = prng(seed + dtype.length * 7919);
  const n = count * info.carriersPerElement;
  switch (dtype) {
    case 'bool':
      return Uint8Array.from({ length: n }, () => next() & 1);
    case 'uint8':
    case 'int8':
    case 'uint16':
    case 'int16':
    case 'uint32':
    case 'int32': {
      const array = new info.carrier(n) as Uint8Array;
      for (let i = 0; i < n; i++) array[i] = next();
      // the extremes of the type, at the start
      const extremes =
        info.kind === 'int'
          ? [-(2 ** (info.bitsPerSample - 1)), 2 ** (info.bitsPerSample - 1) - 1, -1, 0]
          : [0, 2 ** info.bitsPerSample - 1, 1];
      extremes.forEach((v, i) => {
        if (i < n) array[i] = v;
      });
      return array;
    }
    case 'uint64':
    case 'int64': {
      const array = dtype === 'uint64' ? new BigUint64Array(n) : new BigInt64Array(n);
      for (let i = 0; i < n; i++) array[i] = (BigInt(next()) << 32n) | BigInt(next());
      const extremes = dtype === 'int64' ? [-(2n ** 63n), 2n ** 63n - 1n, -1n] : [0n, 2n ** 64n - 1n, 1n];
      extremes.forEach((v, i) => {
        if (i < n) array[i] = dtype === 'int64' ? BigInt.asIntN(64, v) : BigInt.asUintN(64, v);
      });
      return array;
    }
    case 'float16': {
      // float16 bit patterns: finite values, ±0, ±inf, NaN, subnormals
      const array = new Uint16Array(n);
      for (let i = 0; i < n; i++) array[i] = next() & 0xffff;
      [0x0000, 0x8000, 0x3c00, 0x7c00, 0xfc00, 0x7e00, 0x0001].forEach((v, i) => {
        if (i < n) array[i] = v;
      });
      return array;
    }
    default: {
      const array = new info.carrier(n) as Float64Array;
      for (let i = 0; i < n; i++) array[i] = (next() / 2 ** 32 - 0.5) * 10 ** ((next() % 12) - 6);
      SPECIAL_FLOATS.forEach((v, i) => {
        if (i < n) array[i] = v;
      });
      return array;
    }
  }
}

/** SHA-256 of values as C-order little-endian bytes (the read_tiff.py convention; the host is little-endian). */
export function sha256(values: TypedArray): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return createHash('sha256').update(bytes).digest('hex');
}
