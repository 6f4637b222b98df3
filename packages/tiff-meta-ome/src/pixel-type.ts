import { describeValue, OmeError } from './errors.js';
import type { OmePixelType } from './schema-enums.js';

export type OmeDType =
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

/** OME 2016-06 has no 64-bit integer or half-float pixel type; `null` marks those. */
const PIXEL_TYPE_OF: Readonly<Record<OmeDType, readonly [OmePixelType, number] | null>> = {
  bool: ['bit', 1],
  uint8: ['uint8', 8],
  int8: ['int8', 8],
  uint16: ['uint16', 16],
  int16: ['int16', 16],
  uint32: ['uint32', 32],
  int32: ['int32', 32],
  uint64: null,
  int64: null,
  float16: null,
  float32: ['float', 32],
  float64: ['double', 64],
  complex64: ['complex', 64],
  complex128: ['double-complex', 128],
};

/** The Pixels `Type` of a dtype and its bits per sample (the upper bound of SignificantBits). */
export function omePixelType(dtype: OmeDType): { readonly type: OmePixelType; readonly bits: number } {
  const entry = Object.hasOwn(PIXEL_TYPE_OF, dtype) ? PIXEL_TYPE_OF[dtype] : undefined;
  if (entry === undefined) {
    throw new OmeError('INVALID_OPTION', `dtype=${describeValue(dtype)} is not a tiffkit dtype`, 'dtype');
  }
  if (entry === null) {
    throw new OmeError(
      'UNSUPPORTED',
      `OME-TIFF does not support data type '${dtype}': use int8/16/32, uint8/16/32, float32/64, complex64/128 or bool`,
      'dtype',
    );
  }
  return { type: entry[0], bits: entry[1] };
}
