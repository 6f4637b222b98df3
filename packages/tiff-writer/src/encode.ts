import { packBilevel, packIntegers } from '@tiffkit/tiff-codecs';
import { type ByteOrder, nativeByteOrder } from '@tiffkit/tiff-core';
import type { SeriesPlan } from './plan.js';

/**
 * The byte order raw segments are cut in: the file's, except for bit-packed data, which is packed
 * from native values (the packed bit stream has no byte order).
 */
export function rawByteOrder(plan: SeriesPlan, fileOrder: ByteOrder): ByteOrder {
  return plan.packed ? nativeByteOrder : fileOrder;
}

/** The stored bytes of a raw segment: bit-packed for bool and packed integers, else as is. */
export function encodeSegment(plan: SeriesPlan, raw: Uint8Array): Uint8Array {
  if (!plan.packed) return raw;
  const { geometry, stored, dtype } = plan;
  const valuesPerRow = (geometry.tiled ? geometry.tile[2] : stored.width) * stored.contigSamples;
  const rows = raw.length / dtype.itemSize / valuesPerRow;
  if (dtype.kind === 'bool') return packBilevel(raw, valuesPerRow, rows);
  const Values = dtype.itemSize === 1 ? Uint8Array : dtype.itemSize === 2 ? Uint16Array : Uint32Array;
  const values = new Values(raw.buffer as ArrayBuffer, raw.byteOffset, raw.length / dtype.itemSize);
  return packIntegers(values, plan.bitsPerSample, valuesPerRow, rows);
}
