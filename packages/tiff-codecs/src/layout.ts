import type { ByteOrder, DType } from '@tiffkit/tiff-core';

/** How the bytes of one segment (strip or tile) are laid out. */
export interface SegmentLayout {
  /** Pixels per row. */
  readonly width: number;
  /** Rows in the segment (for volumetric tiles: depth × rows). */
  readonly rows: number;
  /** Samples per pixel stored contiguously in this segment (1 for planar data). */
  readonly samples: number;
  /** Element type of the samples. */
  readonly dtype: DType;
  /** Byte order of the data bytes, which is the file's byte order. */
  readonly byteOrder: ByteOrder;
}

/**
 * Bytes in one row of a segment as it is stored: bool is bit-packed (each row padded to a byte), every
 * other dtype takes `itemSize` bytes per sample.
 */
export function rowByteLength(layout: SegmentLayout): number {
  const values = layout.width * layout.samples;
  return layout.dtype.kind === 'bool' ? Math.ceil(values / 8) : values * layout.dtype.itemSize;
}
