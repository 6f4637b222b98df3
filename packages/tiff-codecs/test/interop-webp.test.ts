/**
 * WebP (50001) in whole TIFF files, read by libtiff (`tiffcp -c none`, which must print nothing) and by
 * GDAL (`gdal_translate` to raw pixels): lossless strips and tiles come back bit-exact, RGB and RGBA;
 * lossy ones close to the input.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { DTypes } from '@tiffkit/tiff-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodec } from '../src/index.js';
import { expectBytes } from './helpers/bytes.js';
import { available, tempDir, tiffcpUncompressed } from './helpers/interop.js';
import { photo } from './helpers/photo.js';
import { psnr } from './helpers/psnr.js';
import { buildTiff, type EncodeRequest, encodePage, encodeTiledPage, readStrips } from './helpers/tiff.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
beforeAll(async () => {
  await loadCodec(50001);
});

const WIDTH = 70;
const HEIGHT = 45;
const cases = [3, 4].flatMap((samples) =>
  [true, false].flatMap((lossless) =>
    [false, true].map((tiled) => ({
      name: `webp-${samples === 3 ? 'rgb' : 'rgba'}-${lossless ? 'lossless' : 'lossy'}-${tiled ? 'tiles' : 'strips'}`,
      samples,
      lossless,
      tiled,
    })),
  ),
);

/** A TIFF of one WebP-compressed page (RGBA with unassociated alpha), and the pixels it holds. */
function write(c: (typeof cases)[number]): { file: Uint8Array; image: Uint8Array } {
  const image = photo(WIDTH, HEIGHT, c.samples, c.samples);
  const request: EncodeRequest = {
    width: WIDTH,
    height: HEIGHT,
    samples: c.samples,
    planar: false,
    dtype: DTypes.uint8,
    byteOrder: '<',
    compression: 50001,
    predictor: 1,
    rowsPerStrip: 16,
    args: c.lossless ? { lossless: true } : { level: 90 },
  };
  const page = c.tiled ? encodeTiledPage(image, request, { width: 32, length: 32 }) : encodePage(image, request);
  const alpha = c.samples === 4 ? { photometric: 2, extraSamples: [2] } : {};
  return { file: buildTiff([{ ...page, ...alpha }], '<'), image };
}

function expectClose(actual: Uint8Array, expected: Uint8Array, lossless: boolean, name: string): void {
  if (lossless) expectBytes(actual, expected, name);
  else expect(psnr(actual, expected), name).toBeGreaterThan(32);
}

describe.skipIf(!available('libtiff'))('libtiff decodes WebP', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const { file, image } = write(c);
    const result = tiffcpUncompressed(file, dir, name, ['-s']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    const out = await readStrips(result.output as Uint8Array);
    expectClose(out.pages[0] as Uint8Array, image, c.lossless, name);
  });
});

describe.skipIf(!available('gdal'))('GDAL decodes WebP', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const { file, image } = write(c);
    const input = dir.path(`${name}.gdal.tif`);
    const output = dir.path(`${name}.bin`);
    writeFileSync(input, file);
    const run = spawnSync('gdal_translate', ['-q', '-of', 'ENVI', '-co', 'INTERLEAVE=BIP', input, output], {
      encoding: 'utf8',
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expectClose(new Uint8Array(readFileSync(output)), image, c.lossless, name);
  });
});
