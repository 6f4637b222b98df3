import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { Sink } from '@tiffkit/tiff-core/sink.js';
import type { WritableFileStreamLike } from '../options.js';

/** A browser `FileSystemWritableFileStream` as a sink (write-only: no reads, so no appending). */
export class WritableFileStreamSink implements Sink {
  private end = 0;

  constructor(private readonly stream: WritableFileStreamLike) {}

  async write(data: Uint8Array, position: number): Promise<void> {
    try {
      // The writer's buffers are ArrayBuffer-backed (never shared memory).
      await this.stream.write({ type: 'write', position, data: data as Uint8Array<ArrayBuffer> });
    } catch (error) {
      throw new TiffError('SINK_ERROR', `writing ${data.length} bytes at ${position} failed: ${String(error)}`, {
        cause: error,
      });
    }
    this.end = Math.max(this.end, position + data.length);
  }

  size(): number {
    return this.end;
  }

  async truncate(size: number): Promise<void> {
    await this.stream.write({ type: 'truncate', size });
    this.end = size;
  }

  async close(): Promise<void> {
    try {
      await this.stream.close();
    } catch (error) {
      throw new TiffError('SINK_ERROR', `closing the stream failed: ${String(error)}`, { cause: error });
    }
  }
}
