import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import type { PoolLease } from '../encode/encoder.js';
import { PageSource } from '../encode/page-source.js';
import type { SeriesInput } from '../intake/intake.js';
import type { WriteResult } from '../options.js';
import { checkClassicLimit } from '../plan/classic-limit.js';
import { labelled } from '../plan/entry-labels.js';
import type { PreviousSeries } from '../plan/growth.js';
import type { LayoutRules, SeriesPlan, Warn } from '../plan/series-plan.js';
import { ContiguousSeries } from './contiguous-series.js';
import type { FileLayout } from './file-layout.js';
import type { GrowingSeries, GrowthLinks } from './growing-series.js';
import type { Placement } from './placement.js';
import type { SeriesMetadata } from './series-metadata.js';
import type { SubIfdLevels } from './sub-ifd-levels.js';

/** The text rewriting of crash-safe growth is loaded (by the first growth: an import() costs microseconds). */
let rewritableTextLoaded = false;

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
  /** Its pages, while it may still grow. */
  readonly growing: GrowingSeries | undefined;
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
  /** Pages of the main series whose write() calls completed. */
  framesWritten = 0;

  constructor(
    readonly layout: FileLayout,
    private readonly warn: Warn,
    /** The writer's hold on the shared encoder pool, with at least `size` workers. */
    private readonly leasePool: PoolLease,
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
      crashSafe: this.layout.durability.crashSafe,
      blockData: last.rules.growthLinks === 'deferred',
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
    const growing = last?.growing as GrowingSeries;
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
  async grow(input: SeriesInput): Promise<WriteResult | undefined> {
    const last = this.last as LastSeries;
    const growing = last.growing as GrowingSeries;
    // Crash-safe, a growth rewrites its format's text: its module is loaded before the growth's first byte.
    if (this.layout.durability.crashSafe && !rewritableTextLoaded) {
      await import('./rewritable-text.js');
      rewritableTextLoaded = true;
    }
    const frames = growing.plan.stored.frames;
    const firstIfd = growing.firstIfd;
    const stage = last.metadata.stage?.bind(last.metadata);
    const result = await growing.append(
      this.layout,
      new PageSource(growing.plan, input, this.layout.format.byteOrder, frames),
      stage && this.layout.durability.crashSafe ? () => stage(this.layout, growing.calls, growing.frames) : undefined,
    );
    if (growing.firstIfd !== firstIfd) {
      last.metadata.moved?.(growing.firstIfd);
      this.descriptionTarget = labelled(growing.firstIfd, 'metadata') ?? this.descriptionTarget;
    }
    await this.committed(last, growing.calls, growing.frames, frames);
    return result;
  }

  /**
   * A call of `last` is complete, its series now `calls` calls of `pages` pages: crash-safe, its format
   * brings the metadata up to date before the call resolves.
   */
  private async committed(last: SeriesJob, calls: number, pages: number, added: number): Promise<void> {
    if (this.layout.durability.crashSafe) {
      const moved = await last.metadata.committed(this.layout, calls, pages);
      if (moved) this.descriptionTarget = moved;
    }
    if (!last.level) this.framesWritten += added;
  }

  /** How the pages of `job`'s series are linked as it grows. */
  private linksOf(job: SeriesJob): GrowthLinks {
    return this.layout.durability.crashSafe ? job.rules.growthLinks : 'deferred';
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
    const links = this.linksOf(job);
    let written: GrowingSeries;
    if (plan.contiguousCapable) {
      written = await ContiguousSeries.write(layout, plan, placement, source, links);
    } else {
      // Segment by segment (tiles, strips, codecs, bit packing): loaded only for the writes that need it.
      const [{ SegmentEncoder }, { SegmentedSeries }] = await Promise.all([
        import('../encode/encoder.js'),
        import('./segmented-series.js'),
      ]);
      const encoder = new SegmentEncoder(plan, layout.format.byteOrder, plan.encoding, this.leasePool);
      written = await SegmentedSeries.write(layout, plan, placement, source, encoder, links);
    }
    job.metadata.written(written.firstIfd, firstIfdIndex);
    // Deferred (tifffile's layout), only a contiguous block can grow: its IFDs wait for its end.
    const growing = plan.contiguousCapable || links !== 'deferred' ? written : undefined;
    this.last = { ...job, growing };
    const description = labelled(written.firstIfd, 'metadata') ?? labelled(written.firstIfd, 'description');
    if (description) this.descriptionTarget = description;
    // A series that cannot grow is complete at once.
    if (!growing) await job.metadata.finish(layout, 1, plan.stored.frames);
    await this.committed(job, 1, plan.stored.frames, plan.stored.frames);
    if (Levels && plan.subIfds)
      this.levels = new Levels(plan.stored.frames, plan.subIfds.count, plan.subIfds.chain, written.subIfdSlots);
    return written.dataOffset !== undefined && plan.returnOffset
      ? { offset: written.dataOffset, byteCount: plan.segments.pageBytes }
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
