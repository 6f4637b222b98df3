import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { type EncodedIfd, encodeIfd, type PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import type { SegmentEncoder } from '../encode/encoder.js';
import { pageSegments } from '../encode/page-segments.js';
import type { PageSource } from '../encode/page-source.js';
import { alignUp, even } from '../plan/alignment.js';
import { labelled } from '../plan/entry-labels.js';
import { ifdLengths, pageEntries } from '../plan/page-entries.js';
import type { SeriesPlan } from '../plan/series-plan.js';
import { shareValues } from './clone-ifd.js';
import type { FileLayout } from './file-layout.js';
import type { GrowingSeries, GrowthLinks } from './growing-series.js';
import { type Placement, writeChained, writeIfds } from './placement.js';

/**
 * A series written page by page (tiles, compressed or bit-packed data): each page's IFD position is
 * reserved, its segments follow (aligned), and its IFD is written once their offsets and byte counts
 * are known. In the main chain, the pages of one write() call are chained to each other as they are
 * written and linked to the file by one pointer write at the end of the call, so that a reader never
 * sees part of a call. Pages after the second share out-of-line values with the second, as tifffile.
 */
export class SegmentedSeries implements GrowingSeries {
  frames = 0;
  calls = 0;
  readonly subIfdSlots: PlacedEntry[] = [];
  readonly dataOffset = undefined;
  private first: EncodedIfd | undefined;
  /** The second page's IFD, whose out-of-line values later pages share. */
  private template: EncodedIfd | undefined;
  /** The first page of the previous growth call, whose values later growth keyframes share. */
  private keyTemplate: EncodedIfd | undefined;

  private constructor(
    readonly plan: SeriesPlan,
    private readonly placement: Placement,
    private readonly encoder: SegmentEncoder,
    private readonly links: GrowthLinks,
  ) {}

  get firstIfd(): EncodedIfd {
    return this.first as EncodedIfd;
  }

  static async write(
    layout: FileLayout,
    plan: SeriesPlan,
    placement: Placement,
    source: PageSource,
    encoder: SegmentEncoder,
    links: GrowthLinks = 'link',
  ): Promise<SegmentedSeries> {
    const series = new SegmentedSeries(plan, placement, encoder, links);
    await series.writeCall(layout, source);
    return series;
  }

  /** One more contiguous call: its pages, linked after the series' last page. */
  async append(layout: FileLayout, source: PageSource, beforeLink?: () => Promise<void>): Promise<undefined> {
    await this.writeCall(layout, source, beforeLink);
    return undefined;
  }

  endBound(eof: number): number {
    return eof;
  }

  /** Every page is linked as its call ends: nothing is left for the series' end. */
  finish(): Promise<void> {
    return Promise.resolve();
  }

  private async writeCall(layout: FileLayout, source: PageSource, beforeLink?: () => Promise<void>): Promise<void> {
    const { plan } = this;
    const { format } = layout;
    const perPage = plan.geometry.segmentsPerPage;
    const growth = this.calls > 0;
    const main = this.placement.kind === 'main';
    let callFirst: EncodedIfd | undefined;
    /** The page written last in the main chain: its IFD waits for the next page's position. */
    let pending: EncodedIfd | undefined;
    let page = this.frames;
    let ifdOffset = 0;
    let at = 0;
    let offsets: number[] = [];
    let byteCounts: number[] = [];
    // The first page of a file's series, and of each growth call when the format asks for keyframes.
    const isKeyframe = (p: number) => p === 0 || (growth && p === this.frames && this.links === 'keyframe');
    const startPage = () => {
      ifdOffset = even(layout.eof);
      const lengths = ifdLengths(plan, format);
      const ifdLength = isKeyframe(page) ? lengths.first : lengths.other;
      at = alignUp(ifdOffset + ifdLength, plan.align);
      if (!format.bigtiff && at > format.maxOffset) throw beyondClassic(page);
      layout.eof = Math.max(layout.eof, ifdOffset + ifdLength);
      offsets = [];
      byteCounts = [];
    };
    startPage();
    for await (const segment of this.encoder.encode(pageSegments(source))) {
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
      const ifd = this.pageIfd(page, isKeyframe(page), offsets, byteCounts, ifdOffset, layout);
      this.first ??= ifd;
      callFirst ??= ifd;
      if (main) {
        // Chained to the previous page of this call; linked to the file at the call's end.
        if (pending) await writeChained(layout, [pending], ifd.offset);
        pending = ifd;
      } else {
        await writeIfds(layout, [ifd], this.placement, page);
      }
      const slots = labelled(ifd, 'subifds');
      if (slots) this.subIfdSlots.push(slots);
      page += 1;
      if (page < this.frames + source.frames) startPage();
    }
    await source.end();
    const added = page - this.frames;
    this.frames = page;
    this.calls += 1;
    if (main && pending && callFirst) {
      await writeChained(layout, [pending], 0);
      await beforeLink?.();
      await layout.appendToChain(callFirst, pending, added);
    }
  }

  private pageIfd(
    page: number,
    keyframe: boolean,
    offsets: readonly number[],
    byteCounts: readonly number[],
    at: number,
    layout: FileLayout,
  ): EncodedIfd {
    const { format } = layout;
    const ifd = encodeIfd(pageEntries(this.plan, keyframe, offsets, byteCounts), at, format);
    if (page === 0) return ifd;
    if (keyframe) {
      // A growth call's first page: its values are the series' first-call ones, never IFD 0's own
      // (IFD 0's description grows with the series).
      if (this.keyTemplate) shareValues(ifd, this.keyTemplate, format);
      else this.keyTemplate = ifd;
    } else if (this.template) {
      shareValues(ifd, this.template, format);
    } else {
      this.template = ifd;
    }
    return ifd;
  }
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
