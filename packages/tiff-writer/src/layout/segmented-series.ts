import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { type EncodedIfd, encodeIfd, type PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import type { SegmentEncoder } from '../encode/encoder.js';
import type { PageSource } from '../encode/page-source.js';
import { alignUp, even } from '../plan/alignment.js';
import { labelled } from '../plan/entry-labels.js';
import { ifdLengths, pageEntries } from '../plan/page-entries.js';
import type { SeriesPlan } from '../plan/series-plan.js';
import { shareValues } from './clone-ifd.js';
import type { FileLayout } from './file-layout.js';
import { type Placement, writeIfds } from './placement.js';

export interface SegmentedResult {
  readonly firstIfd: EncodedIfd;
  /** Each page's SubIFDs entry (when the plan asks for SubIFDs). */
  readonly subIfdSlots: readonly PlacedEntry[];
}

/**
 * A series written page by page (tiles, compressed or bit-packed data): each page's IFD position is
 * reserved, its segments follow (aligned), and the IFD is written and linked once their offsets and
 * byte counts are known. Pages after the second share out-of-line values with the second, as tifffile.
 */
export async function writeSegmentedSeries(
  layout: FileLayout,
  plan: SeriesPlan,
  placement: Placement,
  source: PageSource,
  encoder: SegmentEncoder,
): Promise<SegmentedResult> {
  const { format } = layout;
  const perPage = plan.geometry.segmentsPerPage;
  let firstIfd: EncodedIfd | undefined;
  let template: EncodedIfd | undefined;
  const subIfdSlots: PlacedEntry[] = [];
  let page = 0;
  let ifdOffset = 0;
  let at = 0;
  let offsets: number[] = [];
  let byteCounts: number[] = [];
  const startPage = () => {
    // Reserve the page's IFD (its length is known from the counts), its data follows, aligned.
    ifdOffset = even(layout.eof);
    const ifdLength = page === 0 ? ifdLengths(plan, format).first : ifdLengths(plan, format).other;
    at = alignUp(ifdOffset + ifdLength, plan.align);
    if (!format.bigtiff && at > format.maxOffset) throw beyondClassic(page);
    layout.eof = Math.max(layout.eof, ifdOffset + ifdLength);
    offsets = [];
    byteCounts = [];
  };
  startPage();
  for await (const segment of encoder.encode(source.segments())) {
    if (segment === null) {
      offsets.push(0); // a missing tile: offset and byte count 0 (a sparse TIFF)
      byteCounts.push(0);
    } else {
      if (!format.bigtiff && at + Math.max(0, segment.byteCount - 1) > format.maxOffset) throw beyondClassic(page);
      if (segment.bytes.length > 0) await layout.write(segment.bytes, at);
      offsets.push(segment.byteCount === 0 ? 0 : at);
      byteCounts.push(segment.byteCount);
      at += segment.bytes.length;
    }
    if (offsets.length < perPage) continue;
    const ifd = encodeIfd(pageEntries(plan, page === 0, offsets, byteCounts), ifdOffset, format);
    if (page === 1) template = ifd;
    else if (template) shareValues(ifd, template, format);
    await writeIfds(layout, [ifd], placement, page);
    const slots = labelled(ifd, 'subifds');
    if (slots) subIfdSlots.push(slots);
    firstIfd ??= ifd;
    page += 1;
    if (page < plan.stored.frames) startPage();
  }
  await source.end();
  return { firstIfd: firstIfd as EncodedIfd, subIfdSlots };
}

function beyondClassic(page: number): TiffError {
  return new TiffError(
    'TOO_LARGE',
    `page ${page} reaches beyond the 4 GiB a classic TIFF can address; open the writer with bigtiff: true`,
    {
      option: 'bigtiff',
    },
  );
}
