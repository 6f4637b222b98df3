import { TiffError } from './errors.js';

/**
 * Where a TIFF is written: positional writes, so that IFDs and pointers can be patched once known.
 * Positions are relative to the start of the TIFF. Methods may be synchronous or return promises.
 */
export interface Sink {
  /**
   * Write all of `data` at `position` (past the end: the gap reads as zeros). The caller may reuse
   * `data` once the call has returned (or its promise settled): a sink that keeps bytes for later
   * copies them, as FileSink does.
   */
  write(data: Uint8Array, position: number): Promise<void> | void;
  /** Current size in bytes. */
  size(): Promise<number> | number;
  /** Read back bytes (needed to append to an existing file). */
  read?(position: number, length: number): Promise<Uint8Array> | Uint8Array;
  /** Cut or extend the sink to `size` bytes. */
  truncate?(size: number): Promise<void> | void;
  /**
   * Hand every byte written so far to the operating system, so that a crash of the process no longer
   * loses them. A sink that gathers small writes in memory must implement it; one that writes through
   * need not. The writer calls it before every pointer that links new data, and before `write()` resolves.
   */
  flush?(): Promise<void> | void;
  /**
   * Make every byte written so far durable on the storage device (`fdatasync`), for the writer's
   * `fsync` policy. Implies `flush()`.
   */
  sync?(): Promise<void> | void;
  /** Flush and release the sink. Called exactly once by the writer. */
  close(): Promise<void> | void;
}

/** Duck-typed check for a `Sink`. */
export function isSink(value: unknown): value is Sink {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s['write'] === 'function' && typeof s['size'] === 'function' && typeof s['close'] === 'function';
}

/** The largest buffer a MemorySink grows to (the ArrayBuffer limit of 64-bit V8 builds, 4 GiB). */
const MAX_MEMORY = 2 ** 32;

/** A sink that keeps the file in memory; `toUint8Array()` returns the result. */
export class MemorySink implements Sink {
  private buffer: Uint8Array;
  private length = 0;
  private closed = false;

  constructor(initialCapacity = 64 * 1024) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  /** Seed the sink with existing bytes, e.g. to append to a TIFF held in memory. */
  static from(bytes: Uint8Array): MemorySink {
    const sink = new MemorySink(Math.max(bytes.length, 1024));
    sink.buffer.set(bytes);
    sink.length = bytes.length;
    return sink;
  }

  private ensureCapacity(end: number): void {
    if (end <= this.buffer.length) return;
    if (end > MAX_MEMORY) {
      throw new TiffError('TOO_LARGE', `a MemorySink holds at most 4 GiB; this write would need ${end} bytes`);
    }
    const capacity = Math.min(MAX_MEMORY, Math.max(end, this.buffer.length * 2));
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  write(data: Uint8Array, position: number): void {
    if (this.closed) throw new TiffError('SINK_ERROR', 'write to a closed MemorySink');
    const end = position + data.length;
    this.ensureCapacity(end);
    // Bytes between the old end and `position` are zero: fresh capacity is zeroed, truncate() re-zeroes.
    this.buffer.set(data, position);
    if (end > this.length) this.length = end;
  }

  size(): number {
    return this.length;
  }

  read(position: number, length: number): Uint8Array {
    return this.buffer.slice(position, Math.min(this.length, position + length));
  }

  truncate(size: number): void {
    this.ensureCapacity(size);
    if (size < this.length) this.buffer.fill(0, size, this.length);
    this.length = size;
  }

  close(): void {
    this.closed = true;
  }

  /** The file's bytes: a view of the sink's buffer (no copy), valid until the next write. */
  toUint8Array(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
