/**
 * Codecs loaded on demand, as built (dist/): importing the package loads no codec module or
 * WebAssembly, and the worker pool loads them inside each worker with the same bytes whatever the
 * number of workers. Runs against dist/ because the pool starts dist/node/worker.js.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { IDLE_MS } from '../src/pool/pool.js';
import { tempDir } from './helpers/interop.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** Every file reached from `entry` through static `import … from` / `export … from` of relative paths. */
function staticGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)[^;]*?from\s+'([^']+)'/gms)) {
      const spec = match[1] as string;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else bare.add(spec);
    }
  };
  visit(entry);
  return { files, bare };
}

describe('lazy loading, as built', () => {
  it('importing the package reaches no codec module loaded on demand statically', () => {
    const { files, bare } = staticGraph(join(dist, 'index.js'));
    const names = [...files].map((f) => f.slice(dist.length));
    expect(names).toContain('registry.js');
    expect(
      names.filter((n) =>
        /^(zstd\/codec|lzma\/codec|lzma\/xz|webp\/codec|png\/codec|jpeg2000\/codec|node\/openjpeg|jpegxl\/codec|jpegxl\/encoder)\.js$/.test(
          n,
        ),
      ),
    ).toEqual([]);
    expect([...bare].filter((b) => /zstd-wasm|liblzma|jsquash|openjpeg/.test(b))).toEqual([]);
  });

  it('the codec modules are reached only through dynamic import()', () => {
    const loaders = readFileSync(join(dist, 'lazy/loaders.js'), 'utf8');
    expect(loaders).toMatch(/import\('\.\.\/zstd\/codec\.js'\)/);
    expect(loaders).toMatch(/import\('\.\.\/lzma\/codec\.js'\)/);
    expect(loaders).toMatch(/import\('\.\.\/webp\/codec\.js'\)/);
    expect(loaders).toMatch(/import\('\.\.\/jpeg2000\/codec\.js'\)/);
    expect(loaders).toMatch(/import\('\.\.\/jpegxl\/codec\.js'\)/);
    const loader = readFileSync(join(dist, 'lazy/loader.js'), 'utf8');
    for (const module of ['lzw/lzw', 'jpeg/codec', 'deflate/deflate', 'packbits/packbits']) {
      expect(loader).toContain(`import('../${module}.js')`);
    }
  });

  it('loadCodec reaches no encoder statically: each built-in codec is imported on first use', () => {
    const { files, bare } = staticGraph(join(dist, 'lazy/loader.js'));
    const names = [...files].map((f) => f.slice(dist.length));
    expect(names.filter((n) => /^(lzw|jpeg|deflate|packbits|zstd|lzma|webp|png|jpeg2000|jpegxl)\//.test(n))).toEqual(
      [],
    );
    expect([...bare].filter((b) => /fflate|#deflate-backend/.test(b))).toEqual([]);
  });
});

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let children = 0;

/**
 * Run `body` (an async function body given the built package as `codecs`) in a fresh Node process:
 * the pool's workers start dist/node/worker.js, which only plain Node (not the test runner) resolves.
 */
function inNode(body: string): unknown {
  const script = `import * as codecs from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
const result = await (async () => { ${body} })();
process.stdout.write(JSON.stringify(result));`;
  // A file, not `-e`: workers inherit the parent's execArgv, and `--input-type` would stop them.
  const file = tmp.path(`child-${++children}.mjs`);
  writeFileSync(file, script);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('EncoderPool with codecs loaded on demand', () => {
  it.each([
    [50000, 2, { level: 9 }],
    [34925, 2, { level: 3 }],
    [50000, 1, {}],
    [34925, 1, {}],
    [34712, 1, {}],
    [34712, 1, { level: 50 }],
    [50002, 1, {}],
  ] as const)(
    'compression %i, predictor %i: same bytes with 1 and 2 workers as in this thread',
    (code, predictor, args) => {
      const result = inNode(`
      const { createHash } = await import('node:crypto');
      const digest = (bytes) => createHash('sha256').update(bytes).digest('hex');
      const width = 300, rows = 40;
      const segment = (seed) => Uint8Array.from({ length: width * rows * 2 }, (_, i) => (i * seed + (i >> 9)) & 0xff);
      const task = (seed) => ({ data: segment(seed), width, rows, samples: 1, dtype: 'uint16', byteOrder: '<',
        predictor: ${predictor}, compression: ${code}, args: ${JSON.stringify(args)} });
      const seeds = [1, 2, 3, 5, 7, 11];
      const loadedBefore = (() => { try { codecs.getCodec(${code}); return true; } catch { return false; } })();
      const out = {};
      for (const size of [1, 2]) {
        const pool = codecs.EncoderPool.acquire(size);
        out[size] = (await Promise.all(seeds.map((s) => pool.encode(task(s), true)))).map(digest);
        await pool.release();
      }
      await codecs.loadCodec(${code});
      out.local = seeds.map((s) => digest(codecs.encodeTask(task(s))));
      out.loadedBefore = loadedBefore;
      out.live = codecs.liveWorkers(); // idle workers are kept a moment for the next write
      await new Promise((resolve) => setTimeout(resolve, ${IDLE_MS} + 500));
      out.liveLater = codecs.liveWorkers();
      out.activity = codecs.poolActivity();
      return out;
    `) as {
        1: string[];
        2: string[];
        local: string[];
        loadedBefore: boolean;
        live: number;
        liveLater: number;
        activity: { workersStarted: number; tasksOnWorkers: number; tasksOnCallingThread: number };
      };
      expect(result.loadedBefore).toBe(false); // the workers loaded it themselves
      expect(result[1]).toHaveLength(6);
      expect(result[1]).toEqual(result.local);
      expect(result[2]).toEqual(result.local);
      expect(result.live).toBe(2);
      expect(result.liveLater).toBe(0);
      // Workers did the work (a worker that could not start would fall back to this thread silently).
      // Two started: the pool of 2 took the idle worker of the pool of 1 and started one.
      expect(result.activity).toEqual({ workersStarted: 2, tasksOnWorkers: 12, tasksOnCallingThread: 0 });
    },
  );

  it('a bad level inside a worker comes back as the TiffError it raised', () => {
    const result = inNode(`
      const pool = codecs.EncoderPool.acquire(1);
      const task = { data: new Uint8Array(16), width: 16, rows: 1, samples: 1, dtype: 'uint8', byteOrder: '<',
        predictor: 1, compression: 34925, args: { level: 9 } };
      try { await pool.encode(task, false); return 'no error'; }
      catch (e) { return { name: e.name, code: e.code, option: e.option, message: e.message }; }
      finally { await pool.release(); }
    `);
    expect(result).toEqual({
      name: 'TiffError',
      code: 'INVALID_OPTION',
      option: 'compressionArgs.level',
      message: expect.stringMatching(/^compressionArgs\.level=9 is invalid: expected an LZMA preset/),
    });
  });
});
