import type { ByteOrder, DType, TypedArray } from '@tiffkit/tiff-core';

/** Physical size of one pixel (or slice) along an axis, in a unit the OME schema knows. */
export interface PhysicalSize {
  readonly value: number;
  readonly unit?: string;
}

/** What an input tells about its image besides the values; mapped to each output kind's metadata. */
export interface SourceHints {
  /** One letter per dimension (tifffile's: T Z C Y X S Q …). */
  axes?: string;
  physicalSize?: { X?: PhysicalSize; Y?: PhysicalSize; Z?: PhysicalSize };
  timeIncrement?: PhysicalSize;
  channelNames?: string[];
  /** Channel colours as RGBA integers, OME's signed 32-bit convention. */
  channelColors?: number[];
  /** TIFF XResolution/YResolution and ResolutionUnit (pixels per unit), when there is no better model. */
  resolution?: { x: number; y: number; unit?: number };
  /** Tags to copy as they are (GeoTIFF keys, …), as the writer's `extraTags` tuples. */
  extraTags?: (readonly [number, number, number, unknown])[];
  photometric?: number;
  /** Metadata keys for an output of the same kind as the input (ImageJ `spacing`, `unit`, …). */
  imagej?: Record<string, unknown>;
}

/**
 * An N-D array to convert, read band by band: rows `[y0, y1)` of one page at a time, so that memory
 * is bounded by the band, not the array. A page is the trailing `pageDims` dimensions (length, width
 * and, for RGB-like data, samples); frames are the leading dimensions in C order.
 */
export interface ArraySource {
  /** What to name in messages: a path, or `path[series 1]`. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Byte order of the stored values: the default byte order of the output, as imwrite does. */
  readonly byteOrder: ByteOrder;
  readonly hints: SourceHints;
  /** Reduced-resolution levels stored with the input (OME-Zarr multiscales), used as they are. */
  readonly levels?: readonly ArraySource[];
  /** Rows a read should cover to be efficient (a Zarr chunk's height); bands are then made of tile rows. */
  preferredBandRows?(pageDims: number): number;
  /** Rows `[y0, y1)` of frame `frame`, all columns and samples, C order, native byte order. */
  readBand(frame: number, y0: number, y1: number, pageDims: number): Promise<TypedArray>;
  close(): Promise<void>;
}

/** Frames, rows, columns and values per pixel of `shape` split into frames × page. */
export interface PageGeometry {
  readonly frames: number;
  readonly length: number;
  readonly width: number;
  /** Values per pixel (trailing samples), 1 when the page is 2-D. */
  readonly samples: number;
}

export function pageGeometry(shape: readonly number[], pageDims: number): PageGeometry {
  const n = shape.length;
  const lead = shape.slice(0, n - pageDims);
  const page = shape.slice(n - pageDims);
  return {
    frames: lead.reduce((a, b) => a * b, 1),
    length: page[0] ?? 1,
    width: page[1] ?? 1,
    samples: page.slice(2).reduce((a, b) => a * b, 1),
  };
}

/** A TypedArray of `dtype`'s carrier over `bytes` (which must be aligned: fresh buffers are). */
export function carrierView(dtype: DType, bytes: Uint8Array): TypedArray {
  const Carrier = dtype.carrier;
  return new Carrier(
    bytes.buffer as ArrayBuffer,
    bytes.byteOffset,
    bytes.byteLength / Carrier.BYTES_PER_ELEMENT,
  ) as TypedArray;
}

export function product(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}
