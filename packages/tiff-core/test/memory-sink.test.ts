import { describe, expect, it } from 'vitest';
import { isSink, MemorySink } from '../src/index.js';
import { expectTiffError, u8 } from './helpers.js';

describe('MemorySink', () => {
  it('starts empty', () => {
    const sink = new MemorySink();
    expect(sink.size()).toBe(0);
    expect(sink.toUint8Array()).toEqual(new Uint8Array(0));
  });

  it('writes at positions, in any order', () => {
    const sink = new MemorySink();
    sink.write(u8(1, 2, 3), 0);
    sink.write(u8(9, 9), 5);
    sink.write(u8(7), 1);
    expect(sink.size()).toBe(7);
    expect(sink.toUint8Array()).toEqual(u8(1, 7, 3, 0, 0, 9, 9));
  });

  it('a write inside the file does not change its size', () => {
    const sink = new MemorySink();
    sink.write(new Uint8Array(10), 0);
    sink.write(u8(5, 5), 4);
    expect(sink.size()).toBe(10);
  });

  it('gaps read as zeros', () => {
    const sink = new MemorySink(4);
    sink.write(u8(0xaa), 100);
    expect(sink.size()).toBe(101);
    const bytes = sink.toUint8Array();
    expect(bytes.subarray(0, 100)).toEqual(new Uint8Array(100));
    expect(bytes[100]).toBe(0xaa);
  });

  it('grows past its initial capacity and keeps what was written', () => {
    const sink = new MemorySink(2);
    const expected: number[] = [];
    for (let i = 0; i < 1000; i++) {
      sink.write(u8(i & 0xff, (i * 7) & 0xff), i * 2);
      expected.push(i & 0xff, (i * 7) & 0xff);
    }
    expect(sink.size()).toBe(2000);
    expect(Array.from(sink.toUint8Array())).toEqual(expected);
  });

  it('works from a zero initial capacity', () => {
    const sink = new MemorySink(0);
    sink.write(u8(1, 2), 3);
    expect(sink.toUint8Array()).toEqual(u8(0, 0, 0, 1, 2));
  });

  it('an empty write past the end extends the size', () => {
    const sink = new MemorySink();
    sink.write(new Uint8Array(0), 6);
    expect(sink.size()).toBe(6);
    expect(sink.toUint8Array()).toEqual(new Uint8Array(6));
  });

  it('read returns a copy, short at the end', () => {
    const sink = new MemorySink();
    sink.write(u8(1, 2, 3, 4, 5), 0);
    const read = sink.read(1, 3);
    expect(read).toEqual(u8(2, 3, 4));
    read[0] = 99;
    expect(sink.toUint8Array()[1]).toBe(2);
    expect(sink.read(3, 10)).toEqual(u8(4, 5));
    expect(sink.read(5, 10)).toEqual(new Uint8Array(0));
    expect(sink.read(50, 10)).toEqual(new Uint8Array(0));
  });

  it('truncate shrinks, and bytes beyond the new end read as zero after extending again', () => {
    const sink = new MemorySink();
    sink.write(u8(1, 2, 3, 4, 5, 6, 7, 8), 0);
    sink.truncate(3);
    expect(sink.size()).toBe(3);
    expect(sink.toUint8Array()).toEqual(u8(1, 2, 3));
    sink.truncate(6);
    expect(sink.toUint8Array()).toEqual(u8(1, 2, 3, 0, 0, 0));
    // A write beyond the end after a shrink leaves zeros in the gap too.
    sink.truncate(2);
    sink.write(u8(9), 7);
    expect(sink.toUint8Array()).toEqual(u8(1, 2, 0, 0, 0, 0, 0, 9));
  });

  it('truncate extends with zeros, growing the buffer if needed', () => {
    const sink = new MemorySink(4);
    sink.write(u8(1, 2), 0);
    sink.truncate(10);
    expect(sink.size()).toBe(10);
    expect(sink.toUint8Array()).toEqual(u8(1, 2, 0, 0, 0, 0, 0, 0, 0, 0));
    sink.truncate(0);
    expect(sink.size()).toBe(0);
    sink.truncate(4);
    expect(sink.toUint8Array()).toEqual(new Uint8Array(4));
  });

  it('toUint8Array is a view of exactly the written bytes', () => {
    const sink = new MemorySink(1024);
    sink.write(u8(1, 2, 3), 0);
    const view = sink.toUint8Array();
    expect(view.length).toBe(3);
    expect(view.buffer.byteLength).toBe(1024);
  });

  it('refuses writes after close, with SINK_ERROR', () => {
    const sink = new MemorySink();
    sink.write(u8(1), 0);
    sink.close();
    expectTiffError(() => sink.write(u8(2), 1), 'SINK_ERROR');
    // What was written stays readable.
    expect(sink.toUint8Array()).toEqual(u8(1));
    expect(sink.read(0, 1)).toEqual(u8(1));
  });

  it('refuses to grow beyond 4 GiB without allocating', () => {
    const sink = new MemorySink(16);
    expectTiffError(() => sink.write(u8(1), 2 ** 32), 'TOO_LARGE');
    expectTiffError(() => sink.truncate(2 ** 32 + 1), 'TOO_LARGE');
    expect(sink.size()).toBe(0);
  });

  it('MemorySink.from copies the bytes and appends after them', () => {
    const original = u8(0x49, 0x49, 42, 0);
    const sink = MemorySink.from(original);
    expect(sink.size()).toBe(4);
    original[0] = 0;
    expect(sink.toUint8Array()).toEqual(u8(0x49, 0x49, 42, 0));
    sink.write(u8(8, 0, 0, 0), sink.size());
    expect(sink.toUint8Array()).toEqual(u8(0x49, 0x49, 42, 0, 8, 0, 0, 0));
  });

  it('MemorySink.from an empty or large array', () => {
    expect(MemorySink.from(new Uint8Array(0)).size()).toBe(0);
    const big = Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff);
    const sink = MemorySink.from(big);
    sink.write(u8(1), 5000);
    expect(sink.size()).toBe(5001);
    expect(sink.toUint8Array().subarray(0, 5000)).toEqual(big);
  });
});

describe('isSink', () => {
  it('recognises anything with write, size and close methods', () => {
    expect(isSink(new MemorySink())).toBe(true);
    expect(isSink({ write() {}, size: () => 0, close() {} })).toBe(true);
  });

  it('rejects the rest', () => {
    expect(isSink(null)).toBe(false);
    expect(isSink(undefined)).toBe(false);
    expect(isSink('sink')).toBe(false);
    expect(isSink({ write() {}, size: 0, close() {} })).toBe(false);
    expect(isSink({ write() {}, close() {} })).toBe(false);
    expect(isSink(new Uint8Array(4))).toBe(false);
  });
});
