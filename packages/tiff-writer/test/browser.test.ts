/**
 * tiffkit in a browser: the writer is bundled by Vite for the browser (its browser entry points, fflate,
 * Web Workers, the WebAssembly codecs loaded on demand) and run in headless Chromium; the files it
 * writes are read back by tifffile and libtiff, its Zstandard and WebP files (2 workers) by libtiff and GDAL,
 * and its JPEG 2000 file (2 workers) is byte for byte the one Node writes.
 * Vite emits the encoder worker it sees in tiff-codecs: the app configures nothing, and workers run.
 * (esbuild and webpack 5: browser-bundlers.test.ts.)
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  DEFLATE_TILES,
  jpeg2000InNode,
  type PageRun,
  rgbImage,
  runInChromium,
  saveFiles,
  WORKER_SHAPE,
  type WorkerWrites,
  workerImage,
} from './helpers/browser.js';
import { sha256 } from './helpers/data.js';
import {
  hasGdal,
  hasTiffcp,
  readWithGdal,
  readWithTifffile,
  tempDir,
  tiffcpDecompress,
  tiffinfo,
} from './helpers/interop.js';

const available = chromiumAvailable();

const stack = new Uint16Array(4 * 256 * 200);
for (let i = 0; i < stack.length; i++) stack[i] = (i % 200) * 100 + ((i * 7919) % 13);

const tmp = tempDir('tiffkit-browser-');
let run: PageRun<WorkerWrites>;

describe.skipIf(!available)('in headless Chromium', () => {
  beforeAll(async () => {
    const { build } = await import('vite');
    const root = fileURLToPath(new URL('./browser/', import.meta.url));
    const outDir = tmp.path('site');
    await build({
      root,
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, target: 'es2022' },
      worker: { format: 'es' },
    });
    run = await runInChromium<WorkerWrites>(outDir);
    saveFiles(run.result.files, tmp.path);
  }, 120_000);

  afterAll(() => tmp.cleanup());

  it('runs without a page error, and encodes on Web Workers', () => {
    expect(run.errors).toEqual([]);
    expect(run.missing).toEqual([]);
    expect(run.result.warnings).toEqual([]);
    const { activity } = run.result;
    expect(activity.workersStarted).toBeGreaterThan(0);
    // The deflate, Zstandard (4 × 8 × 4), WebP and JPEG 2000 (4 × 4 each) tiles, and the LZW strips.
    expect(activity.tasksOnWorkers).toBeGreaterThan(DEFLATE_TILES + 128 + 16 + 16);
    expect(activity.tasksOnCallingThread).toBe(0);
  });

  it('writes the same bytes with Web Workers as without', () => {
    expect(run.result.files['deflate-2-workers.tif']).toBe(run.result.files['deflate-1-worker.tif']);
  });

  it('writes files tifffile reads back exactly', () => {
    const reports = readWithTifffile(['plain.tif', 'cells.ome.tif', 'deflate-2-workers.tif'].map((n) => tmp.path(n)));
    for (const report of reports) expect(report.error).toBeUndefined();
    const [plain, ome, deflate] = reports;
    for (const report of [plain, ome]) {
      expect(report?.series[0]?.shape).toEqual([4, 256, 200]);
      expect(report?.series[0]?.sha256).toBe(sha256(stack));
    }
    expect(deflate?.series[0]?.shape).toEqual(WORKER_SHAPE);
    expect(deflate?.series[0]?.sha256).toBe(sha256(workerImage()));
    expect(plain?.series[0]?.axes).toBe('ZYX');
    expect(ome?.is_ome).toBe(true);
    expect(ome?.series[0]?.levels.map((l) => l.shape)).toEqual([
      [4, 128, 100],
      [4, 64, 50],
    ]);
  });

  it.skipIf(!(hasTiffcp && hasGdal) && process.env['REQUIRE_INTEROP'] !== '1')(
    'writes Zstandard and WebP files on workers that libtiff and GDAL decode exactly',
    () => {
      const zstd = tmp.path('zstd-2-workers.tif');
      expect(tiffcpDecompress(zstd, tmp.path('zstd-decoded.tif'))).toEqual({ stderr: '', status: 0 });
      const [decoded] = readWithTifffile([tmp.path('zstd-decoded.tif')]);
      expect(decoded?.series[0]?.shape).toEqual(WORKER_SHAPE);
      expect(decoded?.series[0]?.sha256).toBe(sha256(workerImage()));
      const webp = readWithGdal(tmp.path('webp-2-workers.tif'), tmp.path('webp.raw'));
      expect(Buffer.compare(webp, Buffer.from(rgbImage()))).toBe(0); // lossless
    },
  );

  it('writes JPEG 2000 on workers, the same bytes as Node', async () => {
    const file = run.result.files['jpeg2000-2-workers.tif'];
    expect(file).toBeDefined();
    expect(file === (await jpeg2000InNode('rgb'))).toBe(true); // (not toBe: a 4 MB diff would be printed)
  });

  it('writes files libtiff decodes without a warning', () => {
    for (const name of Object.keys(run.result.files)) {
      // libtiff has no JPEG 2000 decoder: it reads that file's directories only.
      const { stderr, status } = tiffinfo(tmp.path(name), { data: !name.startsWith('jpeg2000') });
      expect({ name, stderr, status }).toEqual({ name, stderr: '', status: 0 });
    }
  });
});
