/**
 * Headless Chromium for the browser tests: a bundled site served from a directory, opened in Debian's
 * Chromium driven by playwright-core, and the page's `runTiffkit()` called. Each bundler's test builds
 * its site its own way and shares the rest. The page marks itself ready with `document.title = 'ready'`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { type ImwriteOptions, imwrite, MemorySink } from '../../src/index.js';

export const CHROMIUM = process.env['TIFFKIT_CHROMIUM'] ?? '/usr/bin/chromium';
const REQUIRED = process.env['REQUIRE_INTEROP'] === '1';

/** Whether Chromium runs: under REQUIRE_INTEROP=1 its absence fails, otherwise a notice is printed. */
export function chromiumAvailable(): boolean {
  const available = spawnSync(CHROMIUM, ['--version'], { stdio: 'ignore' }).status === 0;
  if (!available && REQUIRED)
    throw new Error(`Chromium is required (REQUIRE_INTEROP=1) but ${CHROMIUM} does not run; see DEVELOPERS.md`);
  if (!available)
    console.warn(`NOTICE: Chromium (${CHROMIUM}) is not installed: the browser test is skipped (see DEVELOPERS.md)`);
  return available;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** What the page's `runTiffkit()` gives back, and what the page said on the way. */
export interface PageRun<T> {
  readonly result: T;
  /** Uncaught errors of the page. */
  readonly errors: string[];
  /** Requests the server answered with 404 (other than the favicon). */
  readonly missing: string[];
}

/** Serve `dir` (index.html at `/`) on a local port, run `runTiffkit()` in headless Chromium, stop both. */
export async function runInChromium<T>(dir: string): Promise<PageRun<T>> {
  const missing: string[] = [];
  const server = createServer((request, response) => {
    const path = join(dir, request.url === '/' ? 'index.html' : (request.url ?? ''));
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch {
      if (request.url !== '/favicon.ico') missing.push(request.url ?? '');
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
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
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(
      () => (globalThis as unknown as { document: { title: string } }).document.title === 'ready',
    );
    const result = (await page.evaluate(() =>
      (globalThis as unknown as { runTiffkit(): Promise<unknown> }).runTiffkit(),
    )) as T;
    return { result, errors, missing };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A page's worker writes (test/browser/page.ts), as the Node side receives them. */
export interface WorkerWrites {
  readonly files: Record<string, string>;
  readonly warnings: { code: string; message: string }[];
  readonly activity: { workersStarted: number; tasksOnWorkers: number; tasksOnCallingThread: number };
  /** page.ts's `writeJpeg2000`: the file as base64, or `CODE: message`. */
  readonly jpeg2000?: { file?: string; error?: string };
}

/** Deflate tiles of the page's 4 × 1024 × 512 image, 64 × 64: the tasks of the write with 2 workers. */
export const DEFLATE_TILES = 4 * 16 * 8;
export const WORKER_SHAPE = [4, 1024, 512];

/** The page's worker image, as page.ts fills it (for its digest). */
export function workerImage(): Uint16Array {
  const image = new Uint16Array(4 * 1024 * 512);
  for (let i = 0; i < image.length; i++) image[i] = (i % 512) * 100 + ((i * 7919) % 13);
  return image;
}

/** The page's RGB image for WebP, as page.ts fills it. */
export function rgbImage(): Uint8Array {
  const image = new Uint8Array(1024 * 1024 * 3);
  for (let i = 0; i < image.length; i++)
    image[i] = ((i % 3) * 80 + ((Math.floor(i / 3) % 1024) >> 3) + ((i * 31) % 7)) & 0xff;
  return image;
}

/** The page's 4 × 256 × 200 uint16 stack, as page.ts fills it. */
export function pageStack(): Uint16Array {
  const image = new Uint16Array(4 * 256 * 200);
  for (let i = 0; i < image.length; i++) image[i] = (i % 200) * 100 + ((i * 7919) % 13);
  return image;
}

/** The JPEG 2000 writes of the pages (lossless, tiled), with the options they use. */
export const JPEG2000_WRITES = {
  /** page.ts's `writeJpeg2000`: the stack, on the main thread. */
  stack: { shape: [4, 256, 200], options: { compression: 'jpeg2000', tile: [128, 128], photometric: 'minisblack' } },
  /** main.ts (Vite): the RGB image on 2 workers. */
  rgb: { shape: [1024, 1024, 3], options: { compression: 'jpeg2000', tile: [256, 256], maxWorkers: 2 } },
} as const satisfies Record<string, { shape: number[]; options: ImwriteOptions }>;

/** A page's JPEG 2000 write made in Node: the browser's file must be the same, byte for byte. */
export async function jpeg2000InNode(which: keyof typeof JPEG2000_WRITES): Promise<string> {
  const { shape, options } = JPEG2000_WRITES[which];
  const sink = new MemorySink();
  await imwrite(sink, { data: which === 'stack' ? pageStack() : rgbImage(), shape: [...shape] }, { ...options });
  return Buffer.from(sink.toUint8Array()).toString('base64');
}

/** Write the page's files into `path(name)` for the readers. */
export function saveFiles(files: Record<string, string>, path: (name: string) => string): void {
  for (const [name, data] of Object.entries(files)) writeFileSync(path(name), Buffer.from(data, 'base64'));
}
