import { open } from 'node:fs/promises';
import { TiffError } from '../errors.js';
import type { ByteSource } from '../ifd-parse.js';

/** A read-only `ByteSource` on a file, for parsing; `close()` it when done. */
export interface FileSource extends ByteSource {
  close(): Promise<void>;
}

export async function openFileSource(path: string | URL): Promise<FileSource> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new TiffError('SINK_ERROR', `opening ${String(path)} failed: ${(error as Error).message}`, { cause: error });
  }
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw new TiffError('SINK_ERROR', `reading the size of ${String(path)} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    size,
    async read(position, length) {
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - position)));
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    },
    close: () => handle.close(),
  };
}
