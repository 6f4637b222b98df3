import {
  describeValue,
  type EncodedIfd,
  encodeHeader,
  encodeIfd,
  encodeOffset,
  ifdByteLength,
  invalidOption,
  type PlacedEntry,
  parseByteOrder,
  type Sink,
  TiffError,
  type TiffFormat,
  tiffFormat,
} from '@tiffkit/tiff-core';
import { emitWarning } from '#platform';
import { intake, type SeriesInput } from './intake.js';
import type {
  FileTarget,
  OpenOptions,
  TiffWarning,
  WriteData,
  WriteOptions,
  WriteResult,
  WriterKind,
} from './options.js';
import { pageEntries, planSeries, type SeriesPlan } from './plan.js';
import { shapedDescription } from './shaped.js';
import { elementBytes } from './strided.js';
import { openTarget, parseMode } from './targets.js';

/** Data is written in pieces of at most this many bytes, bounding the copies made for byte swapping. */
const CHUNK_BYTES = 64 * 1024 * 1024;

/** A contiguous-capable series whose pages after the first have no IFDs yet (written when it ends). */
interface PendingSeries {
  readonly plan: SeriesPlan;
  readonly firstIfd: EncodedIfd;
  readonly dataOffset: number;
  /** Shape of one `write()` call: later contiguous calls must match it. */
  readonly callShape: readonly number[];
  frames: number;
  calls: number;
}

const even = (n: number) => n + (n & 1);
const alignUp = (n: number, to: number) => Math.ceil(n / to) * to;

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

  private eof: number;
  /** Position of the next-IFD field the next main-chain IFD is linked from. */
  private chainTail: number;
  private readonly requestedKind: WriterKind | undefined;
  private kind: WriterKind | undefined;
  private shaped = true;
  private pending: PendingSeries | undefined;
  /** The ImageDescription `overwriteDescription()` replaces. */
  private descriptionTarget: PlacedEntry | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private state: 'open' | 'closed' | 'failed' = 'open';
  private readonly onWarning: (warning: TiffWarning) => void;

  private constructor(sink: Sink, format: TiffFormat, options: OpenOptions, kind: WriterKind | undefined) {
    this.filehandle = sink;
    this.tiff = format;
    this.eof = format.headerSize;
    this.chainTail = format.firstIfdFieldOffset;
    this.requestedKind = kind;
    this.onWarning = options.onWarning ?? emitWarning;
  }

  /** Open `file` for writing and write the TIFF header. */
  static async open(file: FileTarget, options: OpenOptions = {}): Promise<TiffWriter> {
    if (typeof options !== 'object' || options === null) throw invalidOption('options', options, 'an options object');
    const mode = parseMode(options.mode) ?? 'w';
    const byteOrder = parseByteOrder(options.byteorder);
    if (options.bigtiff !== undefined && typeof options.bigtiff !== 'boolean') {
      throw invalidOption('bigtiff', options.bigtiff, 'true or false');
    }
    const kind = resolveKind(options);
    if (kind === 'imagej' || kind === 'ome') {
      throw new TiffError(
        'UNSUPPORTED',
        `kind=${describeValue(kind)} is not supported yet by this version of tiffkit`,
        {
          option: 'kind',
        },
      );
    }
    if (options.append || mode === 'r+') {
      throw new TiffError(
        'UNSUPPORTED',
        'appending to existing files is not supported yet by this version of tiffkit',
        {
          option: 'append',
        },
      );
    }
    const format = tiffFormat(options.bigtiff === true, byteOrder);
    const { sink } = await openTarget(file, mode);
    const writer = new TiffWriter(sink, format, options, kind);
    try {
      await sink.write(encodeHeader(format), 0);
    } catch (error) {
      await Promise.resolve(sink.close()).catch(() => undefined);
      if (error instanceof TiffError) throw error;
      throw new TiffError('SINK_ERROR', `writing the TIFF header failed: ${String(error)}`, { cause: error });
    }
    return writer;
  }

  /** Run `task` after every earlier call has finished; a failed task poisons the writer. */
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
   * Writes that touch the sink. A sink failure leaves the file in an unknown state, so the writer
   * stops; errors other than TiffErrors (a custom sink's) are wrapped so callers see one error type.
   */
  private async io<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      this.state = 'failed';
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
      const input = intake(data, options);
      if (options.contiguous && this.pending && this.canAppend(this.pending, input, options)) {
        const pending = this.pending;
        const result = await this.io(() => this.appendContiguous(pending, input));
        return options.returnOffset ? result : undefined;
      }
      const kind = this.kind ?? this.requestedKind ?? 'shaped';
      const plan = planSeries(input, options, { format: this.tiff, kind, shaped: this.shaped, warn: this.warn });
      this.checkClassicLimit(plan, plan.stored.frames);
      this.kind = kind;
      return this.io(async () => {
        await this.finishPending();
        if (plan.disablesShaped) this.shaped = false;
        return this.writeContiguousSeries(plan);
      });
    });
  }

  private canAppend(pending: PendingSeries, input: SeriesInput, options: WriteOptions): boolean {
    const same =
      input.dtype === pending.plan.dtype &&
      input.shape.length === pending.callShape.length &&
      input.shape.every((n, i) => n === pending.callShape[i]);
    if (!same) return false;
    const compressed =
      options.compression !== undefined &&
      options.compression !== null &&
      options.compression !== false &&
      options.compression !== 1 &&
      String(options.compression).toLowerCase() !== 'none';
    if (compressed || (options.tile !== undefined && options.tile !== null)) {
      throw new TiffError('INCOMPATIBLE_OPTIONS', 'contiguous mode cannot be used with compression or tiles', {
        option: 'contiguous',
      });
    }
    return true;
  }

  /**
   * Classic TIFF offsets are 32-bit: refuse a series whose data or IFDs would start beyond 4 GiB
   * before a byte of it is written.
   */
  private checkClassicLimit(plan: SeriesPlan, frames: number, appendAt?: number): void {
    if (this.tiff.bigtiff) return;
    const limit = this.tiff.maxOffset;
    const largestSegment = Math.max(0, ...plan.segmentBytes);
    if (largestSegment > limit) {
      throw new TiffError(
        'TOO_LARGE',
        `a strip of ${largestSegment} bytes does not fit the 32-bit byte counts of a classic TIFF; ` +
          'pass rowsPerStrip to cut pages into smaller strips, or open the writer with bigtiff: true',
        { option: 'bigtiff' },
      );
    }
    const ifdLength = ifdByteLength(
      pageEntries(
        plan,
        false,
        plan.segmentBytes.map(() => 0),
        plan.segmentBytes,
      ),
      this.tiff,
    );
    let lastDataOffset: number;
    let dataEnd: number;
    if (appendAt === undefined) {
      const first = ifdByteLength(
        pageEntries(
          plan,
          true,
          plan.segmentBytes.map(() => 0),
          plan.segmentBytes,
        ),
        this.tiff,
      );
      const dataOffset = alignUp(even(this.pendingEnd()) + first, plan.align);
      lastDataOffset = dataOffset + (frames - 1) * plan.pageBytes;
      dataEnd = dataOffset + frames * plan.pageBytes;
    } else {
      lastDataOffset = appendAt + (frames - 1) * plan.pageBytes;
      dataEnd = appendAt + frames * plan.pageBytes;
    }
    const lastSegmentOffset = lastDataOffset + plan.pageBytes - (plan.segmentBytes.at(-1) ?? 0);
    const pendingIfds = (this.pending && appendAt !== undefined ? this.pending.frames : 0) + frames - 1;
    const ifdsEnd = even(dataEnd) + pendingIfds * ifdLength;
    if (lastSegmentOffset > limit || (pendingIfds > 0 && ifdsEnd > limit)) {
      throw new TiffError(
        'TOO_LARGE',
        `this write would place data or IFDs beyond the 4 GiB a classic TIFF can address ` +
          `(data would end at byte ${dataEnd}); open the writer with bigtiff: true`,
        { option: 'bigtiff' },
      );
    }
  }

  /** Where the file will end once the pending series is finished (an upper bound). */
  private pendingEnd(): number {
    const pending = this.pending;
    if (!pending) return this.eof;
    const { plan } = pending;
    const ifdLength = ifdByteLength(
      pageEntries(
        plan,
        false,
        plan.segmentBytes.map(() => 0),
        plan.segmentBytes,
      ),
      this.tiff,
    );
    const grownDescription = plan.shapedMetadata
      ? (pending.firstIfd.entries.find((e) => e.label === 'shaped')?.capacity ?? 0)
      : 0;
    return even(this.eof) + (pending.frames - 1) * ifdLength + even(grownDescription + 64);
  }

  /** Write a series' first IFD, then all its data in one block; the other IFDs wait in `pending`. */
  private async writeContiguousSeries(plan: SeriesPlan): Promise<WriteResult | undefined> {
    const sink = this.filehandle;
    const ifdOffset = even(this.eof);
    const zeros = plan.segmentBytes.map(() => 0);
    const ifdLength = ifdByteLength(pageEntries(plan, true, zeros, plan.segmentBytes), this.tiff);
    const dataOffset = alignUp(ifdOffset + ifdLength, plan.align);
    const ifd = encodeIfd(
      pageEntries(plan, true, this.segmentOffsets(plan, dataOffset), plan.segmentBytes),
      ifdOffset,
      this.tiff,
    );
    await sink.write(ifd.bytes, ifdOffset);
    const dataBytes = plan.stored.frames * plan.pageBytes;
    await this.writeData(plan.input, dataOffset, dataBytes);
    this.eof = Math.max(ifdOffset + ifd.bytes.length, dataOffset + dataBytes);
    await this.link(ifd.offset);
    this.chainTail = ifd.nextIfdFieldOffset;
    this.pending = {
      plan,
      firstIfd: ifd,
      dataOffset,
      callShape: plan.shape,
      frames: plan.stored.frames,
      calls: 1,
    };
    const described =
      ifd.entries.find((e) => e.label === 'shaped') ?? ifd.entries.find((e) => e.label === 'description');
    if (described) this.descriptionTarget = described;
    return plan.returnOffset ? { offset: dataOffset, byteCount: plan.pageBytes } : undefined;
  }

  /** Grow the pending series by the pages of this call, written right after the previous data. */
  private async appendContiguous(pending: PendingSeries, input: SeriesInput): Promise<WriteResult> {
    const frames = pending.plan.stored.frames;
    this.checkClassicLimit(pending.plan, frames, this.eof);
    const offset = this.eof;
    const bytes = frames * pending.plan.pageBytes;
    await this.writeData(input, offset, bytes);
    this.eof = offset + bytes;
    pending.frames += frames;
    pending.calls += 1;
    return { offset, byteCount: bytes };
  }

  /** Image data in file byte order, from the array in chunks; empty data leaves a sparse zero region. */
  private async writeData(input: SeriesInput, offset: number, length: number): Promise<void> {
    const sink = this.filehandle;
    if (length === 0) return;
    if (input.kind === 'empty') {
      await sink.write(new Uint8Array(1), offset + length - 1);
      return;
    }
    const { array } = input;
    const itemSize = array.dtype.itemSize;
    const chunkElements = Math.max(1, Math.floor(CHUNK_BYTES / itemSize));
    for (let start = 0; start < array.size; start += chunkElements) {
      const count = Math.min(chunkElements, array.size - start);
      await sink.write(elementBytes(array, start, count, this.tiff.byteOrder), offset + start * itemSize);
    }
  }

  private segmentOffsets(plan: SeriesPlan, pageOffset: number): number[] {
    const offsets: number[] = [];
    let at = pageOffset;
    for (const n of plan.segmentBytes) {
      offsets.push(at);
      at += n;
    }
    return offsets;
  }

  /** Point the current chain tail at a new main-chain IFD. */
  private async link(ifdOffset: number): Promise<void> {
    await this.filehandle.write(encodeOffset(this.tiff, ifdOffset), this.chainTail);
  }

  /** Write the IFDs of pages 2..N of the pending series and its final description. */
  private async finishPending(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const { plan } = pending;
    if (pending.frames > 1) {
      const start = even(this.eof);
      const blocks: Uint8Array[] = [];
      const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
      let at = start;
      let previous: { bytes: Uint8Array; field: number } | undefined;
      let template: EncodedIfd | undefined;
      for (let page = 1; page < pending.frames; page++) {
        const offsets = this.segmentOffsets(plan, pending.dataOffset + page * plan.pageBytes);
        const ifd = encodeIfd(pageEntries(plan, false, offsets, plan.segmentBytes), at, this.tiff);
        if (template) shareValues(ifd, template, this.tiff);
        else template = ifd;
        if (previous) setOffset(view(previous.bytes), previous.field, at, this.tiff);
        blocks.push(ifd.bytes);
        previous = { bytes: ifd.bytes, field: ifd.nextIfdFieldOffset - ifd.offset };
        at += ifd.bytes.length;
        this.chainTail = ifd.nextIfdFieldOffset;
      }
      const block = new Uint8Array(at - start);
      let o = 0;
      for (const b of blocks) {
        block.set(b, o);
        o += b.length;
      }
      await this.filehandle.write(block, start);
      this.eof = at;
      await this.filehandle.write(encodeOffset(this.tiff, start), pending.firstIfd.nextIfdFieldOffset);
    }
    if (pending.calls > 1 && plan.shapedMetadata) {
      const shaped = pending.firstIfd.entries.find((e) => e.label === 'shaped');
      if (shaped) {
        const grown = [pending.calls, ...pending.callShape];
        const text = shapedDescription(grown, plan.shapedMetadata, false, this.warn);
        const placed = await this.rewriteAscii(shaped, text);
        if (this.descriptionTarget === shaped) this.descriptionTarget = placed;
      }
    }
  }

  /** Replace an ASCII value: in place when it fits the space reserved for it, else appended at EOF. */
  private async rewriteAscii(entry: PlacedEntry, text: Uint8Array): Promise<PlacedEntry> {
    const sink = this.filehandle;
    const format = this.tiff;
    const count = encodeCount(format, text.length);
    if (text.length <= entry.capacity) {
      const value = new Uint8Array(entry.capacity);
      value.set(text);
      await sink.write(value, entry.valueOffset);
      await sink.write(count, entry.entryOffset + 4);
      return { ...entry, count: text.length };
    }
    const at = even(this.eof);
    await sink.write(text, at);
    this.eof = at + text.length;
    const field = new Uint8Array(format.offsetSize * 2);
    field.set(count, 0);
    field.set(encodeOffset(format, at), format.offsetSize);
    await sink.write(field, entry.entryOffset + 4);
    return { ...entry, count: text.length, valueOffset: at, inline: false, capacity: text.length };
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
          { option: 'description' },
        );
      }
      await this.io(async () => {
        await this.finishPending(); // may move the target (a grown shaped JSON)
        const target = this.descriptionTarget as PlacedEntry;
        this.descriptionTarget = undefined;
        await this.rewriteAscii(target, text);
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
        if (!failed) await this.finishPending();
      } finally {
        await this.filehandle.close();
      }
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function encodeCount(format: TiffFormat, count: number): Uint8Array {
  return encodeOffset(format, count);
}

/** Codes whose out-of-line values differ between the pages of a series. */
const PER_PAGE_VALUES = new Set([273, 324, 330]);

/**
 * Point the out-of-line values of `ifd` (other than segment offsets and SubIFDs) at the identical
 * values stored with `template`, as tifffile does: the values are still written, but every page
 * refers to the first copy, which keeps the files byte-identical to tifffile's.
 */
function shareValues(ifd: EncodedIfd, template: EncodedIfd, format: TiffFormat): void {
  const view = new DataView(ifd.bytes.buffer, ifd.bytes.byteOffset, ifd.bytes.byteLength);
  ifd.entries.forEach((entry, i) => {
    if (entry.inline || PER_PAGE_VALUES.has(entry.code)) return;
    const shared = template.entries[i] as PlacedEntry;
    setOffset(view, entry.entryOffset - ifd.offset + 4 + format.offsetSize, shared.valueOffset, format);
  });
}

function setOffset(view: DataView, at: number, value: number, format: TiffFormat): void {
  if (format.bigtiff) view.setBigUint64(at, BigInt(value), format.littleEndian);
  else view.setUint32(at, value, format.littleEndian);
}
