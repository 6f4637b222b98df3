/**
 * A reusable output buffer for encoders whose output size is only bounded, not known. Encoding is
 * synchronous, so one buffer per module is safe; reusing it spares a large allocation per segment,
 * and callers get an exact-size copy they own.
 */
export class Scratch {
  private buffer = new Uint8Array(0);

  /** A buffer of at least `size` bytes; its contents are undefined. */
  get(size: number): Uint8Array {
    if (this.buffer.length < size) this.buffer = new Uint8Array(Math.max(size, this.buffer.length * 2));
    return this.buffer;
  }

  /** Drop a buffer that grew past `limit` bytes, so one huge segment does not pin memory forever. */
  release(limit = 16 * 1024 * 1024): void {
    if (this.buffer.length > limit) this.buffer = new Uint8Array(0);
  }
}
