import type { ByteOrder, IfdEntry, PlacedEntry } from '@tiffkit/tiff-core';
import type { SeriesInput } from '../intake/intake.js';
import type { FileLayout } from '../layout/file-layout.js';
import type { SeriesMetadata } from '../layout/series-metadata.js';
import type { WriteOptions, WriterKind } from '../options.js';
import type { LayoutRules, SeriesPlan, Warn } from '../plan/series-plan.js';

/** What a format knows of the file when it plans a series. */
export interface FormatContext {
  readonly byteOrder: ByteOrder;
  readonly warn: Warn;
  /** The series is a SubIFD level of the previous main series (formats describe main series only). */
  readonly level: boolean;
  /** IFDs in the main chain so far: the index of the series' first page (OME's TiffData IFD). */
  readonly mainIfds: number;
  /** The writer keeps the metadata current after every write() (`OpenOptions.crashSafe`). */
  readonly crashSafe: boolean;
}

/** A series as its format wants it laid out. */
export interface PreparedSeries {
  /** The data, reshaped when the format stores it in a fixed axis order (ImageJ: TZCYXS). */
  readonly input: SeriesInput;
  /** The options, with what the format decides (photometric, colormap…) filled in. */
  readonly options: WriteOptions;
  /** Entries of the first page: the format's description (labelled `'metadata'`) and tags. */
  readonly entries: readonly IfdEntry[];
  /** Rules the layout follows for this format. */
  readonly rules: LayoutRules;
  /**
   * Second step of planning, once the layout is planned and still before any byte: validate what
   * needs the plan and return the series' handle. Changes nothing until the handle's `written()`.
   */
  begin(plan: SeriesPlan): FormatSeries;
}

/**
 * One metadata format of a file (shaped JSON, ImageJ, OME-XML, or none): it plans each series'
 * metadata before any byte is written, follows the series as it grows, and finishes it at its end.
 * Everything format-specific lives behind this interface: the writer holds one and nothing else.
 */
export interface MetadataFormat {
  readonly kind: WriterKind;
  /**
   * First step of planning a series, before its layout: validate the format's options and say how
   * the series is laid out. Changes nothing: a refused series leaves the format as it was.
   */
  prepare(input: SeriesInput, options: WriteOptions, context: FormatContext): PreparedSeries;
  /** `overwriteDescription()` replaced `entry`: a format that fills it at close leaves it alone. */
  overwritten(entry: PlacedEntry): void;
  /** The file closes: write what only its end knows (OME-XML). */
  close(layout: FileLayout): Promise<void>;
}

/** A series of a metadata format, from its first write() to its end. */
export type FormatSeries = SeriesMetadata;
