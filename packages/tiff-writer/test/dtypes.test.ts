/** Every dtype beyond the foundation's: bool (1-bit), 64-bit integers, float16 and complex. */
import type { DTypeName } from '@tiffkit/tiff-core';
import { expect } from 'vitest';
import { imwrite } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { sha256, testValues } from './helpers/data.js';

const DTYPES: [DTypeName, string, number | undefined][] = [
  // dtype, how it is given, SampleFormat
  ['bool', '?', undefined],
  ['uint64', '<u8', undefined],
  ['int64', 'int64', 2],
  ['float16', 'e', 3],
  ['complex64', 'c8', 6],
  ['complex128', '<c16', 6],
];

const cases: InteropCase[] = [];
for (const [dtype, spelling, sampleFormat] of DTYPES) {
  for (const bigtiff of [false, true]) {
    for (const byteorder of ['<', '>'] as const) {
      for (const shape of [
        [9, 13],
        [3, 9, 21],
      ]) {
        const size = shape.reduce((a, b) => a * b, 1);
        const values = testValues(dtype, size, shape.length);
        cases.push({
          name: `${dtype} (${spelling}) ${bigtiff ? 'BigTIFF' : 'classic'} ${byteorder} ${shape.join('x')}`,
          write: (path) =>
            imwrite(
              path,
              { data: values, shape, dtype: spelling === '<u8' || spelling === '<c16' ? spelling.slice(1) : spelling },
              {
                bigtiff,
                byteorder,
                photometric: dtype === 'bool' ? undefined : 'minisblack',
              },
            ),
          tifffile: (report) => {
            expect(report.byteorder).toBe(byteorder);
            expect(report.series[0]?.dtype).toBe(dtype);
            expect(report.series[0]?.shape).toEqual(shape);
            expect(report.series[0]?.sha256).toBe(sha256(values));
            const tags = report.tags[0] as Record<string, unknown>;
            expect(tags['SampleFormat']).toBe(sampleFormat);
            if (dtype === 'bool') {
              expect(tags['BitsPerSample']).toBeUndefined(); // 1 by default: the tag is not written
              expect(tags['PhotometricInterpretation']).toBe(0); // MINISWHITE, tifffile's default
              expect(tags['StripByteCounts']).toEqual([
                (shape.at(-2) as number) * Math.ceil((shape.at(-1) as number) / 8),
              ]);
            }
          },
          tiffinfo: (stdout) => {
            expect(stdout).toContain(`Image Width: ${shape.at(-1)} Image Length: ${shape.at(-2)}`);
            if (dtype === 'bool') expect(stdout).toContain('Photometric Interpretation: min-is-white');
          },
        });
      }
    }
  }
}

interopSuite('bool, 64-bit integers, float16 and complex round-trip', cases);
