/**
 * Pay for what you use: the built package bundled by esbuild for the browser (minified ESM, code
 * split), then run, recording which chunks each write actually loads. A plain uncompressed write
 * must not load the OME, ImageJ, codec or worker code; a compressed or OME write loads its own.
 *
 * Bundles `dist/` as a consumer would (`pnpm test` builds first: turbo's test depends on build).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, inflateSync } from 'node:zlib';
import { bytesSource, entryNumbers, parseTiff, TagCode } from '@tiffkit/tiff-core';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imwrite, MemorySink } from '../src/index.js';
import { tempDir } from './helpers/interop.js';

/**
 * What a plain write may load, minified: issue 12's 25 KB. It was 238 KB before anything was loaded on
 * demand and 67.8 KB before imwrite's short path (src/plain/) and the writer's stages loaded by `open()`
 * (src/writer-stages.ts); 23.1 KB when written: tiff-core 15.8 KB (IFD encoding 4.1, dtypes 2.7, the tag
 * registry 2.7, enums 2.0, format, sink, field types, errors), the `TiffWriter` class 3.7 KB (the package's
 * entry exports it), the short path 2.6 KB, the platform's warning 0.4 KB, and the chunks' glue.
 */
const PLAIN_BUDGET = 25 * 1024;

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const distIndex = join(packageDir, 'dist', 'index.js');
const tmp = tempDir('tiffkit-bundle-');

const PIXELS = 64 * 64;
const pixels = () => Uint16Array.from({ length: PIXELS }, (_, i) => (i * 37) % 4096);
const CASES = {
  plain: { shape: [64, 64] },
  zlib: { shape: [64, 64], compression: 'zlib' },
  ome: { shape: [64, 64], ome: true, pyramid: { levels: 2 }, tile: [16, 16] },
} as const;
type CaseName = keyof typeof CASES;

interface Measured {
  /** Minified and gzipped bytes of the chunks the write loaded. */
  readonly min: number;
  readonly gzip: number;
  /** Input files (package sources, dependencies) with code in the loaded chunks. */
  readonly inputs: readonly string[];
  /** The file the bundled write produced. */
  readonly file: Uint8Array;
}

const measured = new Map<CaseName, Measured>();

/** Bundle one write, run it in Node, and keep what its loaded chunks weigh and contain. */
async function measure(name: CaseName): Promise<Measured> {
  const outdir = tmp.path(name);
  const entry = `import { imwrite, MemorySink } from ${JSON.stringify(distIndex)};
const sink = new MemorySink();
await imwrite(sink, Uint16Array.from({ length: ${PIXELS} }, (_, i) => (i * 37) % 4096), ${JSON.stringify(CASES[name])});
process.stdout.write(JSON.stringify({ file: Buffer.from(sink.toUint8Array()).toString('base64'), loaded: globalThis.__loaded }));`;
  const result = await build({
    stdin: { contents: entry, resolveDir: packageDir, sourcefile: 'entry.js' },
    absWorkingDir: packageDir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir,
    entryNames: 'entry',
    metafile: true,
    logLevel: 'error',
    // As installed from the registry: no workspace tsconfig redirecting imports to the Node sources.
    tsconfigRaw: '{}',
  });
  const outputs: Metafile['outputs'] = result.metafile.outputs;
  const chunks = Object.keys(outputs).filter((path) => path.endsWith('.js'));
  const contents = new Map(chunks.map((path) => [basename(path), readFileSync(join(packageDir, path))]));
  // Each chunk records that it ran: the entry's own record comes after its top-level await, so it is added below.
  for (const path of chunks) {
    appendFileSync(join(packageDir, path), `\n(globalThis.__loaded ??= []).push(${JSON.stringify(basename(path))});\n`);
  }
  const run = JSON.parse(execFileSync(process.execPath, [join(outdir, 'entry.js')], { encoding: 'utf8' })) as {
    file: string;
    loaded: string[];
  };
  const loaded = new Set([...run.loaded, 'entry.js']);
  let min = 0;
  let gzip = 0;
  const inputs = new Set<string>();
  for (const path of chunks) {
    if (!loaded.has(basename(path))) continue;
    const bytes = contents.get(basename(path)) as Buffer;
    min += bytes.length;
    gzip += gzipSync(bytes).length;
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path]?.inputs ?? {})) {
      if (bytesInOutput > 0) inputs.add(input);
    }
  }
  return { min, gzip, inputs: [...inputs], file: new Uint8Array(Buffer.from(run.file, 'base64')) };
}

/** The same write without a bundler (the sources, in this process). */
async function direct(name: CaseName): Promise<Uint8Array> {
  const sink = new MemorySink();
  await imwrite(sink, pixels(), CASES[name] as Parameters<typeof imwrite>[2]);
  return sink.toUint8Array();
}

const has = (m: Measured, pattern: RegExp) => m.inputs.some((input) => pattern.test(input));
/** OME-XML carries a random UUID per file. */
const withoutUuids = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('latin1')
    .replace(/urn:uuid:[0-9a-f-]{36}/g, '');

describe('bundled by esbuild for the browser', () => {
  beforeAll(async () => {
    if (!existsSync(distIndex)) throw new Error(`${distIndex} is missing: build first (pnpm build)`);
    for (const name of Object.keys(CASES) as CaseName[]) measured.set(name, await measure(name));
    const rows = [...measured].map(
      ([name, m]) => `${name}: ${(m.min / 1024).toFixed(1)} KB minified, ${(m.gzip / 1024).toFixed(1)} KB gzip`,
    );
    console.log(`loaded by each write (esbuild, minified, browser, ESM):\n  ${rows.join('\n  ')}`);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('writes the same bytes as the unbundled package, loading its chunks on demand', async () => {
    for (const name of ['plain', 'ome'] as const) {
      const m = measured.get(name) as Measured;
      expect(withoutUuids(m.file) === withoutUuids(await direct(name)), name).toBe(true);
    }
  });

  it('writes a zlib strip that inflates to the pixels (fflate in the bundle, node:zlib unbundled)', async () => {
    const file = (measured.get('zlib') as Measured).file;
    const [ifd] = (await parseTiff(bytesSource(file))).ifds;
    if (!ifd) throw new Error('no IFD');
    expect(entryNumbers(ifd, TagCode.Compression)).toEqual([8]);
    const offsets = entryNumbers(ifd, TagCode.StripOffsets);
    const counts = entryNumbers(ifd, TagCode.StripByteCounts);
    const strips = offsets.map((offset, i) => inflateSync(file.subarray(offset, offset + (counts[i] as number))));
    const values = new Uint16Array(new Uint8Array(Buffer.concat(strips)).buffer);
    expect(values).toEqual(pixels());
  });

  it(`a plain uncompressed write loads at most ${PLAIN_BUDGET / 1024} KB minified`, () => {
    expect((measured.get('plain') as Measured).min).toBeLessThanOrEqual(PLAIN_BUDGET);
  });

  it('a plain write takes the short path: no planning, layout or format, no codec, no XML parser, no pool', () => {
    const plain = measured.get('plain') as Measured;
    expect(has(plain, /plain\/write-plain\.js$/)).toBe(true);
    for (const unwanted of [
      /dist\/(intake|plan\/(?!alignment)|encode|layout|formats)\//,
      /writer-stages\.js$/,
      /fast-xml-parser/,
      /tiff-meta-ome/,
      /fflate/,
      /tiff-meta-imagej/,
      /tiff-codecs\/dist\//,
      /tiff-core\/dist\/ifd-parse\.js$/,
    ]) {
      expect(has(plain, unwanted), String(unwanted)).toBe(false);
    }
  });

  it('a zlib write loads the deflate codec, and a compressed write stays small beside the plain one', () => {
    const zlib = measured.get('zlib') as Measured;
    expect(has(zlib, /fflate/)).toBe(true);
    expect(has(zlib, /tiff-codecs\/dist\/deflate\/deflate\.js$/)).toBe(true);
    expect(has(zlib, /fast-xml-parser|tiff-meta-ome|tiff-codecs\/dist\/(lzw|packbits)\//)).toBe(false);
  });

  it('an OME pyramid loads tiff-meta-ome, its XML parser and the downsampler, and no codec', () => {
    const ome = measured.get('ome') as Measured;
    for (const wanted of [
      /fast-xml-parser/,
      /tiff-meta-ome/,
      /formats\/ome\/ome-format\.js$/,
      /encode\/downsample\.js$/,
    ]) {
      expect(has(ome, wanted), String(wanted)).toBe(true);
    }
    expect(has(ome, /fflate|tiff-meta-imagej\/dist\/(?!python-str)/)).toBe(false);
  });
});
