import type { HuffmanCodes } from './huffman.js';

/**
 * Bytes needed at most for one 8×8 block of 8-bit baseline data: a DC code (≤ 16 bits) plus 11 extra
 * bits and 63 AC codes (≤ 16 bits) plus ≤ 10 extra bits is under 210 bytes; every byte may be stuffed.
 */
export const MAX_BLOCK_BYTES = 440;

/** Growable output with a bit accumulator, Huffman coding of blocks and 0xFF byte stuffing (T.81 F.1.2.3). */
export class EntropyWriter {
  bytes: Uint8Array;
  pos = 0;
  private acc = 0;
  private count = 0;

  constructor(initialCapacity = 4096) {
    this.bytes = new Uint8Array(initialCapacity);
  }

  reset(): void {
    this.pos = 0;
    this.acc = 0;
    this.count = 0;
  }

  /** Make room for `extra` more bytes. */
  ensure(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
  }

  /** Append bytes verbatim (marker segments); only between scans, when no bits are pending. */
  writeBytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.bytes.set(data, this.pos);
    this.pos += data.length;
  }

  /** Append the low `size` bits of `value` (which has no higher bits set), most significant first. */
  private putBits(value: number, size: number): void {
    let acc = (this.acc << size) | value;
    let count = this.count + size;
    const bytes = this.bytes;
    let pos = this.pos;
    while (count >= 8) {
      count -= 8;
      const byte = (acc >>> count) & 0xff;
      bytes[pos++] = byte;
      // A 0xFF in entropy-coded data would read as a marker prefix: follow it by a zero byte.
      if (byte === 0xff) bytes[pos++] = 0;
    }
    acc &= (1 << count) - 1;
    this.acc = acc;
    this.count = count;
    this.pos = pos;
  }

  /**
   * Huffman-code one quantised block (zig-zag order, `last` = index of its last non-zero coefficient)
   * as T.81 F.1.2.1–F.1.2.2 describe, and return its DC value as the next predictor.
   * The caller has reserved MAX_BLOCK_BYTES.
   */
  encodeBlock(block: Int32Array, last: number, predictor: number, dc: HuffmanCodes, ac: HuffmanCodes): number {
    const dcValue = block[0] as number;
    const diff = dcValue - predictor;
    const dcAbs = diff < 0 ? -diff : diff;
    const dcSize = 32 - Math.clz32(dcAbs);
    this.putBits(dc.code[dcSize] as number, dc.size[dcSize] as number);
    // Negative values are sent as their one's complement in `size` bits (diff − 1, masked).
    if (dcSize !== 0) this.putBits((diff < 0 ? diff - 1 : diff) & ((1 << dcSize) - 1), dcSize);

    const acCode = ac.code;
    const acSize = ac.size;
    let run = 0;
    for (let k = 1; k <= last; k++) {
      const value = block[k] as number;
      if (value === 0) {
        run++;
        continue;
      }
      while (run > 15) {
        this.putBits(acCode[0xf0] as number, acSize[0xf0] as number);
        run -= 16;
      }
      const abs = value < 0 ? -value : value;
      const size = 32 - Math.clz32(abs);
      const symbol = (run << 4) | size;
      this.putBits(acCode[symbol] as number, acSize[symbol] as number);
      this.putBits((value < 0 ? value - 1 : value) & ((1 << size) - 1), size);
      run = 0;
    }
    if (last < 63) this.putBits(acCode[0] as number, acSize[0] as number);
    return dcValue;
  }

  /** Pad the last byte with 1-bits (T.81 F.1.2.3) so the scan ends on a byte boundary. */
  flushBits(): void {
    if (this.count > 0) {
      this.ensure(2);
      const pad = 8 - this.count;
      this.putBits((1 << pad) - 1, pad);
    }
  }
}
