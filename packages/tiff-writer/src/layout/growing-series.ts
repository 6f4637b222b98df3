import type { EncodedIfd, PlacedEntry, TiffFormat } from '@tiffkit/tiff-core';
import type { PageSource } from '../encode/page-source.js';
import type { LayoutRules, SeriesPlan, Warn } from '../plan/series-plan.js';
import type { FileLayout } from './file-layout.js';

/**
 * How the pages of a growing series are linked as its calls complete:
 * - `'link'`: each call's pages get their IFDs and are linked by one pointer write;
 * - `'keyframe'`: the same, and the first page of each growth call repeats the series' first-page tags
 *   (its shaped JSON), so that between that link and the JSON's update a reader sees a valid file
 *   (the call as a series of its own) rather than pages no metadata accounts for;
 * - `'deferred'`: the data stays one contiguous block, as ImageJ reads it (the first IFD and `images=`),
 *   and the other IFDs are written when the series ends (tifffile's layout, and `crashSafe: false`).
 */
export type GrowthLinks = LayoutRules['growthLinks'];

/** A series that later `contiguous` calls may grow: its pages so far, and how to add more. */
export interface GrowingSeries {
  readonly plan: SeriesPlan;
  readonly firstIfd: EncodedIfd;
  /** Each page's SubIFDs entry (when the plan asks for SubIFDs). */
  readonly subIfdSlots: readonly PlacedEntry[];
  /** Pages written so far. */
  readonly frames: number;
  /** The write() calls that wrote them. */
  readonly calls: number;
  /** Where the first page's data starts, for `returnOffset` (a contiguous block only). */
  readonly dataOffset: number | undefined;
  /**
   * Add the pages of one more call; a contiguous block says where their data went. `beforeLink` runs
   * once the pages are written, before the pointer that links them.
   */
  append(
    layout: FileLayout,
    source: PageSource,
    beforeLink?: () => Promise<void>,
  ): Promise<{ offset: number; byteCount: number } | undefined>;
  /** An upper bound of where the file ends once the series is finished. */
  endBound(eof: number, format: TiffFormat): number;
  /** The series is over: write what it deferred. */
  finish(layout: FileLayout, warn: Warn, truncateBeyondClassic: boolean): Promise<void>;
}
