import { Compression } from '@tiffkit/tiff-core/enums.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import { alignUp, even } from './alignment.js';
import { ifdLengths } from './page-entries.js';
import type { SeriesPlan } from './series-plan.js';

/** Where the file stands when a series (or the growth of one) is about to be written. */
export interface LimitContext {
  readonly format: TiffFormat;
  /** The end of the file once the pending series is finished (an upper bound). */
  readonly end: number;
  /** Growing the pending series: its data continues at `appendAt`, after its `pendingFrames` pages. */
  readonly appendAt?: number;
  readonly pendingFrames?: number;
  /** ImageJ: a hyperstack beyond 4 GiB keeps only its first IFD (ImageJ's convention). */
  readonly truncatable: boolean;
}

function tooLarge(end: number): TiffError {
  return new TiffError(
    'TOO_LARGE',
    `this write would place data or IFDs beyond the 4 GiB a classic TIFF can address (up to byte ${end}); open the writer with bigtiff: true`,
    { option: 'bigtiff' },
  );
}

/**
 * Classic TIFF offsets and byte counts are 32-bit: refuse, before a byte is written, a series whose
 * segments or IFDs would lie beyond 4 GiB (compressed sizes are unknown: those pages are checked as
 * they are written). Data itself may extend beyond 4 GiB when every offset fits.
 */
export function checkClassicLimit(plan: SeriesPlan, frames: number, context: LimitContext): void {
  const { format, appendAt, truncatable } = context;
  if (format.bigtiff) return;
  if (truncatable && appendAt !== undefined) return; // the first page's offset was checked already
  const limit = format.maxOffset;
  const largestSegment = plan.segments.stored.reduce((a, b) => Math.max(a, b), 0);
  if (largestSegment > limit) {
    throw new TiffError(
      'TOO_LARGE',
      `a segment of ${largestSegment} bytes does not fit the 32-bit byte counts of a classic TIFF; ` +
        'pass rowsPerStrip (or tile) to cut pages into smaller segments, or open the writer with bigtiff: true',
      { option: 'bigtiff' },
    );
  }
  if (plan.codec.compression !== Compression.NONE) return;
  const { first, other } = ifdLengths(plan, format);
  const lastSegment = plan.segments.pageBytes - (plan.segments.stored.at(-1) ?? 0);
  if (!plan.contiguousCapable) {
    // page by page: IFD, alignment, data — for every page
    const end = even(context.end) + frames * (other + plan.align + plan.segments.pageBytes);
    if (end - plan.segments.pageBytes + lastSegment > limit) throw tooLarge(end);
    return;
  }
  const start = appendAt ?? alignUp(even(context.end) + first, plan.align);
  const lastOffset = start + (frames - 1) * plan.segments.pageBytes + lastSegment;
  const ifds = (appendAt !== undefined ? (context.pendingFrames ?? 0) : 0) + frames - 1;
  const end = even(start + frames * plan.segments.pageBytes) + (plan.truncate ? 0 : ifds * other);
  if (truncatable ? start > limit : lastOffset > limit || (ifds > 0 && !plan.truncate && end > limit))
    throw tooLarge(end);
}
