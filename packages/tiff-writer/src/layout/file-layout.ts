import { type EncodedIfd, encodeOffset, type PlacedEntry, type Sink, type TiffFormat } from '@tiffkit/tiff-core';

export const even = (n: number): number => n + (n & 1);
export const alignUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/**
 * Where a new IFD is linked from: the main chain (the previous IFD's next-IFD field, or the header's
 * first-IFD field) or a parent page's SubIFDs slot.
 */
export type IfdLink = { readonly kind: 'chain' } | { readonly kind: 'slot'; readonly position: number };

/**
 * The file being written: the sink, the end of file, and the tail of the main IFD chain. Every byte
 * reaches the sink through here, at absolute positions relative to the start of the TIFF.
 */
export class FileLayout {
  /** End of the bytes written so far. */
  eof: number;
  /** Position of the next-IFD field the next main-chain IFD is linked from. */
  chainTail: number;
  /** Number of IFDs in the main chain (OME's TiffData IFD index of the next page). */
  mainIfds = 0;

  constructor(
    readonly sink: Sink,
    readonly format: TiffFormat,
    eof: number,
    chainTail: number,
  ) {
    this.eof = eof;
    this.chainTail = chainTail;
  }

  async write(bytes: Uint8Array, position: number): Promise<void> {
    await this.sink.write(bytes, position);
    if (position + bytes.length > this.eof) this.eof = position + bytes.length;
  }

  /** Write an offset value (4 or 8 bytes) into the field at `position`. */
  async patchOffset(position: number, value: number): Promise<void> {
    await this.sink.write(encodeOffset(this.format, value), position);
  }

  /**
   * Write an encoded IFD and link it: into the main chain (it becomes the chain's tail) or into a
   * SubIFDs slot (its own next-IFD field stays 0: a tree, as DNG and current tifffile want).
   */
  async writeIfd(ifd: EncodedIfd, link: IfdLink): Promise<void> {
    await this.write(ifd.bytes, ifd.offset);
    if (link.kind === 'chain') {
      await this.patchOffset(this.chainTail, ifd.offset);
      this.chainTail = ifd.nextIfdFieldOffset;
      this.mainIfds += 1;
    } else {
      await this.patchOffset(link.position, ifd.offset);
    }
  }

  /**
   * Replace an ASCII value: in place when it fits the space reserved for it (the rest zeroed), else
   * appended at the end of the file and re-pointed. Returns where the value now is.
   */
  async rewriteAscii(entry: PlacedEntry, text: Uint8Array): Promise<PlacedEntry> {
    const { format } = this;
    const count = encodeOffset(format, text.length);
    if (text.length <= entry.capacity) {
      const value = new Uint8Array(entry.capacity);
      value.set(text);
      await this.write(value, entry.valueOffset);
      // The count field is 4 bytes in classic TIFF and 8 in BigTIFF: the same size as an offset.
      await this.write(count, entry.entryOffset + 4);
      return { ...entry, count: text.length };
    }
    const at = even(this.eof);
    await this.write(text, at);
    const field = new Uint8Array(format.offsetSize * 2);
    field.set(count, 0);
    field.set(encodeOffset(format, at), format.offsetSize);
    await this.write(field, entry.entryOffset + 4);
    return { ...entry, count: text.length, valueOffset: at, inline: false, capacity: text.length };
  }
}

/** Values that differ between the pages of a series written page by page. */
export const SEGMENTED_PAGE_VALUES: ReadonlySet<number> = new Set([273, 279, 324, 325, 330]);

/**
 * Point the out-of-line values of `ifd` (other than the per-page ones) at the identical values stored
 * with `template`, as tifffile does: the values are still written, but the pages refer to one copy,
 * which keeps files byte-identical to tifffile's.
 */
export function shareValues(
  ifd: EncodedIfd,
  template: EncodedIfd,
  perPage: ReadonlySet<number>,
  format: TiffFormat,
): void {
  const view = new DataView(ifd.bytes.buffer, ifd.bytes.byteOffset, ifd.bytes.byteLength);
  ifd.entries.forEach((entry, i) => {
    const shared = template.entries[i] as PlacedEntry;
    if (entry.inline || perPage.has(entry.code) || shared.code !== entry.code) return;
    setOffset(view, entry.entryOffset - ifd.offset + 4 + format.offsetSize, shared.valueOffset, format);
  });
}

/** Write an offset value into a DataView in the format's byte order. */
export function setOffset(view: DataView, at: number, value: number, format: TiffFormat): void {
  if (format.bigtiff) view.setBigUint64(at, BigInt(value), format.littleEndian);
  else view.setUint32(at, value, format.littleEndian);
}
