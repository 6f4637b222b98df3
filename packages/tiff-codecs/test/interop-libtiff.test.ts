/**
 * Proof by an independent reader: libtiff (`tiffcp -c none`) decompresses files holding our codec and
 * predictor output, with no diagnostics, back to the exact input samples.
 */
import { type ByteOrder, type DType, type DTypeName, DTypes } from '@tiffkit/tiff-core';
import { afterAll, describe, expect, it } from 'vitest';
import * as fflateBackend from '../src/deflate/backend-fflate.js';
import { applyPredictor, packBilevel } from '../src/index.js';
import { expectBytes } from './helpers/bytes.js';
import { sampleImage } from './helpers/images.js';
import { available, tempDir, tiffcpCompress, tiffcpUncompressed } from './helpers/interop.js';
import { randomBytes } from './helpers/random.js';
import { buildTiff, type EncodeRequest, encodePage, inOrder, type Page, readStrips } from './helpers/tiff.js';

const libtiff = available('libtiff');
const dir = tempDir();
afterAll(() => dir.cleanup());

const INTEGERS: DTypeName[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64'];
const FLOATS: DTypeName[] = ['float16', 'float32', 'float64'];
const COMPRESSIONS = [5, 8, 32946, 32773];
const ORDERS: ByteOrder[] = ['<', '>'];

interface Case {
  readonly name: string;
  readonly request: EncodeRequest;
  readonly image: Uint8Array;
}

function makeCase(
  dtype: DType,
  byteOrder: ByteOrder,
  compression: number,
  predictor: number,
  shape: { width: number; height: number; samples: number; planar: boolean; rowsPerStrip: number },
  level?: number,
): Case {
  const image = sampleImage(dtype, shape.width * shape.height * shape.samples, byteOrder, 17, shape.width);
  const request: EncodeRequest = {
    ...shape,
    dtype,
    byteOrder,
    compression,
    predictor,
    ...(level === undefined ? {} : { level }),
  };
  const layout = shape.planar ? 'planar' : `x${shape.samples}`;
  return {
    name: `${dtype.name}-${byteOrder === '<' ? 'le' : 'be'}-c${compression}-p${predictor}-${layout}${level ?? ''}`,
    request,
    image,
  };
}

/** Decode `page` with libtiff and compare every sample with the image it came from. */
async function checkWithLibtiff(c: Case, pages: Page[], expected: Uint8Array[]): Promise<void> {
  const file = buildTiff(pages, c.request.byteOrder);
  const result = tiffcpUncompressed(file, dir, c.name);
  expect({ status: result.status, stderr: result.stderr }, c.name).toEqual({ status: 0, stderr: '' });
  const out = await readStrips(result.output as Uint8Array);
  expect(out.pages.length).toBe(expected.length);
  out.pages.forEach((strips, i) => {
    const want = inOrder(expected[i] as Uint8Array, c.request.dtype, c.request.byteOrder, out.byteOrder);
    expectBytes(strips, want, `${c.name} page ${i}`);
  });
}

const SINGLE = { width: 61, height: 23, samples: 1, planar: false, rowsPerStrip: 5 };
const cases: Case[] = [];
for (const byteOrder of ORDERS) {
  for (const name of [...INTEGERS, ...FLOATS]) {
    const dtype = DTypes[name];
    const predictors = [1, dtype.kind === 'float' ? 3 : 2];
    for (const compression of COMPRESSIONS) {
      // libtiff has no predictor support in its PackBits codec (it warns "Unknown field with tag 317" and
      // returns the differenced bytes): PackBits with a predictor is checked with tifffile instead.
      for (const predictor of compression === 32773 ? [1] : predictors) {
        cases.push(makeCase(dtype, byteOrder, compression, predictor, SINGLE));
      }
    }
  }
  // Several samples per pixel, contiguous and planar, where predictors stride by pixel.
  for (const [name, predictor] of [
    ['uint8', 2],
    ['uint16', 2],
    ['int32', 2],
    ['float32', 3],
    ['float64', 3],
  ] as const) {
    for (const compression of [5, 8]) {
      for (const planar of [false, true]) {
        const shape = { width: 47, height: 19, samples: 3, planar, rowsPerStrip: 4 };
        cases.push(makeCase(DTypes[name], byteOrder, compression, predictor, shape));
      }
    }
  }
  for (const level of [0, 1, 9]) cases.push(makeCase(DTypes.uint16, byteOrder, 8, 2, SINGLE, level));
}

describe.skipIf(!libtiff)('libtiff decodes our output', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const page = encodePage(c.image, c.request);
    await checkWithLibtiff(c, [page], [c.image]);
  });

  it.each(ORDERS.flatMap((o) => [5, 8, 32946, 32773].map((compression) => [o, compression] as const)))(
    'bilevel %s compression %i (rows of 70 pixels, 9 bytes)',
    async (byteOrder, compression) => {
      const shape = { width: 70, height: 33, samples: 1, planar: false, rowsPerStrip: 8 };
      const c = makeCase(DTypes.bool, byteOrder, compression, 1, shape);
      const page = encodePage(c.image, c.request);
      await checkWithLibtiff(c, [page], [packBilevel(c.image, shape.width, shape.height)]);
    },
  );

  it('LZW: every code count around the 9→10→11→12 bit switches and the table reset, one page each', async () => {
    const data = randomBytes(4200, 23);
    const lengths: number[] = [];
    for (const [from, to] of [
      [1, 8],
      [245, 290],
      [750, 790],
      [1770, 1820],
      [3790, 4200],
    ] as const) {
      for (let n = from; n <= to; n++) lengths.push(n);
    }
    const pages: Page[] = [];
    const expected: Uint8Array[] = [];
    for (const n of lengths) {
      const image = data.slice(0, n);
      const shape = { width: n, height: 1, samples: 1, planar: false, rowsPerStrip: 1 };
      pages.push(encodePage(image, { ...shape, dtype: DTypes.uint8, byteOrder: '<', compression: 5, predictor: 1 }));
      expected.push(image);
    }
    const c = makeCase(DTypes.uint8, '<', 5, 1, SINGLE);
    await checkWithLibtiff({ ...c, name: 'lzw-lengths' }, pages, expected);
  });

  const large = { width: 1024, height: 256, samples: 1, planar: false, rowsPerStrip: 256 };
  it.each([
    ['noisy uint16', DTypes.uint16, () => sampleImage(DTypes.uint16, large.width * large.height, '<', 3, large.width)],
    [
      'flat-region uint8',
      DTypes.uint8,
      () =>
        Uint8Array.from(
          { length: large.width * large.height },
          (_, i) => (((i % 1024) >> 5) * 17 + (i >> 14) * 31) & 0xff,
        ),
    ],
  ] as const)(
    'LZW and PackBits on a %s image: decodes, and sizes are on par with libtiff',
    async (label, dtype, make) => {
      const shape = large;
      const image = make();
      for (const [compression, scheme] of [
        [5, 'lzw'],
        [32773, 'packbits'],
      ] as const) {
        const request = { ...shape, dtype, byteOrder: '<' as const, compression, predictor: 1 };
        const name = `${scheme}-${dtype.name}-${label.split(' ')[0]}`;
        const ours = encodePage(image, request);
        await checkWithLibtiff({ name, request, image }, [ours], [image]);
        const raw = buildTiff([{ ...ours, compression: 1, strips: [image] }], '<');
        const theirs = await readCompressedStripBytes(tiffcpCompress(raw, dir, `${name}-ref`, scheme));
        const ourBytes = ours.strips.reduce((sum, s) => sum + s.length, 0);
        // libtiff's LZW also restarts when its ratio drops, and its PackBits merges short runs alike.
        expect(ourBytes / theirs, scheme).toBeLessThan(1.03);
        console.log(`${scheme} ${label}: tiffkit ${ourBytes} bytes, libtiff ${theirs} bytes (${image.length} raw)`);
      }
    },
  );

  it('decodes streams from the fflate backend too (what browsers use)', async () => {
    for (const [name, predictor] of [
      ['uint16', 2],
      ['float32', 3],
    ] as const) {
      const c = makeCase(DTypes[name], '>', 8, predictor, SINGLE);
      const page = encodePage(c.image, c.request);
      const layout = { width: SINGLE.width, samples: 1, dtype: c.request.dtype, byteOrder: c.request.byteOrder };
      const strips = [];
      for (let y = 0; y < SINGLE.height; y += SINGLE.rowsPerStrip) {
        const rows = Math.min(SINGLE.rowsPerStrip, SINGLE.height - y);
        const rowBytes = SINGLE.width * c.request.dtype.itemSize;
        const segment = c.image.subarray(y * rowBytes, (y + rows) * rowBytes);
        strips.push(fflateBackend.zlibDeflate(applyPredictor(predictor, segment, { ...layout, rows }), 6));
      }
      await checkWithLibtiff({ ...c, name: `${c.name}-fflate` }, [{ ...page, strips }], [c.image]);
    }
  });
});

async function readCompressedStripBytes(file: Uint8Array): Promise<number> {
  const { bytesSource, entryNumbers, parseTiff } = await import('@tiffkit/tiff-core');
  const tiff = await parseTiff(bytesSource(file));
  return entryNumbers(tiff.ifds[0] as Parameters<typeof entryNumbers>[0], 279).reduce((a, b) => a + b, 0);
}
