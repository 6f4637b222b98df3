/**
 * tiffkit in a browser: the writer is bundled by Vite for the browser (its browser entry points, fflate,
 * Web Workers) and run in headless Chromium; the files it writes are read back by tifffile and libtiff.
 * Vite emits the encoder worker it sees in tiff-codecs: the app configures nothing, and workers run.
 * (esbuild and webpack 5: browser-bundlers.test.ts.)
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  DEFLATE_TILES,
  type PageRun,
  runInChromium,
  saveFiles,
  WORKER_SHAPE,
  type WorkerWrites,
  workerImage,
} from './helpers/browser.js';
import { sha256 } from './helpers/data.js';
import { readWithTifffile, tempDir, tiffinfo } from './helpers/interop.js';

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
    expect(activity.tasksOnWorkers).toBeGreaterThan(DEFLATE_TILES); // and the LZW strips
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

  it('writes files libtiff decodes without a warning', () => {
    for (const name of Object.keys(run.result.files)) {
      const { stderr, status } = tiffinfo(tmp.path(name));
      expect({ name, stderr, status }).toEqual({ name, stderr: '', status: 0 });
    }
  });
});
