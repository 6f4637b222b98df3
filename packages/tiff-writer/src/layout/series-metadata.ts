import type { EncodedIfd, PlacedEntry } from '@tiffkit/tiff-core';
import type { FileLayout } from './file-layout.js';

/**
 * What the layout tells a series' metadata format as the series is written, grows and ends. The
 * formats implement it (formats/format.ts); the layout knows nothing else of them.
 */
export interface SeriesMetadata {
  /**
   * The series' first IFD is in the file, at index `firstIfdIndex` of the main chain: the format
   * commits what it planned and takes note of where its entries are.
   */
  written(firstIfd: EncodedIfd, firstIfdIndex: number): void;
  /**
   * A crash-safe growth call's pages are written and about to be linked: the format may write its
   * new text now, unseen until `committed` switches to it (it then joins the pages' system call).
   */
  stage?(layout: FileLayout, calls: number, pages: number): Promise<void>;
  /**
   * The series' first IFD was copied elsewhere as it grew (layout/contiguous-series.ts): the format's
   * entries are now those of `firstIfd`.
   */
  moved?(firstIfd: EncodedIfd): void;
  /**
   * Before the data of a contiguous call: refuse (with a TiffError) growth to `calls` calls of
   * `pagesPerCall` pages that the format cannot describe. Changes nothing.
   */
  checkGrowth(calls: number, pagesPerCall: number): void;
  /**
   * A write() call of the series is complete, the series now `calls` calls of `pages` pages (crash-safe
   * writers only): make the file's metadata describe it before the call resolves, each change one
   * write that readers see whole (FileLayout.replaceAscii). Returns where the description is now,
   * when it moved.
   */
  committed(layout: FileLayout, calls: number, pages: number): Promise<PlacedEntry | undefined>;
  /**
   * The series is over after `calls` write() calls and `pages` pages: rewrite what growth changed
   * (what `committed` has not already written). Returns where the description is now, when it moved.
   */
  finish(layout: FileLayout, calls: number, pages: number): Promise<PlacedEntry | undefined>;
}
