import type { HuffmanSpec } from './tables.js';

/** Encoder lookup for one Huffman table: code and code length per symbol (EHUFCO/EHUFSI of T.81 Annex C). */
export interface HuffmanCodes {
  readonly code: Uint16Array;
  /** 0 for symbols the table cannot encode. */
  readonly size: Uint8Array;
}

/**
 * Derive the codes of a BITS/HUFFVAL table (T.81 Annex C, Figures C.1–C.3): codes of each length are
 * consecutive integers, and moving to the next length appends a 0 bit to the next unused code.
 */
export function huffmanCodes(spec: HuffmanSpec): HuffmanCodes {
  const code = new Uint16Array(256);
  const size = new Uint8Array(256);
  let next = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const count = spec.bits[length - 1] as number;
    for (let i = 0; i < count; i++) {
      const symbol = spec.values[k++] as number;
      code[symbol] = next++;
      size[symbol] = length;
    }
    next <<= 1;
  }
  return { code, size };
}
