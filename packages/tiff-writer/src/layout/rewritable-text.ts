import type { PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { countFieldOffset, encodeCountAndOffset } from '@tiffkit/tiff-core/ifd-fields.js';
import { even } from '../plan/alignment.js';
import type { FileLayout } from './file-layout.js';

/**
 * An ASCII value (a series' metadata text) that is replaced while readers may be looking at the file.
 * The new text is written where no reader looks yet — the free part of the space reserved for the
 * value, else a new space at the end of the file — and switched to by one write of the entry's count
 * and offset, which sit side by side: a reader sees the old text or the new one, each exactly as long
 * as its count says and ending in its single NUL (libtiff warns about NULs inside a value, so padding
 * a value in place is no alternative). Two copies alternate in a space that holds both.
 */
export class RewritableText {
  /** The space the value may use: where it was planned, or where it was last moved to. */
  private area: { start: number; size: number };
  /** A text written and not yet switched to. */
  private staged: { readonly at: number; readonly length: number } | undefined;

  constructor(private current: PlacedEntry) {
    this.area = { start: current.valueOffset, size: current.inline ? 0 : current.capacity };
  }

  /** Where the value is now. */
  get entry(): PlacedEntry {
    return this.current;
  }

  /**
   * Where a text of `length` bytes would go inside the current space, if it fits there: the copies
   * alternate between its two halves, never overlapping the text readers see now.
   */
  private placeInArea(length: number): number | undefined {
    const { start, size } = this.area;
    const { valueOffset, count } = this.current;
    if (this.current.inline) return undefined;
    const half = start + (Math.floor(size / 4) << 1);
    if (valueOffset < half) {
      const at = Math.max(half, even(valueOffset + count));
      return at + length <= start + size ? at : undefined;
    }
    return start + length <= valueOffset ? start : undefined;
  }

  /** The text can be replaced by one of `length` bytes without moving to the end of the file. */
  fitsInPlace(length: number): boolean {
    return this.placeInArea(length) !== undefined;
  }

  /**
   * Replace the value with `text` (which ends in its NUL). When it must move to the end of the file,
   * the new space has `room` more bytes than the text, for later copies to alternate in.
   */
  async replace(layout: FileLayout, text: Uint8Array, room: number): Promise<PlacedEntry> {
    await this.stage(layout, text, room);
    return this.commit(layout);
  }

  /**
   * Write `text` where no reader looks yet, without switching to it: in the free half of its space,
   * or (`atEnd`, or when it does not fit there) at the end of the file — where it joins the bytes just
   * written in one system call, which costs less than a write of its own for a short text.
   */
  async stage(layout: FileLayout, text: Uint8Array, room: number, atEnd = false): Promise<void> {
    let at = atEnd ? undefined : this.placeInArea(text.length);
    if (at === undefined) {
      at = even(layout.eof);
      this.area = { start: at, size: text.length + room };
      // The space is written whole (zeros after the text), so that the file's end covers it.
      const space = new Uint8Array(this.area.size);
      space.set(text);
      await layout.write(space, at);
    } else {
      await layout.write(text, at);
    }
    this.staged = { at, length: text.length };
  }

  /** Switch to the staged text: one write of the entry's count and offset. */
  async commit(layout: FileLayout): Promise<PlacedEntry> {
    const staged = this.staged;
    if (!staged) return this.current;
    this.staged = undefined;
    await layout.durability.barrier(); // the text is in the file before the pointer to it
    const field = encodeCountAndOffset(layout.format, staged.length, staged.at);
    await layout.write(field, countFieldOffset(this.current));
    this.current = {
      ...this.current,
      count: staged.length,
      valueOffset: staged.at,
      inline: false,
      capacity: staged.length,
    };
    return this.current;
  }

  /** A text is staged and waits for `commit`. */
  get pending(): boolean {
    return this.staged !== undefined;
  }
}
