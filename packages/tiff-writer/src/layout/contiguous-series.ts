import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import { type EncodedIfd, encodeIfd, type IfdEntry, type PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import type { PageSource } from '../encode/page-source.js';
import { alignUp, even } from '../plan/alignment.js';
import { labelled } from '../plan/entry-labels.js';
import { ifdLengths, pageEntries } from '../plan/page-entries.js';
import type { SeriesPlan, Warn } from '../plan/series-plan.js';
import type { cloneIfd } from './clone-ifd.js';
import type { FileLayout } from './file-layout.js';
import type { GrowingSeries, GrowthLinks } from './growing-series.js';
import { type Placement, writeChained, writeIfds } from './placement.js';

/** Data is written in pieces of at most this many bytes, bounding the copies made for byte swapping. */
const CHUNK_BYTES = 64 * 1024 * 1024;
/** Zero runs up to this size are written, longer ones left sparse (a single byte at their end). */
const ZERO_WRITE_LIMIT = 1024 * 1024;

/** Segment offsets of one page whose data starts at `pageOffset`. */
export function segmentOffsets(plan: SeriesPlan, pageOffset: number): number[] {
  const offsets: number[] = [];
  let at = pageOffset;
  for (const n of plan.segments.stored) {
    offsets.push(at);
    at += n;
  }
  return offsets;
}

/**
 * A series whose data is written as contiguous blocks (uncompressed strips, or one tile per page): the
 * first page's IFD, then the data of the first call. Crash-safe, each call's pages get their IFDs right
 * after its data and are linked by one pointer write; `'deferred'`, the data of every call stays one
 * block and the other pages' IFDs are written when the series ends (tifffile's layout, ImageJ's).
 */
export class ContiguousSeries implements GrowingSeries {
  frames: number;
  calls = 1;
  /** Pages whose IFDs are written and linked. */
  private laidOut = 0;
  /** Each page's SubIFDs entry (when the plan asks for SubIFDs). */
  readonly subIfdSlots: PlacedEntry[] = [];
  /** The first IFD of a page after the first, which later ones are cloned from. */
  private template: EncodedIfd | undefined;
  /** The first page of the first growth call (`'keyframe'` links), which later keyframes are cloned from. */
  private keyTemplate: EncodedIfd | undefined;
  /** Where the second page's IFD is. */
  private secondIfdOffset = 0;
  /** The field that points at the first IFD (main chain only). */
  private head: number | undefined;
  /** The first IFD, once moved past the others (`'keyframe'` links). */
  private movedFirst: EncodedIfd | undefined;
  /** IFD cloning, loaded before the data of a series of several pages or of a growth. */
  private clone: typeof cloneIfd | undefined;

  private constructor(
    readonly plan: SeriesPlan,
    readonly placement: Placement,
    private readonly originalFirst: EncodedIfd,
    readonly dataOffset: number,
    private readonly links: GrowthLinks,
  ) {
    this.frames = plan.stored.frames;
  }

  /** The series' first IFD, where readers find it now. */
  get firstIfd(): EncodedIfd {
    return this.movedFirst ?? this.originalFirst;
  }

  static async write(
    layout: FileLayout,
    plan: SeriesPlan,
    placement: Placement,
    source: PageSource,
    links: GrowthLinks = 'deferred',
  ): Promise<ContiguousSeries> {
    const ifdOffset = even(layout.eof);
    const ifdLength = ifdLengths(plan, layout.format).first;
    const dataOffset = alignUp(ifdOffset + ifdLength, plan.align);
    const ifd = encodeIfd(
      pageEntries(plan, true, segmentOffsets(plan, dataOffset), plan.segments.stored),
      ifdOffset,
      layout.format,
    );
    const series = new ContiguousSeries(plan, placement, ifd, dataOffset, links);
    series.head = placement.kind === 'main' ? layout.chainTail : undefined;
    if (plan.stored.frames > 1) await series.loadClone();
    // Reserve the IFD's bytes first, so that the data (and the sparse end of empty data) follows them.
    layout.eof = Math.max(layout.eof, ifdOffset + ifd.bytes.length);
    await writeBlock(layout, source, dataOffset, plan.stored.frames * plan.segments.pageBytes);
    series.recordSlots(ifd);
    const pageBytes = plan.segments.pageBytes;
    const later = series.linksEachCall ? series.laterIfds(layout, 1, series.frames, dataOffset + pageBytes, false) : [];
    await writeIfds(layout, [ifd, ...later], placement, 0);
    series.laidOut = 1 + later.length;
    return series;
  }

  private async loadClone(): Promise<void> {
    this.clone ??= (await import('./clone-ifd.js')).cloneIfd;
  }

  /** Each call's pages are linked before it resolves (else at the series' end). */
  private get linksEachCall(): boolean {
    return this.links !== 'deferred' && !this.plan.truncate;
  }

  /** Grow the series by the pages of a contiguous call, written at the end of the file. */
  async append(
    layout: FileLayout,
    source: PageSource,
    beforeLink?: () => Promise<void>,
  ): Promise<{ offset: number; byteCount: number }> {
    await this.loadClone();
    const offset = layout.eof;
    const byteCount = source.frames * this.plan.segments.pageBytes;
    if (!this.linksEachCall && offset !== this.dataOffset + this.frames * this.plan.segments.pageBytes) {
      throw new Error('internal: the data of a deferred contiguous series is no longer one block');
    }
    const first = this.frames;
    const keyframe = this.links === 'keyframe';
    const head = keyframe && !this.movedFirst ? this.head : undefined;
    // Linked into the main chain, the call's IFDs (and the text `beforeLink` stages) go to the sink first,
    // right after the data's place: nothing links them yet, and a sink that gathers small writes
    // (FileSink) then writes the data and them in one system call.
    const tailFirst = this.linksEachCall && head === undefined && this.placement.kind === 'main';
    const end = first + source.frames;
    const ifds = tailFirst ? this.laterIfds(layout, first, end, offset, keyframe, offset + byteCount) : [];
    // The byte before an IFD at an even offset is written too (a zero): the data's bytes and the IFDs' meet.
    if (tailFirst && (offset + byteCount) % 2 === 1) await layout.write(new Uint8Array(1), offset + byteCount);
    await writeChained(layout, ifds, 0);
    this.frames = end; // a staged text describes the series with this call's pages
    this.calls += 1;
    try {
      if (tailFirst) await beforeLink?.();
      await writeBlock(layout, source, offset, byteCount);
    } catch (error) {
      [this.frames, this.calls] = [first, this.calls - 1];
      throw error;
    }
    if (tailFirst) {
      await layout.appendToChain(ifds[0] as EncodedIfd, ifds.at(-1) as EncodedIfd, ifds.length);
    } else if (this.linksEachCall) {
      const later = this.laterIfds(layout, first, end, offset, keyframe);
      if (head !== undefined) await this.growMovingFirst(layout, head, later);
      else await writeIfds(layout, later, this.placement, first, beforeLink);
    }
    if (this.linksEachCall) this.laidOut = end;
    return { offset, byteCount };
  }

  /**
   * The first growth of a shaped series: its new IFDs, then a copy of the first IFD after them (with
   * room for two copies of its JSON), linked in place of the first by one pointer write. tifffile reads
   * a shaped series as one block from its first page's data when the second page's IFD lies more than
   * the series' size past the first IFD: right for a series written in one call, wrong once IFDs lie
   * between the pages' data and the pages are smaller than the first IFD. With the first IFD after the
   * second, that test never passes.
   */
  private async growMovingFirst(layout: FileLayout, head: number, ifds: readonly EncodedIfd[]): Promise<void> {
    const { plan, originalFirst } = this;
    const last = ifds.at(-1) as EncodedIfd;
    await writeChained(layout, ifds, 0);
    const entries = pageEntries(plan, true, segmentOffsets(plan, this.dataOffset), plan.segments.stored).map((entry) =>
      entry.label === 'metadata' ? { ...entry, reserve: doubledReserve(entry) } : entry,
    );
    const moved = encodeIfd(entries, even(layout.eof), layout.format);
    const firstCallPages = this.laidOut;
    if (firstCallPages > 1) {
      // The first call's other pages follow the copy; the new ones are linked after them.
      await writeChained(layout, [moved], this.secondIfdOffset);
      await layout.relink(head, originalFirst, moved);
      await layout.appendToChain(ifds[0] as EncodedIfd, last, ifds.length);
    } else {
      // One pointer write links the copy and, after it, the new pages.
      await writeChained(layout, [moved], (ifds[0] as EncodedIfd).offset);
      await layout.relink(head, originalFirst, moved, { last, count: ifds.length });
    }
    this.movedFirst = moved;
  }

  private recordSlots(ifd: EncodedIfd): void {
    const slots = labelled(ifd, 'subifds');
    if (slots) this.subIfdSlots.push(slots);
  }

  /**
   * The IFDs of pages `first…end - 1`, whose data starts at `dataAt`, laid out from `from` (the end of
   * the file); with `keyframe`, the first of them carries the first-page tags.
   */
  private laterIfds(
    layout: FileLayout,
    first: number,
    end: number,
    dataAt: number,
    keyframe: boolean,
    from = layout.eof,
  ): EncodedIfd[] {
    const { plan } = this;
    const { format } = layout;
    let at = even(from);
    const ifds: EncodedIfd[] = [];
    for (let page = first; page < end; page++) {
      const offsets = segmentOffsets(plan, dataAt + (page - first) * plan.segments.pageBytes);
      const key = keyframe && page === first;
      const template = key ? this.keyTemplate : this.template;
      const ifd = template
        ? (this.clone as typeof cloneIfd)(template, at, offsets, format)
        : encodeIfd(pageEntries(plan, key, offsets, plan.segments.stored), at, format);
      if (key) this.keyTemplate ??= ifd;
      else this.template ??= ifd;
      ifds.push(ifd);
      if (page === 1) this.secondIfdOffset = ifd.offset;
      this.recordSlots(ifd);
      at += ifd.bytes.length;
    }
    return ifds;
  }

  /**
   * An upper bound of where the file ends once the series is finished: its deferred IFDs, and its
   * metadata description rewritten at the end of the file when it no longer fits its place.
   */
  endBound(eof: number, format: TiffFormat): number {
    const { plan } = this;
    const ifds = plan.truncate ? 0 : (this.frames - this.laidOut) * ifdLengths(plan, format).other;
    const description = labelled(this.firstIfd, 'metadata')?.capacity ?? 0;
    return even(eof) + ifds + even(description + 64);
  }

  /**
   * Write the IFDs the series deferred (none for truncated series). `truncateBeyondClassic`: in a
   * classic file whose IFDs would lie beyond 4 GiB, keep the first IFD only (ImageJ's convention,
   * tifffile's too).
   */
  async finish(layout: FileLayout, warn: Warn, truncateBeyondClassic: boolean): Promise<void> {
    const { plan } = this;
    const missing = this.frames - this.laidOut;
    let truncate = plan.truncate;
    if (truncateBeyondClassic && !layout.format.bigtiff && !truncate && missing > 0) {
      const end = even(layout.eof) + missing * ifdLengths(plan, layout.format).other;
      if (end > layout.format.maxOffset) {
        warn(
          'imagej-truncated',
          'truncating the ImageJ file: its IFDs would lie beyond 4 GiB; ImageJ reads the pages from images= (other readers see one page)',
        );
        truncate = true;
      }
    }
    if (missing > 0 && !truncate) {
      const first = this.laidOut;
      const dataAt = this.dataOffset + first * plan.segments.pageBytes;
      await writeIfds(layout, this.laterIfds(layout, first, this.frames, dataAt, false), this.placement, first);
      this.laidOut = this.frames;
    }
  }
}

/** Room for a second copy of a text value and a few more digits (layout/rewritable-text.ts). */
function doubledReserve(entry: IfdEntry): number {
  const value = entry.value as { readonly packed?: Uint8Array };
  return (entry.reserve ?? 0) + (value.packed?.length ?? 0) + 64;
}

/** Write `length` bytes of series data at `offset`, chunk by chunk; zero runs stay sparse where they may. */
async function writeBlock(layout: FileLayout, source: PageSource, offset: number, length: number): Promise<void> {
  let at = offset;
  for await (const chunk of source.pageChunks(CHUNK_BYTES)) {
    if (typeof chunk === 'number') {
      if (chunk > ZERO_WRITE_LIMIT && layout.sparse) {
        at += chunk;
        continue; // the sparse end byte is written below, or by the next chunk
      }
      await layout.write(new Uint8Array(chunk), at);
      at += chunk;
    } else {
      await layout.write(chunk, at);
      at += chunk.length;
    }
  }
  await source.end();
  if (at !== offset + length) throw new Error(`internal: wrote ${at - offset} of ${length} bytes`);
  // A sparse tail: the file must still reach the end of the block.
  if (length > 0 && layout.eof < offset + length) await layout.write(new Uint8Array(1), offset + length - 1);
}
