import { type ByteOrder, type DType, swapBytesInPlace } from '@tiffkit/tiff-core';
import type { SegmentLayout } from '../../src/layout.js';
import { seeded } from './random.js';

/**
 * A test image as file-order bytes: a smooth gradient plus a little noise in every sample (compressible,
 * yet every byte plane varies), with a few extreme values so wrap-around arithmetic is exercised.
 */
export function sampleImage(dtype: DType, values: number, byteOrder: ByteOrder, seed = 7, width = 64): Uint8Array {
  const next = seeded(seed);
  const smooth = (i: number) => Math.sin((i % width) / 9) * Math.cos(Math.floor(i / width) / 7);
  let array: ArrayBufferView;
  switch (dtype.kind) {
    case 'bool': {
      const a = new Uint8Array(values);
      for (let i = 0; i < values; i++) a[i] = smooth(i) + next() * 0.4 > 0.2 ? 1 + (i % 3) : 0;
      return a;
    }
    case 'float': {
      if (dtype.itemSize === 2) {
        // float16 as bit patterns: a ramp of exponents and mantissas, some negative.
        const a = new Uint16Array(values);
        for (let i = 0; i < values; i++)
          a[i] = (0x3c00 + Math.round(smooth(i) * 2000) + (next() < 0.1 ? 0x8000 : 0)) & 0xffff;
        array = a;
      } else {
        const a = dtype.itemSize === 4 ? new Float32Array(values) : new Float64Array(values);
        for (let i = 0; i < values; i++) a[i] = smooth(i) * 1000 + next() * 0.01;
        if (values > 3) {
          a[1] = Number.NaN;
          a[2] = Number.NEGATIVE_INFINITY;
          a[3] = -0;
        }
        array = a;
      }
      break;
    }
    default: {
      const signed = dtype.kind === 'int';
      const bits = dtype.itemSize * 8;
      if (bits === 64) {
        const a = signed ? new BigInt64Array(values) : new BigUint64Array(values);
        for (let i = 0; i < values; i++) {
          const v = BigInt(Math.round(smooth(i) * 2 ** 40)) + BigInt(Math.floor(next() * 1000));
          a[i] = signed ? BigInt.asIntN(64, v) : BigInt.asUintN(64, v);
        }
        if (values > 2) a[1] = signed ? -(2n ** 63n) : 2n ** 64n - 1n;
        array = a;
      } else {
        const range = 2 ** bits;
        const a = new Uint8Array(values * dtype.itemSize);
        const view = new DataView(a.buffer);
        for (let i = 0; i < values; i++) {
          let v = Math.round((smooth(i) * 0.4 + 0.5) * (range - 1)) + Math.floor(next() * 16);
          if (i % 97 === 5) v = range - 1;
          v = Math.min(range - 1, Math.max(0, v));
          if (bits === 8) view.setUint8(i, v);
          else if (bits === 16) view.setUint16(i * 2, v, true);
          else view.setUint32(i * 4, v, true);
        }
        return toOrder(a, dtype, byteOrder);
      }
    }
  }
  return toOrder(new Uint8Array(array.buffer, array.byteOffset, array.byteLength).slice(), dtype, byteOrder);
}

/** Little-endian host bytes → `byteOrder`. */
function toOrder(bytes: Uint8Array, dtype: DType, byteOrder: ByteOrder): Uint8Array {
  if (byteOrder === '>') swapBytesInPlace(bytes, dtype.swapSize);
  return bytes;
}

/** A segment's layout: `rows` rows of `width` pixels of `samples` contiguous samples of `dtype`. */
export function segmentLayout(
  width: number,
  rows: number,
  samples: number,
  dtype: DType,
  byteOrder: ByteOrder = '<',
): SegmentLayout {
  return { width, rows, samples, dtype, byteOrder };
}
