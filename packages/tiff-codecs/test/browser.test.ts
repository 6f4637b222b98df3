/**
 * The codecs loaded on demand in a browser: this package bundled by Vite for the browser and run in
 * headless Chromium, encoding Zstandard, LZMA, WebP, PNG, JPEG XL and JPEG 2000 segments on the main thread
 * and in the Web Worker pool (1 and 2 workers, identical bytes); the zstd command, Python's lzma, Pillow,
 * djxl and opj_decompress decode them, and the JPEG 2000 codestreams are byte for byte Node's.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTask, loadCodec } from '../src/index.js';
import { CASES, ROWS, segment, WIDTH } from './browser/segments.js';
import { expectBytes } from './helpers/bytes.js';
import { pythonUnxz, unzstd } from './helpers/decode-cli.js';
import { djxl } from './helpers/djxl.js';
import { available, tempDir } from './helpers/interop.js';
import { opjDecode } from './helpers/openjpeg.js';
import { decodeWithPillow } from './helpers/pillow.js';

const CHROMIUM = process.env['TIFFKIT_CHROMIUM'] ?? '/usr/bin/chromium';
const REQUIRED = process.env['REQUIRE_INTEROP'] === '1';
const hasChromium = spawnSync(CHROMIUM, ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasChromium && REQUIRED) {
  throw new Error(`Chromium is required (REQUIRE_INTEROP=1) but ${CHROMIUM} does not run; see DEVELOPERS.md`);
}
if (!hasChromium) console.warn(`NOTICE: Chromium (${CHROMIUM}) is not installed: the browser test is skipped`);

const tmp = tempDir();
let server: Server | undefined;
type Encoded = Record<string, { main: string[]; pool1: string[]; pool2: string[] }>;
let encoded: Encoded = {};
let activity = { workersStarted: 0, tasksOnWorkers: 0, tasksOnCallingThread: 0 };
const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

describe.skipIf(!hasChromium)('in headless Chromium', () => {
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
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.wasm': 'application/wasm',
    };
    server = createServer((request, response) => {
      const path = join(outDir, request.url === '/' ? 'index.html' : (request.url ?? ''));
      let body: Buffer;
      try {
        body = readFileSync(path);
      } catch {
        response.writeHead(404).end();
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
      const result = (await page.evaluate(() =>
        (globalThis as unknown as { runCodecs(): Promise<unknown> }).runCodecs(),
      )) as { segments: Encoded; activity: typeof activity };
      encoded = result.segments;
      activity = result.activity;
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);

  afterAll(() => {
    server?.close();
    tmp.cleanup();
  });

  it('emits each codec as its own chunk, with its .wasm as an asset', () => {
    const assets = spawnSync('ls', [join(tmp.path('site'), 'assets')], { encoding: 'utf8' }).stdout;
    expect(assets).toMatch(/zstd.*\.wasm/);
    expect(assets).toMatch(/liblzma.*\.wasm/);
    expect(assets).toMatch(/webp_enc.*\.wasm/);
    expect(assets).toMatch(/openjpegwasm.*\.wasm/);
  });

  it('encodes on Web Workers: every pooled task ran on one', () => {
    // Per case, a pool of 1 then of 2 workers, 4 tasks each. Released workers stay idle for a second and
    // serve the next pool, so 2 are started in all unless a case took longer than that (then up to 3 per case).
    expect(activity.tasksOnWorkers).toBe(CASES.length * 8);
    expect(activity.tasksOnCallingThread).toBe(0);
    expect(activity.workersStarted).toBeGreaterThanOrEqual(2);
    expect(activity.workersStarted).toBeLessThanOrEqual(CASES.length * 3);
  });

  it.each(CASES.map((c) => [c.name] as const))('%s: same bytes on the main thread and with 1 or 2 workers', (name) => {
    const result = encoded[name];
    expect(result?.main).toHaveLength(4);
    expect(result?.pool1).toEqual(result?.main);
    expect(result?.pool2).toEqual(result?.main);
  });

  it.skipIf(!available('zstd'))('zstd: decoded bit-exact by the zstd command', () => {
    for (const [i, b64] of (encoded['zstd']?.main ?? []).entries()) {
      expectBytes(unzstd(bytes(b64)), segment(i, 1), `segment ${i}`);
    }
  });

  it.skipIf(!available('pythonLzma'))("lzma: decoded bit-exact by Python's lzma", () => {
    for (const [i, b64] of (encoded['lzma']?.main ?? []).entries()) {
      expectBytes(pythonUnxz(bytes(b64)), segment(i, 1), `segment ${i}`);
    }
  });

  it.skipIf(!available('pillow'))('webp (lossless) and png: decoded bit-exact by Pillow', () => {
    for (const [name, samples, suffix] of [
      ['webp', 3, 'webp'],
      ['png', 4, 'png'],
    ] as const) {
      const images = decodeWithPillow((encoded[name]?.main ?? []).map(bytes), tmp, name, suffix);
      expect(images).toHaveLength(4);
      for (const [i, image] of images.entries()) {
        expect([image.width, image.height]).toEqual([WIDTH, ROWS]);
        expectBytes(image.bytes, segment(i, samples), `${name} segment ${i}`);
      }
    }
  });

  it.skipIf(!available('jxl'))('jpegxl: decoded bit-exact by djxl', () => {
    for (const [i, b64] of (encoded['jpegxl']?.main ?? []).entries()) {
      const image = djxl(bytes(b64), tmp, `jpegxl-${i}`, 'ppm');
      expect([image.width, image.height, image.samples]).toEqual([WIDTH, ROWS, 3]);
      expect(Uint8Array.from(image.values)).toEqual(segment(i, 3));
    }
  });

  it.each(CASES.filter((c) => c.compression === 34712).map((c) => [c.name, c] as const))(
    '%s: the same codestreams as in Node',
    async (name, c) => {
      await loadCodec(c.compression);
      const node = [0, 1, 2, 3].map((i) =>
        Buffer.from(
          encodeTask({
            data: segment(i, c.samples),
            width: WIDTH,
            rows: ROWS,
            samples: c.samples,
            dtype: 'uint8',
            byteOrder: '<',
            predictor: 1,
            compression: c.compression,
            args: c.args,
          }),
        ).toString('base64'),
      );
      expect(encoded[name]?.main).toEqual(node);
    },
  );

  it.skipIf(!available('openjpeg'))('jpeg2000: decoded bit-exact by opj_decompress', () => {
    for (const [i, b64] of (encoded['jpeg2000']?.main ?? []).entries()) {
      expectBytes(opjDecode(tmp, bytes(b64), WIDTH, ROWS, 3, 1), segment(i, 3), `segment ${i}`);
    }
  });
});
