/** Photometric interpretation, planar configuration and extra samples, inferred or given. */
import type { DTypeName } from '@tiffkit/tiff-core';
import { expect } from 'vitest';
import { imwrite, type TiffWarning, type WriteOptions } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { sha256, testValues } from './helpers/data.js';
import type { TifffileReport } from './helpers/interop.js';

interface SampleCase {
  name: string;
  dtype: DTypeName;
  shape: number[];
  options?: WriteOptions;
  /** What tifffile reads: series shape and axes; tags of the first page. */
  seriesShape: number[];
  axes: string;
  tags: Record<string, unknown>;
  warnings?: string[];
  tiffinfo?: RegExp;
}

const CASES: SampleCase[] = [
  {
    name: 'trailing 3 samples of uint8 are contiguous RGB, silently',
    dtype: 'uint8',
    shape: [16, 17, 3],
    seriesShape: [16, 17, 3],
    axes: 'YXS',
    tags: { PhotometricInterpretation: 2, PlanarConfiguration: 1, SamplesPerPixel: 3, ExtraSamples: undefined },
    tiffinfo: /Photometric Interpretation: RGB color/,
  },
  {
    name: 'trailing 3 samples of float32 are RGB, with a warning',
    dtype: 'float32',
    shape: [16, 17, 3],
    seriesShape: [16, 17, 3],
    axes: 'YXS',
    tags: { PhotometricInterpretation: 2, SampleFormat: [3, 3, 3] },
    warnings: ['rgb-inferred'],
  },
  {
    name: 'a leading axis of 3 is never planar RGB: three grayscale pages',
    dtype: 'uint16',
    shape: [3, 16, 17],
    seriesShape: [3, 16, 17],
    axes: 'QYX',
    tags: { PhotometricInterpretation: 1, SamplesPerPixel: 1, PlanarConfiguration: undefined },
  },
  {
    name: 'explicit RGB with a leading axis of 3 is planar',
    dtype: 'uint16',
    shape: [3, 16, 17],
    options: { photometric: 'rgb' },
    seriesShape: [3, 16, 17],
    axes: 'SYX',
    tags: { PhotometricInterpretation: 2, PlanarConfiguration: 2, SamplesPerPixel: 3 },
    tiffinfo: /Planar Configuration: separate image planes/,
  },
  {
    name: 'RGBA: one extra sample is unassociated alpha',
    dtype: 'uint8',
    shape: [16, 17, 4],
    seriesShape: [16, 17, 4],
    axes: 'YXS',
    tags: { PhotometricInterpretation: 2, SamplesPerPixel: 4, ExtraSamples: [2] },
  },
  {
    name: 'RGB with two unspecified extra samples',
    dtype: 'uint16',
    shape: [16, 17, 5],
    options: { photometric: 'RGB' },
    seriesShape: [16, 17, 5],
    axes: 'YXS',
    tags: { SamplesPerPixel: 5, ExtraSamples: [0, 0] },
  },
  {
    name: 'RGBA with associated alpha, by name',
    dtype: 'uint8',
    shape: [16, 17, 4],
    options: { photometric: 2, extraSamples: ['assocalpha'] },
    seriesShape: [16, 17, 4],
    axes: 'YXS',
    tags: { ExtraSamples: [1] },
  },
  {
    name: 'CMYK (separated)',
    dtype: 'uint8',
    shape: [16, 17, 4],
    options: { photometric: 'separated' },
    seriesShape: [16, 17, 4],
    axes: 'YXS',
    tags: { PhotometricInterpretation: 5, SamplesPerPixel: 4, ExtraSamples: undefined },
    tiffinfo: /Photometric Interpretation: separated/,
  },
  {
    name: 'grayscale with a planar extra sample',
    dtype: 'float32',
    shape: [2, 16, 17],
    options: { photometric: 'minisblack', planarConfig: 'separate' },
    seriesShape: [2, 16, 17],
    axes: 'SYX',
    tags: { PhotometricInterpretation: 1, PlanarConfiguration: 2, SamplesPerPixel: 2, ExtraSamples: [0] },
  },
  {
    name: 'grayscale with contiguous alpha from extraSamples',
    dtype: 'uint16',
    shape: [16, 17, 2],
    options: { photometric: 'minisblack', extraSamples: [2] },
    seriesShape: [16, 17, 2],
    axes: 'YXS',
    tags: { SamplesPerPixel: 2, PlanarConfiguration: 1, ExtraSamples: [2] },
  },
  {
    name: 'YCbCr without JPEG: no subsampling, full reference range',
    dtype: 'uint8',
    shape: [16, 17, 3],
    options: { photometric: 'ycbcr' },
    seriesShape: [16, 17, 3],
    axes: 'YXS',
    tags: { PhotometricInterpretation: 6, YCbCrSubSampling: [1, 1] },
  },
  {
    name: 'RGB pages of a 5-D series with axes',
    dtype: 'uint8',
    shape: [2, 3, 8, 9, 3],
    options: { metadata: { axes: 'TZYXS' } },
    seriesShape: [2, 3, 8, 9, 3],
    axes: 'TZYXS',
    tags: { PhotometricInterpretation: 2 },
  },
  {
    name: '1-D data with an explicit one-sample photometric is one row',
    dtype: 'int16',
    shape: [40],
    options: { photometric: 'minisblack' },
    seriesShape: [40],
    axes: 'X',
    tags: { ImageWidth: 40, ImageLength: 1 },
  },
  {
    name: 'a (256, 3) RGB array is one row of 256 RGB pixels',
    dtype: 'uint16',
    shape: [256, 3],
    options: { photometric: 'rgb' },
    seriesShape: [256, 3],
    axes: 'XS',
    tags: { ImageWidth: 256, ImageLength: 1, SamplesPerPixel: 3 },
  },
];

const cases: InteropCase[] = CASES.map((c) => {
  const size = c.shape.reduce((a, b) => a * b, 1);
  const values = testValues(c.dtype, size, size);
  const warnings: TiffWarning[] = [];
  return {
    name: c.name,
    write: async (path) => {
      await imwrite(
        path,
        { data: values, shape: c.shape, dtype: c.dtype },
        { ...c.options, onWarning: (w) => warnings.push(w) },
      );
      expect(warnings.map((w) => w.code)).toEqual(c.warnings ?? []);
    },
    tifffile: (report: TifffileReport) => {
      const [series] = report.series;
      expect(series?.shape).toEqual(c.seriesShape);
      expect(series?.axes).toBe(c.axes);
      expect(series?.sha256).toBe(sha256(values));
      const tags = report.tags[0] as Record<string, unknown>;
      for (const [name, value] of Object.entries(c.tags)) expect([name, tags[name]]).toEqual([name, value]);
    },
    tiffinfo: (stdout) => {
      if (c.tiffinfo) expect(stdout).toMatch(c.tiffinfo);
    },
  };
});

interopSuite('photometric, planar configuration and extra samples', cases);
