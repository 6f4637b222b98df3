/** What `write()` accepts as data: array-likes, strided views, bare TypedArrays, plain arrays. */
import ndarray from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { imwrite, MemorySink, TiffError } from '../src/index.js';
import { sha256 } from './helpers/data.js';
import { missing, readWithTifffile, tempDir } from './helpers/interop.js';
import { pageBytes, parse } from './helpers/read.js';

async function written(data: Parameters<typeof imwrite>[1], options: Parameters<typeof imwrite>[2] = {}) {
  const sink = new MemorySink();
  await imwrite(sink, data, { photometric: 'minisblack', ...options });
  const bytes = sink.toUint8Array().slice();
  const tiff = await parse(bytes);
  return { bytes, tiff, pages: tiff.ifds.map((ifd) => pageBytes(bytes, ifd)) };
}

const u8 = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('array-likes', () => {
  it('writes a C-order array-like as is', async () => {
    const data = Uint16Array.from({ length: 24 }, (_, i) => i * 1000);
    const { pages } = await written({ data, shape: [2, 3, 4] });
    expect(pages).toEqual([u8(data.subarray(0, 12)), u8(data.subarray(12))]);
  });

  it('gathers a transposed scijs ndarray view in its logical (C) order', async () => {
    const base = ndarray(
      Float32Array.from({ length: 12 }, (_, i) => i),
      [3, 4],
    );
    const view = base.transpose(1, 0); // shape [4, 3]
    const expected = new Float32Array(12);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 3; x++) expected[y * 3 + x] = base.get(x, y);
    const { pages, tiff } = await written(view);
    expect(pages[0]).toEqual(u8(expected));
    expect(tiff.ifds[0]?.entries.find((e) => e.code === 256)?.value).toEqual([3]);
  });

  it('honours offset and negative strides (a flipped, cropped view)', async () => {
    const data = Int32Array.from({ length: 20 }, (_, i) => i - 10);
    // rows 3..1 (flipped) of a 4×5 array, columns 1..3
    const view = { data, shape: [3, 3], stride: [-5, 1], offset: 3 * 5 + 1 };
    const expected = Int32Array.from([16, 17, 18, 11, 12, 13, 6, 7, 8].map((v) => v - 10));
    const { pages } = await written(view);
    expect(pages[0]).toEqual(u8(expected));
  });

  it('takes a bare TypedArray with shape from the options, or as 1-D', async () => {
    const data = Uint8Array.from({ length: 6 }, (_, i) => i);
    expect((await written(data, { shape: [2, 3] })).tiff.ifds[0]?.entries.find((e) => e.code === 257)?.value).toEqual([
      2,
    ]);
    const flat = await written(data);
    expect(flat.tiff.ifds[0]?.entries.find((e) => e.code === 256)?.value).toEqual([6]);
    expect(flat.tiff.ifds[0]?.entries.find((e) => e.code === 257)?.value).toEqual([1]);
  });

  it('converts plain numbers to the dtype (float64 by default, as NumPy)', async () => {
    const { pages, tiff } = await written({ data: [1, 2, 3, 4], shape: [2, 2] });
    expect(pages[0]).toEqual(u8(Float64Array.from([1, 2, 3, 4])));
    expect(tiff.ifds[0]?.entries.find((e) => e.code === 339)?.value).toEqual([3]);
    const ints = await written({ data: [1, -2, 3, -4], shape: [2, 2], dtype: 'int16' });
    expect(ints.pages[0]).toEqual(u8(Int16Array.from([1, -2, 3, -4])));
  });

  it('reads a NumPy byte order in the dtype as the byte order of the data bytes', async () => {
    // Big-endian bytes of 0x0102 and 0x0304, as a big-endian .npy file holds them.
    const bytes = Uint8Array.from([0x01, 0x02, 0x03, 0x04]);
    const data = new Uint16Array(bytes.buffer);
    const sink = new MemorySink();
    await imwrite(sink, { data, shape: [1, 2], dtype: '>u2' }, { photometric: 'minisblack' });
    const out = sink.toUint8Array();
    expect(String.fromCharCode(out[0] as number, out[1] as number)).toBe('MM'); // imwrite follows the data
    const tiff = await parse(out.slice());
    expect(pageBytes(out, tiff.ifds[0] as never)).toEqual(bytes);
    const little = new MemorySink();
    await imwrite(little, { data, shape: [1, 2], dtype: '>u2' }, { byteorder: '<', photometric: 'minisblack' });
    const swapped = little.toUint8Array().slice();
    expect(pageBytes(swapped, (await parse(swapped)).ifds[0] as never)).toEqual(
      Uint8Array.from([0x02, 0x01, 0x04, 0x03]),
    );
  });

  it('rejects data that does not fit its description', async () => {
    const sink = () => new MemorySink();
    await expect(imwrite(sink(), { data: new Uint8Array(5), shape: [2, 3] })).rejects.toMatchObject({
      code: 'INVALID_DATA',
      option: 'data',
    });
    await expect(imwrite(sink(), { data: new Float32Array(4), shape: [2, 2], dtype: 'uint16' })).rejects.toMatchObject({
      code: 'INVALID_DATA',
      option: 'dtype',
    });
    await expect(imwrite(sink(), { data: new Uint8Array(4), shape: [2, 2] }, { shape: [4, 1] })).rejects.toMatchObject({
      code: 'INVALID_DATA',
      option: 'shape',
    });
    await expect(
      imwrite(sink(), { data: new Uint8Array(4), shape: [2, 2], dtype: 'uint8' }, { dtype: 'int16' }),
    ).rejects.toMatchObject({ code: 'INVALID_DATA', option: 'dtype' });
    await expect(imwrite(sink(), { data: new Uint8Array(4), shape: [2, -2] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'data.shape',
    });
    await expect(imwrite(sink(), { data: new Uint8Array(4), shape: [2, 2], stride: [2] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'data.stride',
    });
    await expect(imwrite(sink(), 'pixels' as never)).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'data' });
    await expect(imwrite(sink(), { data: new Uint8Array(4), shape: [2, 2], dtype: 'u3' })).rejects.toBeInstanceOf(
      TiffError,
    );
    await expect(imwrite(sink(), null, { shape: [2, 2] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'dtype',
    });
    await expect(imwrite(sink(), null, { dtype: 'uint8' })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'shape',
    });
  });
});

const tmp = tempDir('tiffkit-intake-');
afterAll(() => tmp.cleanup());

describe.skipIf(missing('tifffile'))('tifffile reads strided views as the logical arrays', () => {
  it('transposed 3-D view of uint16, big-endian file', async () => {
    const base = ndarray(
      Uint16Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 2731),
      [2, 3, 4],
    );
    const view = base.transpose(2, 0, 1); // shape [4, 2, 3]
    const expected = new Uint16Array(24);
    let i = 0;
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 2; b++) for (let c = 0; c < 3; c++) expected[i++] = base.get(b, c, a);
    const file = tmp.path('transposed.tif');
    await imwrite(file, view, { byteorder: '>', photometric: 'minisblack' });
    const [report] = readWithTifffile([file]);
    expect(report?.series[0]?.shape).toEqual([4, 2, 3]);
    expect(report?.series[0]?.sha256).toBe(sha256(expected));
  });
});
