import type { DType, Photometric, PlanarConfig } from '@tiffkit/tiff-core';
import type { EnumInput } from '../options.js';

/**
 * The 6-D shape every series is stored as: pages (frames) of
 * `separateSamples × depth × length × width × contigSamples`.
 */
export interface StoredShape {
  readonly frames: number;
  readonly separateSamples: number;
  readonly depth: number;
  readonly length: number;
  readonly width: number;
  readonly contigSamples: number;
}

/**
 * Trailing length-1 axes dropped from the stored shape: all of them (the shaped JSON keeps the
 * caller's shape), one (ImageJ's S axis of a grey image), or none.
 */
export type SqueezeTrailing = 'all' | 'one' | 'none';

export interface SampleLayout {
  readonly photometric: Photometric;
  /** Undefined for one sample per pixel (no PlanarConfiguration tag). */
  readonly planarConfig: PlanarConfig | undefined;
  readonly samples: number;
  /** ExtraSamples values, or `false` to omit the tag. */
  readonly extraSamples: readonly number[] | false;
  readonly storedShape: StoredShape;
  readonly volumetric: boolean;
  /** RGB was inferred from a last axis of 3 or 4 rather than asked for: the caller warns. */
  readonly rgbInferred: boolean;
  /** Index of the image rows (length) and columns (width) in the caller's shape (-1: not there, size 1). */
  readonly lengthAxis: number;
  readonly widthAxis: number;
}

export interface SampleRequest {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly photometric: EnumInput | undefined;
  readonly planarConfig: EnumInput | undefined;
  readonly extraSamples: readonly EnumInput[] | EnumInput | false | undefined;
  readonly volumetric: boolean;
  /** Trailing length-1 axes dropped: all (shaped JSON records the real shape), one (ImageJ), or none. */
  readonly squeezeTrailing: SqueezeTrailing;
  readonly subfileType: number | undefined;
}
