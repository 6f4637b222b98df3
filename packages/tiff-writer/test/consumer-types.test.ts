/**
 * The built declarations type-check in a consumer's compiler with `skipLibCheck: false`, without Node's
 * types and without `esnext.disposable` in `lib`: a browser project (bundler resolution, DOM) and a
 * Node project (NodeNext, ES2022 only). The consumer imports the package by name from inside it (a
 * package may import itself through its `exports`), so the built `dist/` is what is checked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dir = mkdtempSync(join(fileURLToPath(new URL('.', import.meta.url)), '.consumer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONSUMER = `import { imwrite, MemorySink, TiffWriter } from '@tiffkit/tiff-writer';
const sink = new MemorySink();
await imwrite(sink, { data: new Uint8Array(16), shape: [4, 4] }, { compression: 'zstd', compressionArgs: { level: 5 } });
const writer = await TiffWriter.open(new MemorySink(), { bigtiff: true });
await writer.write(new Uint16Array(4), { shape: [2, 2] });
// The built declarations keep the literal unions: typos fail to compile in a consumer too.
// @ts-expect-error a misspelt compression
await writer.write(new Uint16Array(4), { shape: [2, 2], compression: 'zlibb' });
// @ts-expect-error a compressionArgs key zlib does not read
await writer.write(new Uint16Array(4), { shape: [2, 2], compression: 'zlib', compressionArgs: { levle: 9 } });
await writer[Symbol.asyncDispose]();
export const bytes: Uint8Array = sink.toUint8Array();
`;

/** tiff-codecs on its own: its Node-only modules (zlib, worker_threads, wasm from disk) stay out of the types. */
const CODECS_CONSUMER = `import { hardwareConcurrency, loadCodec } from '@tiffkit/tiff-codecs';
export const cores: number = hardwareConcurrency();
export const zstd = await loadCodec(50000);
`;

it.each([
  [
    'a browser project (bundler, DOM, no Node types)',
    { module: 'ESNext', moduleResolution: 'bundler', lib: ['dom', 'es2022'] },
  ],
  [
    'a Node project without @types/node (NodeNext, ES2022)',
    { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['es2022'] },
  ],
])('declarations type-check in %s', (name, options) => {
  const project = join(dir, name.replace(/\W+/g, '-'));
  const source = `${project}.ts`;
  const codecs = `${project}-codecs.ts`;
  writeFileSync(source, CONSUMER);
  writeFileSync(codecs, CODECS_CONSUMER);
  const config = {
    compilerOptions: { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [], ...options },
    files: [source, codecs],
  };
  writeFileSync(`${project}.json`, JSON.stringify(config));
  const run = spawnSync(process.execPath, [tsc, '-p', `${project}.json`], { encoding: 'utf8' });
  expect(run.stdout + run.stderr).toBe('');
  expect(run.status).toBe(0);
});
