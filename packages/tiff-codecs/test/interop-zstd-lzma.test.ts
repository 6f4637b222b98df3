/**
 * Zstandard (50000) and LZMA (34925) proved by independent readers at file level: libtiff
 * (`tiffcp -c none`, which must print nothing) decodes strips and tiles, with and without predictors,
 * for every dtype, both byte orders, planar and contiguous samples and bilevel data, back to the
 * exact samples; tifffile (Debian's, whose LZMA fallback is Python's lzma module) reads LZMA files.
 */
import { writeFileSync } from 'node:fs';
import { type ByteOrder, type DType, type DTypeName, DTypes } from '@tiffkit/tiff-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodec, packBilevel } from '../src/index.js';
import { expectBytes } from './helpers/bytes.js';
import { sampleImage } from './helpers/images.js';
import { available, readWithTifffile, tempDir, tiffcpUncompressed } from './helpers/interop.js';
import { buildTiff, type EncodeRequest, encodePage, encodeTiledPage, inOrder, readStrips } from './helpers/tiff.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
beforeAll(async () => {
  await loadCodec(50000);
  await loadCodec(34925);
});

const CODECS = [
  [50000, 'zstd'],
  [34925, 'lzma'],
] as const;
const ORDERS: ByteOrder[] = ['<', '>'];
const DTYPES: DTypeName[] = [
  'uint8',
  'int8',
  'uint16',
  'int16',
  'uint32',
  'int32',
  'uint64',
  'int64',
  'float16',
  'float32',
  'float64',
];

interface Case {
  readonly name: string;
  readonly request: EncodeRequest;
  readonly tile?: { width: number; length: number };
}

/** Libtiff 4.5 knows predictors 2 and 3 only (not the DNG X2/X4 variants). */
function predictorsFor(dtype: DType): number[] {
  if (dtype.kind === 'float') return [1, 3];
  return dtype.itemSize <= 4 ? [1, 2] : [1];
}

const cases: Case[] = [];
for (const [compression, label] of CODECS) {
  for (const byteOrder of ORDERS) {
    const order = byteOrder === '<' ? 'le' : 'be';
    for (const name of DTYPES) {
      const dtype = DTypes[name];
      for (const predictor of predictorsFor(dtype)) {
        const base = { dtype, byteOrder, compression, predictor };
        cases.push({
          name: `${label}-${name}-${order}-p${predictor}-strips`,
          request: { ...base, width: 61, height: 23, samples: 1, planar: false, rowsPerStrip: 5 },
        });
        cases.push({
          name: `${label}-${name}-${order}-p${predictor}-tiles`,
          request: { ...base, width: 40, height: 37, samples: 1, planar: false, rowsPerStrip: 37 },
          tile: { width: 16, length: 16 },
        });
      }
    }
    for (const [name, predictor] of [
      ['uint8', 2],
      ['uint16', 2],
      ['float32', 3],
    ] as const) {
      for (const planar of [false, true]) {
        cases.push({
          name: `${label}-${name}-${order}-p${predictor}-rgb${planar ? '-planar' : ''}`,
          request: {
            dtype: DTypes[name],
            byteOrder,
            compression,
            predictor,
            width: 47,
            height: 19,
            samples: 3,
            planar,
            rowsPerStrip: 4,
          },
        });
      }
      cases.push({
        name: `${label}-${name}-${order}-p${predictor}-rgb-tiles`,
        request: {
          dtype: DTypes[name],
          byteOrder,
          compression,
          predictor,
          width: 33,
          height: 20,
          samples: 3,
          planar: false,
          rowsPerStrip: 20,
        },
        tile: { width: 16, length: 16 },
      });
    }
    for (const level of compression === 50000 ? [1, 9, 19] : [0, 7]) {
      cases.push({
        name: `${label}-uint16-${order}-level${level}`,
        request: {
          dtype: DTypes.uint16,
          byteOrder,
          compression,
          predictor: 2,
          width: 64,
          height: 30,
          samples: 1,
          planar: false,
          rowsPerStrip: 8,
          level,
        },
      });
    }
  }
}

function imageFor(request: EncodeRequest): Uint8Array {
  const { dtype, width, height, samples, byteOrder } = request;
  return sampleImage(dtype, width * height * samples, byteOrder, 31, width * (request.planar ? 1 : samples));
}

describe.skipIf(!available('libtiff'))('libtiff decodes Zstandard and LZMA', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const image = imageFor(c.request);
    const page = c.tile ? encodeTiledPage(image, c.request, c.tile) : encodePage(image, c.request);
    // -s: write strips, so tiled input comes back as plain rows to compare.
    const result = tiffcpUncompressed(buildTiff([page], c.request.byteOrder), dir, name, ['-s']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    const out = await readStrips(result.output as Uint8Array);
    const want = inOrder(image, c.request.dtype, c.request.byteOrder, out.byteOrder);
    expectBytes(out.pages[0] as Uint8Array, want, name);
  });

  it.each(CODECS.flatMap(([code, label]) => ORDERS.map((order) => [label, code, order] as const)))(
    '%s bilevel (%i) %s: rows of 70 pixels, 9 bytes each',
    async (label, compression, byteOrder) => {
      const request = {
        dtype: DTypes.bool,
        byteOrder,
        compression,
        predictor: 1,
        width: 70,
        height: 33,
        samples: 1,
        planar: false,
        rowsPerStrip: 8,
      };
      const image = sampleImage(DTypes.bool, 70 * 33, byteOrder, 3, 70);
      const page = encodePage(image, request);
      const result = tiffcpUncompressed(buildTiff([page], byteOrder), dir, `${label}-bool-${byteOrder}`);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      const out = await readStrips(result.output as Uint8Array);
      expectBytes(out.pages[0] as Uint8Array, packBilevel(image, 70, 33));
    },
  );
});

describe.skipIf(!available('tifffile'))('tifffile reads LZMA files (its own lzma fallback)', () => {
  const files = ORDERS.flatMap((byteOrder) =>
    (
      [
        ['uint8', 1],
        ['uint16', 2],
        ['int32', 2],
        ['float32', 1],
        ['float64', 1],
      ] as const
    ).map(([name, predictor]) => {
      const request: EncodeRequest = {
        dtype: DTypes[name],
        byteOrder,
        compression: 34925,
        predictor,
        width: 53,
        height: 21,
        samples: 1,
        planar: false,
        rowsPerStrip: 6,
      };
      const label = `tifffile-lzma-${name}-${byteOrder === '<' ? 'le' : 'be'}-p${predictor}`;
      return { label, request, image: imageFor(request), path: dir.path(`${label}.tif`) };
    }),
  );

  it('decodes every file to the exact samples', () => {
    for (const { path, request, image } of files) {
      writeFileSync(path, buildTiff([encodePage(image, request)], request.byteOrder));
    }
    const pages = readWithTifffile(files.map((f) => f.path));
    for (const { label, path, request, image } of files) {
      const page = pages.find((p) => p.path === path);
      expect(page?.error, label).toBeUndefined();
      expect(page?.shape, label).toEqual([21, 53]);
      const expected = inOrder(image, request.dtype, request.byteOrder, '<');
      expect(page?.hex === Buffer.from(expected).toString('hex'), label).toBe(true);
    }
  });
});
