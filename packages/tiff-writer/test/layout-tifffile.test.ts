/**
 * Byte-for-byte comparison with files tifffile itself writes from the same data and options: the
 * strongest proof that tiffkit lays out headers, IFDs, values and data as the reference does.
 * (tifffile writes Software 'tifffile.py', so the tiffkit side passes that too.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DTypes, parseDType } from '@tiffkit/tiff-core';
import { afterAll, describe, expect, it } from 'vitest';
import { TiffWriter, type WriteOptions } from '../src/index.js';
import { missing, python, tempDir } from './helpers/interop.js';

interface WriteSpec {
  shape: number[];
  dtype: string;
  data?: 'ramp' | 'empty';
  kwargs?: Record<string, unknown>;
  options?: WriteOptions;
}
interface FileSpec {
  name: string;
  open?: { bigtiff?: boolean; byteorder?: '<' | '>' };
  /** Open ours with `crashSafe: false`: tifffile's deferred layout of a growing series. */
  deferred?: boolean;
  writes: WriteSpec[];
}

function ramp(shape: number[], dtype: string) {
  const info = parseDType(dtype).dtype;
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new info.carrier(size) as Uint16Array;
  for (let i = 0; i < size; i++) data[i] = (i * 13) % 251;
  return { data, shape, dtype: info.name };
}

const CASES: FileSpec[] = [
  { name: 'plain 2-D uint16', writes: [{ shape: [219, 301], dtype: '<u2' }] },
  { name: 'plain 2-D uint16 BigTIFF', open: { bigtiff: true }, writes: [{ shape: [219, 301], dtype: '<u2' }] },
  {
    name: 'big-endian int16 pages',
    open: { byteorder: '>' },
    writes: [
      {
        shape: [3, 20, 30],
        dtype: '<i2',
        kwargs: { photometric: 'minisblack' },
        options: { photometric: 'minisblack' },
      },
    ],
  },
  {
    name: 'float32, no metadata, description',
    writes: [
      {
        shape: [16, 17],
        dtype: '<f4',
        kwargs: { metadata: null, description: 'hello' },
        options: { metadata: null, description: 'hello' },
      },
    ],
  },
  {
    name: 'uint8 rowsperstrip 32',
    writes: [{ shape: [219, 301], dtype: 'u1', kwargs: { rowsperstrip: 32 }, options: { rowsPerStrip: 32 } }],
  },
  {
    name: 'description, datetime, metadata keys, resolution',
    writes: [
      {
        shape: [2, 8, 9],
        dtype: '<u1',
        // Metadata keys stay out: Debian's tifffile 2023.2.3 sorts the JSON keys ("axes" before
        // "shape"); current tifffile, which tiffkit follows, writes "shape" first.
        kwargs: {
          photometric: 'minisblack',
          description: 'a test',
          datetime: '2026:11:24 10:20:30',
          resolution: [300, 72],
          resolutionunit: 'CENTIMETER',
        },
        options: {
          photometric: 'minisblack',
          description: 'a test',
          datetime: '2026:11:24 10:20:30',
          resolution: [300, 72],
          resolutionUnit: 'centimeter',
        },
      },
    ],
  },
  {
    name: 'several series in BigTIFF big-endian',
    open: { bigtiff: true, byteorder: '>' },
    writes: [
      { shape: [4, 6], dtype: '<f8' },
      { shape: [3, 5, 7], dtype: '<u4', kwargs: { photometric: 'minisblack' }, options: { photometric: 'minisblack' } },
      { shape: [5], dtype: '<i1' },
    ],
  },
  {
    name: 'contiguous growth',
    deferred: true, // tifffile's layout: the later IFDs at close
    writes: [
      {
        shape: [2, 10, 12],
        dtype: '<u2',
        kwargs: { photometric: 'minisblack', contiguous: true },
        options: { photometric: 'minisblack', contiguous: true },
      },
      { shape: [2, 10, 12], dtype: '<u2', kwargs: { contiguous: true }, options: { contiguous: true } },
      { shape: [2, 10, 12], dtype: '<u2', kwargs: { contiguous: true }, options: { contiguous: true } },
    ],
  },
  {
    name: 'empty data',
    writes: [
      {
        shape: [3, 32, 32],
        dtype: '<u2',
        data: 'empty',
        kwargs: { photometric: 'minisblack' },
        options: { photometric: 'minisblack' },
      },
    ],
  },
];

const tmp = tempDir('tiffkit-layout-');
afterAll(() => tmp.cleanup());

describe.skipIf(missing('tifffile'))('the same bytes as tifffile', () => {
  it.each(CASES)('$name', async (spec) => {
    const ours = tmp.path(`${spec.name.replace(/\W+/g, '_')}.tiffkit.tif`);
    const theirs = tmp.path(`${spec.name.replace(/\W+/g, '_')}.tifffile.tif`);
    const writer = await TiffWriter.open(ours, { ...spec.open, ...(spec.deferred ? { crashSafe: false } : {}) });
    for (const w of spec.writes) {
      const options: WriteOptions = { software: 'tifffile.py', ...w.options };
      if (w.data === 'empty')
        await writer.write(null, { ...options, shape: w.shape, dtype: DTypes[parseDType(w.dtype).dtype.name].name });
      else await writer.write(ramp(w.shape, w.dtype), options);
    }
    await writer.close();
    const script = fileURLToPath(new URL('./helpers/write_tifffile.py', import.meta.url));
    const pySpec = [{ file: theirs, open: spec.open ?? {}, writes: spec.writes.map(({ options: _o, ...w }) => w) }];
    execFileSync(python as string, [script, JSON.stringify(pySpec)]);
    const a = readFileSync(ours);
    const b = readFileSync(theirs);
    const firstDifference = a.findIndex((byte, i) => byte !== b[i]);
    expect({ size: a.length, firstDifference }).toEqual({ size: b.length, firstDifference: -1 });
  });
});
