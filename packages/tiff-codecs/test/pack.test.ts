import { describe, expect, it } from 'vitest';
import { packBilevel, packIntegers } from '../src/index.js';
import { unpackIntegers } from './helpers/decoders.js';
import { seeded } from './helpers/random.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('packBilevel', () => {
  it('packs MSB first, pads each row to a byte, treats any non-zero byte as true', () => {
    const values = Uint8Array.of(1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255);
    expect(hex(packBilevel(values, 10, 2))).toBe('b1c00040');
  });

  it('matches packIntegers with 1 bit for random rows of every width up to 40', () => {
    const next = seeded(4);
    for (let width = 0; width <= 40; width++) {
      const values = Uint8Array.from({ length: width * 3 }, () => (next() < 0.5 ? 0 : 1));
      expect(packBilevel(values, width, 3)).toEqual(packIntegers(values, 1, width, 3));
    }
  });

  it('rejects a length that does not match width × rows', () => {
    expect(() => packBilevel(new Uint8Array(9), 5, 2)).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
  });
});

describe('packIntegers', () => {
  it("packs tifffile's verified 12-bit example", () => {
    expect(hex(packIntegers(Uint16Array.of(0x123, 0x456, 0x789), 12, 3, 1))).toBe('1234567890');
  });

  it('makes rows of 301 12-bit values 452 bytes (tifffile: a 219×301 image → 452 bytes per row)', () => {
    const values = new Uint16Array(219 * 301).fill(0xfff);
    const packed = packIntegers(values, 12, 301, 219);
    expect(packed.length).toBe(452 * 219);
    expect(packed[451]).toBe(0xf0);
    expect(packed[452]).toBe(0xff);
  });

  it('starts every row on a byte boundary and zero-pads its tail', () => {
    // 3 values of 3 bits per row: 101 010 111 + 7 pad bits.
    expect(hex(packIntegers(Uint8Array.of(5, 2, 7, 1, 1, 1), 3, 3, 2))).toBe('ab80' + '2480');
  });

  it('writes 16 and 32-bit samples big-endian and keeps only the low bits of larger values', () => {
    expect(hex(packIntegers(Uint16Array.of(0x1234), 16, 1, 1))).toBe('1234');
    expect(hex(packIntegers(Uint32Array.of(0x89abcdef, 1), 32, 2, 1))).toBe('89abcdef00000001');
    expect(hex(packIntegers(Uint16Array.of(0x1ff, 0x100), 8, 2, 1))).toBe('ff00');
  });

  it('round-trips random values at every width 1–32 against a bit-by-bit unpacker', () => {
    const next = seeded(8);
    for (let bits = 1; bits <= 32; bits++) {
      for (const [perRow, rows] of [
        [1, 1],
        [7, 3],
        [33, 5],
        [64, 2],
      ] as const) {
        const values = Uint32Array.from({ length: perRow * rows }, () => Math.floor(next() * 2 ** bits));
        const packed = packIntegers(values, bits, perRow, rows);
        expect(packed.length).toBe(Math.ceil((perRow * bits) / 8) * rows);
        expect(unpackIntegers(packed, bits, perRow, rows), `${bits} bits`).toEqual([...values]);
      }
    }
  });

  it('rejects bad arguments', () => {
    expect(() => packIntegers(new Uint16Array(4), 0, 4, 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'bitsPerSample' }),
    );
    expect(() => packIntegers(new Uint16Array(4), 33, 4, 1)).toThrow(/bitsPerSample=33/);
    expect(() => packIntegers(new Uint16Array(5), 12, 4, 1)).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
  });

  it('returns an empty buffer for empty input', () => {
    expect(packIntegers(new Uint16Array(0), 12, 0, 5).length).toBe(0);
  });
});
