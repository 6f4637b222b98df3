import { EncoderPool } from '@tiffkit/tiff-codecs';
import {
  describeValue,
  type EncodedIfd,
  encodeHeader,
  encodeOffset,
  invalidOption,
  type PlacedEntry,
  parseByteOrder,
  type Sink,
  SubfileType,
  TiffError,
  type TiffFormat,
  tiffFormat,
} from '@tiffkit/tiff-core';
import { emitWarning } from '#platform';
import { inspectExisting } from './append.js';
import { isUncompressed } from './compression.js';
import { ContiguousSeries } from './contiguous-series.js';
import { downsample, isDownsample } from './downsample.js';
import { SegmentEncoder } from './encoder.js';
import { alignUp, even, FileLayout } from './file-layout.js';
import { descriptionBytes, grownShape, type ImagejPlan, type ImagejSeries, planImagej } from './imagej.js';
import { intake, type SeriesInput } from './intake.js';
import { isIterable } from './iterators.js';
import { isOmeFileName, OmeDocument, type OmeSeries } from './ome.js';
import type {
  FileTarget,
  OpenOptions,
  TiffWarning,
  WriteData,
  WriteOptions,
  WriteResult,
  WriterKind,
} from './options.js';
import { PageSource } from './page-source.js';
import type { Placement } from './placement.js';
import { ifdLengths, planSeries, type SeriesPlan } from './plan.js';
import { writeSegmentedSeries } from './segmented-series.js';
import { openTarget, parseMode, targetExists } from './targets.js';

/** The `pyramid` option: how many levels, and how they are computed. */
function parsePyramid(options: WriteOptions): { levels: number; method: 'mean' | 'nearest' } {
  const pyramid = options.pyramid as { levels?: unknown; downsample?: unknown };
  const levels = typeof pyramid === 'object' ? pyramid.levels : undefined;
  if (!Number.isInteger(levels) || (levels as number) < 1 || (levels as number) > 32) {
    throw invalidOption('pyramid.levels', levels, 'the number of levels below the full resolution, 1..32');
  }
  const method = pyramid.downsample ?? 'mean';
  if (!isDownsample(method)) throw invalidOption('pyramid.downsample', method, "'mean' (of 2×2 blocks) or 'nearest'");
  for (const option of ['subIfds', 'contiguous', 'truncate'] as const) {
    if (
      options[option] !== undefined &&
      options[option] !== null &&
      options[option] !== false &&
      options[option] !== 0
    ) {
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        `pyramid writes its own SubIFD levels: it cannot be combined with ${option}`,
        { option },
      );
    }
  }
  return { levels: levels as number, method };
}

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

/** A main series with SubIFD levels to come: the next `count` series are its levels. */
interface LevelParent {
  readonly pages: number;
  readonly count: number;
  readonly chain: boolean;
  /** Each parent page's SubIFDs entry (complete once the parent series is finished). */
  readonly slots: readonly PlacedEntry[];
  /** The IFD offset linked into each slot, per level and page, to rewrite entries that lost levels. */
  readonly linked: number[][];
  written: number;
  /** Chained levels: the next-IFD field of the previous level's IFD, per parent page. */
  readonly chainFields: number[];
}

function resolveKind(options: OpenOptions): WriterKind | undefined {
  if (options.kind !== undefined) {
    if (!['shaped', 'generic', 'imagej', 'ome'].includes(options.kind)) {
      throw invalidOption('kind', options.kind, "'shaped', 'generic', 'imagej' or 'ome'");
    }
    return options.kind;
  }
  if (options.ome) return 'ome';
  if (options.imagej) return 'imagej';
  if (options.shaped === false) return 'generic';
  if (options.shaped === true) return 'shaped';
  return undefined;
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

  private readonly layout: FileLayout;
  private readonly requestedKind: WriterKind | undefined;
  private kind: WriterKind | undefined;
  private shaped = true;
  /** A contiguous series that may still grow; its later IFDs are written when it ends. */
  private pending: ContiguousSeries | undefined;
  /** The previous series, when it was written page by page (it cannot grow). */
  private lastSegmented: { readonly plan: SeriesPlan } | undefined;
  private levelParent: LevelParent | undefined;
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
    if (typeof options !== 'object' || options === null) throw invalidOption('options', options, 'an options object');
    const mode = parseMode(options.mode);
    const byteOrder = parseByteOrder(options.byteorder);
    if (options.bigtiff !== undefined && typeof options.bigtiff !== 'boolean') {
      throw invalidOption('bigtiff', options.bigtiff, 'true or false');
    }
    const append = options.append ?? false;
    if (append !== false && append !== true && append !== 'force')
      throw invalidOption('append', append, "true, false or 'force'");
    if (append && mode !== undefined && mode !== 'r+') {
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        `append needs mode 'r+' (or no mode), not ${describeValue(options.mode)}`,
        { option: 'mode' },
      );
    }
    const kind = resolveKind(options);
    const appending = append !== false || mode === 'r+';
    const existing = appending && (await targetExists(file));
    const { sink, name } = await openTarget(file, existing ? 'r+' : mode === 'x' ? 'x' : 'w');
    try {
      let layout: FileLayout;
      const hasContent = appending && (existing || (await sink.size()) > 0);
      if (hasContent) {
        // The existing file dictates byte order and BigTIFF-ness; nothing is written until a series is.
        const { tiff, size } = await inspectExisting(sink, append === 'force');
        layout = new FileLayout(sink, tiff.format, size, tiff.lastNextIfdFieldOffset);
        layout.mainIfds = tiff.ifds.length;
      } else {
        const format = tiffFormat(options.bigtiff === true, byteOrder);
        layout = new FileLayout(sink, format, format.headerSize, format.firstIfdFieldOffset);
        await sink.write(encodeHeader(format), 0);
      }
      const writer = new TiffWriter(layout, options, kind, name);
      if (kind === 'imagej' && layout.format.bigtiff)
        writer.warn(
          'imagej-bigtiff',
          'writing a nonconformant BigTIFF ImageJ file: ImageJ 1.x opens only classic TIFF',
        );
      return writer;
    } catch (error) {
      await Promise.resolve(sink.close()).catch(() => undefined);
      if (error instanceof TiffError) throw error;
      throw new TiffError('SINK_ERROR', `opening the file failed: ${String(error)}`, { cause: error });
    }
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
      this.checkClassicLimit(growing.plan, frames, this.layout.eof);
      if (this.pendingOme) this.ome?.grow(this.pendingOme, growing.calls + 1, frames);
      if (this.imagej) grownShape(this.imagej, growing.calls + 1); // refused before the data when it cannot grow
      const source = new PageSource(growing.plan, input, this.tiff.byteOrder, frames);
      const result = await this.io(() => growing.append(this.layout, source, frames));
      return { result: options.returnOffset ? result : undefined, plan: growing.plan, input };
    }
    const level = this.levelParent !== undefined && this.levelParent.written < this.levelParent.count;
    // The first write decides OME-TIFF for files named *.ome.* (unless it brings its own description).
    const kind =
      this.kind ??
      this.requestedKind ??
      (isOmeFileName(this.fileName) && options.description === undefined ? 'ome' : 'shaped');
    const metadata = options.metadata ?? {};
    const ome = kind === 'ome' ? (this.ome ?? new OmeDocument(metadata, this.warn, CREATOR)) : undefined;
    let imagej: ImagejPlan | undefined;
    if (kind === 'imagej') {
      if (this.imagej) {
        throw new TiffError(
          'INCOMPATIBLE_OPTIONS',
          'the ImageJ format does not support several series: grow the one series with contiguous: true',
          {
            option: 'contiguous',
          },
        );
      }
      if (options.subIfds)
        throw new TiffError('UNSUPPORTED', 'the ImageJ format does not support SubIFDs (pyramids)', {
          option: 'subIfds',
        });
      imagej = planImagej(input, options, this.tiff.byteOrder, this.warn);
    }
    const plan = planSeries(imagej?.input ?? input, imagej?.options ?? options, {
      format: this.tiff,
      kind,
      shaped: this.shaped,
      level,
      omePlaceholder: ome !== undefined && !this.omePlaceholder,
      ...(imagej ? { formatEntries: imagej.entries } : {}),
      warn: this.warn,
    });
    if (level) this.checkLevel(plan);
    const omeSeries = ome && !level ? ome.planSeries(plan, metadata, this.omeImages, this.layout.mainIfds) : undefined;
    this.checkClassicLimit(plan, plan.stored.frames, undefined, kind);
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
    const { layout } = plan;
    const levelOptions: WriteOptions = {
      ...options,
      pyramid: undefined,
      shape: undefined,
      dtype: undefined,
      subIfds: undefined,
      contiguous: false,
      returnOffset: false,
      description: undefined,
      subfileType: (options.subfileType ?? 0) | SubfileType.REDUCEDIMAGE,
      // the levels are stored as the full resolution was, not inferred again from their shapes
      photometric: layout.photometric,
      planarConfig: layout.planarConfig,
      extraSamples: layout.extraSamples,
      volumetric: layout.volumetric,
    };
    for (let k = 0; k < levels; k++) {
      const level = downsample(array, plan.stored, plan, method);
      const written = await this.writeOne(
        { data: level.data, shape: level.shape, dtype: plan.dtype.name },
        levelOptions,
      );
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
    if (plan.subIfds || this.levelParent) return undefined;
    const colormap = options.colormap === undefined || options.colormap === null;
    if (!colormap !== (plan.colormap !== undefined)) return undefined;
    return this.pending;
  }

  private checkLevel(plan: SeriesPlan): void {
    const parent = this.levelParent as LevelParent;
    if (plan.stored.frames !== parent.pages) {
      throw new TiffError(
        'INVALID_DATA',
        `SubIFD level ${parent.written} has ${plan.stored.frames} pages, but its parent series has ${parent.pages}: a level needs one page per parent page`,
        { option: 'subIfds' },
      );
    }
    if (plan.truncate)
      throw new TiffError('INCOMPATIBLE_OPTIONS', 'SubIFDs cannot be used with truncated series', {
        option: 'truncate',
      });
  }

  /**
   * Classic TIFF offsets are 32-bit: refuse a series whose data or IFDs would lie beyond 4 GiB
   * before a byte of it is written (compressed sizes are unknown: those are checked page by page).
   */
  private checkClassicLimit(plan: SeriesPlan, frames: number, appendAt?: number, kind = this.kind): void {
    if (this.tiff.bigtiff) return;
    // ImageJ hyperstacks beyond 4 GiB keep only their first IFD (ImageJ's convention): data may go on.
    const truncatable = kind === 'imagej';
    if (truncatable && appendAt !== undefined) return; // the first page's offset was checked already
    const limit = this.tiff.maxOffset;
    const largestSegment = Math.max(0, ...plan.segmentBytes);
    if (largestSegment > limit) {
      throw new TiffError(
        'TOO_LARGE',
        `a segment of ${largestSegment} bytes does not fit the 32-bit byte counts of a classic TIFF; ` +
          'pass rowsPerStrip (or tile) to cut pages into smaller segments, or open the writer with bigtiff: true',
        { option: 'bigtiff' },
      );
    }
    if (plan.compression !== 1) return;
    const { first, other: ifdLength } = ifdLengths(plan, this.tiff);
    const lastSegment = plan.pageBytes - (plan.segmentBytes.at(-1) ?? 0);
    let end: number;
    if (!plan.contiguousCapable) {
      // page by page: IFD, alignment, data — for every page
      end = even(this.pendingEnd()) + frames * (ifdLength + plan.align + plan.pageBytes);
      if (end - plan.pageBytes + lastSegment <= limit) return;
    } else {
      const start = appendAt ?? alignUp(even(this.pendingEnd()) + first, plan.align);
      const lastOffset = start + (frames - 1) * plan.pageBytes + lastSegment;
      const dataEnd = start + frames * plan.pageBytes;
      const ifds = (appendAt !== undefined && this.pending ? this.pending.frames : 0) + frames - 1;
      end = even(dataEnd) + (plan.truncate ? 0 : ifds * ifdLength);
      if (lastOffset <= limit && (ifds === 0 || plan.truncate || truncatable || end <= limit)) return;
      if (truncatable && start <= limit) return;
    }
    throw new TiffError(
      'TOO_LARGE',
      `this write would place data or IFDs beyond the 4 GiB a classic TIFF can address (up to byte ${end}); open the writer with bigtiff: true`,
      { option: 'bigtiff' },
    );
  }

  /** Where the file will end once the pending series is finished (an upper bound). */
  private pendingEnd(): number {
    const pending = this.pending;
    if (!pending) return this.layout.eof;
    const { plan } = pending;
    const ifdLength = ifdLengths(plan, this.tiff).other;
    const description = pending.firstIfd.entries.find((e) => e.label === 'shaped')?.capacity ?? 0;
    return even(this.layout.eof) + (plan.truncate ? 0 : (pending.frames - 1) * ifdLength) + even(description + 64);
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
    const placement = level ? this.levelPlacement() : ({ kind: 'main' } as const);
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
    if (level) (this.levelParent as LevelParent).written += 1;
    else if (plan.subIfds) {
      this.levelParent = {
        pages: plan.stored.frames,
        count: plan.subIfds.count,
        chain: plan.subIfds.chain,
        slots,
        written: 0,
        chainFields: [],
        linked: [],
      };
    }
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

  /** Where the pages of the next SubIFD level are linked from. */
  private levelPlacement(): Placement {
    const parent = this.levelParent as LevelParent;
    const level = parent.written;
    const size = this.tiff.offsetSize;
    const linked: number[] = [];
    parent.linked.push(linked);
    const slot = (page: number) => (parent.slots[page] as PlacedEntry).valueOffset;
    if (!parent.chain) {
      return {
        kind: 'level',
        slot: (page) => slot(page) + level * size,
        record: (page, ifd) => {
          linked[page] = ifd.offset;
        },
      };
    }
    return {
      kind: 'level',
      slot: (page) => (level === 0 ? slot(page) : (parent.chainFields[page] as number)),
      record: (page, ifd) => {
        linked[page] = ifd.offset;
        parent.chainFields[page] = ifd.nextIfdFieldOffset;
      },
    };
  }

  /**
   * A main series starts (or the file closes) before all promised SubIFD levels were written: rewrite
   * the parent pages' SubIFDs entries to list only the levels that exist, so no slot stays 0.
   */
  private async closeLevels(): Promise<void> {
    const parent = this.levelParent;
    this.levelParent = undefined;
    if (!parent || parent.written >= parent.count || parent.chain) {
      if (parent?.chain && parent.written === 0) await this.rewriteSubIfds(parent, 0);
      return;
    }
    this.warn(
      'subifds-missing',
      `the series promised ${parent.count} SubIFD levels but ${parent.written} were written`,
    );
    await this.rewriteSubIfds(parent, parent.written);
  }

  private async rewriteSubIfds(parent: LevelParent, levels: number): Promise<void> {
    const format = this.tiff;
    for (const [page, entry] of parent.slots.entries()) {
      const field = new Uint8Array(format.offsetSize * 2);
      field.set(encodeOffset(format, levels), 0);
      // Few enough levels fit the entry itself: the offsets move inline, as a reader then expects.
      const values = parent.linked.slice(0, levels).map((l) => l[page] as number);
      if (levels * format.offsetSize <= format.offsetSize) {
        for (const [i, v] of values.entries()) field.set(encodeOffset(format, v), format.offsetSize * (1 + i));
      } else {
        field.set(encodeOffset(format, entry.valueOffset), format.offsetSize);
      }
      await this.layout.write(field, entry.entryOffset + 4);
    }
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
      let text: Uint8Array;
      if (typeof description === 'string') {
        text = new Uint8Array(description.length + 1);
        for (let i = 0; i < description.length; i++) {
          const c = description.charCodeAt(i);
          if (c > 0x7f) {
            throw invalidOption(
              'description',
              description,
              '7-bit ASCII text (pass a Uint8Array for other bytes, e.g. UTF-8)',
            );
          }
          text[i] = c;
        }
      } else if (description instanceof Uint8Array) {
        text = description.at(-1) === 0 ? description : Uint8Array.of(...description, 0);
      } else {
        throw invalidOption('description', description, 'a string or a Uint8Array');
      }
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
