import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FileSink } from '../src/node/index.js';
import { expectTiffRejection, u8 } from './helpers.js';

/**
 * The file accepts at most `bytes` bytes per system call (as a write interrupted by a signal, or a
 * full quota, can make it), and `calls` records each call FileSink makes.
 */
const file = vi.hoisted(() => ({ bytes: Number.POSITIVE_INFINITY, calls: [] as string[] }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number, position: number) => {
      file.calls.push(`pwrite ${length} at ${position}`);
      const accepted = Math.min(length, file.bytes);
      return accepted === 0 ? 0 : fs.writeSync(fd, buffer, offset, accepted, position);
    },
    writevSync: (fd: number, buffers: Uint8Array[], position: number) => {
      file.calls.push(`pwritev ${buffers.map((b) => b.length).join('+')} at ${position}`);
      const accepted: Uint8Array[] = [];
      let left = file.bytes;
      for (const buffer of buffers) {
        if (left <= 0) break;
        accepted.push(buffer.subarray(0, Math.min(buffer.length, left)));
        left -= buffer.length;
      }
      return accepted.length === 0 ? 0 : fs.writevSync(fd, accepted, position);
    },
  };
});

let dir = '';
let counter = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tiff-core-short-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  file.bytes = Number.POSITIVE_INFINITY;
  file.calls.length = 0;
});

function tempPath(): string {
  counter += 1;
  return join(dir, `file-${counter}.bin`);
}

const ramp = (length: number, from = 0) => Uint8Array.from({ length }, (_, i) => (from + i) & 0xff);

describe('FileSink system calls', () => {
  it('data before its gathered IFD: one pwritev, the caller’s bytes first', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w', { writeBuffer: 64 });
    await sink.write(u8(1, 2, 3), 40);
    await sink.write(ramp(32), 8);
    expect(file.calls).toEqual(['pwritev 32+3 at 8']);
    await sink.close();
    expect(file.calls).toEqual(['pwritev 32+3 at 8']);
  });

  it('short writes are continued until every byte is in the file, across the two parts', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w', { writeBuffer: 64 });
    file.bytes = 7;
    await sink.write(u8(0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9), 40);
    await sink.write(ramp(32, 1), 8);
    // 42 bytes, 7 at a time: the data's 32 in five calls (the fifth ends inside it), then the IFD's.
    expect(file.calls).toEqual([
      'pwritev 32+10 at 8',
      'pwritev 25+10 at 15',
      'pwritev 18+10 at 22',
      'pwritev 11+10 at 29',
      'pwritev 4+10 at 36',
      'pwrite 7 at 43',
    ]);
    await sink.write(u8(1, 2, 3, 4, 5, 6, 7, 8, 9), 0); // gathered
    await sink.flush();
    expect(file.calls.slice(6)).toEqual(['pwrite 9 at 0', 'pwrite 2 at 7']);
    await sink.close();
    const bytes = new Uint8Array(readFileSync(path));
    expect(Array.from(bytes.subarray(0, 9))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(bytes.subarray(8, 40)).toEqual(ramp(32, 1).map((v, i) => (i === 0 ? 9 : v)));
    expect(Array.from(bytes.subarray(40))).toEqual([0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9]);
  });

  it('a file that accepts no bytes is a SINK_ERROR naming the bytes and their position', async () => {
    const sink = await FileSink.open(tempPath(), 'w', { writeBuffer: 64 });
    await sink.write(u8(1, 2, 3), 40);
    file.bytes = 0;
    const error = await expectTiffRejection(sink.write(ramp(32), 8), 'SINK_ERROR');
    expect(error.message).toBe('writing 35 bytes at 8 failed: the file accepted no bytes');
    await sink.write(u8(4), 50);
    const flushed = await expectTiffRejection(sink.flush(), 'SINK_ERROR');
    expect(flushed.message).toBe('writing 1 bytes at 50 failed: the file accepted no bytes');
    file.bytes = Number.POSITIVE_INFINITY;
    await sink.close();
  });
});
