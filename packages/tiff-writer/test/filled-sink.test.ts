/**
 * A sink that already holds bytes, written without `append`: the new file replaces them, as mode 'w'
 * replaces a file's content. Old bytes must never show through the pages left sparse (empty data).
 */
import { MemorySink, type Sink } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { imwrite } from '../src/index.js';
import { pageBytes, parse } from './helpers/read.js';

const MIB = 1024 * 1024;
/** Three MiB of 0xAA: what a reused buffer or an older file may hold. */
const old = () => new Uint8Array(3 * MIB).fill(0xaa);

async function fresh(data: Parameters<typeof imwrite>[1], options: Parameters<typeof imwrite>[2]) {
  const sink = new MemorySink();
  await imwrite(sink, data, options);
  return sink.toUint8Array();
}

/** A sink over a byte array that cannot be truncated (no `truncate`). */
function fixedSink(bytes: Uint8Array): Sink & { bytes: Uint8Array; length: number } {
  const sink = {
    bytes,
    length: bytes.length,
    write(data: Uint8Array, position: number) {
      if (position + data.length > sink.bytes.length) {
        const grown = new Uint8Array(position + data.length);
        grown.set(sink.bytes);
        sink.bytes = grown;
      }
      sink.bytes.set(data, position);
      sink.length = Math.max(sink.length, position + data.length);
    },
    size: () => sink.length,
    close() {},
  };
  return sink;
}

describe('writing into a sink that already holds bytes', () => {
  it('empties a MemorySink first: the file is the one a fresh sink gets, empty pages read as zeros', async () => {
    const options = { shape: [2, 1024, 1024], dtype: 'uint8' } as const;
    const sink = MemorySink.from(old());
    await imwrite(sink, null, options);
    const file = sink.toUint8Array();
    expect(Buffer.from(file).equals(Buffer.from(await fresh(null, options)))).toBe(true);
    const { ifds } = await parse(file);
    expect(ifds).toHaveLength(2);
    for (const ifd of ifds) expect(pageBytes(file, ifd).every((b) => b === 0)).toBe(true);
  });

  it('takes the general path for a plain call, so no old tail follows the file', async () => {
    const data = Uint16Array.from({ length: 64 * 64 }, (_, i) => i);
    const sink = MemorySink.from(old());
    await imwrite(sink, data, { shape: [64, 64] });
    expect(Buffer.from(sink.toUint8Array()).equals(Buffer.from(await fresh(data, { shape: [64, 64] })))).toBe(true);
  });

  it('writes every zero into a sink it cannot empty', async () => {
    const options = { shape: [2, 1024, 1024], dtype: 'uint8' } as const;
    const sink = fixedSink(old());
    await imwrite(sink, null, options);
    // Bytes the writer never writes (alignment, reserved room) keep their old value; what it points at is new.
    const { ifds } = await parse(sink.bytes);
    expect(ifds).toHaveLength(2);
    for (const ifd of ifds) expect(pageBytes(sink.bytes, ifd).every((b) => b === 0)).toBe(true);
  });

  it('a sink whose size() fails is a SINK_ERROR', async () => {
    const sink: Sink = {
      write() {},
      size() {
        throw new Error('no size');
      },
      close() {},
    };
    await expect(imwrite(sink, new Uint8Array(16), { shape: [4, 4] })).rejects.toMatchObject({ code: 'SINK_ERROR' });
  });
});
