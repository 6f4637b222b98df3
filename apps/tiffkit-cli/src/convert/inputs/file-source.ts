import { type FileHandle, open } from 'node:fs/promises';
import { type ByteOrder, type DType, nativeByteOrder, swapBytesInPlace, type TypedArray } from '@tiffkit/tiff-core';
import { CliError } from '../errors.js';
import { type ArraySource, carrierView, pageGeometry, type SourceHints } from '../source.js';
import { untrack } from '../temp-files.js';

/** Where a C-order array's bytes are: a file (from a byte offset), or memory. */
export type ByteStore =
  | { readonly kind: 'file'; readonly path: string; readonly offset: number; readonly removeOnClose?: boolean }
  | { readonly kind: 'memory'; readonly bytes: Uint8Array };

/**
 * A C-order array stored as plain bytes (a .npy body, a raw file, a transposed copy): a band of rows is
 * one positional read, so memory holds one band at a time.
 */
export class ContiguousSource implements ArraySource {
  readonly levels?: readonly ArraySource[];
  private constructor(
    readonly name: string,
    readonly shape: readonly number[],
    readonly dtype: DType,
    readonly byteOrder: ByteOrder,
    readonly hints: SourceHints,
    private readonly store: ByteStore,
    private readonly handle: FileHandle | undefined,
  ) {}

  /** Open `store`; a file must hold at least the array's bytes (a clear error names what is missing). */
  static async open(
    name: string,
    shape: readonly number[],
    dtype: DType,
    byteOrder: ByteOrder,
    store: ByteStore,
    hints: SourceHints = {},
  ): Promise<ContiguousSource> {
    const needed = shape.reduce((a, b) => a * b, 1) * dtype.itemSize;
    if (store.kind === 'memory') return new ContiguousSource(name, shape, dtype, byteOrder, hints, store, undefined);
    const handle = await open(store.path, 'r');
    const { size } = await handle.stat();
    if (size < store.offset + needed) {
      await handle.close();
      throw new CliError(
        `${name}: holds ${size} bytes, but shape [${shape.join(', ')}] of ${dtype.name} from offset ${store.offset} needs ${store.offset + needed}`,
      );
    }
    return new ContiguousSource(name, shape, dtype, byteOrder, hints, store, handle);
  }

  async readBand(frame: number, y0: number, y1: number, pageDims: number): Promise<TypedArray> {
    const { width, samples, length } = pageGeometry(this.shape, pageDims);
    const rowBytes = width * samples * this.dtype.itemSize;
    const start = (frame * length + y0) * rowBytes;
    const size = (y1 - y0) * rowBytes;
    let bytes: Uint8Array;
    if (this.store.kind === 'memory') {
      bytes = this.store.bytes.slice(start, start + size);
    } else {
      bytes = new Uint8Array(size);
      let done = 0;
      // Large bands take several reads: one read() returns at most 2 GiB.
      while (done < size) {
        const chunk = Math.min(size - done, 1 << 30);
        const { bytesRead } = await (this.handle as FileHandle).read(
          bytes,
          done,
          chunk,
          this.store.offset + start + done,
        );
        if (bytesRead === 0) throw new CliError(`${this.name}: the file ended early (truncated while reading?)`);
        done += bytesRead;
      }
    }
    if (this.byteOrder !== nativeByteOrder && this.dtype.swapSize > 1) swapBytesInPlace(bytes, this.dtype.swapSize);
    return carrierView(this.dtype, bytes);
  }

  async close(): Promise<void> {
    await this.handle?.close();
    if (this.store.kind === 'file' && this.store.removeOnClose) {
      const { rm } = await import('node:fs/promises');
      await rm(this.store.path, { force: true });
      untrack(this.store.path);
    }
  }
}
