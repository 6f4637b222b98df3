/**
 * Proof by a second independent reader: tifffile (Debian's 2023.2.3, without imagecodecs, so only its
 * own zlib, PackBits and delta decoders) reads deflate, PackBits and horizontal-predictor files back to
 * the exact samples. LZW and the floating-point predictor are left to libtiff (interop-libtiff).
 */
import { writeFileSync } from 'node:fs';
import { type ByteOrder, type DTypeName, DTypes } from '@tiffkit/tiff-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleImage } from './helpers/images.js';
import { available, readWithTifffile, type TifffilePage, tempDir } from './helpers/interop.js';
import { buildTiff, encodePage, inOrder } from './helpers/tiff.js';

const tifffile = available('tifffile');
const dir = tempDir();
afterAll(() => dir.cleanup());

const NUMPY: Record<string, string> = {
  bool: 'bool',
  uint8: 'uint8',
  int8: 'int8',
  uint16: 'uint16',
  int16: 'int16',
  uint32: 'uint32',
  int32: 'int32',
  uint64: 'uint64',
  int64: 'int64',
  float16: 'float16',
  float32: 'float32',
  float64: 'float64',
};

interface Written {
  readonly name: string;
  readonly path: string;
  readonly shape: number[];
  readonly dtype: string;
  /** Samples as C-order little-endian bytes, bool as one 0/1 byte each. */
  readonly expected: Uint8Array;
}

function write(
  name: DTypeName,
  byteOrder: ByteOrder,
  compression: number,
  predictor: number,
  samples: number,
  planar: boolean,
): Written {
  const dtype = DTypes[name];
  const width = 53;
  const height = 21;
  const image = sampleImage(dtype, width * height * samples, byteOrder, 29, width);
  const page = encodePage(image, {
    width,
    height,
    samples,
    planar,
    dtype,
    byteOrder,
    compression,
    predictor,
    rowsPerStrip: 6,
  });
  const label = `${name}-${byteOrder === '<' ? 'le' : 'be'}-c${compression}-p${predictor}-s${samples}${planar ? 'p' : ''}`;
  const path = dir.path(`${label}.tif`);
  writeFileSync(path, buildTiff([page], byteOrder));
  const shape = samples === 1 ? [height, width] : planar ? [samples, height, width] : [height, width, samples];
  const expected = dtype.kind === 'bool' ? image.map((v) => (v ? 1 : 0)) : inOrder(image, dtype, byteOrder, '<');
  return { name: label, path, shape, dtype: NUMPY[name] as string, expected };
}

describe.skipIf(!tifffile)('tifffile decodes our output', () => {
  const files: Written[] = [];
  for (const byteOrder of ['<', '>'] as const) {
    for (const compression of [8, 32946, 50013, 32773]) {
      for (const name of ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64'] as const) {
        for (const predictor of [1, 2]) files.push(write(name, byteOrder, compression, predictor, 1, false));
      }
      for (const name of ['float16', 'float32', 'float64'] as const) {
        files.push(write(name, byteOrder, compression, 1, 1, false));
      }
      files.push(write('uint8', byteOrder, compression, 2, 3, false));
      files.push(write('uint16', byteOrder, compression, 2, 3, true));
      files.push(write('bool', byteOrder, compression, 1, 1, false));
    }
  }

  let pages: TifffilePage[] = [];
  beforeAll(() => {
    pages = readWithTifffile(files.map((f) => f.path));
  });

  it.each(files.map((f, i) => [f.name, f, i] as const))('%s', (_name, file, i) => {
    const page = pages.find((p) => p.path === file.path);
    expect(page?.error).toBeUndefined();
    expect(pages[i]?.path).toBe(file.path);
    expect({ shape: page?.shape, dtype: page?.dtype }).toEqual({ shape: file.shape, dtype: file.dtype });
    expect(page?.hex?.length).toBe(file.expected.length * 2);
    expect(page?.hex === Buffer.from(file.expected).toString('hex'), 'samples').toBe(true);
  });
});
