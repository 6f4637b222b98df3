import type { EncoderPool } from '@tiffkit/tiff-codecs';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { EncodedIfd, PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { PageSource } from '../encode/page-source.js';
import type { SeriesInput } from '../intake/intake.js';
import type { WriteResult } from '../options.js';
import { checkClassicLimit } from '../plan/classic-limit.js';
import { labelled } from '../plan/entry-labels.js';
import type { PreviousSeries } from '../plan/growth.js';
import type { LayoutRules, SeriesPlan, Warn } from '../plan/series-plan.js';
import { ContiguousSeries } from './contiguous-series.js';
import type { FileLayout } from './file-layout.js';
import type { Placement } from './placement.js';
import type { SeriesMetadata } from './series-metadata.js';
import type { SubIfdLevels } from './sub-ifd-levels.js';

/** A series planned and about to be written. */
export interface SeriesJob {
  readonly plan: SeriesPlan;
  /** The data, shaped as the plan wants it (ImageJ: TZCYXS). */
  readonly input: SeriesInput;
  /** A SubIFD level of the previous main series. */
  readonly level: boolean;
  /** The metadata format's handle of the series. */
  readonly metadata: SeriesMetadata;
  readonly rules: LayoutRules;
  /** The shape the caller gave, which later contiguous calls must repeat. */
  readonly callShape: readonly number[];
}

/** The last series written: what a `contiguous` write may grow. */
interface LastSeries extends SeriesJob {
  /** Its data, while it may still grow (a contiguous block whose later IFDs wait for its end). */
  readonly growing: ContiguousSeries | undefined;
}

/**
 * The lay-out stage of a file's series: writes each planned series (a contiguous block, or page by
 * page through the encoder), grows the last one, links SubIFD levels to their parents, and ends a
 * series when the next one starts or the file closes.
 */
export class SeriesWriter {
  private last: LastSeries | undefined;
  /** The SubIFD levels the last main series asked for. */
  private levels: SubIfdLevels | undefined;
  /** The ImageDescription `overwriteDescription()` replaces: the last series' own. */
  descriptionTarget: PlacedEntry | undefined;

  constructor(
    readonly layout: FileLayout,
    private readonly warn: Warn,
    /** The writer's hold on the shared encoder pool, with at least `size` workers. */
    private readonly leasePool: (size: number) => Promise<EncoderPool>,
  ) {}

  /** The last series, as a `contiguous` write sees it. */
  previous(): PreviousSeries | undefined {
    const { last } = this;
    if (!last) return undefined;
    return {
      plan: last.plan,
      shape: last.growing ? last.callShape : last.plan.shape,
      growable: last.growing !== undefined,
      hasLevels: this.levels !== undefined,
    };
  }

  /** The next series is a SubIFD level of the last main series. */
  get levelExpected(): boolean {
    return this.levels?.expecting === true;
  }

  /** A level must match its parent (one page per parent page, not truncated). */
  checkLevel(plan: SeriesPlan): void {
    this.levels?.check(plan);
  }

  /** An upper bound of where the file ends once the growing series is finished. */
  end(): number {
    return this.last?.growing?.endBound(this.layout.eof, this.layout.format) ?? this.layout.eof;
  }

  /** Before the data of a growth: the file stays within its limits, and the format can describe it. */
  checkGrowth(): void {
    const { last, layout } = this;
    const growing = last?.growing as ContiguousSeries;
    const frames = growing.plan.stored.frames;
    checkClassicLimit(growing.plan, frames, {
      format: layout.format,
      end: layout.eof,
      appendAt: layout.eof,
      pendingFrames: growing.frames,
      truncatable: last?.rules.truncateBeyondClassic === true,
    });
    last?.metadata.checkGrowth(growing.calls + 1, frames);
  }

  /** Grow the last series by the pages of one more contiguous call (checked by `checkGrowth`). */
  grow(input: SeriesInput): Promise<WriteResult> {
    const growing = this.last?.growing as ContiguousSeries;
    const frames = growing.plan.stored.frames;
    return growing.append(
      this.layout,
      new PageSource(growing.plan, input, this.layout.format.byteOrder, frames),
      frames,
    );
  }

  /**
   * Write a series; when its data turns out bad part-way (an iterator that ends early or yields a
   * wrong item), unlink the pages written so far, so the file stays what it was before this call.
   */
  async write(job: SeriesJob): Promise<WriteResult | undefined> {
    await this.endLast();
    if (!job.level) await this.closeLevels();
    const mark = this.layout.chainMark();
    try {
      return await this.writeSeries(job);
    } catch (error) {
      const dataError = error instanceof TiffError && error.code === 'INVALID_DATA' && job.input.kind === 'iterator';
      if (!dataError || job.level) throw error;
      await this.layout.cutChain(mark);
      throw new TiffError('INVALID_DATA', `${error.message}; nothing of this series was kept`, {
        option: 'data',
        cause: error,
      });
    }
  }

  private async writeSeries(job: SeriesJob): Promise<WriteResult | undefined> {
    const { plan, level } = job;
    const { layout } = this;
    // SubIFD bookkeeping is loaded for series with levels only, before any of their bytes.
    const Levels = !level && plan.subIfds ? (await import('./sub-ifd-levels.js')).SubIfdLevels : undefined;
    const firstIfdIndex = layout.mainIfds;
    const placement: Placement =
      level && this.levels ? this.levels.nextLevel(layout.format.offsetSize) : { kind: 'main' };
    const source = new PageSource(plan, job.input, layout.format.byteOrder, plan.stored.frames);
    let written: { readonly firstIfd: EncodedIfd; readonly subIfdSlots: readonly PlacedEntry[] };
    let growing: ContiguousSeries | undefined;
    if (plan.contiguousCapable) {
      growing = await ContiguousSeries.write(layout, plan, placement, source, job.callShape);
      written = growing; // its SubIFD slots grow to all pages when the series is finished
    } else {
      // Segment by segment (tiles, strips, codecs, bit packing): loaded only for the writes that need it.
      const [{ SegmentEncoder }, { writeSegmentedSeries }] = await Promise.all([
        import('../encode/encoder.js'),
        import('./segmented-series.js'),
      ]);
      const encoder = new SegmentEncoder(plan, layout.format.byteOrder, plan.encoding, this.leasePool);
      written = await writeSegmentedSeries(layout, plan, placement, source, encoder);
    }
    job.metadata.written(written.firstIfd, firstIfdIndex);
    this.last = { ...job, growing };
    // A series written page by page is complete at once.
    if (!growing) await job.metadata.finish(layout, 1, plan.stored.frames);
    const description = labelled(written.firstIfd, 'metadata') ?? labelled(written.firstIfd, 'description');
    if (description) this.descriptionTarget = description;
    if (Levels && plan.subIfds)
      this.levels = new Levels(plan.stored.frames, plan.subIfds.count, plan.subIfds.chain, written.subIfdSlots);
    return growing && plan.returnOffset
      ? { offset: growing.dataOffset, byteCount: plan.segments.pageBytes }
      : undefined;
  }

  /** The SubIFD levels of the last main series are over: parents lose the slots of missing levels. */
  async closeLevels(): Promise<void> {
    const levels = this.levels;
    this.levels = undefined;
    await levels?.close(this.layout, this.warn);
  }

  /** End the growing series: write its later IFDs and let its format describe what it became. */
  async endLast(): Promise<void> {
    const last = this.last;
    if (!last?.growing) return;
    this.last = undefined;
    const { growing } = last;
    await growing.finish(this.layout, this.warn, last.rules.truncateBeyondClassic);
    const moved = await last.metadata.finish(this.layout, growing.calls, growing.frames);
    const target = this.descriptionTarget;
    if (moved && target && target.entryOffset === moved.entryOffset) this.descriptionTarget = moved;
  }
}
