import { DTypes } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { getCodec, packBilevel, packBitsCodec, packBitsEncode } from '../src/index.js';
import { packBitsDecode } from './helpers/decoders.js';
import { randomBytes } from './helpers/random.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

/** The plainest correct PackBits encoder (every byte a 1-byte literal): a ceiling on output size. */
const literalOnlyLength = (n: number) => n + Math.ceil(n / 128);

describe('packBitsEncode', () => {
  it("reproduces Apple's TN1023 example", () => {
    const input = bytes('AA AA AA 80 00 2A AA AA AA AA 80 00 2A 22 AA AA AA AA AA AA AA AA AA AA');
    expect(hex(packBitsEncode(input))).toBe('feaa0280002afdaa0380002a22f7aa');
  });

  it('merges a 2-byte run into an open literal, else writes it as a repeat run', () => {
    expect(hex(packBitsEncode(bytes('01 05 05 02')))).toBe('0301050502');
    expect(hex(packBitsEncode(bytes('05 05 02')))).toBe('ff050002');
    expect(hex(packBitsEncode(bytes('07 07 07 05 05 02')))).toBe('fe07ff050002');
    // A literal with one byte of room left cannot take the pair: it becomes a repeat run.
    const full = Uint8Array.from({ length: 129 }, (_, i) => (i < 127 ? i : 200));
    expect(hex(packBitsEncode(full).subarray(128))).toBe('ffc8');
  });

  it('splits runs at 128 and literals at 128, never writes -128', () => {
    const run = new Uint8Array(300).fill(9);
    // 128 + 128 + 44: headers 1-128 = 0x81, 1-44 = 0xd5.
    expect(hex(packBitsEncode(run))).toBe('8109' + '8109' + 'd509');
    const literal = Uint8Array.from({ length: 130 }, (_, i) => i);
    const encoded = packBitsEncode(literal);
    expect(encoded[0]).toBe(127);
    expect(encoded[129]).toBe(1);
    expect(encoded.length).toBe(132);
    expect(packBitsDecode(encoded)).toEqual(literal);
  });

  it('encodes every row on its own', () => {
    // Rows of 4 bytes: a run of 8 zeros must become two runs of 4.
    expect(hex(packBitsEncode(new Uint8Array(8), 4))).toBe('fd00fd00');
    // The last row may be short.
    expect(hex(packBitsEncode(bytes('07 07 07 07 07'), 4))).toBe('fd070007');
  });

  it('round-trips random and structured rows, within the literal-only size', () => {
    for (const [n, rowBytes, seed] of [
      [1, 1, 1],
      [1000, 100, 2],
      [65536, 512, 3],
      [4097, 4097, 4],
    ] as const) {
      const random = randomBytes(n, seed);
      const encoded = packBitsEncode(random, rowBytes);
      expect(packBitsDecode(encoded, rowBytes)).toEqual(random);
      expect(encoded.length).toBeLessThanOrEqual(Math.ceil(n / rowBytes) * literalOnlyLength(rowBytes));
      const runs = random.map((b, i) => (i % 37 < 20 ? 0 : b & 0xf0));
      expect(packBitsDecode(packBitsEncode(runs, rowBytes), rowBytes)).toEqual(runs);
    }
  });

  it('never grows a row by more than one header byte per 128 (every sequence of up to 9 bytes over 3 values)', () => {
    const alphabet = [0, 1, 2];
    for (let n = 1; n <= 9; n++) {
      const data = new Uint8Array(n);
      for (let index = 0; index < 3 ** n; index++) {
        for (let k = 0, x = index; k < n; k++, x = Math.floor(x / 3)) data[k] = alphabet[x % 3] as number;
        const encoded = packBitsEncode(data);
        expect(encoded.length).toBeLessThanOrEqual(literalOnlyLength(n));
        expect(packBitsDecode(encoded)).toEqual(data);
      }
    }
  });

  it('stays within the worst case on adversarial long rows', () => {
    const patterns = [
      (i: number) => (i % 3 === 2 ? i : (i / 3) | 0), // aa b cc d …
      (i: number) => (i % 3 === 0 ? i : (i / 3) | 0), // a bb c dd …
      (i: number) => ((i >> 1) & 1) * 255, // pairs
      (i: number) => (i % 129 < 127 ? i : 7), // pairs at the edge of a full literal
    ];
    for (const pattern of patterns) {
      const data = Uint8Array.from({ length: 5000 }, (_, i) => pattern(i) & 0xff);
      const encoded = packBitsEncode(data, 1000);
      expect(encoded.length).toBeLessThanOrEqual(5 * literalOnlyLength(1000));
      expect(packBitsDecode(encoded, 1000)).toEqual(data);
    }
  });

  it('handles empty input', () => {
    expect(packBitsEncode(new Uint8Array(0))).toEqual(new Uint8Array(0));
  });
});

describe('packBitsCodec', () => {
  it('takes rows from the layout: width × samples × item size bytes', () => {
    const layout = { width: 3, rows: 2, samples: 2, dtype: DTypes.uint16, byteOrder: '<' as const };
    const data = new Uint8Array(24).fill(1);
    expect(hex(packBitsCodec.encode(data, layout, {}))).toBe('f501f501');
  });

  it('takes bilevel rows as ceil(width / 8) packed bytes', () => {
    const layout = { width: 10, rows: 3, samples: 1, dtype: DTypes.bool, byteOrder: '>' as const };
    const packed = packBilevel(new Uint8Array(30).fill(1), 10, 3);
    expect(hex(packed)).toBe('ffc0ffc0ffc0');
    expect(hex(packBitsCodec.encode(packed, layout, {}))).toBe('01ffc001ffc001ffc0');
  });

  it('rejects data that does not match the layout', () => {
    const layout = { width: 3, rows: 2, samples: 1, dtype: DTypes.uint8, byteOrder: '<' as const };
    expect(() => packBitsCodec.encode(new Uint8Array(5), layout, {})).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA' }),
    );
  });

  it('is registered as compression 32773', () => {
    expect(getCodec(32773)).toBe(packBitsCodec);
  });
});
