/** `tiffkit info`: enum values by name, and `--summary` for files with many IFDs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tiffkit } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tiffkit-info-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const { imwrite } = await import('@tiffkit/tiff-writer');
  await imwrite(
    join(dir, 'named.tif'),
    { data: new Float32Array(64 * 64), shape: [64, 64] },
    {
      compression: 'zlib',
      predictor: 'floatingpoint',
      tile: [16, 16],
      pyramid: { levels: 1 },
      resolution: [2, 2],
      resolutionUnit: 'centimeter',
    },
  );
  await imwrite(
    join(dir, 'many.tif'),
    { data: new Uint8Array(2000 * 16), shape: [2000, 4, 4] },
    { photometric: 'minisblack' },
  );
});

describe('enum values by name', () => {
  it('prints the number and the name', () => {
    const result = tiffkit(dir, 'info', 'named.tif');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/259 Compression\s+SHORT\s+1 {2}8 \(ADOBE_DEFLATE\)\n/);
    expect(result.stdout).toMatch(/262 PhotometricInterpretation\s+SHORT\s+1 {2}1 \(MINISBLACK\)\n/);
    expect(result.stdout).toMatch(/317 Predictor\s+SHORT\s+1 {2}3 \(FLOATINGPOINT\)\n/);
    expect(result.stdout).toMatch(/296 ResolutionUnit\s+SHORT\s+1 {2}3 \(CENTIMETER\)\n/);
    expect(result.stdout).toMatch(/339 SampleFormat\s+SHORT\s+1 {2}3 \(IEEEFP\)\n/);
    // The SubIFD pyramid level is marked as a reduced image.
    expect(result.stdout).toMatch(/254 NewSubfileType\s+LONG\s+1 {2}1 \(REDUCEDIMAGE\)\n/);
  });

  it('--json keeps numbers and adds valueNames', () => {
    const document = JSON.parse(tiffkit(dir, 'info', '--json', 'named.tif').stdout);
    const tags = document.ifds[0].tags as { name: string; value: unknown; valueNames?: unknown }[];
    expect(tags.find((t) => t.name === 'Compression')).toMatchObject({ value: [8], valueNames: ['ADOBE_DEFLATE'] });
    expect(tags.find((t) => t.name === 'ImageWidth')).not.toHaveProperty('valueNames');
  });
});

describe('info --summary', () => {
  it('prints the header, counts and series, no IFD tags', () => {
    const result = tiffkit(dir, 'info', '--summary', 'many.tif');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.slice(1)).toEqual([
      'format: classic TIFF, little-endian (II), 2000 IFDs in the main chain',
      'counts: 2000 IFDs, 0 SubIFDs, 2000 pages in 1 series',
      'series:',
      '  0: shaped, shape [2000, 4, 4], uint8, IFDs 0..1999',
      '',
    ]);
  });

  it('--json --summary gives counts instead of ifds', () => {
    const document = JSON.parse(tiffkit(dir, 'info', '--json', '--summary', 'many.tif').stdout);
    expect(document.ifds).toBeUndefined();
    expect(document.counts).toEqual({ ifds: 2000, subIfds: 0, pages: 2000, series: 1 });
  });

  it('counts SubIFDs', () => {
    expect(tiffkit(dir, 'info', '--summary', 'named.tif').stdout).toContain(
      'counts: 1 IFDs, 1 SubIFDs, 1 pages in 1 series',
    );
  });
});
