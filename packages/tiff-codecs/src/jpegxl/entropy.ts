import type { BitWriter } from './bits.js';
import { alphabetSize, type PrefixCode, writePrefixCode } from './prefix.js';

/**
 * Hybrid integer configuration of every histogram this encoder writes: values below 16 are tokens
 * of their own; above, the token holds the exponent and the bit after the leading one, and the rest
 * of the bits follow raw (split exponent 4, 1 msb in token, 0 lsb).
 */
const SPLIT_EXPONENT = 4;
const SPLIT = 1 << SPLIT_EXPONENT;

/** A signed residual as the unsigned value the format codes: 0, −1, 1, −2, … → 0, 1, 2, 3, …. */
export const packSigned = (r: number): number => (r >= 0 ? 2 * r : -2 * r - 1);

/** Token of a value 0 … 2^32 − 1 under that configuration. */
export function hybridToken(value: number): number {
  if (value < SPLIT) return value;
  const n = 31 - Math.clz32(value);
  return SPLIT + ((n - SPLIT_EXPONENT) << 1) + ((value >>> (n - 1)) & 1);
}

/** Writes `value` with `code`: the token's prefix code, then its raw low bits. */
export function writeValue(w: BitWriter, code: PrefixCode, value: number, token = hybridToken(value)): void {
  w.write(code.lengths[token] as number, code.codes[token] as number);
  if (token >= SPLIT) {
    // At most 30 raw bits (values below 2^32): a mask keeps them.
    const nbits = 31 - Math.clz32(value) - 1;
    w.write(nbits, value & ((1 << nbits) - 1));
  }
}

/** Symbols to code, each a context and a value, collected before the histograms are written. */
export class SymbolList {
  contexts: Uint8Array;
  values: Uint32Array;
  /** Each value's hybrid token, computed once for the histograms and the writing. */
  tokens: Uint8Array;
  length = 0;

  /** `capacity`: the expected number of symbols (the arrays grow past it if needed). */
  constructor(capacity = 64) {
    this.contexts = new Uint8Array(Math.max(1, capacity));
    this.values = new Uint32Array(Math.max(1, capacity));
    this.tokens = new Uint8Array(Math.max(1, capacity));
  }

  push(context: number, value: number): void {
    if (this.length === this.values.length) this.grow();
    this.contexts[this.length] = context;
    this.tokens[this.length] = hybridToken(value);
    this.values[this.length++] = value;
  }

  private grow(): void {
    const contexts = new Uint8Array(this.length * 2);
    const values = new Uint32Array(this.length * 2);
    const tokens = new Uint8Array(this.length * 2);
    contexts.set(this.contexts);
    values.set(this.values);
    tokens.set(this.tokens);
    this.contexts = contexts;
    this.values = values;
    this.tokens = tokens;
  }
}

function writeVarLenUint16(w: BitWriter, n: number): void {
  if (n === 0) {
    w.bool(false);
    return;
  }
  const nbits = 31 - Math.clz32(n);
  w.bool(true);
  w.write(4, nbits);
  w.write(nbits, n - (1 << nbits));
}

/**
 * The context map: "simple" (fixed-width entries) for up to 8 clusters, else entropy coded itself
 * (one context, no move-to-front).
 */
function writeContextMap(
  w: BitWriter,
  numContexts: number,
  numClusters: number,
  clusterOf: (context: number) => number,
): void {
  const bits = numClusters > 1 ? 32 - Math.clz32(numClusters - 1) : 0;
  if (bits <= 3) {
    w.bool(true); // simple
    w.write(2, bits);
    for (let c = 0; c < numContexts && bits > 0; c++) w.write(bits, clusterOf(c));
    return;
  }
  w.bool(false); // entropy coded
  w.bool(false); // no move-to-front
  const entries = new SymbolList(numContexts);
  for (let c = 0; c < numContexts; c++) entries.push(0, clusterOf(c));
  const codes = writeEntropyCode(w, 1, () => 0, [entries]);
  writeSymbols(w, codes, entries);
}

/**
 * Writes the histograms of `numContexts` contexts (no LZ77; a simple context map sending context
 * `c` to cluster `clusterOf(c)`; prefix codes), counted over `lists`, and returns each context's code.
 */
export function writeEntropyCode(
  w: BitWriter,
  numContexts: number,
  clusterOf: (context: number) => number,
  lists: readonly SymbolList[],
): PrefixCode[] {
  let numClusters = 1;
  for (let c = 0; c < numContexts; c++) numClusters = Math.max(numClusters, clusterOf(c) + 1);
  const counts: number[][] = Array.from({ length: numClusters }, () => []);
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const hist = counts[clusterOf(list.contexts[i] as number)] as number[];
      const token = list.tokens[i] as number;
      hist[token] = (hist[token] ?? 0) + 1;
    }
  }
  const dense = counts.map((hist) => Array.from({ length: Math.max(1, hist.length) }, (_, t) => hist[t] ?? 0));
  w.bool(false); // LZ77 off
  if (numContexts > 1) writeContextMap(w, numContexts, numClusters, clusterOf);
  w.bool(true); // prefix codes
  for (let k = 0; k < numClusters; k++) {
    w.write(4, SPLIT_EXPONENT);
    w.write(3, 1); // msb_in_token
    w.write(2, 0); // lsb_in_token
  }
  for (const hist of dense) writeVarLenUint16(w, alphabetSize(hist) - 1);
  const codes = dense.map((hist) => writePrefixCode(w, hist));
  return Array.from({ length: numContexts }, (_, c) => codes[clusterOf(c)] as PrefixCode);
}

/** Writes the symbols of `list` with the codes returned by `writeEntropyCode`. */
export function writeSymbols(w: BitWriter, codes: readonly PrefixCode[], list: SymbolList): void {
  for (let i = 0; i < list.length; i++) {
    writeValue(w, codes[list.contexts[i] as number] as PrefixCode, list.values[i] as number, list.tokens[i] as number);
  }
}
