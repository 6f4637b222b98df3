/** The classic TIFF 4 GiB limit: automatic BigTIFF in imwrite, data beyond 4 GiB, clear errors before any byte. */
import { readFile, stat } from 'node:fs/promises';
import { parseTiff } from '@tiffkit/tiff-core';
import { openFileSource } from '@tiffkit/tiff-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { BIGTIFF_THRESHOLD, imwrite, TiffWriter } from '../src/index.js';
import { missing, tempDir, tiffinfo } from './helpers/interop.js';
import { entryNumbers } from './helpers/read.js';

// Empty (null) data is sparse on disk: these files are large, but take no space or time to write.
const tmp = tempDir('tiffkit-limits-');
afterAll(() => tmp.cleanup());

/** Parse a large file without reading its data. */
async function head(path: string) {
  const source = await openFileSource(path);
  try {
    return { tiff: await parseTiff(source) };
  } finally {
    await source.close();
  }
}

describe('classic TIFF and BigTIFF at 4 GiB', () => {
  it('imwrite picks BigTIFF for uncompressed data over 4 GiB − 32 MiB', async () => {
    const path = tmp.path('auto.tif');
    const shape = [2, 32768, 32768]; // 4 GiB of uint16... minus nothing: over the threshold
    expect(2 * 32768 * 32768 * 2).toBeGreaterThan(BIGTIFF_THRESHOLD);
    await imwrite(path, null, { shape, dtype: 'uint16', photometric: 'minisblack' });
    const { tiff } = await head(path);
    expect(tiff.format.bigtiff).toBe(true);
    expect(tiff.ifds).toHaveLength(2);
    expect((await stat(path)).size).toBeGreaterThan(2 ** 32);
  });

  it('imwrite keeps classic TIFF just below the threshold', async () => {
    const path = tmp.path('below.tif');
    await imwrite(path, null, { shape: [1, 1024, BIGTIFF_THRESHOLD / 1024], dtype: 'uint8', rowsPerStrip: 512 });
    expect((await head(path)).tiff.format.bigtiff).toBe(false);
  });

  it('a classic TIFF may hold more than 4 GiB when every offset fits: 6 GiB in two strips', async () => {
    const path = tmp.path('six.tif');
    await imwrite(path, null, { shape: [98304, 65536], dtype: 'uint8', rowsPerStrip: 49152, bigtiff: false });
    const { tiff } = await head(path);
    expect(tiff.format.bigtiff).toBe(false);
    const [first, second] = entryNumbers(tiff.ifds[0] as never, 273);
    expect(second as number).toBeLessThan(2 ** 32);
    expect(second as number).toBe((first as number) + 3 * 2 ** 30);
    expect(entryNumbers(tiff.ifds[0] as never, 279)).toEqual([3 * 2 ** 30, 3 * 2 ** 30]);
    expect((await stat(path)).size).toBe((first as number) + 6 * 2 ** 30);
    if (!missing('tiffinfo')) {
      // directories only: libtiff refuses to allocate a 3 GiB strip buffer
      const { stderr, stdout } = tiffinfo(path, { data: false });
      expect(stderr).toBe('');
      expect(stdout).toContain('Image Width: 65536 Image Length: 98304');
    }
  });

  it('a classic writer refuses, before writing, a series whose IFDs would lie beyond 4 GiB', async () => {
    const path = tmp.path('refused.tif');
    const writer = await TiffWriter.open(path);
    await writer.write(new Uint8Array(16), { shape: [4, 4] });
    const before = await readFile(path);
    await expect(
      writer.write(null, { shape: [5, 32768, 32768], dtype: 'uint8', photometric: 'minisblack' }),
    ).rejects.toMatchObject({
      code: 'TOO_LARGE',
      option: 'bigtiff',
    });
    expect(await readFile(path)).toEqual(before);
    await writer.close();
  });

  it('and refuses contiguous growth past 4 GiB, keeping what was written', async () => {
    const path = tmp.path('growth.tif');
    const writer = await TiffWriter.open(path);
    const frame = { shape: [16384, 65536], dtype: 'uint8' } as const; // 1 GiB per call
    await writer.write(null, { ...frame, contiguous: true });
    await writer.write(null, { ...frame, contiguous: true });
    await writer.write(null, { ...frame, contiguous: true });
    await expect(writer.write(null, { ...frame, contiguous: true })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await writer.close();
    const { tiff } = await head(path);
    expect(tiff.ifds).toHaveLength(3);
    // Crash-safe, each call's IFDs follow its data: the third call's data comes after the second's
    // IFD (and the first IFD, moved after it as the series started to grow).
    const offsets = tiff.ifds.map((ifd) => entryNumbers(ifd, 273)[0] as number);
    expect(offsets.slice(0, 2)).toEqual([256, 256 + 2 ** 30]);
    expect(offsets[2]).toBeGreaterThan(256 + 2 ** 31);
    expect(offsets[2]).toBeLessThan(256 + 2 ** 31 + 1024);
  });
});
