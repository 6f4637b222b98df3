import type { SeriesInput } from '../../intake/intake.js';
import type { WriteOptions } from '../../options.js';
import type { LayoutRules } from '../../plan/series-plan.js';
import type { FormatSeries, MetadataFormat, PreparedSeries } from '../format.js';
import { refuseTruncate } from '../format-rules.js';

/** Layout rules of a file without metadata (and the defaults the other formats start from). */
export const PLAIN_RULES: LayoutRules = {
  squeezeTrailing: 'none',
  resolutionUnit: 'by-resolution',
  colormap: 'palette',
  truncate: false,
  truncateBeyondClassic: false,
  growthLinks: 'link',
};

/** A series that has no metadata to follow. */
export const NO_FORMAT_SERIES: FormatSeries = {
  written: () => undefined,
  checkGrowth: () => undefined,
  committed: () => Promise.resolve(undefined),
  finish: () => Promise.resolve(undefined),
};

/** No metadata at all (`shaped: false`): the pages and the caller's tags, nothing else. */
export class GenericFormat implements MetadataFormat {
  readonly kind = 'generic';

  prepare(input: SeriesInput, options: WriteOptions): PreparedSeries {
    refuseTruncate(options, this.kind);
    return { input, options, entries: [], rules: PLAIN_RULES, begin: () => NO_FORMAT_SERIES };
  }

  overwritten(): void {}

  close(): Promise<void> {
    return Promise.resolve();
  }
}
