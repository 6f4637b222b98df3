import { EncoderPool } from '@tiffkit/tiff-codecs';
import { invalidOption, type PlacedEntry, type Sink, TiffError, type TiffFormat } from '@tiffkit/tiff-core';
import { emitWarning } from '#platform';
import { downsample } from './encode/downsample.js';
import { SegmentEncoder } from './encode/encoder.js';
import { PageSource } from './encode/page-source.js';
import { createFormat, kindByName } from './formats/create-format.js';
import type { FormatSeries, MetadataFormat } from './formats/format.js';
import { intake, type SeriesInput } from './intake/intake.js';
import { isIterable } from './intake/iterators.js';
import { ContiguousSeries } from './layout/contiguous-series.js';
import type { FileLayout } from './layout/file-layout.js';
import { openLayout } from './layout/open-layout.js';
import type { Placement } from './layout/placement.js';
import { writeSegmentedSeries } from './layout/segmented-series.js';
import { SubIfdLevels } from './layout/sub-ifd-levels.js';
import type {
  FileTarget,
  OpenOptions,
  TiffWarning,
  WriteData,
  WriteOptions,
  WriteResult,
  WriterKind,
} from './options.js';
import { checkClassicLimit } from './plan/classic-limit.js';
import { labelled } from './plan/entry-labels.js';
import { growsPrevious } from './plan/growth.js';
import { planSeries } from './plan/plan-series.js';
import { levelOptions, parsePyramid } from './plan/pyramid-options.js';
import type { LayoutRules, SeriesPlan } from './plan/series-plan.js';
import { asciiTagBytes } from './plan/tag-values.js';

/** A series planned and about to be written. */
interface SeriesJob {
  readonly plan: SeriesPlan;
  /** The data, shaped as the plan wants it (ImageJ: TZCYXS). */
  readonly input: SeriesInput;
  /** A SubIFD level of the previous main series. */
  readonly level: boolean;
  readonly format: FormatSeries;
  readonly rules: LayoutRules;
  /** The shape the caller gave, which later contiguous calls must repeat. */
  readonly callShape: readonly number[];
}

/** The last series written: what a `contiguous` write may grow, and what ends it. */
interface LastSeries extends SeriesJob {
  /** Its data, while it may still grow (a contiguous block whose later IFDs wait for its end). */
  readonly growing: ContiguousSeries | undefined;
}

/**
 * Writes series of N-D arrays into one TIFF file, as tifffile's `TiffWriter`. Calls are serialised:
 * a `write()` started before the previous one finished waits for it.
 */
export class TiffWriter implements AsyncDisposable {
  /** The container format: classic or BigTIFF, byte order, offset size. */
  readonly tiff: TiffFormat;
  /** The sink the file is written to. */
  readonly filehandle: Sink;

  /** The metadata format; undefined until the first write() when the open options left it to the file name. */
  private format: MetadataFormat | undefined;
  private last: LastSeries | undefined;
  /** The SubIFD levels the last main series asked for. */
  private levels: SubIfdLevels | undefined;
  /** The ImageDescription `overwriteDescription()` replaces. */
  private descriptionTarget: PlacedEntry | undefined;
  private pool: EncoderPool | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private state: 'open' | 'closed' | 'failed' = 'open';
  private readonly onWarning: (warning: TiffWarning) => void;

  private constructor(
    private readonly layout: FileLayout,
    options: OpenOptions,
    kind: WriterKind | undefined,
    /** The file name, for OME-TIFF detection (`*.ome.tif`). */
    private readonly fileName: string | undefined,
  ) {
    this.filehandle = layout.sink;
    this.tiff = layout.format;
    this.onWarning = options.onWarning ?? emitWarning;
    if (kind) this.format = createFormat(kind, this.tiff, this.warn);
  }

  /** Open `file` for writing and write the TIFF header (or, appending, read the existing file). */
  static async open(file: FileTarget, options: OpenOptions = {}): Promise<TiffWriter> {
    const { layout, kind, name } = await openLayout(file, options);
    return new TiffWriter(layout, options, kind, name);
  }

  /** Run `task` after every earlier call has finished. */
  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private warn = (code: string, message: string): void => {
    this.onWarning({ code, message });
  };

  private assertWritable(): void {
    if (this.state === 'closed') throw new TiffError('WRITER_CLOSED', 'the TiffWriter is closed');
    if (this.state === 'failed') {
      throw new TiffError('WRITER_FAILED', 'an earlier write failed part-way; close() the writer and start a new file');
    }
  }

  /**
   * Writes that touch the sink. A failure part-way leaves the file in an unknown state, so the writer
   * stops; errors other than TiffErrors (a custom sink's) are wrapped so callers see one error type.
   */
  private async io<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      // A data error that was rolled back leaves the file consistent: the writer stays usable.
      const rolledBack =
        error instanceof TiffError && error.code === 'INVALID_DATA' && error.cause instanceof TiffError;
      if (!rolledBack) this.state = 'failed';
      if (error instanceof TiffError) throw error;
      throw new TiffError('SINK_ERROR', `the sink failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * Write `data` as a new series (or, with `contiguous: true`, grow the previous one). Every option is
   * validated before anything is written.
   */
  write(data: WriteData, options: WriteOptions = {}): Promise<WriteResult | undefined> {
    return this.serialise(async () => {
      this.assertWritable();
      if (typeof options !== 'object' || options === null) throw invalidOption('options', options, 'an options object');
      if (options.pyramid !== undefined && options.pyramid !== null) return this.writePyramid(data, options);
      return (await this.writeOne(data, options)).result;
    });
  }

  /** One write() call: a new series, or the growth of the previous one. */
  private async writeOne(
    data: WriteData,
    options: WriteOptions,
  ): Promise<{ result: WriteResult | undefined; plan: SeriesPlan; input: SeriesInput }> {
    const input = await intake(data, options);
    const { last } = this;
    const previous = last && {
      plan: last.plan,
      shape: last.growing ? last.callShape : last.plan.shape,
      growable: last.growing !== undefined,
      hasLevels: this.levels !== undefined,
    };
    if (options.contiguous === true && last?.growing && growsPrevious(previous, input, options)) {
      return { result: await this.grow(last, last.growing, input, options), plan: last.plan, input };
    }
    // growsPrevious refuses growth that cannot be written, whatever the last series was.
    if (options.contiguous === true && !last?.growing) growsPrevious(previous, input, options);
    const level = this.levels?.expecting === true;
    const format = this.format ?? createFormat(kindByName(this.fileName, options), this.tiff, this.warn);
    const context = { byteOrder: this.tiff.byteOrder, warn: this.warn, level, mainIfds: this.layout.mainIfds };
    const prepared = format.prepare(input, options, context);
    const { rules } = prepared;
    const plan = planSeries(prepared.input, prepared.options, prepared.entries, {
      format: this.tiff,
      level,
      rules,
      warn: this.warn,
    });
    if (level) this.levels?.check(plan);
    const series = prepared.begin(plan);
    checkClassicLimit(plan, plan.stored.frames, {
      format: this.tiff,
      end: last?.growing?.endBound(this.layout.eof, this.tiff) ?? this.layout.eof,
      truncatable: rules.truncateBeyondClassic,
    });
    this.format = format;
    const job = { plan, input: prepared.input, level, format: series, rules, callShape: input.shape };
    const result = await this.io(() => this.writeSeriesOrRollBack(job));
    return { result, plan, input: prepared.input };
  }

  /** Grow the last series by the pages of one more contiguous call, after checking it can be described. */
  private async grow(
    last: LastSeries,
    growing: ContiguousSeries,
    input: SeriesInput,
    options: WriteOptions,
  ): Promise<WriteResult | undefined> {
    const frames = last.plan.stored.frames;
    checkClassicLimit(last.plan, frames, {
      format: this.tiff,
      end: this.layout.eof,
      appendAt: this.layout.eof,
      pendingFrames: growing.frames,
      truncatable: last.rules.truncateBeyondClassic,
    });
    last.format.checkGrowth(growing.calls + 1, frames);
    const source = new PageSource(last.plan, input, this.tiff.byteOrder, frames);
    const result = await this.io(() => growing.append(this.layout, source, frames));
    return options.returnOffset ? result : undefined;
  }

  /**
   * A series and its pyramid: the full resolution with SubIFD slots, then every level computed from the
   * one above (2× smaller), encoded with the same options as SubIFDs of each page.
   */
  private async writePyramid(data: WriteData, options: WriteOptions): Promise<WriteResult | undefined> {
    const { levels, method } = parsePyramid(options);
    if (data === null || data === undefined || isIterable(data)) {
      throw new TiffError(
        'UNSUPPORTED',
        'pyramid needs the image as an array: levels are computed from it (not from null or an iterator)',
        { option: 'pyramid' },
      );
    }
    const main = await this.writeOne(data, { ...options, pyramid: undefined, subIfds: levels });
    let { plan } = main;
    let array = (main.input as Extract<SeriesInput, { kind: 'array' }>).array;
    const reduced = levelOptions(options, plan.layout);
    for (let k = 0; k < levels; k++) {
      const level = downsample(array, plan.stored, plan, method);
      const written = await this.writeOne({ data: level.data, shape: level.shape, dtype: plan.dtype.name }, reduced);
      plan = written.plan;
      array = (written.input as Extract<SeriesInput, { kind: 'array' }>).array;
    }
    return main.result;
  }

  /**
   * Write a series; when its data turns out bad part-way (an iterator that ends early or yields a
   * wrong item), unlink the pages written so far, so the file stays what it was before this call.
   */
  private async writeSeriesOrRollBack(job: SeriesJob): Promise<WriteResult | undefined> {
    await this.endLastSeries();
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
    const { plan, input, level } = job;
    const firstIfdIndex = this.layout.mainIfds;
    const placement: Placement = level && this.levels ? this.levels.nextLevel(this.tiff.offsetSize) : { kind: 'main' };
    const source = new PageSource(plan, input, this.tiff.byteOrder, plan.stored.frames);
    let written: { readonly firstIfd: ContiguousSeries['firstIfd']; readonly subIfdSlots: readonly PlacedEntry[] };
    let growing: ContiguousSeries | undefined;
    if (plan.contiguousCapable) {
      growing = await ContiguousSeries.write(this.layout, plan, placement, source, job.callShape);
      written = growing; // its SubIFD slots grow to all pages when the series is finished
    } else {
      const encoder = new SegmentEncoder(plan, this.tiff.byteOrder, plan.encoding, (size) => this.leasePool(size));
      written = await writeSegmentedSeries(this.layout, plan, placement, source, encoder);
    }
    job.format.written(written.firstIfd, firstIfdIndex);
    this.last = { ...job, growing };
    // A series written page by page is complete at once.
    if (!growing) await job.format.finish(this.layout, 1, plan.stored.frames);
    const description = labelled(written.firstIfd, 'metadata') ?? labelled(written.firstIfd, 'description');
    if (description) this.descriptionTarget = description;
    if (!level && plan.subIfds)
      this.levels = new SubIfdLevels(plan.stored.frames, plan.subIfds.count, plan.subIfds.chain, written.subIfdSlots);
    return growing && plan.returnOffset
      ? { offset: growing.dataOffset, byteCount: plan.segments.pageBytes }
      : undefined;
  }

  /** This writer's hold on the shared encoder pool, grown to `size` workers; released at close. */
  private leasePool(size: number): EncoderPool {
    if (!this.pool || this.pool.size < size) {
      const previous = this.pool;
      this.pool = EncoderPool.acquire(size);
      void previous?.release();
    }
    return this.pool;
  }

  /** The SubIFD levels of the last main series are over: parents lose the slots of missing levels. */
  private async closeLevels(): Promise<void> {
    const levels = this.levels;
    this.levels = undefined;
    await levels?.close(this.layout, this.warn);
  }

  /** End the growing series: write its later IFDs and let its format describe what it became. */
  private async endLastSeries(): Promise<void> {
    const last = this.last;
    if (!last?.growing) return;
    this.last = undefined;
    const { growing } = last;
    await growing.finish(this.layout, this.warn, last.rules.truncateBeyondClassic);
    const moved = await last.format.finish(this.layout, growing.calls, growing.frames);
    const target = this.descriptionTarget;
    if (moved && target && target.entryOffset === moved.entryOffset) this.descriptionTarget = moved;
  }

  /**
   * Replace the ImageDescription of the last series (its shaped JSON, or the description it was
   * given when written without metadata), in place when it fits, else appended.
   */
  overwriteDescription(description: string | Uint8Array): Promise<void> {
    return this.serialise(async () => {
      this.assertWritable();
      const text = asciiTagBytes(description);
      if (!this.descriptionTarget) {
        throw new TiffError(
          'INVALID_OPTION',
          'no ImageDescription tag to overwrite: write a series with metadata or a description first',
          { option: 'description' },
        );
      }
      await this.io(async () => {
        await this.endLastSeries(); // may move the target (a grown shaped JSON)
        const target = this.descriptionTarget as PlacedEntry;
        this.descriptionTarget = undefined;
        this.format?.overwritten(target);
        await this.layout.rewriteAscii(target, text);
      });
    });
  }

  /** Write what is pending (IFDs of a growing series, final metadata) and close the sink. */
  close(): Promise<void> {
    return this.serialise(async () => {
      if (this.state === 'closed') return;
      const failed = this.state === 'failed';
      this.state = 'closed';
      try {
        if (!failed) {
          await this.endLastSeries();
          await this.closeLevels();
          await this.format?.close(this.layout);
        }
      } finally {
        const pool = this.pool;
        this.pool = undefined;
        try {
          await this.filehandle.close();
        } finally {
          await pool?.release();
        }
      }
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
