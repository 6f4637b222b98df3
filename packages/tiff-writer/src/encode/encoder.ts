import { packBilevel } from '@tiffkit/tiff-codecs/pack/bilevel.js';
import { packIntegers } from '@tiffkit/tiff-codecs/pack/integers.js';
import { hardwareConcurrency } from '@tiffkit/tiff-codecs/pool/concurrency.js';
import type { EncoderPool } from '@tiffkit/tiff-codecs/pool/pool.js';
import { type EncodeTask, encodeTask } from '@tiffkit/tiff-codecs/pool/task.js';
import { Compression } from '@tiffkit/tiff-core/enums.js';
import type { ByteOrder } from '@tiffkit/tiff-core/format.js';
import type { EncoderOptions, WorkerOrigin } from '../plan/encoding-options.js';
import type { SeriesPlan } from '../plan/series-plan.js';

/** A segment on its way to the file: raw samples to encode, bytes to store as they are, or `null` (sparse). */
export type SegmentWork =
  | { readonly raw: Uint8Array /** The buffer is ours (may be transferred to a worker). */; readonly owned: boolean }
  | { readonly stored: Uint8Array; readonly byteCount: number }
  | null;

/** A stored segment: `bytes` written verbatim, `byteCount` into the tag; `null` is a missing (sparse) segment. */
export type StoredSegment = { readonly bytes: Uint8Array; readonly byteCount: number } | null;

/** A writer's hold on the shared pool, with at least `size` workers started from `origin`. */
export type PoolLease = (size: number, origin: WorkerOrigin) => Promise<EncoderPool>;

/** Raw bytes of segments sent to a worker in one message, at most (one segment may be larger). */
const BATCH_BYTES = 1024 * 1024;

/**
 * Consecutive raw segments of one size that lie one after the other in one buffer (the tiles of a
 * slab, the strips of the caller's array), gathered to go to a worker as one task: one message, one
 * transfer and one reply for all of them.
 */
class Batch {
  private data: Uint8Array | undefined;
  private segments = 0;
  private owned = false;

  /** Add `raw` if it continues the batch (or starts one); false when it does not fit. */
  add(raw: Uint8Array, owned: boolean): boolean {
    const { data } = this;
    if (data === undefined) {
      [this.data, this.segments, this.owned] = [raw, 1, owned];
      return true;
    }
    const fits =
      raw.buffer === data.buffer &&
      raw.byteOffset === data.byteOffset + data.length &&
      raw.length * this.segments === data.length &&
      owned === this.owned &&
      data.length + raw.length <= BATCH_BYTES;
    if (!fits) return false;
    this.data = new Uint8Array(data.buffer, data.byteOffset, data.length + raw.length);
    this.segments += 1;
    return true;
  }

  /** The batch gathered so far (emptied), if any. */
  take(): { data: Uint8Array; segments: number; owned: boolean } | undefined {
    const { data, segments, owned } = this;
    this.data = undefined;
    return data && { data, segments, owned };
  }
}

/** Raw bytes each worker must have to encode before the automatic choice starts it (tifffile's threads start for free). */
const WORKER_START_BYTES = 8 * 1024 * 1024;

/** Raw bytes each worker must have when the caller asked for workers: starting one costs tens of ms. */
const ASKED_WORKER_BYTES = 1024 * 1024;

/** Segments this small are not worth a worker's round trip (tifffile's per-codec thresholds). */
function smallSegmentLimit(compression: number): number {
  if (compression === Compression.JPEG || compression === Compression.PACKBITS) return 128 * 1024;
  return 32 * 1024;
}

/**
 * Workers for a series. `maxWorkers` is a maximum: never more than the machine's cores or the
 * segments, and only as many as have 1 MiB each to encode. Without it, tifffile's heuristic with a
 * higher bar (8 MiB each, half the cores): one when encoding on workers would not pay.
 */
export function workerCount(plan: SeriesPlan, options: EncoderOptions): number {
  const { compression } = plan.codec;
  if (compression === Compression.NONE) return 1;
  const segments = plan.geometry.segmentsPerPage * plan.stored.frames;
  const size = plan.segments.raw[0] ?? 0;
  const total = segments * size;
  if (options.maxWorkers !== undefined) {
    const cores = hardwareConcurrency();
    return Math.max(1, Math.min(options.maxWorkers, cores, segments, Math.floor(total / ASKED_WORKER_BYTES)));
  }
  if (segments < 2 || size < 1024 || size < smallSegmentLimit(compression)) return 1;
  const affordable = Math.floor(total / WORKER_START_BYTES);
  return Math.max(1, Math.min(segments, affordable, Math.floor(hardwareConcurrency() / 2)));
}

/**
 * Turns raw segments into stored ones — bit packing, predictor, compression — in this thread or on the
 * shared worker pool, keeping the segment order and at most `bufferSize` bytes of segments in flight.
 * The bytes are the same whatever the number of workers.
 */
export class SegmentEncoder {
  constructor(
    private readonly plan: SeriesPlan,
    private readonly fileOrder: ByteOrder,
    private readonly options: EncoderOptions,
    /** The writer's hold on the shared pool, with at least `size` workers (kept until the writer closes). */
    private readonly lease: PoolLease,
  ) {}

  /** `data` holds `segments` raw segments of one size. */
  private task(data: Uint8Array, segments = 1): EncodeTask {
    const { plan } = this;
    const { geometry, stored } = plan;
    const width = geometry.tiled ? geometry.tile[2] : stored.width;
    const samples = stored.contigSamples;
    return {
      data,
      segments,
      width,
      rows: data.length / segments / (width * samples * plan.dtype.itemSize),
      samples,
      dtype: plan.dtype.name,
      byteOrder: this.fileOrder,
      predictor: plan.codec.predictor,
      compression: plan.codec.compression,
      args: plan.codec.args,
    };
  }

  /** Encode in this thread. */
  private encodeHere(raw: Uint8Array): Uint8Array {
    const { plan } = this;
    if (plan.codec.compression !== Compression.NONE) return encodeTask(this.task(raw));
    if (!plan.codec.packed) return raw;
    const { geometry, stored, dtype } = plan;
    const values = (geometry.tiled ? geometry.tile[2] : stored.width) * stored.contigSamples;
    const rows = raw.length / dtype.itemSize / values;
    if (dtype.kind === 'bool') return packBilevel(raw, values, rows);
    const Values = dtype.itemSize === 1 ? Uint8Array : dtype.itemSize === 2 ? Uint16Array : Uint32Array;
    return packIntegers(
      new Values(raw.buffer as ArrayBuffer, raw.byteOffset, raw.length / dtype.itemSize),
      plan.codec.bitsPerSample,
      values,
      rows,
    );
  }

  /** The stored segments, in order. */
  async *encode(works: AsyncIterable<SegmentWork>): AsyncGenerator<StoredSegment> {
    const workers = workerCount(this.plan, this.options);
    if (workers <= 1) {
      for await (const work of works) {
        if (work === null) yield null;
        else if ('stored' in work) yield { bytes: work.stored, byteCount: work.byteCount };
        else {
          const bytes = this.encodeHere(work.raw);
          yield { bytes, byteCount: bytes.length };
        }
      }
      return;
    }
    const pool = await this.lease(workers, this.options.workers);
    const window: { result: Promise<StoredSegment[]>; size: number }[] = [];
    const batch = new Batch();
    let inFlight = 0;
    // Keep every worker busy with a few tasks, within the memory budget.
    const limit = workers * 4;
    const send = (result: Promise<StoredSegment[]>, size: number) => {
      result.catch(() => undefined); // awaited below, in order; never an unhandled rejection meanwhile
      window.push({ result, size });
      inFlight += size;
    };
    const flush = () => {
      const raw = batch.take();
      if (!raw) return;
      const stored = pool.encodeSegments(this.task(raw.data, raw.segments), raw.owned);
      send(
        stored.then((all) => all.map((bytes) => ({ bytes, byteCount: bytes.length }))),
        raw.data.length,
      );
    };
    for await (const work of works) {
      if (work !== null && 'raw' in work && batch.add(work.raw, work.owned)) continue;
      flush();
      if (work === null) send(Promise.resolve([null]), 0);
      else if ('stored' in work) send(Promise.resolve([{ bytes: work.stored, byteCount: work.byteCount }]), 0);
      else batch.add(work.raw, work.owned);
      while (window.length >= limit || (inFlight > this.options.bufferSize && window.length > 1)) {
        const head = window.shift() as (typeof window)[number];
        inFlight -= head.size;
        yield* await head.result;
      }
    }
    flush();
    for (const head of window) yield* await head.result;
  }
}
