import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesSource, encodeHeader, parseTiff, TiffError, tiffFormat } from '../src/index.js';
import { FileSink, openFileSource } from '../src/node/index.js';
import { expectTiffRejection, u8 } from './helpers.js';

let dir = '';
let counter = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tiff-core-test-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  counter += 1;
  return join(dir, `file-${counter}.bin`);
}

describe('FileSink.open', () => {
  it("mode 'w' creates the file", async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w');
    await sink.write(u8(1, 2, 3), 0);
    await sink.close();
    expect(readFileSync(path)).toEqual(Buffer.from([1, 2, 3]));
  });

  it("mode 'w' (the default) truncates an existing file", async () => {
    const path = tempPath();
    writeFileSync(path, Buffer.from([9, 9, 9, 9, 9, 9]));
    const sink = await FileSink.open(path);
    expect(await sink.size()).toBe(0);
    await sink.write(u8(1), 0);
    await sink.close();
    expect(readFileSync(path)).toEqual(Buffer.from([1]));
  });

  it("mode 'x' creates a new file", async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'x');
    await sink.write(u8(5), 0);
    await sink.close();
    expect(readFileSync(path)).toEqual(Buffer.from([5]));
  });

  it("mode 'x' refuses an existing file with FILE_EXISTS and leaves it alone", async () => {
    const path = tempPath();
    writeFileSync(path, Buffer.from([7, 7]));
    const error = await expectTiffRejection(FileSink.open(path, 'x'), 'FILE_EXISTS');
    expect((error.cause as { code?: string }).code).toBe('EEXIST');
    expect(readFileSync(path)).toEqual(Buffer.from([7, 7]));
  });

  it("mode 'r+' updates in place, keeping the rest", async () => {
    const path = tempPath();
    writeFileSync(path, Buffer.from([1, 2, 3, 4, 5]));
    const sink = await FileSink.open(path, 'r+');
    expect(await sink.size()).toBe(5);
    expect(await sink.read(0, 5)).toEqual(u8(1, 2, 3, 4, 5));
    await sink.write(u8(0xaa), 2);
    await sink.write(u8(0xbb, 0xcc), 5);
    await sink.close();
    expect(readFileSync(path)).toEqual(Buffer.from([1, 2, 0xaa, 4, 5, 0xbb, 0xcc]));
  });

  it("mode 'r+' on a missing file is a SINK_ERROR", async () => {
    await expectTiffRejection(FileSink.open(join(dir, 'missing', 'nope.tif'), 'r+'), 'SINK_ERROR');
  });

  it('opening in a missing directory is a SINK_ERROR', async () => {
    const error = await expectTiffRejection(FileSink.open(join(dir, 'missing', 'nope.tif'), 'w'), 'SINK_ERROR');
    expect(error.message).toContain('nope.tif');
  });

  it('accepts a file URL', async () => {
    const path = tempPath();
    const sink = await FileSink.open(pathToFileURL(path), 'x');
    await sink.write(u8(3), 0);
    await sink.close();
    expect(readFileSync(path)).toEqual(Buffer.from([3]));
  });
});

describe('FileSink I/O', () => {
  it('positional writes, a sparse gap of zeros, size and read', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w');
    await sink.write(u8(0x49, 0x49), 0);
    await sink.write(u8(0xee, 0xff), 4096);
    await sink.write(u8(42, 0), 2);
    expect(await sink.size()).toBe(4098);
    const back = await sink.read(0, 4098);
    expect(back.length).toBe(4098);
    expect(Array.from(back.subarray(0, 4))).toEqual([0x49, 0x49, 42, 0]);
    expect(back.subarray(4, 4096)).toEqual(new Uint8Array(4092));
    expect(Array.from(back.subarray(4096))).toEqual([0xee, 0xff]);
    // Reads are short at the end.
    expect(await sink.read(4097, 100)).toEqual(u8(0xff));
    expect(await sink.read(5000, 10)).toEqual(new Uint8Array(0));
    await sink.close();
    const file = readFileSync(path);
    expect(file.length).toBe(4098);
    expect(file[4096]).toBe(0xee);
  });

  it('writes a subarray view exactly', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w');
    const buffer = u8(0, 1, 2, 3, 4, 5, 6, 7);
    await sink.write(buffer.subarray(3, 6), 1);
    await sink.close();
    expect(readFileSync(path)).toEqual(Buffer.from([0, 3, 4, 5]));
  });

  it('truncate shrinks and extends with zeros', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w');
    await sink.write(u8(1, 2, 3, 4, 5, 6), 0);
    await sink.truncate(2);
    expect(await sink.size()).toBe(2);
    await sink.truncate(5);
    expect(await sink.read(0, 10)).toEqual(u8(1, 2, 0, 0, 0));
    await sink.close();
    expect(readFileSync(path)).toEqual(Buffer.from([1, 2, 0, 0, 0]));
  });

  it('close twice is harmless; a write after close is a SINK_ERROR', async () => {
    const sink = await FileSink.open(tempPath(), 'w');
    await sink.close();
    await sink.close();
    await expectTiffRejection(sink.write(u8(1), 0), 'SINK_ERROR');
  });
});

describe('FileSink.fromHandle', () => {
  it('positions are relative to the base offset', async () => {
    const path = tempPath();
    writeFileSync(path, Buffer.from('PREFIX--'));
    const handle = await open(path, 'r+');
    try {
      const sink = FileSink.fromHandle(handle, 8);
      expect(sink.base).toBe(8);
      expect(sink.handle).toBe(handle);
      expect(await sink.size()).toBe(0);
      await sink.write(encodeHeader(tiffFormat(false, '<'), 0), 0);
      await sink.write(u8(0xab), 10);
      expect(await sink.size()).toBe(11);
      expect(await sink.read(0, 4)).toEqual(u8(0x49, 0x49, 42, 0));
      await sink.truncate(8);
      expect(await sink.size()).toBe(8);
      await sink.close();
      // The caller's handle is still open and usable.
      const { bytesWritten } = await handle.write(u8(0x21), 0, 1, 0);
      expect(bytesWritten).toBe(1);
    } finally {
      await handle.close();
    }
    const file = readFileSync(path);
    expect(file.length).toBe(16);
    expect(file.subarray(0, 8).toString('latin1')).toBe('!REFIX--');
    expect(Array.from(file.subarray(8))).toEqual([0x49, 0x49, 42, 0, 0, 0, 0, 0]);
  });

  it('size is never negative when the file is shorter than the base', async () => {
    const path = tempPath();
    writeFileSync(path, Buffer.from([1, 2]));
    const handle = await open(path, 'r+');
    try {
      expect(await FileSink.fromHandle(handle, 100).size()).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('a write after the caller closed the handle is a SINK_ERROR, not a hang', async () => {
    const handle = await open(tempPath(), 'w+');
    const sink = FileSink.fromHandle(handle, 0, { writeBuffer: 0 });
    await sink.write(u8(1), 0);
    await handle.close();
    const error = await expectTiffRejection(sink.write(u8(2), 1), 'SINK_ERROR');
    expect(error.cause).toBeInstanceOf(Error);
    await expectTiffRejection(sink.size(), 'SINK_ERROR');
    await expectTiffRejection(sink.read(0, 1), 'SINK_ERROR');
    await expectTiffRejection(sink.truncate(0), 'SINK_ERROR');
  }, 5000);

  it('a gathered write that fails surfaces at the next flush (size, read, close)', async () => {
    const handle = await open(tempPath(), 'w+');
    const sink = FileSink.fromHandle(handle);
    await sink.write(u8(1, 2, 3), 0); // gathered, not yet in the file
    await handle.close();
    await sink.write(u8(4), 3); // still gathered
    await expectTiffRejection(sink.size(), 'SINK_ERROR');
  }, 5000);
});

describe('FileSink write gathering', () => {
  it('gathers sequential writes, applies patches inside them, and flushes on read, size and close', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w', { writeBuffer: 64 });
    await sink.write(u8(1, 2, 3, 4), 0);
    await sink.write(u8(5, 6), 4);
    expect(statSync(path).size).toBe(0); // nothing written yet
    await sink.write(u8(9), 1); // a patch inside the gathered bytes
    expect(await sink.read(0, 6)).toEqual(u8(1, 9, 3, 4, 5, 6));
    await sink.write(u8(7), 10); // not sequential: the gap stays a hole
    await sink.write(new Uint8Array(40).fill(8), 11); // large for the buffer: straight through
    expect(await sink.size()).toBe(51);
    await sink.write(u8(2), 0); // before the gathered range: flushed, then written
    await sink.close();
    const bytes = new Uint8Array(readFileSync(path));
    expect(Array.from(bytes.subarray(0, 12))).toEqual([2, 9, 3, 4, 5, 6, 0, 0, 0, 0, 7, 8]);
    expect(bytes.length).toBe(51);
  });
});

describe('FileSink: bytes that end where the gathered ones begin', () => {
  /** `length` bytes counting up from `from` (mod 256). */
  const ramp = (length: number, from = 0) => Uint8Array.from({ length }, (_, i) => (from + i) & 0xff);

  it('a large write joins the gathered bytes after it: both are in the file when write() returns', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w', { writeBuffer: 64 });
    await sink.write(u8(0xa1, 0xa2, 0xa3), 40); // an IFD, gathered
    await sink.write(u8(0xb1), 43); // its text, gathered after it
    expect(statSync(path).size).toBe(0);
    await sink.write(ramp(32, 1), 8); // the data: 32 bytes (large for this buffer) ending at 40
    const file = readFileSync(path);
    expect(file.length).toBe(44);
    expect(Array.from(file.subarray(8, 40))).toEqual(Array.from(ramp(32, 1)));
    expect(Array.from(file.subarray(40))).toEqual([0xa1, 0xa2, 0xa3, 0xb1]);
    expect(file.subarray(0, 8)).toEqual(Buffer.alloc(8)); // a hole before it
    await sink.close();
    expect(readFileSync(path).length).toBe(44);
  });

  it('a small write is put in front of the gathered bytes, and patches inside them land before the join', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w', { writeBuffer: 64 });
    await sink.write(u8(7, 7, 7, 7), 20); // gathered at 20…24
    await sink.write(u8(9), 22); // a patch inside them
    await sink.write(ramp(10, 100), 10); // small, ends at 20: put in front
    await sink.write(u8(5), 12); // a patch inside the moved bytes
    expect(statSync(path).size).toBe(0);
    await sink.write(u8(1, 2), 24); // sequential after them: still gathered
    await sink.flush();
    const file = readFileSync(path);
    expect(Array.from(file.subarray(10))).toEqual([100, 101, 5, 103, 104, 105, 106, 107, 108, 109, 7, 7, 9, 7, 1, 2]);
    // A large write before them after a patch inside them: the patched bytes go out with it.
    await sink.write(u8(0xc0, 0xc1), 60); // gathered at 60
    await sink.write(u8(0xcc), 61); // patched
    await sink.write(ramp(40, 0), 20); // large, ends at 60
    await sink.close();
    const after = readFileSync(path);
    expect(after.length).toBe(62);
    expect(Array.from(after.subarray(10, 20))).toEqual([100, 101, 5, 103, 104, 105, 106, 107, 108, 109]);
    expect(Array.from(after.subarray(20, 60))).toEqual(Array.from(ramp(40, 0)));
    expect(Array.from(after.subarray(60))).toEqual([0xc0, 0xcc]);
  });

  it('bytes that do not end exactly where the gathered ones begin are written apart, in order', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w', { writeBuffer: 64 });
    await sink.write(u8(1, 1), 100); // gathered at 100
    await sink.write(ramp(40, 3), 59); // large, ends at 99: a gap of one byte
    expect(statSync(path).size).toBe(102); // the gathered bytes were flushed first, then it
    await sink.write(ramp(40, 50), 70); // large, overlapping the file's end: written through
    await sink.write(u8(4), 0); // small, gathered
    await sink.close();
    const file = readFileSync(path);
    expect(file.length).toBe(110);
    expect(file[0]).toBe(4);
    expect(Array.from(file.subarray(59, 70))).toEqual(Array.from(ramp(11, 3)));
    expect(Array.from(file.subarray(70, 110))).toEqual(Array.from(ramp(40, 50)));
  });

  it('more than 4 MiB before the gathered bytes: the gathered bytes are flushed, the data goes out on the thread pool', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w');
    const big = 5 * 1024 * 1024;
    await sink.write(u8(0xee, 0xef), big);
    const data = Buffer.alloc(big, 0x5a);
    data.writeUInt32LE(0x01020304, big - 4);
    await sink.write(data, 0);
    expect(statSync(path).size).toBe(big + 2);
    await sink.close();
    const file = readFileSync(path);
    expect(file.subarray(0, big).equals(data)).toBe(true);
    expect(Array.from(file.subarray(big))).toEqual([0xee, 0xef]);
  }, 20000);

  it('a join that fails is a SINK_ERROR naming its bytes and position, raised by the write', async () => {
    const handle = await open(tempPath(), 'w+');
    const sink = FileSink.fromHandle(handle, 0, { writeBuffer: 64 });
    await sink.write(u8(1, 2, 3), 40); // gathered
    await handle.close();
    const error = await expectTiffRejection(sink.write(ramp(32), 8), 'SINK_ERROR');
    expect(error.message).toContain('writing 35 bytes at 8');
    expect(error.cause).toBeInstanceOf(Error);
    // The failed bytes are not gathered any more: the next flush fails with its own bytes only.
    await sink.write(u8(1), 0);
    const next = await expectTiffRejection(sink.flush(), 'SINK_ERROR');
    expect(next.message).toContain('writing 1 bytes at 0');
  }, 5000);
});

describe('openFileSource', () => {
  it('reads back what a FileSink wrote, and parses as a TIFF', async () => {
    const path = tempPath();
    const sink = await FileSink.open(path, 'w');
    const header = encodeHeader(tiffFormat(true, '>'), 0);
    await sink.write(header, 0);
    await sink.close();
    const source = await openFileSource(path);
    try {
      expect(source.size).toBe(16);
      expect(await source.read(0, 16)).toEqual(header);
      expect(await source.read(14, 10)).toEqual(u8(0, 0));
      expect(await source.read(16, 10)).toEqual(new Uint8Array(0));
      expect(await source.read(100, 10)).toEqual(new Uint8Array(0));
      const fromFile = await parseTiff(source);
      const fromMemory = await parseTiff(bytesSource(header));
      expect(fromFile).toEqual(fromMemory);
      expect(fromFile.format).toBe(tiffFormat(true, '>'));
    } finally {
      await source.close();
    }
  });

  it('a missing file is a SINK_ERROR', async () => {
    const error = await expectTiffRejection(openFileSource(join(dir, 'does-not-exist.tif')), 'SINK_ERROR');
    expect(error).toBeInstanceOf(TiffError);
    expect((error.cause as { code?: string }).code).toBe('ENOENT');
  });
});
