import { Compression } from '@tiffkit/tiff-core/enums.js';
import type { Codec } from '../codec.js';
import { Scratch } from '../scratch.js';

// TIFF LZW (TIFF 6.0 §13, as libtiff writes it): codes MSB-first, 9 to 12 bits wide.
const CLEAR = 256;
const EOI = 257;
const FIRST_FREE = 258;
/** When the next free code reaches this, the table is full: libtiff never assigns 4095. */
const TABLE_FULL = 4095;
const MIN_BITS = 9;

/**
 * The string table as a direct index: `codeOf[prefix << 8 | byte]` is the code for prefix+byte, 0 for
 * none (no assigned code is below 258). 2 MiB, allocated on first use and kept all-zero between calls;
 * one array read per input byte beats hashing, and a reset only clears the entries actually used.
 */
let codeOf: Uint16Array | undefined;
/** `keyOf[code]` is the `codeOf` index that holds `code`, so a reset touches only used entries. */
const keyOf = new Int32Array(TABLE_FULL);
const scratch = new Scratch();

/** Largest possible output: at most one 12-bit code per input byte, plus Clear codes and EOI. */
function maxEncodedLength(n: number): number {
  const codes = n + Math.ceil(n / (TABLE_FULL - FIRST_FREE)) + 4;
  return Math.ceil((codes * 12) / 8) + 1;
}

function clearTable(table: Uint16Array, free: number): void {
  for (let code = FIRST_FREE; code < free; code++) table[keyOf[code] as number] = 0;
}

/**
 * Encode `data` with TIFF LZW. The stream starts with Clear, widens codes with the "early change"
 * convention libtiff and every TIFF reader expect (one code sooner than GIF-style LZW), emits Clear and
 * starts over when the table is full, and ends with EOI; the last byte is zero-padded.
 */
export function lzwEncode(data: Uint8Array): Uint8Array {
  codeOf ??= new Uint16Array(1 << 20);
  const table = codeOf;
  const n = data.length;
  const out = scratch.get(maxEncodedLength(n));
  let o = 0;
  // Pending output bits, MSB first; fewer than 8 remain between codes, so 20 bits always suffice.
  let acc = CLEAR;
  let accBits = MIN_BITS;
  let nbits = MIN_BITS;
  let maxCode = (1 << nbits) - 1;
  let free = FIRST_FREE;
  let ent = n > 0 ? (data[0] as number) : -1;

  for (let i = 1; i < n; i++) {
    const c = data[i] as number;
    const key = (ent << 8) | c;
    const hit = table[key] as number;
    if (hit !== 0) {
      ent = hit;
      continue;
    }
    acc = (acc << nbits) | ent;
    accBits += nbits;
    while (accBits >= 8) {
      accBits -= 8;
      out[o++] = acc >>> accBits;
    }
    acc &= (1 << accBits) - 1;
    table[key] = free;
    keyOf[free] = key;
    ent = c;
    if (++free === TABLE_FULL) {
      // Clear is written at the current (12-bit) width; the decoder reads it before it resets.
      acc = (acc << nbits) | CLEAR;
      accBits += nbits;
      while (accBits >= 8) {
        accBits -= 8;
        out[o++] = acc >>> accBits;
      }
      acc &= (1 << accBits) - 1;
      clearTable(table, free);
      free = FIRST_FREE;
      nbits = MIN_BITS;
      maxCode = (1 << nbits) - 1;
    } else if (free > maxCode) {
      nbits++;
      maxCode = (1 << nbits) - 1;
    }
  }

  // The final code counts as an assignment too: the decoder adds an entry after reading it, so the
  // EOI after it must be written at the width the decoder will then expect (libtiff's PostEncode).
  const assigned = free;
  const tail: number[] = [];
  if (ent >= 0) {
    tail.push(ent, nbits);
    if (++free === TABLE_FULL) {
      tail.push(CLEAR, nbits);
      nbits = MIN_BITS;
    } else if (free > maxCode) {
      nbits++;
    }
  }
  tail.push(EOI, nbits);
  for (let t = 0; t < tail.length; t += 2) {
    const width = tail[t + 1] as number;
    acc = (acc << width) | (tail[t] as number);
    accBits += width;
    while (accBits >= 8) {
      accBits -= 8;
      out[o++] = acc >>> accBits;
    }
    acc &= (1 << accBits) - 1;
  }
  if (accBits > 0) out[o++] = acc << (8 - accBits);

  clearTable(table, assigned);
  const result = out.slice(0, o);
  scratch.release();
  return result;
}

/** LZW (5). Takes no arguments. */
export const lzwCodec: Codec = Object.freeze({
  code: Compression.LZW,
  name: 'LZW',
  encode: (data: Uint8Array) => lzwEncode(data),
});
