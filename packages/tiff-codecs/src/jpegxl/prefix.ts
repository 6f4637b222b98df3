import type { BitWriter } from './bits.js';

/** A prefix code: per symbol its length in bits and its code, bit-reversed so it can be written LSB first. */
export interface PrefixCode {
  readonly lengths: Uint8Array;
  readonly codes: Uint16Array;
}

/** Huffman code lengths for `counts`, none longer than `limit` (counts are flattened until they fit). */
export function huffmanLengths(counts: ArrayLike<number>, limit: number): Uint8Array {
  let weights = Array.from(counts);
  for (;;) {
    const lengths = unlimitedLengths(weights);
    if (lengths.every((l) => l <= limit)) return lengths;
    // Halving (keeping every used symbol at least 1) flattens the tree; a few rounds always fit.
    weights = weights.map((c) => (c > 0 ? Math.max(1, c >> 1) : 0));
  }
}

function unlimitedLengths(weights: readonly number[]): Uint8Array {
  const lengths = new Uint8Array(weights.length);
  type Node = { weight: number; symbols: number[] };
  const nodes: Node[] = [];
  weights.forEach((weight, symbol) => {
    if (weight > 0) nodes.push({ weight, symbols: [symbol] });
  });
  if (nodes.length === 1) lengths[(nodes[0] as Node).symbols[0] as number] = 1;
  while (nodes.length > 1) {
    // Small alphabets (tens of tokens): a sort per merge is cheap and keeps ties deterministic.
    nodes.sort((a, b) => a.weight - b.weight || (a.symbols[0] as number) - (b.symbols[0] as number));
    const a = nodes.shift() as Node;
    const b = nodes.shift() as Node;
    for (const s of a.symbols) lengths[s] = (lengths[s] as number) + 1;
    for (const s of b.symbols) lengths[s] = (lengths[s] as number) + 1;
    nodes.push({ weight: a.weight + b.weight, symbols: a.symbols.concat(b.symbols) });
  }
  return lengths;
}

/** Canonical codes (shorter first, then by symbol), as Brotli and JPEG XL assign them, bit-reversed. */
export function canonicalCode(lengths: Uint8Array): PrefixCode {
  const codes = new Uint16Array(lengths.length);
  const count = new Array<number>(17).fill(0);
  for (const l of lengths) if (l > 0) count[l] = (count[l] as number) + 1;
  const next = new Array<number>(17).fill(0);
  let code = 0;
  for (let len = 1; len <= 16; len++) {
    code = (code + (count[len - 1] as number)) << 1;
    next[len] = code;
  }
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] as number;
    if (len === 0) continue;
    const c = next[len] as number;
    next[len] = c + 1;
    let reversed = 0;
    for (let i = 0; i < len; i++) reversed |= ((c >> i) & 1) << (len - 1 - i);
    codes[s] = reversed;
  }
  return { lengths, codes };
}

/** Order in which the code lengths of the code-length alphabet are stored (Brotli's). */
const CODE_LENGTH_ORDER = [1, 2, 3, 4, 0, 5, 17, 6, 16, 7, 8, 9, 10, 11, 12, 13, 14, 15];
/** The fixed code of those lengths 0–5: [bits, value written LSB first]. */
const CODE_LENGTH_CODE: readonly (readonly [number, number])[] = [
  [2, 0b00],
  [4, 0b0111],
  [3, 0b011],
  [2, 0b10],
  [2, 0b01],
  [4, 0b1111],
];

/** Number of symbols a histogram needs: one past the last used symbol, at least 1. */
export function alphabetSize(counts: ArrayLike<number>): number {
  let size = counts.length;
  while (size > 1 && counts[size - 1] === 0) size--;
  return Math.max(1, size);
}

/**
 * Writes the prefix code of one histogram (its alphabet size is written beforehand by the caller)
 * and returns it. One used symbol: a zero-bit code (nothing written when it is symbol 0 of an
 * alphabet of 1, else a "simple" code of one symbol). More: a "complex" code, every length written
 * literally with the code-length code (no repeat codes).
 */
export function writePrefixCode(w: BitWriter, counts: ArrayLike<number>): PrefixCode {
  const size = alphabetSize(counts);
  const used: number[] = [];
  for (let s = 0; s < size; s++) if ((counts[s] as number) > 0) used.push(s);
  if (used.length <= 1) {
    const lengths = new Uint8Array(size);
    if (size > 1) {
      w.write(2, 1); // simple code
      w.write(2, 0); // one symbol
      w.write(Math.floor(Math.log2(size - 1)) + 1, used[0] as number);
    }
    return { lengths, codes: new Uint16Array(size) };
  }
  const lengths = huffmanLengths(Array.prototype.slice.call(counts, 0, size) as number[], 15);
  let last = size - 1;
  while (lengths[last] === 0) last--;
  const sequence = lengths.subarray(0, last + 1);
  const lengthCounts = new Array<number>(18).fill(0);
  for (const l of sequence) lengthCounts[l] = (lengthCounts[l] as number) + 1;
  const distinct = lengthCounts.filter((c) => c > 0).length;
  w.write(2, 0); // complex code, no skipped code-length lengths
  if (distinct === 1) {
    // One code-length symbol: every entry of the order is written (only one non-zero), and the
    // symbol lengths then cost no bits.
    for (const s of CODE_LENGTH_ORDER) {
      const [bits, value] = CODE_LENGTH_CODE[lengthCounts[s] ? 1 : 0] as readonly [number, number];
      w.write(bits, value);
    }
    return canonicalCode(lengths);
  }
  const clLengths = huffmanLengths(lengthCounts, 5);
  let lastInOrder = CODE_LENGTH_ORDER.length - 1;
  while (clLengths[CODE_LENGTH_ORDER[lastInOrder] as number] === 0) lastInOrder--;
  for (let i = 0; i <= lastInOrder; i++) {
    const [bits, value] = CODE_LENGTH_CODE[clLengths[CODE_LENGTH_ORDER[i] as number] as number] as readonly [
      number,
      number,
    ];
    w.write(bits, value);
  }
  const clCode = canonicalCode(clLengths);
  for (const l of sequence) w.write(clCode.lengths[l] as number, clCode.codes[l] as number);
  return canonicalCode(lengths);
}
