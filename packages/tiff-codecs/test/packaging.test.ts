/**
 * Browser bundles must never reach node:zlib: the Node backend is only selected through the "node"
 * condition of the `#deflate-backend` import map, and no other module imports a Node built-in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  imports: Record<string, Record<string, string>>;
  exports: Record<string, Record<string, string>>;
  sideEffects: boolean | string[];
};

/** Resolve a conditional target the way Node and bundlers do: the first key whose condition is active. */
function resolveConditions(target: Record<string, string>, conditions: string[]): string | undefined {
  for (const [key, value] of Object.entries(target)) if (key === 'default' || conditions.includes(key)) return value;
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('package layout', () => {
  const backend = pkg.imports['#deflate-backend'] as Record<string, string>;

  it('maps #deflate-backend to node:zlib for Node, fflate for browsers, and the fflate declarations for types', () => {
    expect(resolveConditions(backend, ['node', 'import'])).toBe('./dist/node/deflate-backend.js');
    expect(resolveConditions(backend, ['browser', 'import'])).toBe('./dist/deflate/backend-fflate.js');
    expect(resolveConditions(backend, ['worker', 'import'])).toBe('./dist/deflate/backend-fflate.js');
    // A consumer's compiler sees declarations without Node's types (zlib, worker_threads, Buffer).
    expect(resolveConditions(backend, ['types', 'browser'])).toBe('./dist/deflate/backend-fflate.d.ts');
  });

  it('types every Node-only switch with its platform-neutral declarations', () => {
    const types = (name: string) => resolveConditions(pkg.imports[name] as Record<string, string>, ['types', 'node']);
    expect(types('#worker-host')).toBe('./dist/pool/host-browser.d.ts');
    expect(types('#zstd-native')).toBe('./dist/zstd/no-native.d.ts');
    expect(types('#wasm-binary')).toBe('./dist/wasm/binary-browser.d.ts');
    expect(types('#openjpeg')).toBe('./dist/jpeg2000/openjpeg-browser.d.ts');
  });

  it("maps #openjpeg to the package's CommonJS loader for Node, to the loader bundled at build time elsewhere", () => {
    const openjpeg = pkg.imports['#openjpeg'] as Record<string, string>;
    expect(resolveConditions(openjpeg, ['node', 'import'])).toBe('./dist/node/openjpeg.js');
    expect(resolveConditions(openjpeg, ['browser', 'import'])).toBe('./dist/jpeg2000/openjpeg-browser.js');
  });

  it("builds the browser's JPEG 2000 loader with Node's WebAssembly, its licence beside it, and no require", () => {
    const dist = join(root, 'dist', 'jpeg2000');
    const wasm = require.resolve('@cornerstonejs/codec-openjpeg/wasm');
    expect(Buffer.compare(readFileSync(join(dist, 'openjpegwasm.wasm')), readFileSync(wasm))).toBe(0);
    const loader = readFileSync(join(dist, 'openjpegwasm.js'), 'utf8');
    expect(loader).not.toMatch(/require\(["'](fs|path)["']\)|__dirname|__filename/);
    expect(loader).toMatch(/^export default /m);
    expect(readFileSync(join(dist, 'openjpegwasm.LICENSE.txt'), 'utf8')).toMatch(/OpenJPEG[\s\S]*BSD/);
    expect(readFileSync(join(dist, 'openjpeg-browser.js'), 'utf8')).toContain(
      "new URL('./openjpegwasm.wasm', import.meta.url)",
    );
  });

  it('maps #zstd-native and #wasm-binary to Node files for Node only', () => {
    const zstd = pkg.imports['#zstd-native'] as Record<string, string>;
    const wasm = pkg.imports['#wasm-binary'] as Record<string, string>;
    expect(resolveConditions(zstd, ['node', 'import'])).toBe('./dist/node/zstd-native.js');
    expect(resolveConditions(zstd, ['browser', 'import'])).toBe('./dist/zstd/no-native.js');
    expect(resolveConditions(wasm, ['node', 'import'])).toBe('./dist/node/wasm-binary.js');
    expect(resolveConditions(wasm, ['browser', 'import'])).toBe('./dist/wasm/binary-browser.js');
  });

  it('gives both sides of each switch the same exports', async () => {
    const pairs = [
      [import('../src/zstd/no-native.js'), import('../src/node/zstd-native.js')],
      [import('../src/wasm/binary-browser.js'), import('../src/node/wasm-binary.js')],
      [import('../src/jpeg2000/openjpeg-browser.js'), import('../src/node/openjpeg.js')],
      // The browser sides' declarations type both switches for every consumer: same exports.
      [import('../src/pool/host-browser.js'), import('../src/node/worker-host.js')],
      [import('../src/deflate/backend-fflate.js'), import('../src/node/deflate-backend.js')],
    ] as const;
    for (const [browser, node] of pairs)
      expect(Object.keys(await browser).sort()).toEqual(Object.keys(await node).sort());
  });

  it('keeps Node built-ins inside src/node/', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter((file) => !file.includes(`${join('src', 'node')}/`))
      .filter((file) =>
        /from ['"]node:|require\(['"]node:|from ['"](zlib|fs|path|worker_threads)['"]/.test(readFileSync(file, 'utf8')),
      );
    expect(offenders).toEqual([]);
  });

  it('gives both backends the same exports', async () => {
    const fflate = await import('../src/deflate/backend-fflate.js');
    const node = await import('../src/node/deflate-backend.js');
    expect(Object.keys(fflate).sort()).toEqual(Object.keys(node).sort());
  });

  it('is free of side effects on import, but for the worker entry points (kept when a bundle imports them)', () => {
    expect(pkg.sideEffects).toEqual(['./dist/pool/worker-browser.js', './dist/node/worker.js']);
  });

  it('exports the worker entry point for bundlers: the Web Worker for browsers, worker_threads for Node', () => {
    const worker = pkg.exports['./worker'] as Record<string, string>;
    expect(resolveConditions(worker, ['browser', 'import'])).toBe('./dist/pool/worker-browser.js');
    expect(resolveConditions(worker, ['node', 'import'])).toBe('./dist/node/worker.js');
    expect(resolveConditions(worker, ['types', 'node'])).toBe('./dist/pool/worker-browser.d.ts');
  });
});
