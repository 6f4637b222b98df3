/**
 * A bit writer in JPEG XL's order: values are written least significant bit first, and bytes fill
 * from their lowest bit (ISO/IEC 18181-1, the bit stream is read as one little-endian integer).
 */
export class BitWriter {
  private bytes = new Uint8Array(4096);
  private length = 0;
  /** Pending bits not yet flushed to `bytes` (fewer than 8). */
  private acc = 0;
  private accBits = 0;

  /** Bits written so far. */
  get bitLength(): number {
    return this.length * 8 + this.accBits;
  }

  /** Writes the low `count` bits of `value` (count 0–32; value a non-negative integer). */
  write(count: number, value: number): void {
    let v = value;
    let n = count;
    // At most 24 bits per step, so `acc` (at most 7 pending bits) never passes 31 bits.
    while (n > 24) {
      this.write(24, v % 0x1000000);
      v = Math.floor(v / 0x1000000);
      n -= 24;
    }
    this.acc |= (v & ((1 << n) - 1)) << this.accBits;
    this.accBits += n;
    while (this.accBits >= 8) {
      this.pushByte(this.acc & 0xff);
      this.acc >>>= 8;
      this.accBits -= 8;
    }
  }

  /** One bit: 1 for `true`. */
  bool(value: boolean): void {
    this.write(1, value ? 1 : 0);
  }

  /** Zero bits up to the next byte boundary. */
  padToByte(): void {
    if (this.accBits > 0) this.write(8 - this.accBits, 0);
  }

  /** Appends whole bytes; the writer must be at a byte boundary. */
  appendBytes(data: Uint8Array): void {
    if (this.accBits !== 0) throw new Error('BitWriter.appendBytes: not at a byte boundary');
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  /** The bytes written, padded with zero bits to a whole byte. */
  finish(): Uint8Array {
    this.padToByte();
    return this.bytes.slice(0, this.length);
  }

  private pushByte(byte: number): void {
    this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/** One of the four choices of a U32 field: a constant, or `bits` raw bits plus `offset`. */
export type U32Choice = { readonly value: number } | { readonly bits: number; readonly offset: number };

/** A U32 field: a 2-bit selector, then the chosen distribution's raw bits (none for a constant). */
export function writeU32(w: BitWriter, choices: readonly U32Choice[], value: number): void {
  for (let selector = 0; selector < choices.length; selector++) {
    const c = choices[selector] as U32Choice;
    if ('value' in c) {
      if (c.value === value) {
        w.write(2, selector);
        return;
      }
    } else if (value >= c.offset && value - c.offset < 2 ** c.bits) {
      w.write(2, selector);
      w.write(c.bits, value - c.offset);
      return;
    }
  }
  throw new Error(`U32 field cannot hold ${value}`);
}

/** Shorthands for U32 choices. */
export const val = (value: number): U32Choice => ({ value });
export const bitsOffset = (bits: number, offset = 0): U32Choice => ({ bits, offset });

/** The Enum encoding of header fields: U32(0, 1, 2 + u(4), 18 + u(6)). */
export function writeEnum(w: BitWriter, value: number): void {
  writeU32(w, [val(0), val(1), bitsOffset(4, 2), bitsOffset(6, 18)], value);
}

/** A U64 field holding 0 (the only value this encoder writes: no flags, no extensions). */
export function writeU64Zero(w: BitWriter): void {
  w.write(2, 0);
}
