import { encodeOffset, type TiffFormat } from '@tiffkit/tiff-core/format.js';
import type { EncodedIfd, PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { countFieldOffset, encodeCountAndOffset } from '@tiffkit/tiff-core/ifd-fields.js';
import type { Sink } from '@tiffkit/tiff-core/sink.js';
import { even } from '../plan/alignment.js';
import { Durability } from './durability.js';

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
  /**
   * Whether long runs of zero bytes (empty pages) may be left unwritten: true when every byte past
   * the header reads as zero until written (a new file, an emptied sink).
   */
  sparse = true;

  constructor(
    readonly sink: Sink,
    readonly format: TiffFormat,
    eof: number,
    chainTail: number,
    /** When bytes reach the operating system and the disk (crash safety, `fsync`). */
    readonly durability: Durability = new Durability(sink, false, { kind: 'never' }),
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
   * Link IFDs already in the file, `first` to `last` (chained to each other), to the end of the main
   * chain: one pointer write, after which every reader sees them.
   */
  async appendToChain(first: EncodedIfd, last: EncodedIfd, count: number): Promise<void> {
    await this.durability.barrier(); // the IFDs and their data reach the file before the pointer does
    await this.patchOffset(this.chainTail, first.offset);
    this.chainTail = last.nextIfdFieldOffset;
    this.mainIfds += count;
  }

  /**
   * Replace IFD `old` by its copy `moved` (already written, linked to what `old` linked to, or to
   * `added` more IFDs that end the chain): one write of the field at `head` that pointed at `old`.
   */
  async relink(
    head: number,
    old: EncodedIfd,
    moved: EncodedIfd,
    added?: { readonly last: EncodedIfd; readonly count: number },
  ): Promise<void> {
    await this.durability.barrier();
    await this.patchOffset(head, moved.offset);
    if (added) {
      this.chainTail = added.last.nextIfdFieldOffset;
      this.mainIfds += added.count;
    } else if (this.chainTail === old.nextIfdFieldOffset) {
      this.chainTail = moved.nextIfdFieldOffset;
    }
  }

  /** The chain's end, to restore with `cutChain` when what follows it is dropped. */
  chainMark(): { readonly tail: number; readonly ifds: number } {
    return { tail: this.chainTail, ifds: this.mainIfds };
  }

  /** End the main chain where `mark` was taken: IFDs linked since are no longer part of the file. */
  async cutChain(mark: { readonly tail: number; readonly ifds: number }): Promise<void> {
    await this.patchOffset(mark.tail, 0);
    this.chainTail = mark.tail;
    this.mainIfds = mark.ifds;
  }

  /**
   * Replace an ASCII value: in place when it fits the space reserved for it (the rest zeroed), else
   * appended at the end of the file and re-pointed. Returns where the value now is.
   */
  async rewriteAscii(entry: PlacedEntry, text: Uint8Array): Promise<PlacedEntry> {
    const { format } = this;
    if (text.length <= entry.capacity) {
      const value = new Uint8Array(entry.capacity);
      value.set(text);
      await this.write(value, entry.valueOffset);
      await this.write(encodeOffset(format, text.length), countFieldOffset(entry));
      return { ...entry, count: text.length };
    }
    const at = even(this.eof);
    await this.write(text, at);
    await this.write(encodeCountAndOffset(format, text.length, at), countFieldOffset(entry));
    return { ...entry, count: text.length, valueOffset: at, inline: false, capacity: text.length };
  }
}
