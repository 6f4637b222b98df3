/**
 * Workers under other bundlers, in headless Chromium (Vite: browser.test.ts). Each app is bundled as its
 * README recipe says and writes with Web Workers; the files must match the ones written without workers,
 * and tifffile reads them back.
 * - esbuild with the recipe (`@tiffkit/tiff-writer/worker` as a second entry, its URL as `workerUrl`):
 *   workers run.
 * - esbuild without it: esbuild keeps `new URL('./worker-browser.js', import.meta.url)` but emits no such
 *   file, so no worker starts; the write still succeeds, on the main thread, with one warning per writer.
 * - webpack 5, configured for nothing but TypeScript: it recognises `new Worker(new URL(…))` in
 *   tiff-codecs and emits the worker; workers run.
 * Each page also writes JPEG 2000, whose encoder fetches its WebAssembly from
 * `new URL('./openjpegwasm.wasm', import.meta.url)`: webpack emits it and the file is Node's, byte for
 * byte; esbuild does not, and the write fails with UNSUPPORTED saying so (the bundles build either way).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  DEFLATE_TILES,
  jpeg2000InNode,
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
const pages = fileURLToPath(new URL('./browser/', import.meta.url));
const tmp = tempDir('tiffkit-bundlers-');
afterAll(() => tmp.cleanup());

/** A site: the bundle(s) in `dir` and an index.html that loads `app.js`. */
function page(dir: string, module: boolean): void {
  const script = module ? '<script type="module" src="./app.js"></script>' : '<script src="./app.js"></script>';
  writeFileSync(
    `${dir}/index.html`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tiffkit</title></head><body>${script}</body></html>`,
  );
}

/** esbuild, as the README's recipe has it: ES modules for the browser, `entries` bundled side by side. */
async function esbuildSite(name: string, entries: Record<string, string>): Promise<string> {
  const { build } = await import('esbuild');
  const outdir = tmp.path(name);
  await build({
    absWorkingDir: pages,
    entryPoints: entries,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir,
    logLevel: 'error',
    // Not the monorepo's tsconfig.json files, whose `paths` point tiff-codecs at its Node sources (a
    // published package ships none).
    tsconfigRaw: '{}',
  });
  page(outdir, true);
  return outdir;
}

/** webpack 5 in production mode, told only how to load TypeScript (unminified: faster, same workers). */
async function webpackSite(name: string, entry: string): Promise<string> {
  const { default: webpack } = await import('webpack');
  const path = tmp.path(name);
  const compiler = webpack({
    mode: 'production',
    context: pages,
    entry: { app: entry },
    output: { path, filename: '[name].js' },
    target: 'web',
    devtool: false,
    performance: { hints: false },
    optimization: { minimize: false },
    resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
    module: { rules: [{ test: /\.ts$/, include: pages, loader: `${pages}ts-loader.cjs` }] },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString('errors-only')));
      else resolve();
    }),
  );
  page(path, false);
  return path;
}

/** The files are right whatever ran them: the same bytes with 2 workers as with none, read back exactly. */
function expectRightFiles(run: PageRun<WorkerWrites>, name: string): void {
  expect(run.errors).toEqual([]);
  const { files } = run.result;
  expect(files['deflate-2-workers.tif']).toBe(files['deflate-1-worker.tif']);
  const dir = tmp.path(`${name}-files`);
  mkdirSync(dir);
  saveFiles(files, (file) => `${dir}/${file}`);
  const [report] = readWithTifffile([`${dir}/deflate-2-workers.tif`]);
  expect(report?.error).toBeUndefined();
  expect(report?.series[0]?.shape).toEqual(WORKER_SHAPE);
  expect(report?.series[0]?.sha256).toBe(sha256(workerImage()));
  for (const file of Object.keys(files)) {
    const { stderr, status } = tiffinfo(`${dir}/${file}`);
    expect({ file, stderr, status }).toEqual({ file, stderr: '', status: 0 });
  }
}

/** webpack emitted OpenJPEG's WebAssembly: the JPEG 2000 file is the one Node writes. */
async function expectJpeg2000Written(run: PageRun<WorkerWrites>): Promise<void> {
  const { jpeg2000 } = run.result;
  expect(jpeg2000?.error).toBeUndefined();
  expect(jpeg2000?.file).toBe(await jpeg2000InNode('stack'));
}

/** esbuild emitted no WebAssembly for JPEG 2000: a clear UNSUPPORTED error, and nothing else broke. */
function expectJpeg2000Refused(run: PageRun<WorkerWrites>): void {
  expect(run.result.jpeg2000).toEqual({
    error: expect.stringMatching(
      /^UNSUPPORTED: .*JPEG2000.* could not be fetched from .*\/openjpegwasm\.wasm \(HTTP 404\).*esbuild does not/,
    ),
  });
}

/** Workers did the compressed writes: none fell back to the main thread. */
function expectWorkersRan(run: PageRun<WorkerWrites>, missing: string[] = []): void {
  expect(run.missing).toEqual(missing);
  expect(run.result.warnings).toEqual([]);
  const { activity } = run.result;
  expect(activity.workersStarted).toBeGreaterThan(0);
  expect(activity.tasksOnWorkers).toBeGreaterThan(DEFLATE_TILES); // the deflate tiles and the LZW strips
  expect(activity.tasksOnCallingThread).toBe(0);
}

describe.skipIf(!available)('esbuild, with the recipe', () => {
  let run: PageRun<WorkerWrites>;
  beforeAll(async () => {
    const site = await esbuildSite('esbuild-recipe', {
      app: './esbuild-main.ts',
      worker: '@tiffkit/tiff-writer/worker',
    });
    run = await runInChromium<WorkerWrites>(site);
  }, 60_000);

  it('encodes on Web Workers started from workerUrl', () => expectWorkersRan(run, ['/openjpegwasm.wasm']));
  it('writes the right files', () => expectRightFiles(run, 'esbuild-recipe'));
  it('refuses JPEG 2000 with UNSUPPORTED: esbuild emitted no WebAssembly', () => expectJpeg2000Refused(run));
});

describe.skipIf(!available)('esbuild, without the recipe', () => {
  let run: PageRun<WorkerWrites>;
  beforeAll(async () => {
    run = await runInChromium<WorkerWrites>(await esbuildSite('esbuild-plain', { app: './default-main.ts' }));
  }, 60_000);

  it('cannot start the worker esbuild did not emit, and warns once per writer', () => {
    expect(new Set(run.missing)).toEqual(new Set(['/worker-browser.js', '/openjpegwasm.wasm']));
    expect(run.result.warnings).toEqual(
      ['deflate, 2 workers', 'lzw, 2 workers'].map(() => ({
        code: 'workers-unavailable',
        message: expect.stringMatching(/^no encoder worker could start \(the worker script did not load\)/),
      })),
    );
    const { activity } = run.result;
    expect(activity.workersStarted).toBe(0);
    expect(activity.tasksOnWorkers).toBe(0);
    expect(activity.tasksOnCallingThread).toBeGreaterThan(DEFLATE_TILES);
  });

  it('still writes the right files, on the main thread', () => expectRightFiles(run, 'esbuild-plain'));
  it('refuses JPEG 2000 with UNSUPPORTED: esbuild emitted no WebAssembly', () => expectJpeg2000Refused(run));
});

describe.skipIf(!available)('webpack 5', () => {
  let run: PageRun<WorkerWrites>;
  beforeAll(async () => {
    run = await runInChromium<WorkerWrites>(await webpackSite('webpack', './default-main.ts'));
  }, 60_000);

  it('emits the worker it sees in tiff-codecs, and encodes on it', () => expectWorkersRan(run));
  it('writes the right files', () => expectRightFiles(run, 'webpack'));
  it("emits OpenJPEG's WebAssembly: JPEG 2000 is written, the same bytes as Node", () => expectJpeg2000Written(run));
});
