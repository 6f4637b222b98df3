import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import { type EncodedIfd, encodeIfd, type PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import type { PageSource } from '../encode/page-source.js';
import { alignUp, even } from '../plan/alignment.js';
import { labelled } from '../plan/entry-labels.js';
import { ifdLengths, pageEntries } from '../plan/page-entries.js';
import type { SeriesPlan, Warn } from '../plan/series-plan.js';
import { cloneIfd } from './clone-ifd.js';
import type { FileLayout } from './file-layout.js';
import { type Placement, writeIfds } from './placement.js';

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
 * A series whose data is one contiguous block (uncompressed strips, or one tile per page): the first
 * page's IFD, then all data; the other pages' IFDs are written when the series ends, so that later
 * `contiguous` writes can grow the block.
 */
export class ContiguousSeries {
  frames: number;
  calls = 1;
  /** Each page's SubIFDs entry (when the plan asks for SubIFDs). */
  readonly subIfdSlots: PlacedEntry[] = [];

  private constructor(
    readonly plan: SeriesPlan,
    readonly placement: Placement,
    readonly firstIfd: EncodedIfd,
    readonly dataOffset: number,
    /** Shape of one `write()` call as the caller gave it: later contiguous calls must match it. */
    readonly callShape: readonly number[],
  ) {
    this.frames = plan.stored.frames;
  }

  static async write(
    layout: FileLayout,
    plan: SeriesPlan,
    placement: Placement,
    source: PageSource,
    callShape: readonly number[] = plan.shape,
  ): Promise<ContiguousSeries> {
    const ifdOffset = even(layout.eof);
    const ifdLength = ifdLengths(plan, layout.format).first;
    const dataOffset = alignUp(ifdOffset + ifdLength, plan.align);
    const ifd = encodeIfd(
      pageEntries(plan, true, segmentOffsets(plan, dataOffset), plan.segments.stored),
      ifdOffset,
      layout.format,
    );
    const series = new ContiguousSeries(plan, placement, ifd, dataOffset, callShape);
    // Reserve the IFD's bytes first, so that the data (and the sparse end of empty data) follows them.
    layout.eof = Math.max(layout.eof, ifdOffset + ifd.bytes.length);
    await writeBlock(layout, source, dataOffset, plan.stored.frames * plan.segments.pageBytes);
    await writeIfds(layout, [ifd], placement, 0);
    series.recordSlots(ifd);
    return series;
  }

  /** Grow the series by the pages of a contiguous call, written right after the previous data. */
  async append(layout: FileLayout, source: PageSource, frames: number): Promise<{ offset: number; byteCount: number }> {
    const offset = layout.eof;
    const byteCount = frames * this.plan.segments.pageBytes;
    await writeBlock(layout, source, offset, byteCount);
    this.frames += frames;
    this.calls += 1;
    return { offset, byteCount };
  }

  /** Where the data of page `page` starts. */
  pageOffset(page: number): number {
    return this.dataOffset + page * this.plan.segments.pageBytes;
  }

  private recordSlots(ifd: EncodedIfd): void {
    const slots = labelled(ifd, 'subifds');
    if (slots) this.subIfdSlots.push(slots);
  }

  /**
   * An upper bound of where the file ends once the series is finished: its later IFDs, and its
   * metadata description rewritten at the end of the file when it no longer fits its place.
   */
  endBound(eof: number, format: TiffFormat): number {
    const { plan } = this;
    const ifds = plan.truncate ? 0 : (this.frames - 1) * ifdLengths(plan, format).other;
    const description = labelled(this.firstIfd, 'metadata')?.capacity ?? 0;
    return even(eof) + ifds + even(description + 64);
  }

  /**
   * Write the IFDs of pages 2..N (none for truncated series). `truncateBeyondClassic`: in a classic
   * file whose IFDs would lie beyond 4 GiB, keep the first IFD only (ImageJ's convention, tifffile's too).
   */
  async finish(layout: FileLayout, warn: Warn, truncateBeyondClassic: boolean): Promise<void> {
    const { plan } = this;
    let truncate = plan.truncate;
    if (truncateBeyondClassic && !layout.format.bigtiff && !truncate && this.frames > 1) {
      const end = even(layout.eof) + (this.frames - 1) * ifdLengths(plan, layout.format).other;
      if (end > layout.format.maxOffset) {
        warn(
          'imagej-truncated',
          'truncating the ImageJ file: its IFDs would lie beyond 4 GiB; ImageJ reads the pages from images= (other readers see one page)',
        );
        truncate = true;
      }
    }
    if (this.frames > 1 && !truncate) {
      let at = even(layout.eof);
      const ifds: EncodedIfd[] = [];
      for (let page = 1; page < this.frames; page++) {
        const offsets = segmentOffsets(plan, this.pageOffset(page));
        const template = ifds[0];
        const ifd = template
          ? cloneIfd(template, at, offsets, layout.format)
          : encodeIfd(pageEntries(plan, false, offsets, plan.segments.stored), at, layout.format);
        ifds.push(ifd);
        this.recordSlots(ifd);
        at += ifd.bytes.length;
      }
      await writeIfds(layout, ifds, this.placement, 1);
    }
  }
}

/** Write `length` bytes of series data at `offset`, chunk by chunk; zero runs stay sparse. */
async function writeBlock(layout: FileLayout, source: PageSource, offset: number, length: number): Promise<void> {
  let at = offset;
  for await (const chunk of source.pageChunks(CHUNK_BYTES)) {
    if (typeof chunk === 'number') {
      if (chunk > ZERO_WRITE_LIMIT) {
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
