/**
 * tiffkit in a browser: the writer is bundled by Vite for the browser (its browser entry points, fflate,
 * Web Workers) and run in headless Chromium; the files it writes are read back by tifffile and libtiff.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from './helpers/data.js';
import { readWithTifffile, tempDir, tiffinfo } from './helpers/interop.js';

const CHROMIUM = process.env['TIFFKIT_CHROMIUM'] ?? '/usr/bin/chromium';
const REQUIRED = process.env['REQUIRE_INTEROP'] === '1';
const available = spawnSync(CHROMIUM, ['--version'], { stdio: 'ignore' }).status === 0;
if (!available && REQUIRED)
  throw new Error(`Chromium is required (REQUIRE_INTEROP=1) but ${CHROMIUM} does not run; see DEVELOPERS.md`);
if (!available)
  console.warn(`NOTICE: Chromium (${CHROMIUM}) is not installed: the browser test is skipped (see DEVELOPERS.md)`);

const stack = new Uint16Array(4 * 256 * 200);
for (let i = 0; i < stack.length; i++) stack[i] = (i % 200) * 100 + ((i * 7919) % 13);

const tmp = tempDir('tiffkit-browser-');
let server: Server | undefined;
let files: Record<string, string> = {};

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
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
    server = createServer((request, response) => {
      const path = join(outDir, request.url === '/' ? 'index.html' : (request.url ?? ''));
      let body: Buffer;
      try {
        body = readFileSync(path);
      } catch {
        response.writeHead(404).end(); // e.g. /favicon.ico
        return;
      }
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${address.port}/`);
      await page.waitForFunction(
        () => (globalThis as unknown as { document: { title: string } }).document.title === 'ready',
      );
      files = (await page.evaluate(() =>
        (globalThis as unknown as { runTiffkit(): Promise<Record<string, string>> }).runTiffkit(),
      )) as Record<string, string>;
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
    for (const [name, data] of Object.entries(files)) writeFileSync(tmp.path(name), Buffer.from(data, 'base64'));
  }, 120_000);

  afterAll(() => {
    server?.close();
    tmp.cleanup();
  });

  it('writes the same bytes with one Web Worker as with two', () => {
    expect(files['deflate-2-workers.tif']).toBe(files['deflate-1-worker.tif']);
  });

  it('writes files tifffile reads back exactly', () => {
    const names = ['plain.tif', 'deflate-2-workers.tif', 'lzw-2-workers.tif', 'cells.ome.tif'];
    const reports = readWithTifffile(names.filter((n) => !n.startsWith('lzw')).map((n) => tmp.path(n)));
    for (const report of reports) {
      expect(report.error).toBeUndefined();
      expect(report.series[0]?.shape).toEqual([4, 256, 200]);
      expect(report.series[0]?.sha256).toBe(sha256(stack));
    }
    const [plain, , ome] = reports;
    expect(plain?.series[0]?.axes).toBe('ZYX');
    expect(ome?.is_ome).toBe(true);
    expect(ome?.series[0]?.levels.map((l) => l.shape)).toEqual([
      [4, 128, 100],
      [4, 64, 50],
    ]);
  });

  it('writes files libtiff decodes without a warning', () => {
    for (const name of Object.keys(files)) {
      const { stderr, status } = tiffinfo(tmp.path(name));
      expect({ name, stderr, status }).toEqual({ name, stderr: '', status: 0 });
    }
  });
});
