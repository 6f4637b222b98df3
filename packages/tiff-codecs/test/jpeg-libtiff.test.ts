/**
 * libtiff (through libjpeg) as the independent reader of JPEG-compressed TIFF (compression 7, one complete
 * stream per strip or tile). `tiffcp -c none` decompresses every strip/tile through TIFFReadEncodedStrip/
 * Tile; for YCbCr input it asks the JPEG codec for RGB (JPEGCOLORMODE_RGB, libtiff ≥ 4.0), so its output
 * is plain RGB that compares directly with our input. `tiff2rgba` reads through the other libtiff path,
 * TIFFReadRGBAImage, and is used as a second opinion for YCbCr. Any libtiff warning (e.g. "Improper JPEG
 * strip/tile size" or sampling factors that disagree with YCbCrSubSampling) fails the test via stderr.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ByteOrder } from '@tiffkit/tiff-core';
import { afterAll, describe, expect, it } from 'vitest';
import { psnr } from './helpers/psnr.js';
import {
  buildJpegTiff,
  type JpegTiffOptions,
  noiseImage,
  readStrippedTiff,
  requireLibtiff,
  runTool,
  skipLibtiff,
  smoothImage,
} from './jpeg-helpers.js';

const WIDTH = 100;
const HEIGHT = 70;

interface Layout {
  readonly name: string;
  readonly components: 1 | 3;
  readonly colorspace?: 'gray' | 'ycbcr' | 'rgb';
  readonly subsampling?: readonly [number, number];
  /** RowsPerStrip: a multiple of 8·v, leaving a short last strip of 70 rows. */
  readonly rowsPerStrip: number;
  /** [length, width]: multiples of 16·max(subsampling); edge tiles are partly outside the image. */
  readonly tile: readonly [number, number];
}

const LAYOUTS: readonly Layout[] = [
  { name: 'gray', components: 1, rowsPerStrip: 16, tile: [32, 48] },
  { name: 'ycbcr 1×1', components: 3, subsampling: [1, 1], rowsPerStrip: 8, tile: [16, 32] },
  { name: 'ycbcr 2×1', components: 3, subsampling: [2, 1], rowsPerStrip: 24, tile: [32, 64] },
  { name: 'ycbcr 2×2', components: 3, subsampling: [2, 2], rowsPerStrip: 32, tile: [32, 32] },
  { name: 'ycbcr 4×1', components: 3, subsampling: [4, 1], rowsPerStrip: 16, tile: [64, 64] },
  { name: 'rgb', components: 3, colorspace: 'rgb', rowsPerStrip: 16, tile: [16, 16] },
];

const skip = skipLibtiff();
const dir = skip ? '' : mkdtempSync(join(tmpdir(), 'tiffkit-jpeg-'));
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let serial = 0;
/** Write `file`, run `tool` on it and return the decoded pixels (tool stderr must be empty). */
async function decodeWith(tool: 'tiffcp' | 'tiff2rgba', file: Uint8Array) {
  requireLibtiff();
  const input = join(dir, `in-${++serial}.tif`);
  const output = join(dir, `out-${serial}.tif`);
  writeFileSync(input, file);
  // tiffcp: -s converts tiles to strips, so one reader suffices; tiff2rgba: -n drops alpha.
  const args = tool === 'tiffcp' ? ['-c', 'none', '-s', input, output] : ['-c', 'none', '-n', input, output];
  expect(runTool(tool, args)).toBe('');
  return readStrippedTiff(readFileSync(output));
}

function options(layout: Layout, byteOrder: ByteOrder, tiled: boolean): JpegTiffOptions {
  return {
    width: WIDTH,
    height: HEIGHT,
    components: layout.components,
    quality: 90,
    byteOrder,
    ...(layout.colorspace ? { colorspace: layout.colorspace } : {}),
    ...(layout.subsampling ? { subsampling: layout.subsampling } : {}),
    ...(tiled ? { tile: layout.tile } : { rowsPerStrip: layout.rowsPerStrip }),
  };
}

describe.skipIf(skip)('libtiff reads JPEG-compressed TIFF', () => {
  describe.each(LAYOUTS)('$name', (layout) => {
    const pixels = smoothImage(WIDTH, HEIGHT, layout.components);
    const photometric = layout.components === 1 ? 1 : 2;

    it.each([
      ['<', false],
      ['>', false],
      ['<', true],
      ['>', true],
    ] as const)('byte order %s, tiled %s: tiffcp decodes with PSNR ≥ 30 dB at quality 90', async (order, tiled) => {
      const decoded = await decodeWith('tiffcp', buildJpegTiff(pixels, options(layout, order, tiled)));
      expect(decoded).toMatchObject({ width: WIDTH, height: HEIGHT, samples: layout.components, photometric });
      expect(psnr(pixels, decoded.data)).toBeGreaterThanOrEqual(30);
    });

    it('noise decodes too, and quality 100 beats quality 50', async () => {
      const noise = noiseImage(WIDTH, HEIGHT, layout.components, 5);
      const at = async (quality: number) => {
        const decoded = await decodeWith('tiffcp', buildJpegTiff(noise, { ...options(layout, '<', false), quality }));
        return psnr(noise, decoded.data);
      };
      const low = await at(50);
      const high = await at(100);
      expect(high).toBeGreaterThan(low);
      expect(low).toBeGreaterThan(10);
    });
  });

  it.each(LAYOUTS.filter((l) => l.subsampling))(
    '$name: tiff2rgba (TIFFReadRGBAImage) agrees with tiffcp',
    async (layout) => {
      const pixels = smoothImage(WIDTH, HEIGHT, 3);
      const file = buildJpegTiff(pixels, options(layout, '>', true));
      const viaRgba = await decodeWith('tiff2rgba', file);
      const viaCopy = await decodeWith('tiffcp', file);
      expect(viaRgba).toMatchObject({ width: WIDTH, height: HEIGHT, samples: 3, photometric: 2 });
      expect(psnr(viaCopy.data, viaRgba.data)).toBeGreaterThanOrEqual(45);
      expect(psnr(pixels, viaRgba.data)).toBeGreaterThanOrEqual(30);
    },
  );

  it('reads single-strip images of awkward sizes (1×1, 37×19, 300×7)', async () => {
    for (const [width, height] of [
      [1, 1],
      [37, 19],
      [300, 7],
    ] as const) {
      for (const components of [1, 3] as const) {
        const pixels = smoothImage(width, height, components);
        const file = buildJpegTiff(pixels, { width, height, components, byteOrder: '<', quality: 90 });
        const decoded = await decodeWith('tiffcp', file);
        expect(decoded).toMatchObject({ width, height, samples: components });
        expect(psnr(pixels, decoded.data)).toBeGreaterThanOrEqual(30);
      }
    }
  });
});
