/**
 * Issue 10, defect 9: appending to a file whose tag values lie beyond its end must be refused, the file
 * left byte-identical (the parser used to check the IFD entries only, not where each value lies).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { imwrite, MemorySink, TiffError, TiffWriter } from '../src/index.js';
import { tempDir } from './helpers/interop.js';
import { parse } from './helpers/read.js';

const tmp = tempDir('tiffkit-append-bounds-');
afterAll(() => tmp.cleanup());

/** A small classic or BigTIFF file (4 strips, so StripOffsets lies out of line), its StripOffsets count set. */
async function withStripCount(bigtiff: boolean, count: number): Promise<Uint8Array> {
  const sink = new MemorySink();
  await imwrite(
    sink,
    { data: new Uint8Array(16).fill(7), shape: [4, 4] },
    { metadata: null, rowsPerStrip: 1, bigtiff },
  );
  const bytes = sink.toUint8Array().slice();
  const entry = (await parse(bytes)).ifds[0]?.entries.find((e) => e.code === 273);
  if (!entry || entry.inline) throw new Error('test setup: StripOffsets should lie out of line');
  const view = new DataView(bytes.buffer);
  if (bigtiff) view.setBigUint64(entry.entryOffset + 4, BigInt(count), true);
  else view.setUint32(entry.entryOffset + 4, count, true);
  return bytes;
}

describe('appending to a file whose values lie beyond its end', () => {
  for (const bigtiff of [false, true]) {
    it(`${bigtiff ? 'BigTIFF' : 'classic'}: StripOffsets count 2**30 is refused, the file byte-identical`, async () => {
      const bytes = await withStripCount(bigtiff, 2 ** 30);
      expect(bytes.length).toBeLessThan(400);
      const path = tmp.path(`strips-${bigtiff}.tif`);
      await writeFile(path, bytes);
      const error = await TiffWriter.open(path, { append: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TiffError);
      expect(error).toMatchObject({ code: 'CORRUPT_TIFF' });
      expect((error as Error).message).toContain(
        `StripOffsets of the IFD at ${bigtiff ? 16 : 8}: its ${2 ** 30} values`,
      );
      expect(new Uint8Array(await readFile(path))).toEqual(bytes);
      // imwrite's append path goes through the same check.
      await expect(imwrite(path, new Uint8Array(4), { shape: [2, 2], append: true })).rejects.toMatchObject({
        code: 'CORRUPT_TIFF',
      });
      expect(new Uint8Array(await readFile(path))).toEqual(bytes);
    });
  }

  it('a MemorySink holding such a file is left unchanged', async () => {
    const bytes = await withStripCount(false, 2 ** 30);
    const sink = MemorySink.from(bytes);
    await expect(TiffWriter.open(sink, { append: true })).rejects.toMatchObject({ code: 'CORRUPT_TIFF' });
    expect(sink.toUint8Array()).toEqual(bytes);
  });

  it('the same file with its true count appends', async () => {
    const bytes = await withStripCount(false, 4);
    const sink = MemorySink.from(bytes);
    const writer = await TiffWriter.open(sink, { append: true });
    await writer.write(new Uint8Array([1, 2, 3, 4]), { shape: [2, 2] });
    await writer.close();
    const tiff = await parse(sink.toUint8Array().slice());
    expect(tiff.ifds.map((ifd) => ifd.entries.find((e) => e.code === 256)?.value)).toEqual([[4], [2]]);
  });
});
