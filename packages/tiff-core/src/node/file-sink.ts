import { writeSync, writevSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { TiffError } from '../errors.js';
import type { Sink } from '../sink.js';

/** How a file is opened: `'w'` create/truncate, `'x'` create but fail if it exists, `'r+'` update. */
export type FileMode = 'w' | 'x' | 'r+';

/** Writes up to this size go out synchronously (a page-cache copy of at most a few milliseconds). */
const SYNC_WRITE = 4 * 1024 * 1024;

/** Node caps a single write at 2 GiB; stay well below. */
const MAX_WRITE = 1 << 30;

/**
 * A small write that ends where the gathered bytes begin is put in front of them when they are at most
 * this long: moving them costs less than the system call it saves.
 */
const PREPEND_LIMIT = 16 * 1024;

/**
 * Write `parts`, one after another, at `position` of `fd` in as few calls as the file accepts: one
 * `pwritev` when it takes them whole, the rest again after a short write.
 */
function writeParts(fd: number, parts: readonly Uint8Array[], position: number): void {
  let rest = parts.filter((part) => part.length > 0);
  let at = position;
  while (rest.length > 0) {
    const head = rest[0] as Uint8Array;
    const written = rest.length === 1 ? writeSync(fd, head, 0, head.length, at) : writevSync(fd, rest, at);
    if (written <= 0) throw new Error('the file accepted no bytes');
    at += written;
    let skip = written;
    while (skip > 0 && rest.length > 0) {
      const part = rest[0] as Uint8Array;
      if (part.length <= skip) {
        skip -= part.length;
        rest = rest.slice(1);
      } else {
        rest = [part.subarray(skip), ...rest.slice(1)];
        skip = 0;
      }
    }
  }
}

function sinkError(action: string, error: unknown): TiffError {
  if (error instanceof TiffError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'EEXIST') return new TiffError('FILE_EXISTS', `${action}: the file exists (mode 'x')`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new TiffError('SINK_ERROR', `${action} failed: ${message}`, { cause: error });
}

export interface FileSinkOptions {
  /**
   * Small sequential writes are gathered into a buffer of this many bytes before they reach the
   * file (default 1 MiB; 0 writes through). Larger writes go straight to the file, together with the
   * gathered bytes when those follow them in the file.
   */
  readonly writeBuffer?: number;
}

/**
 * A sink on a Node `FileHandle`. Small sequential writes (a camera's frames, IFDs) are gathered into
 * one buffer and written together: every write to the file is a system call. Bytes that end where the
 * gathered ones begin join them: a small write is put in front of them, a large one (up to 4 MiB) goes
 * out with them in one `pwritev` at once — so a writer that hands over a frame's IFD before the frame's
 * data, just in front of it, pays one system call for both. The sink never keeps a reference to the
 * caller's bytes once `write()` has returned. An error of a gathered write surfaces at the next write,
 * read, size, truncate, flush or close.
 */
export class FileSink implements Sink {
  private closed = false;
  private readonly buffer: Uint8Array;
  /** The gathered bytes belong at `pendingAt` … `pendingAt + pendingLength`. */
  private pendingAt = 0;
  private pendingLength = 0;

  private constructor(
    readonly handle: FileHandle,
    /** Position of the TIFF's first byte in the file; every sink position is relative to it. */
    readonly base: number,
    /** Whether `close()` closes the handle (true when the sink opened it). */
    private readonly ownsHandle: boolean,
    options: FileSinkOptions,
  ) {
    this.buffer = new Uint8Array(Math.max(0, options.writeBuffer ?? 1024 * 1024));
  }

  /** Open `path` in `mode`. */
  static async open(path: string | URL, mode: FileMode = 'w', options: FileSinkOptions = {}): Promise<FileSink> {
    const flags = mode === 'w' ? 'w+' : mode === 'x' ? 'wx+' : 'r+';
    try {
      return new FileSink(await open(path, flags), 0, true, options);
    } catch (error) {
      throw sinkError(`opening ${String(path)}`, error);
    }
  }

  /** Wrap a handle the caller opened (and will close). The TIFF starts at byte `base` of the file. */
  static fromHandle(handle: FileHandle, base = 0, options: FileSinkOptions = {}): FileSink {
    return new FileSink(handle, base, false, options);
  }

  async write(data: Uint8Array, position: number): Promise<void> {
    if (this.closed) throw new TiffError('SINK_ERROR', 'write to a closed FileSink');
    const capacity = this.buffer.length;
    const end = position + data.length;
    const pendingEnd = this.pendingAt + this.pendingLength;
    if (this.pendingLength > 0 && position >= this.pendingAt && end <= pendingEnd) {
      this.buffer.set(data, position - this.pendingAt); // a patch inside the gathered bytes
      return;
    }
    // Bytes that end where the gathered ones begin (a frame's data, its IFD already gathered) join them.
    const before = this.pendingLength > 0 && end === this.pendingAt;
    if (data.length < capacity / 2) {
      if (before && this.pendingLength <= PREPEND_LIMIT && this.pendingLength + data.length <= capacity) {
        this.buffer.copyWithin(data.length, 0, this.pendingLength);
        this.buffer.set(data);
        this.pendingAt = position;
        this.pendingLength += data.length;
        return;
      }
      if (this.pendingLength > 0 && (position !== pendingEnd || this.pendingLength + data.length > capacity))
        await this.flush();
      if (this.pendingLength === 0) this.pendingAt = position;
      this.buffer.set(data, this.pendingLength);
      this.pendingLength += data.length;
      return;
    }
    if (before && data.length <= SYNC_WRITE) {
      // One system call for both, the caller's bytes first: they are not kept past this call.
      const length = this.pendingLength;
      this.pendingLength = 0;
      try {
        writeParts(this.handle.fd, [data, this.buffer.subarray(0, length)], this.base + position);
      } catch (error) {
        throw sinkError(`writing ${data.length + length} bytes at ${position}`, error);
      }
      return;
    }
    await this.flush();
    await this.writeThrough(data, position);
  }

  /**
   * Hand the gathered bytes to the operating system. They are at most `writeBuffer` bytes, written
   * with one synchronous call: a thread-pool round trip would cost more than the copy itself, and
   * the writer flushes after every `write()` (its crash-safety guarantee).
   */
  async flush(): Promise<void> {
    if (this.pendingLength === 0) return;
    const length = this.pendingLength;
    this.pendingLength = 0;
    try {
      writeParts(this.handle.fd, [this.buffer.subarray(0, length)], this.base + this.pendingAt);
    } catch (error) {
      throw sinkError(`writing ${length} bytes at ${this.pendingAt}`, error);
    }
  }

  /** Flush, then make the file's data durable on the storage device (`fdatasync`). */
  async sync(): Promise<void> {
    await this.flush();
    try {
      await this.handle.datasync();
    } catch (error) {
      throw sinkError('syncing the file to storage', error);
    }
  }

  private async writeThrough(data: Uint8Array, position: number): Promise<void> {
    try {
      let done = 0;
      while (done < data.length) {
        const length = Math.min(MAX_WRITE, data.length - done);
        // Up to a few MiB, one synchronous call costs less than a thread-pool round trip.
        const bytesWritten =
          length <= SYNC_WRITE
            ? writeSync(this.handle.fd, data, done, length, this.base + position + done)
            : (await this.handle.write(data, done, length, this.base + position + done)).bytesWritten;
        if (bytesWritten <= 0) throw new Error('the file accepted no bytes');
        done += bytesWritten;
      }
    } catch (error) {
      throw sinkError(`writing ${data.length} bytes at ${position}`, error);
    }
  }

  async size(): Promise<number> {
    await this.flush();
    try {
      return Math.max(0, (await this.handle.stat()).size - this.base);
    } catch (error) {
      throw sinkError('reading the file size', error);
    }
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    await this.flush();
    try {
      const buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await this.handle.read(buffer, done, length - done, this.base + position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    } catch (error) {
      throw sinkError(`reading ${length} bytes at ${position}`, error);
    }
  }

  async truncate(size: number): Promise<void> {
    await this.flush();
    try {
      await this.handle.truncate(this.base + size);
    } catch (error) {
      throw sinkError(`truncating to ${size} bytes`, error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      if (this.ownsHandle) {
        try {
          await this.handle.close();
        } catch (error) {
          // biome-ignore lint/correctness/noUnsafeFinally: a failed close must surface
          throw sinkError('closing the file', error);
        }
      }
    }
  }
}
