import { EncoderPool } from '@tiffkit/tiff-codecs';
import {
  type EncodedIfd,
  invalidOption,
  type PlacedEntry,
  type Sink,
  TiffError,
  type TiffFormat,
} from '@tiffkit/tiff-core';
import { emitWarning } from '#platform';
import { checkClassicLimit, pendingEnd } from './plan/classic-limit.js';
import { parseColormap, sameColormap } from './plan/colormap.js';
import { isUncompressed } from './plan/compression.js';
import { ContiguousSeries } from './layout/contiguous-series.js';
import { downsample } from './encode/downsample.js';
import { SegmentEncoder } from './encode/encoder.js';
import type { FileLayout } from './layout/file-layout.js';
import { descriptionBytes, grownShape, type ImagejPlan, type ImagejSeries, planImagej } from './formats/imagej/imagej.js';
import { intake, type SeriesInput } from './intake/intake.js';
import { isIterable } from './intake/iterators.js';
import { isOmeFileName, OmeDocument, type OmeSeries } from './formats/ome/ome.js';
import { openLayout } from './layout/open-layout.js';
import type {
  FileTarget,
  OpenOptions,
  TiffWarning,
  WriteData,
  WriteOptions,
  WriteResult,
  WriterKind,
} from './options.js';
import { PageSource } from './encode/page-source.js';
import { planSeries, type SeriesPlan } from './plan/plan-series.js';
import { levelOptions, parsePyramid } from './plan/pyramid-options.js';
import { writeSegmentedSeries } from './layout/segmented-series.js';
import { SubIfdLevels } from './layout/sub-ifd-levels.js';
import { asciiTagBytes } from './plan/tag-values.js';

/** A series to write: its plan and data, and where it belongs. */
interface SeriesJob {
  readonly plan: SeriesPlan;
  /** The data, shaped as the plan wants it (ImageJ: TZCYXS). */
  readonly input: SeriesInput;
  /** A SubIFD level of the previous main series. */
  readonly level: boolean;
  readonly ome: OmeSeries | undefined;
  /** The shape the caller gave, which later contiguous calls must repeat. */
  readonly callShape: readonly number[];
}

/** OME-XML's Creator attribute. */
const CREATOR = 'tiffkit';

/**
 * Writes series of N-D arrays into one TIFF file, as tifffile's `TiffWriter`. Calls are serialised:
 * a `write()` started before the previous one finished waits for it.
 */
export class TiffWriter implements AsyncDisposable {
  /** The container format: classic or BigTIFF, byte order, offset size. */
  readonly tiff: TiffFormat;
  /** The sink the file is written to. */
  readonly filehandle: Sink;

  private readonly layout: FileLayout;
  private readonly requestedKind: WriterKind | undefined;
  private kind: WriterKind | undefined;
  private shaped = true;
  /** A contiguous series that may still grow; its later IFDs are written when it ends. */
  private pending: ContiguousSeries | undefined;
  /** The previous series, when it was written page by page (it cannot grow). */
  private lastSegmented: { readonly plan: SeriesPlan } | undefined;
  /** The SubIFD levels the last main series asked for. */
  private levels: SubIfdLevels | undefined;
  /** The ImageDescription `overwriteDescription()` replaces. */
  private descriptionTarget: PlacedEntry | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private pool: EncoderPool | undefined;
  /** The file name, for OME-TIFF detection (`*.ome.tif`). */
  private readonly fileName: string | undefined;
  /** The OME-XML document, in OME mode. */
  private ome: OmeDocument | undefined;
  /** The OME image of the pending (growing) series. */
  private pendingOme: OmeSeries | undefined;
  private omeImages = 0;
  /** The first page's ImageDescription that receives the OME-XML at close. */
  private omePlaceholder: PlacedEntry | undefined;
  /** overwriteDescription() replaced the OME placeholder: close() leaves it alone. */
  private omeOverwritten = false;
  /** The ImageJ hyperstack, in ImageJ mode (one series per file). */
  private imagej: ImagejSeries | undefined;
  private state: 'open' | 'closed' | 'failed' = 'open';
  private readonly onWarning: (warning: TiffWarning) => void;

  private constructor(
    layout: FileLayout,
    options: OpenOptions,
    kind: WriterKind | undefined,
    fileName: string | undefined,
  ) {
    this.layout = layout;
    this.fileName = fileName;
    this.filehandle = layout.sink;
    this.tiff = layout.format;
    this.requestedKind = kind;
    this.onWarning = options.onWarning ?? emitWarning;
  }

  /** Open `file` for writing and write the TIFF header (or, appending, read the existing file). */
  static async open(file: FileTarget, options: OpenOptions = {}): Promise<TiffWriter> {
    const { layout, kind, name } = await openLayout(file, options);
    const writer = new TiffWriter(layout, options, kind, name);
    if (kind === 'imagej' && layout.format.bigtiff) {
      writer.warn('imagej-bigtiff', 'writing a nonconformant BigTIFF ImageJ file: ImageJ 1.x opens only classic TIFF');
    }
    return writer;
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
    const growing = options.contiguous === true ? this.growable(input, options) : undefined;
    if (growing) {
      const frames = growing.plan.stored.frames;
      checkClassicLimit(growing.plan, frames, {
        format: this.tiff,
        end: this.layout.eof,
        appendAt: this.layout.eof,
        pendingFrames: growing.frames,
        truncatable: this.kind === 'imagej',
      });
      if (this.pendingOme) this.ome?.grow(this.pendingOme, growing.calls + 1, frames);
      if (this.imagej) grownShape(this.imagej, growing.calls + 1); // refused before the data when it cannot grow
      const source = new PageSource(growing.plan, input, this.tiff.byteOrder, frames);
      const result = await this.io(() => growing.append(this.layout, source, frames));
      return { result: options.returnOffset ? result : undefined, plan: growing.plan, input };
    }
    const level = this.levels?.expecting === true;
    // The first write decides OME-TIFF for files named *.ome.* (unless it brings its own description).
    const kind =
      this.kind ??
      this.requestedKind ??
      (isOmeFileName(this.fileName) && options.description === undefined ? 'ome' : 'shaped');
    const metadata = options.metadata ?? {};
    const ome = kind === 'ome' ? (this.ome ?? new OmeDocument(metadata, this.warn, CREATOR)) : undefined;
    let imagej: ImagejPlan | undefined;
    if (kind === 'imagej')
      imagej = planImagej(input, options, this.tiff.byteOrder, this.warn, this.imagej !== undefined);
    const plan = planSeries(imagej?.input ?? input, imagej?.options ?? options, {
      format: this.tiff,
      kind,
      shaped: this.shaped,
      level,
      omePlaceholder: ome !== undefined && !this.omePlaceholder,
      ...(imagej ? { formatEntries: imagej.entries } : {}),
      warn: this.warn,
    });
    if (level) this.levels?.check(plan);
    const omeSeries = ome && !level ? ome.planSeries(plan, metadata, this.omeImages, this.layout.mainIfds) : undefined;
    checkClassicLimit(plan, plan.stored.frames, {
      format: this.tiff,
      end: pendingEnd(this.layout.eof, this.pending, this.tiff),
      truncatable: kind === 'imagej',
    });
    this.kind = kind;
    this.ome = ome;
    const series = imagej?.input ?? input;
    const result = await this.io(() =>
      this.writeSeriesOrRollBack({ plan, input: series, level, ome: omeSeries, callShape: input.shape }),
    );
    if (imagej) this.imagej = imagej.series;
    return { result, plan, input: series };
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
        {
          option: 'pyramid',
        },
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

  /** The pending series `input` can grow, or undefined to start a new series. */
  private growable(input: SeriesInput, options: WriteOptions): ContiguousSeries | undefined {
    const previous = this.pending ?? this.lastSegmented;
    if (!previous) return undefined;
    const { plan } = previous;
    const shape = this.pending?.plan === plan ? this.pending.callShape : plan.shape;
    const sameShape = input.shape.length === shape.length && input.shape.every((n, i) => n === shape[i]);
    if (!sameShape || input.dtype !== plan.dtype || input.kind === 'iterator') return undefined;
    if (!isUncompressed(options.compression) || (options.tile !== undefined && options.tile !== null)) {
      throw new TiffError('INCOMPATIBLE_OPTIONS', 'contiguous mode cannot be used with compression or tiles', {
        option: 'contiguous',
      });
    }
    if (!this.pending || this.pending.plan !== plan) {
      // tifffile appends the bytes here but never writes IFDs for them: an unreadable series.
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        'contiguous: the previous series was written page by page (tiled, compressed or bit-packed) and cannot grow; write a new series',
        { option: 'contiguous' },
      );
    }
    if (plan.subIfds || this.levels) return undefined;
    // A different colormap starts a new series (tifffile's rule): both absent, or equal values.
    return sameColormap(parseColormap(options.colormap), plan.colormap) ? this.pending : undefined;
  }

  /**
   * Write a series; when its data turns out bad part-way (an iterator that ends early or yields a
   * wrong item), unlink the pages written so far, so the file stays what it was before this call.
   */
  private async writeSeriesOrRollBack(job: SeriesJob): Promise<WriteResult | undefined> {
    await this.finishPending();
    if (!job.level) await this.closeLevels();
    const { chainTail, mainIfds } = this.layout;
    try {
      return await this.writeSeries(job);
    } catch (error) {
      const dataError = error instanceof TiffError && error.code === 'INVALID_DATA' && job.input.kind === 'iterator';
      if (!dataError || job.level) throw error;
      await this.layout.patchOffset(chainTail, 0);
      this.layout.chainTail = chainTail;
      this.layout.mainIfds = mainIfds;
      this.pending = undefined;
      this.pendingOme = undefined;
      throw new TiffError('INVALID_DATA', `${error.message}; nothing of this series was kept`, {
        option: 'data',
        cause: error,
      });
    }
  }

  private async writeSeries({ plan, input, level, ome, callShape }: SeriesJob): Promise<WriteResult | undefined> {
    if (plan.disablesShaped) this.shaped = false;
    if (ome) ome.ifd = this.layout.mainIfds; // the series starts at the chain's next IFD
    const placement = level && this.levels ? this.levels.nextLevel(this.tiff.offsetSize) : ({ kind: 'main' } as const);
    const source = new PageSource(plan, input, this.tiff.byteOrder, plan.stored.frames);
    let slots: readonly PlacedEntry[];
    let firstIfd: EncodedIfd;
    let result: WriteResult | undefined;
    if (plan.contiguousCapable) {
      const series = await ContiguousSeries.write(this.layout, plan, placement, source, callShape);
      this.pending = series;
      this.pendingOme = ome;
      this.lastSegmented = undefined;
      slots = series.subIfdSlots; // grows to all pages when the series is finished
      firstIfd = series.firstIfd;
      if (plan.returnOffset) result = { offset: series.dataOffset, byteCount: plan.pageBytes };
    } else {
      const encoder = new SegmentEncoder(plan, this.tiff.byteOrder, plan.encoding, (size) => this.leasePool(size));
      const written = await writeSegmentedSeries(this.layout, plan, placement, source, encoder);
      this.lastSegmented = { plan };
      slots = written.subIfdSlots;
      firstIfd = written.firstIfd;
      if (ome) this.ome?.addImage(ome, plan.stored.frames);
    }
    if (ome) this.omeImages += 1;
    const placeholder = firstIfd.entries.find((e) => e.label === 'ome');
    if (placeholder) this.omePlaceholder = placeholder;
    const description =
      placeholder ??
      firstIfd.entries.find((e) => e.label === 'imagej' || e.label === 'shaped') ??
      firstIfd.entries.find((e) => e.label === 'description');
    if (description) this.descriptionTarget = description;
    if (!level && plan.subIfds)
      this.levels = new SubIfdLevels(plan.stored.frames, plan.subIfds.count, plan.subIfds.chain, slots);
    return result;
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

  /** End the pending contiguous series: write its later IFDs and its final description. */
  private async finishPending(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    let description = await pending.finish(this.layout, this.warn, this.imagej !== undefined);
    const entry = pending.firstIfd.entries.find((e) => e.label === 'imagej');
    if (this.imagej && entry && pending.calls > 1) {
      // The hyperstack grew: its counts (images=, frames=) follow.
      description = await this.layout.rewriteAscii(
        entry,
        descriptionBytes(this.imagej, grownShape(this.imagej, pending.calls)),
      );
    }
    const ome = this.pendingOme;
    this.pendingOme = undefined;
    if (ome) this.ome?.addImage(ome, pending.frames);
    const target = this.descriptionTarget;
    if (description && target && target.entryOffset === description.entryOffset) this.descriptionTarget = description;
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
          {
            option: 'description',
          },
        );
      }
      await this.io(async () => {
        await this.finishPending(); // may move the target (a grown shaped JSON)
        const target = this.descriptionTarget as PlacedEntry;
        this.descriptionTarget = undefined;
        if (target === this.omePlaceholder) this.omeOverwritten = true;
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
          await this.finishPending();
          await this.closeLevels();
          // The OME-XML goes into the first page's ImageDescription, unless the caller overwrote it.
          if (this.ome && this.omePlaceholder && !this.omeOverwritten) {
            await this.layout.rewriteAscii(this.omePlaceholder as PlacedEntry, this.ome.bytes());
          }
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
