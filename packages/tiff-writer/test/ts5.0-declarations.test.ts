/**
 * The build step that writes dist/ts5.0/: declarations for TypeScript 5.0–5.6, picked by the package's
 * `types@<5.7` export conditions (e2e/test/packages.test.ts type-checks consumers of the packed package with
 * TypeScript 5.0 against them). Here: the rewrite itself, on small inputs, and its refusals.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/ts5.0-declarations.mjs', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'tiffkit-ts50-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Run the script over `files` (path → text) in a fresh dist; returns the exit status, stderr and the output. */
function run(files: Record<string, string>) {
  const dist = mkdtempSync(join(work, 'dist-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), text);
  }
  const result = spawnSync(process.execPath, [script, dist], { encoding: 'utf8' });
  const out = join(dist, 'ts5.0');
  const read = (path: string) => readFileSync(join(out, path), 'utf8');
  return { status: result.status, stderr: result.stderr, out, read };
}

const WRITER = `/// <reference lib="esnext.disposable" preserve="true" />
import type { Sink } from '@tiffkit/tiff-core/sink.js';
export declare class TiffWriter implements AsyncDisposable {
    readonly filehandle: Sink;
    close(): Promise<void>;
    [Symbol.asyncDispose](): Promise<void>;
}
//# sourceMappingURL=writer.d.ts.map`;

describe('the TypeScript 5.0 declarations', () => {
  it('drop the disposable lib and interface, keep the member and declare its symbol', () => {
    const { status, stderr, read } = run({ 'writer.d.ts': WRITER });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(read('writer.d.ts')).toBe(`import type { Sink } from '@tiffkit/tiff-core/sink.js';
export declare class TiffWriter {
    readonly filehandle: Sink;
    close(): Promise<void>;
    [Symbol.asyncDispose](): Promise<void>;
}
declare global {
    interface SymbolConstructor {
        /** The method \`await using\` calls (declared here for TypeScript < 5.2, whose libs lack it). */
        readonly asyncDispose: unique symbol;
    }
}
`);
  });

  it('make typed arrays non-generic, in every file of the tree, and copy the rest as it is', () => {
    const options = `export interface Stream {
    write(data: { data: Uint8Array<ArrayBuffer> } | Float64Array<ArrayBufferLike>[]): Promise<void>;
    read(): ReadonlyArray<number> | Array<Uint16Array>;
}
`;
    const { status, out, read } = run({ 'options.d.ts': options, 'index.d.ts': 'export * from "./options.js";\n' });
    expect(status).toBe(0);
    expect(read('options.d.ts')).toBe(`export interface Stream {
    write(data: { data: Uint8Array } | Float64Array[]): Promise<void>;
    read(): ReadonlyArray<number> | Array<Uint16Array>;
}
`);
    expect(read('index.d.ts')).toBe('export * from "./options.js";\n');
    expect(readdirSync(out).sort()).toEqual(['index.d.ts', 'options.d.ts']);
  });

  it.each([
    ['a nested generic typed array', 'export type A = Uint8Array<Generic<ArrayBuffer>>;\n', 'generic typed array'],
    ['a disposable type', 'export declare function f(): Disposable;\n', 'disposable type'],
    ['Symbol.dispose', 'export declare class C { [Symbol.dispose](): void; }\n', 'Symbol.dispose'],
    ['NoInfer', 'export declare function f<T>(a: T, b: NoInfer<T>): void;\n', 'NoInfer'],
  ])('refuse what they cannot rewrite: %s', (_name, text, what) => {
    const { status, stderr } = run({ 'a.d.ts': text });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(new RegExp(`a\\.d\\.ts:1: .*${what}.* is left in the TypeScript 5\\.0 declarations`));
  });

  it('are what the package exports to TypeScript < 5.7, beside the main declarations', () => {
    expect(pkg.exports['.']).toEqual({
      'types@<5.7': './dist/ts5.0/index.d.ts',
      types: './dist/index.d.ts',
      default: './dist/index.js',
    });
    expect(pkg.exports['./worker']['types@<5.7']).toBe('./dist/ts5.0/platform/worker.d.ts');
    // The condition must come first: TypeScript takes the first condition that matches.
    for (const entry of Object.values(pkg.exports) as Record<string, string>[]) {
      expect(Object.keys(entry)[0]).toBe('types@<5.7');
    }
  });

  it.runIf(existsSync(fileURLToPath(new URL('../dist/ts5.0', import.meta.url))))(
    'mirror every declaration of the build (when dist/ is built)',
    () => {
      const dist = fileURLToPath(new URL('../dist', import.meta.url));
      const list = (dir: string, skip?: string): string[] =>
        readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.d.ts') && (skip === undefined || !file.startsWith(skip)))
          .sort();
      expect(list(join(dist, 'ts5.0'))).toEqual(list(dist, 'ts5.0'));
      const writer = readFileSync(join(dist, 'ts5.0/writer.d.ts'), 'utf8');
      expect(writer).toContain('[Symbol.asyncDispose](): Promise<void>;');
      expect(writer).not.toContain('AsyncDisposable');
      expect(readFileSync(join(dist, 'ts5.0/options.d.ts'), 'utf8')).not.toMatch(/Uint8Array</);
    },
  );
});
