/// <reference lib="esnext.disposable" preserve="true" />
import type { CompressionInput } from '@tiffkit/tiff-codecs/args.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import type { PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import type { Sink } from '@tiffkit/tiff-core/sink.js';
import { emitWarning } from '#platform';
import type { PoolLease } from './encode/encoder.js';
import type { PoolHold } from './encode/pool-hold.js';
import type { MetadataFormat } from './formats/format.js';
import type { FileLayout } from './layout/file-layout.js';
import type { WriteOne } from './layout/pyramid-writes.js';
import type { SeriesWriter } from './layout/series-writer.js';
import type { FileTarget, OpenOptions, TiffWarning, WriteData, WriteOptions, WriteResult } from './options.js';
import type { SeriesPlan } from './plan/series-plan.js';

type Stages = typeof import('./writer-stages.js');
let stages: Promise<Stages> | undefined;
/** The stages of a write, loaded by the first `open()` (see writer-stages.ts); a failed load is retried. */
const loadStages = (): Promise<Stages> => {
  stages ??= import('./writer-stages.js').catch((error: unknown) => {
    stages = undefined;
    throw error;
  });
  return stages;
};

/** The growth rules, loaded by the first write that asks for contiguous mode (an import() costs microseconds). */
let growthRules: typeof import('./plan/growth.js') | undefined;

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
  /** The series of the file, as they are laid out. */
  private readonly series: SeriesWriter;
  /** The writer's hold on the shared encoder pool, from its first series encoded on workers. */
  private pool: PoolHold | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private state: 'open' | 'closed' | 'failed' = 'open';
  private readonly onWarning: (warning: TiffWarning) => void;
  /** `framesWritten`: the main series' pages of the calls that have resolved. */
  private written = 0;

  private constructor(
    private readonly stages: Stages,
    private readonly layout: FileLayout,
    options: OpenOptions,
    /** The file name, for OME-TIFF detection (`*.ome.tif`). */
    private readonly fileName: string | undefined,
  ) {
    this.filehandle = layout.sink;
    this.tiff = layout.format;
    this.onWarning = options.onWarning ?? emitWarning;
    this.series = new stages.SeriesWriter(layout, this.warn, this.lease);
  }

  /** Open `file` for writing and write the TIFF header (or, appending, read the existing file). */
  static async open(file: FileTarget, options: OpenOptions = {}): Promise<TiffWriter> {
    const stages = await loadStages();
    const { layout, kind, name } = await stages.openLayout(file, options);
    const writer = new TiffWriter(stages, layout, options, name);
    if (kind) {
      try {
        writer.format = await stages.createFormat(kind, writer.tiff, writer.warn);
      } catch (error) {
        await Promise.resolve(layout.sink.close()).catch(() => undefined);
        throw error;
      }
    }
    return writer;
  }

  /** Run `task` after every earlier call has finished. */
  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The pool for a series encoded on workers (its module is preloaded with the series: layout/preload.ts). */
  private lease: PoolLease = async (size, origin) => {
    if (!this.pool) {
      const { PoolHold } = await import('./encode/pool-hold.js');
      this.pool ??= new PoolHold(this.warn);
    }
    return this.pool.lease(size, origin);
  };

  private warn = (code: string, message: string): void => {
    this.onWarning({ code: code as TiffWarning['code'], message }); // all listed: see test/warning-codes.test.ts
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
  write<C extends CompressionInput>(data: WriteData, options: WriteOptions<C> = {}): Promise<WriteResult | undefined> {
    return this.serialise(async () => {
      this.assertWritable();
      if (typeof options !== 'object' || options === null) throw invalidOption('options', options, 'an options object');
      const all = options as WriteOptions; // C only narrows what callers may pass: the stages read every option
      // Pyramids (their planning, the downsampler and the levels' writes) are loaded for the writes that ask.
      const result =
        all.pyramid !== undefined && all.pyramid !== null
          ? await (await import('./layout/pyramid-writes.js')).writePyramid(data, all, this.writeOne)
          : (await this.writeOne(data, all)).result;
      // Crash-safe, the call's bytes are handed to the operating system before it resolves.
      const before = this.written;
      this.written = this.series.framesWritten;
      await this.io(() => this.layout.durability.committed(this.written - before));
      return result;
    });
  }

  /** Pages of the file's main series that are durable: written by write() calls that have resolved. */
  get framesWritten(): number {
    return this.written;
  }

  /** One write() call: a new series, or the growth of the previous one. */
  private writeOne: WriteOne = async (data, options, levelOf, check) => {
    const { intake, createFormat, kindByName, planSeries, checkClassicLimit, loadWriting } = this.stages;
    const input = await intake(data, options);
    const { series } = this;
    const previous = series.previous();
    // Growth rules are loaded by the writes that ask for contiguous mode.
    if (options.contiguous === true) growthRules ??= await import('./plan/growth.js');
    const grows = options.contiguous === true && growthRules?.growsPrevious;
    if (grows && (await grows(previous, input, options))) {
      series.checkGrowth();
      const result = await this.io(() => series.grow(input));
      return { result: options.returnOffset ? result : undefined, plan: previous?.plan as SeriesPlan, input };
    }
    const level = series.levelExpected;
    const format = this.format ?? (await createFormat(kindByName(this.fileName, options), this.tiff, this.warn));
    const context = {
      byteOrder: this.tiff.byteOrder,
      warn: this.warn,
      level,
      mainIfds: this.layout.mainIfds,
      crashSafe: this.layout.durability.crashSafe,
    };
    const prepared = format.prepare(input, options, context);
    const { rules } = prepared;
    const plan = await planSeries(prepared.input, prepared.options, prepared.entries, {
      format: this.tiff,
      level,
      rules,
      warn: this.warn,
      ...(levelOf ? { levelOf } : {}),
    });
    if (level) series.checkLevel(plan);
    check?.(plan);
    const metadata = prepared.begin(plan);
    checkClassicLimit(plan, plan.stored.frames, {
      format: this.tiff,
      end: series.end(),
      truncatable: rules.truncateBeyondClassic,
    });
    await loadWriting(plan);
    this.format = format;
    const job = { plan, input: prepared.input, level, metadata, rules, callShape: input.shape };
    const result = await this.io(() => series.write(job));
    return { result, plan, input: prepared.input };
  };

  /**
   * Replace the ImageDescription of the last series (its shaped JSON, or the description it was
   * given when written without metadata), in place when it fits, else appended.
   */
  overwriteDescription(description: string | Uint8Array): Promise<void> {
    return this.serialise(async () => {
      this.assertWritable();
      const text = this.stages.asciiTagBytes(description);
      if (!this.series.descriptionTarget) {
        throw new TiffError(
          'INVALID_OPTION',
          'no ImageDescription tag to overwrite: write a series with metadata or a description first',
          { option: 'description' },
        );
      }
      await this.io(async () => {
        await this.series.endLast(); // may move the target (a grown shaped JSON)
        const target = this.series.descriptionTarget as PlacedEntry;
        this.series.descriptionTarget = undefined;
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
          await this.series.endLast();
          await this.series.closeLevels();
          await this.format?.close(this.layout);
          await this.layout.durability.closing();
        }
      } finally {
        try {
          await this.filehandle.close();
        } finally {
          await this.pool?.release();
        }
      }
    });
  }

  /** `close()`, for `await using writer = await TiffWriter.open(…)`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
