import type { DType, TypedArray } from '@tiffkit/tiff-core/dtype.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';

/** 64-bit integers from numbers or bigints, refused (not wrapped) when `dtype` cannot hold them. */
function toBigIntCarrier(values: readonly (number | bigint)[], dtype: DType): TypedArray {
  const signed = dtype.kind === 'int';
  const out = signed ? new BigInt64Array(values.length) : new BigUint64Array(values.length);
  values.forEach((v, i) => {
    const integral = typeof v === 'bigint' || Number.isInteger(v);
    const big = integral ? BigInt(v) : undefined;
    if (big === undefined || big !== (signed ? BigInt.asIntN(64, big) : BigInt.asUintN(64, big))) {
      throw new TiffError(
        'INVALID_DATA',
        `data[${i}]=${String(v)} cannot be stored as ${dtype.name}${integral ? ': out of range' : ': not an integer'}`,
        { option: 'data' },
      );
    }
    out[i] = big;
  });
  return out;
}

/** Plain numbers (or bigints) in the TypedArray that carries `dtype`, refused when they do not fit. */
export function toCarrier(values: readonly (number | bigint)[], dtype: DType): TypedArray {
  const Carrier = dtype.carrier;
  if (dtype.kind === 'complex') {
    throw new TiffError(
      'INVALID_DATA',
      'complex data must be given as a Float32Array/Float64Array of interleaved values',
      {
        option: 'data',
      },
    );
  }
  if (Carrier === BigInt64Array || Carrier === BigUint64Array) return toBigIntCarrier(values, dtype);
  if (values.some((v) => typeof v !== 'number')) {
    throw new TiffError('INVALID_DATA', `dtype '${dtype.name}' needs numbers in data`, { option: 'data' });
  }
  const carrier = (Carrier as Float64ArrayConstructor).from(values as readonly number[]);
  if (dtype.kind === 'uint' || dtype.kind === 'int' || dtype.kind === 'bool') {
    // A TypedArray would wrap 300 into uint8 silently; NumPy refuses out-of-range integers, so do we.
    const bad = (values as readonly number[]).findIndex(
      (v, i) => v !== carrier[i] && !(dtype.kind === 'bool' && (v === 0 || v === 1)),
    );
    if (bad >= 0) {
      throw new TiffError('INVALID_DATA', `data[${bad}]=${String(values[bad])} cannot be stored as ${dtype.name}`, {
        option: 'data',
      });
    }
  }
  return carrier as unknown as TypedArray;
}
