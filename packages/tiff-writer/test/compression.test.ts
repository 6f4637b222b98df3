/**
 * Compression round trips: every codec × predictor × dtype × byte order × strips/tiles that tifffile
 * allows, bit-exact. tifffile reads deflate, PackBits, LZMA and the horizontal predictor itself; LZW,
 * Zstandard and the floating-point predictor are decoded by libtiff (`tiffcp -c none`) and the result
 * read by tifffile. Zstandard and LZMA are also written to big-endian BigTIFF files.
 */
import type { DTypeName } from '@tiffkit/tiff-core';
import { expect } from 'vitest';
import { imwrite } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { sha256, testValues } from './helpers/data.js';
import { tiffcpDecompress } from './helpers/interop.js';

const CODECS = [
  ['zlib', 8],
  ['deflate', 32946],
  ['lzw', 5],
  ['packbits', 32773],
  ['zstd', 50000],
  ['lzma', 34925],
] as const;
const DTYPES: DTypeName[] = [
  'bool',
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
  'complex64',
];

/** The predictors a dtype takes with `predictor: true` (and explicit 2 for 64-bit integers). */
function predictors(dtype: DTypeName): (1 | 2 | 3)[] {
  if (dtype === 'bool' || dtype === 'complex64') return [1];
  if (dtype.startsWith('float')) return [1, 3];
  return [1, 2];
}

const cases: InteropCase[] = [];
for (const [name, code] of CODECS) {
  for (const dtype of DTYPES) {
    for (const predictor of predictors(dtype)) {
      for (const byteorder of ['<', '>'] as const) {
        for (const tiled of [false, true]) {
          if (name === 'packbits' && predictor !== 1) continue; // libtiff ignores predictors with PackBits
          const shape = tiled ? [2, 40, 37] : [3, 21, 45];
          const values = testValues(
            dtype,
            shape.reduce((a, b) => a * b, 1),
            code + predictor,
          );
          // tifffile 2023.2.3 decodes deflate, PackBits, LZMA and the horizontal predictor; libtiff the rest
          const viaLibtiff = code === 5 || code === 50000 || predictor === 3;
          // The codecs loaded on demand are also written to big-endian BigTIFF files.
          const bigtiff = (code === 50000 || code === 34925) && byteorder === '>';
          cases.push({
            name: `${name} ${dtype} predictor ${predictor} ${byteorder}${bigtiff ? ' BigTIFF' : ''} ${tiled ? 'tiles' : 'strips'}${viaLibtiff ? ' (via libtiff)' : ''}`,
            write: async (path) => {
              const target = viaLibtiff ? `${path}.compressed.tif` : path;
              await imwrite(
                target,
                { data: values, shape, dtype },
                {
                  compression: name,
                  predictor: predictor === 1 ? undefined : predictor,
                  byteorder,
                  bigtiff,
                  photometric: dtype === 'bool' ? undefined : 'minisblack',
                  ...(tiled ? { tile: [16, 32] } : { rowsPerStrip: 8 }),
                },
              );
              if (viaLibtiff) {
                const { stderr, status } = tiffcpDecompress(target, path);
                expect({ stderr, status }).toEqual({ stderr: '', status: 0 });
              }
            },
            tifffile: (report) => {
              const tags = report.tags[0] as Record<string, unknown>;
              if (!viaLibtiff) {
                expect(tags['Compression']).toBe(code);
                expect(tags['Predictor']).toBe(predictor === 1 ? undefined : predictor);
              }
              expect(report.series[0]?.shape).toEqual(shape);
              expect(report.series[0]?.sha256).toBe(sha256(values));
            },
          });
        }
      }
    }
  }
}

interopSuite('lossless compression round-trips', cases);
