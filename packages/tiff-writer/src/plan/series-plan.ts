import type { DType, FieldType, IfdEntry, TiffFormat } from '@tiffkit/tiff-core';
import type { EncoderOptions } from './encoding-options.js';
import type { SegmentGeometry } from './geometry.js';
import type { SampleLayout, SqueezeTrailing, StoredShape } from './samples.js';

/** Where planning reports what tifffile would raise as a UserWarning. */
export type Warn = (code: string, message: string) => void;

/** Layout rules a metadata format sets for its series. */
export interface LayoutRules {
  readonly squeezeTrailing: SqueezeTrailing;
  /** ResolutionUnit when none is given: INCH with a resolution and NONE without, or always NONE (ImageJ). */
  readonly resolutionUnit: 'by-resolution' | 'none';
  /** A colormap is a palette (tifffile's rules), or an ImageJ LUT (3×256, kept whatever the photometric). */
  readonly colormap: 'palette' | 'lut';
  /** One IFD for all pages of the series (`truncate`, or zero-size data with a shaped JSON). */
  readonly truncate: boolean;
  /**
   * A growing series whose IFDs would lie beyond 4 GiB in a classic file keeps its first IFD only,
   * the other pages being described by the metadata (ImageJ's `images=` convention).
   */
  readonly truncateBeyondClassic: boolean;
  /**
   * How a crash-safe writer links the pages of each call of a growing series (see GrowthLinks in
   * layout/growing-series.ts): `'link'`, `'keyframe'` (shaped JSON) or `'deferred'` (ImageJ).
   */
  readonly growthLinks: 'link' | 'keyframe' | 'deferred';
}

/** What the writer knows when it plans a series. */
export interface PlanContext {
  readonly format: TiffFormat;
  /** This series is a SubIFD level of the previous main series. */
  readonly level: boolean;
  /**
   * A computed pyramid level: stored exactly as its parent (`layout`), with the smaller stored shape
   * `stored`, rather than inferred again from its smaller shape (which can page differently).
   */
  readonly levelOf?: { readonly layout: SampleLayout; readonly stored: StoredShape };
  readonly rules: LayoutRules;
  readonly warn: Warn;
}

/** How each segment is encoded. */
export interface CodecPlan {
  /** The Compression code. */
  readonly compression: number;
  /** The codec's arguments, validated. */
  readonly args: Readonly<Record<string, unknown>>;
  /** The Predictor code (1: none). */
  readonly predictor: number;
  readonly bitsPerSample: number;
  /** Samples are bit-packed (bool, or bitsPerSample below the dtype's width). */
  readonly packed: boolean;
}

/** Sizes of the segments of one page, and the field types of their offsets and byte counts. */
export interface SegmentSizes {
  /** Uncompressed, unpacked bytes of each segment (edge tiles padded). */
  readonly raw: readonly number[];
  /** Stored bytes of each segment when uncompressed (packed sizes for bit-packed data). */
  readonly stored: readonly number[];
  /** The sum of `stored`. */
  readonly pageBytes: number;
  readonly offsetType: FieldType;
  readonly byteCountType: FieldType;
}

/** The complete, validated description of one series: nothing is written before this exists. */
export interface SeriesPlan {
  readonly dtype: DType;
  /** The caller's shape (as the format reshaped it: ImageJ's TZCYXS). */
  readonly shape: readonly number[];
  readonly layout: SampleLayout;
  readonly stored: StoredShape;
  readonly geometry: SegmentGeometry;
  readonly codec: CodecPlan;
  readonly segments: SegmentSizes;
  /** Uncompressed, unpacked strips (or one tile covering the page): all pages' data is one block. */
  readonly contiguousCapable: boolean;
  readonly colormap: Uint16Array | undefined;
  /** Tags of the first page and of the others (no write-once tags), without segment offsets and SubIFDs. */
  readonly tags: { readonly first: readonly IfdEntry[]; readonly other: readonly IfdEntry[] };
  /** SubIFD levels that follow as the next series: a tree of `count` slots, or a chain (one slot). */
  readonly subIfds: { readonly count: number; readonly chain: boolean } | undefined;
  readonly truncate: boolean;
  readonly align: number;
  readonly returnOffset: boolean;
  /** Workers and memory budget for encoding. */
  readonly encoding: EncoderOptions;
}
