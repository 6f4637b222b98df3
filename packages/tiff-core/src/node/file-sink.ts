import { type FileHandle, open } from 'node:fs/promises';
import { TiffError } from '../errors.js';
import type { Sink } from '../sink.js';

/** How a file is opened: `'w'` create/truncate, `'x'` create but fail if it exists, `'r+'` update. */
export type FileMode = 'w' | 'x' | 'r+';

/** Node caps a single write at 2 GiB; stay well below. */
const MAX_WRITE = 1 << 30;

function sinkError(action: string, error: unknown): TiffError {
  if (error instanceof TiffError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'EEXIST') return new TiffError('FILE_EXISTS', `${action}: the file exists (mode 'x')`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new TiffError('SINK_ERROR', `${action} failed: ${message}`, { cause: error });
}

/** A sink on a Node `FileHandle`. */
export class FileSink implements Sink {
  private closed = false;

  private constructor(
    readonly handle: FileHandle,
    /** Position of the TIFF's first byte in the file; every sink position is relative to it. */
    readonly base: number,
    /** Whether `close()` closes the handle (true when the sink opened it). */
    private readonly ownsHandle: boolean,
  ) {}

  /** Open `path` in `mode`. */
  static async open(path: string | URL, mode: FileMode = 'w'): Promise<FileSink> {
    const flags = mode === 'w' ? 'w+' : mode === 'x' ? 'wx+' : 'r+';
    try {
      return new FileSink(await open(path, flags), 0, true);
    } catch (error) {
      throw sinkError(`opening ${String(path)}`, error);
    }
  }

  /** Wrap a handle the caller opened (and will close). The TIFF starts at byte `base` of the file. */
  static fromHandle(handle: FileHandle, base = 0): FileSink {
    return new FileSink(handle, base, false);
  }

  async write(data: Uint8Array, position: number): Promise<void> {
    if (this.closed) throw new TiffError('SINK_ERROR', 'write to a closed FileSink');
    try {
      let done = 0;
      while (done < data.length) {
        const length = Math.min(MAX_WRITE, data.length - done);
        const { bytesWritten } = await this.handle.write(data, done, length, this.base + position + done);
        if (bytesWritten <= 0) throw new Error('the file accepted no bytes');
        done += bytesWritten;
      }
    } catch (error) {
      throw sinkError(`writing ${data.length} bytes at ${position}`, error);
    }
  }

  async size(): Promise<number> {
    try {
      return Math.max(0, (await this.handle.stat()).size - this.base);
    } catch (error) {
      throw sinkError('reading the file size', error);
    }
  }

  async read(position: number, length: number): Promise<Uint8Array> {
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
    try {
      await this.handle.truncate(this.base + size);
    } catch (error) {
      throw sinkError(`truncating to ${size} bytes`, error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsHandle) return;
    try {
      await this.handle.close();
    } catch (error) {
      throw sinkError('closing the file', error);
    }
  }
}
