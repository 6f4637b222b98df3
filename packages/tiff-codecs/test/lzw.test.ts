import { describe, expect, it } from 'vitest';
import { getCodec, lzwCodec, lzwEncode } from '../src/index.js';
import { expectBytes } from './helpers/bytes.js';
import { lzwDecode } from './helpers/decoders.js';
import { randomBytes } from './helpers/random.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('lzwEncode', () => {
  it('writes hand-computed streams for tiny inputs', () => {
    // Clear(256) EOI(257), 9 bits each: 100000000 100000001 + 6 zero bits.
    expect(hex(lzwEncode(new Uint8Array(0)))).toBe('804040');
    // Clear, 7, EOI: 100000000 000000111 100000001 + 5 zero bits.
    expect(hex(lzwEncode(Uint8Array.of(7)))).toBe('8001e020');
    // "AAA": Clear, 65, 258 ("AA"), EOI.
    expect(hex(lzwEncode(Uint8Array.of(65, 65, 65)))).toBe('8010605010');
  });

  it('round-trips every length across the 9→10, 10→11, 11→12 bit switches and the table reset', () => {
    // Random bytes produce about one code per byte here, so consecutive lengths step through every
    // code count around each boundary, including a last code that lands exactly on one.
    const data = randomBytes(4200, 11);
    const lengths: number[] = [];
    for (const [from, to] of [
      [0, 20],
      [240, 300],
      [740, 800],
      [1760, 1830],
      [3780, 4200],
    ] as const) {
      for (let n = from; n <= to; n++) lengths.push(n);
    }
    for (const n of lengths) {
      const input = data.subarray(0, n);
      expectBytes(lzwDecode(lzwEncode(input)), input, `length ${n}`);
    }
  });

  it('round-trips long random and structured data with many table resets', () => {
    const random = randomBytes(300_000, 3);
    expectBytes(lzwDecode(lzwEncode(random)), random);
    const ramp = new Uint8Array(500_000);
    for (let i = 0; i < ramp.length; i++) ramp[i] = (i % 1024) >> 2;
    const encoded = lzwEncode(ramp);
    // libtiff gets 220 KB out of this too: tables reset every 3837 codes limit what LZW learns.
    expect(encoded.length).toBeLessThan(ramp.length / 2);
    expectBytes(lzwDecode(encoded), ramp);
  });

  it('compresses runs of one value to a few bytes and never expands random data by more than 12/8', () => {
    const zeros = new Uint8Array(100_000);
    const encoded = lzwEncode(zeros);
    expect(encoded.length).toBeLessThan(1200);
    expectBytes(lzwDecode(encoded), zeros);
    const random = randomBytes(50_000, 5);
    expect(lzwEncode(random).length).toBeLessThanOrEqual(Math.ceil((50_000 * 12) / 8) + 20);
  });

  it('leaves its input untouched and is repeatable (the shared table is reset between calls)', () => {
    const input = randomBytes(10_000, 9);
    const copy = input.slice();
    const first = lzwEncode(input);
    lzwEncode(randomBytes(70_000, 10));
    expect(lzwEncode(input)).toEqual(first);
    expect(input).toEqual(copy);
  });

  it('is registered as compression 5', () => {
    expect(getCodec(5)).toBe(lzwCodec);
    expect(lzwCodec.name).toBe('LZW');
  });
});
