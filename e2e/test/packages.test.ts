/**
 * What a user installs: every publishable package is packed with `pnpm release` (pnpm pack, which turns
 * `workspace:` ranges into versions), checked with arethetypeswrong, and installed from the tarballs into
 * fresh projects outside the workspace, once with npm and once with pnpm (third-party dependencies come from
 * the registry or the local cache). In each, a small ESM program writes TIFFs (tifffile and libtiff read them),
 * and tsc type-checks consumer code against the installed declarations with `skipLibCheck: false`:
 *
 * - npm project, no @types/node: NodeNext (lib es2022) and bundler (lib dom + es2022);
 * - pnpm project, with @types/node: NodeNext, including `@tiffkit/tiff-core/node`;
 *
 * each with the TypeScript of the workspace, with 5.7 and with 5.0, the oldest one the READMEs promise.
 * @tiffkit/tiff-writer's declarations come in two forms: `dist/` for 5.7 and later (`Uint8Array<ArrayBuffer>`,
 * generic from 5.7; `esnext.disposable`, from 5.2), and `dist/ts5.0/` for older compilers, selected by its
 * `types@<5.7` export conditions; the test checks that each compiler reads its own.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readerAvailable,
  readWithTifffile,
  type TifffileReport,
  tiffinfo,
} from '../../packages/tiff-writer/test/helpers/interop.js';
import { REPO_ROOT } from './helpers/readme.js';

const require = createRequire(import.meta.url);
const execFileAsync = promisify(execFile);
/** tsc of the workspace's TypeScript and of the oldest supported versions (exact-version devDependencies). */
const TSC = {
  current: require.resolve('typescript/bin/tsc'),
  '5.7': require.resolve('typescript-5.7/bin/tsc'),
  '5.0': require.resolve('typescript-5.0/bin/tsc'),
};
const attw = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist/index.js');
const PACKAGES = ['tiff-core', 'tiff-codecs', 'tiff-meta-imagej', 'tiff-meta-ome', 'tiff-writer'];
const NODE_TYPES = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).devDependencies['@types/node'];

const work = mkdtempSync(join(tmpdir(), 'tiffkit-packages-'));
const tarballDir = join(work, 'tarballs');
afterAll(() => {
  if (process.env['TIFFKIT_KEEP_TMP'] !== '1') rmSync(work, { recursive: true, force: true });
});

function sh(command: string, args: string[], cwd: string): string {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited with ${run.status}:\n${run.stdout}\n${run.stderr}`,
    );
  }
  return run.stdout;
}

/** The tarball of a package (`tiffkit-tiff-core-<version>.tgz`). */
function tarball(name: string): string {
  const file = readdirSync(tarballDir).find((f) => f.startsWith(`tiffkit-${name}-`) && f.endsWith('.tgz'));
  if (file === undefined) throw new Error(`no tarball for ${name} in ${tarballDir}`);
  return join(tarballDir, file);
}

const dependencies = () => Object.fromEntries(PACKAGES.map((name) => [`@tiffkit/${name}`, `file:${tarball(name)}`]));

/** The program a user might write first: files tifffile and libtiff read, lazy codecs, the worker pool. */
const WRITE = `import { imwrite, TiffWriter } from '@tiffkit/tiff-writer';
const data = Uint16Array.from({ length: 3 * 64 * 96 }, (_, i) => i % 65521);
await imwrite('shaped.tif', { data, shape: [3, 64, 96] }, { metadata: { axes: 'ZYX' }, compression: 'zlib', predictor: true });
await imwrite('cells.ome.tif', { data, shape: [3, 64, 96] }, {
  metadata: { axes: 'CYX', Channel: { Name: ['a', 'b', 'c'] } },
  tile: [32, 32],
  compression: 'zlib',
  pyramid: { levels: 1 },
});
await imwrite('stack-ij.tif', { data, shape: [3, 64, 96] }, { imagej: true, metadata: { axes: 'ZYX', spacing: 2 } });
// Zstandard and LZMA are loaded on demand (WebAssembly from the installed package), here on two workers.
const big = Uint16Array.from({ length: 2 * 1024 * 1024 }, (_, i) => i % 1000);
const tw = await TiffWriter.open('lazy.tif');
try {
  await tw.write(big, { shape: [2, 1024, 1024], compression: 'zstd', maxWorkers: 2 });
  await tw.write(data, { shape: [3, 64, 96], compression: 'lzma' });
} finally {
  await tw.close();
}
`;

const CONSUMERS: Record<string, string> = {
  'writer.ts': `import { imwrite, MemorySink, TiffWriter } from '@tiffkit/tiff-writer';
const sink = new MemorySink();
await imwrite(sink, { data: new Uint8Array(16), shape: [4, 4] }, { compression: 'zstd', compressionArgs: { level: 5 } });
const writer = await TiffWriter.open(new MemorySink(), { bigtiff: true });
await writer.write(new Uint16Array(4), { shape: [2, 2] });
// The published declarations keep the literal unions: typos fail to compile in a consumer too.
// @ts-expect-error a misspelt compression
await writer.write(new Uint16Array(4), { shape: [2, 2], compression: 'zlibb' });
// @ts-expect-error a compressionArgs key zlib does not read
await writer.write(new Uint16Array(4), { shape: [2, 2], compression: 'zlib', compressionArgs: { levle: 9 } });
await writer[Symbol.asyncDispose]();
export const bytes: Uint8Array = sink.toUint8Array();
`,
  // tiff-codecs on its own: its Node-only modules (zlib, worker_threads, wasm from disk) stay out of the types.
  'codecs.ts': `import { hardwareConcurrency, loadCodec } from '@tiffkit/tiff-codecs';
export const cores: number = hardwareConcurrency();
export const zstd = await loadCodec(50000);
`,
  'others.ts': `import { bytesSource, parseTiff, TagCode } from '@tiffkit/tiff-core';
import { imagejShape } from '@tiffkit/tiff-meta-imagej';
import { OmeXml, planOmeImage } from '@tiffkit/tiff-meta-ome';
export const parsed = await parseTiff(bytesSource(new Uint8Array(8)));
export const ij = imagejShape([2, 3, 4], { axes: 'ZYX', dtype: 'uint8' });
export const code: number = TagCode.ImageDescription;
export const plan: typeof planOmeImage = planOmeImage;
export type Document = OmeXml;
`,
  // The Node subpath needs Node's types (node:fs): only in the project that has them.
  'node.ts': `import { FileSink } from '@tiffkit/tiff-core/node';
export const open: typeof FileSink = FileSink;
`,
};

/** Type-check `files` of `project` with `tsc` and compiler options; returns tsc's output ('' when clean). */
function typecheck(
  project: string,
  name: string,
  tsc: string,
  files: string[],
  options: Record<string, unknown>,
  args: string[] = [],
) {
  const config = {
    compilerOptions: { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, ...options },
    files: files.map((file) => `src/${file}`),
  };
  writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
  const run = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`, ...args], {
    cwd: project,
    encoding: 'utf8',
  });
  return `${run.stdout}${run.stderr}`;
}

/** A fresh consumer project outside the workspace, with the tarballs (and maybe more) as dependencies. */
function makeProject(name: string, extra: Record<string, unknown>): string {
  const project = join(work, name);
  mkdirSync(join(project, 'src'), { recursive: true });
  for (const [file, code] of Object.entries(CONSUMERS)) writeFileSync(join(project, 'src', file), code);
  writeFileSync(join(project, 'write.mjs'), WRITE);
  const pkg = { name: `consumer-${name}`, private: true, type: 'module', ...extra };
  writeFileSync(join(project, 'package.json'), JSON.stringify(pkg, null, 2));
  return project;
}

/** The pnpm of this test run (`pnpm test`), else the pinned one through npx. */
function pnpm(): [string, string[]] {
  const execpath = process.env['npm_execpath'];
  if (execpath && /pnpm/.test(execpath)) return [process.execPath, [execpath]];
  const pinned = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).packageManager as string;
  return ['npx', ['-y', pinned]];
}

beforeAll(() => {
  // The release script's pack mode, as `pnpm release` runs it (the build is turbo's, before this test).
  sh(process.execPath, [join(REPO_ROOT, 'scripts/release.mjs'), '--no-build', '--out', tarballDir], REPO_ROOT);
});

describe('the tarballs', () => {
  it('hold one package each, with versions instead of workspace: ranges, and every file their package.json names', () => {
    const names = readdirSync(tarballDir).map((file) => file.replace(/^tiffkit-(.*)-\d+\.\d+\.\d+.*\.tgz$/, '$1'));
    expect(names.sort()).toEqual([...PACKAGES].sort());
    for (const name of PACKAGES) {
      const files = sh('tar', ['tzf', tarball(name)], work)
        .trim()
        .split('\n');
      const manifest = sh('tar', ['xzOf', tarball(name), 'package/package.json'], work);
      expect(manifest, name).not.toContain('workspace:');
      const pkg = JSON.parse(manifest);
      // Every target of exports and imports (and main/types) is in the tarball.
      const targets = new Set<string>([pkg.main, pkg.types]);
      const collect = (value: unknown): void => {
        if (typeof value === 'string') targets.add(value);
        else if (value && typeof value === 'object') Object.values(value).forEach(collect);
      };
      collect(pkg.exports);
      collect(pkg.imports);
      for (const target of targets) {
        const path = `package/${target.replace(/^\.\//, '')}`;
        if (path.includes('*')) {
          // A subpath pattern (`./*.js` → `./dist/*.js`): at least one file matches it.
          const [before, after] = path.split('*') as [string, string];
          expect(
            files.some((f) => f.startsWith(before) && f.endsWith(after)),
            `${name}: ${target}`,
          ).toBe(true);
        } else {
          expect(files, `${name}: ${target}`).toContain(path);
        }
      }
      expect(files, name).toContain('package/README.md');
    }
  });

  it('arethetypeswrong finds no problem for ESM consumers (node16 from ESM, bundler) in any of them', async () => {
    // The packages are ESM only (type: module, no require condition): attw's esm-only profile ignores the
    // node10 and node16-from-CJS resolutions, where ESM-only is the expected answer (Node >= 20.19 can also
    // require() them). Internal resolution errors under node10 (the `#…` imports map, which node10 cannot
    // read) are filtered here for the same reason.
    const ignored = new Set(['node10', 'node16-cjs']);
    const reports = await Promise.all(
      PACKAGES.map(async (name) => {
        const { stdout } = await execFileAsync(
          process.execPath,
          [attw, '--profile', 'esm-only', '--format', 'json', tarball(name)],
          { maxBuffer: 64 * 1024 * 1024 },
        ).catch((error: { stdout: string }) => error); // attw exits with 1 when it reports any problem
        const report = JSON.parse(stdout) as { analysis: { problems: Record<string, string>[] } };
        const problems = report.analysis.problems.filter(
          (p) => !ignored.has(p['resolutionKind'] ?? p['resolutionOption'] ?? ''),
        );
        return [name, problems] as const;
      }),
    );
    expect(Object.fromEntries(reports)).toEqual(Object.fromEntries(PACKAGES.map((name) => [name, []])));
  });
});

/** Run write.mjs in a project and check its files with tifffile and libtiff. */
function checkWrite(project: string) {
  const run = spawnSync(process.execPath, ['write.mjs'], { cwd: project, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  for (const file of ['shaped.tif', 'cells.ome.tif', 'stack-ij.tif', 'lazy.tif']) {
    expect(existsSync(join(project, file)), file).toBe(true);
  }
  if (readerAvailable('tifffile')) {
    const [shaped, ome, ij] = readWithTifffile(
      ['shaped.tif', 'cells.ome.tif', 'stack-ij.tif'].map((f) => join(project, f)),
    ) as TifffileReport[];
    const summary = (r: TifffileReport) => ({
      error: r.error,
      shaped: r.is_shaped,
      ome: r.is_ome,
      imagej: r.is_imagej,
      series: r.series.map((s) => ({
        shape: s.shape,
        axes: s.axes,
        first: s.first,
        levels: s.levels.map((l) => l.shape),
      })),
    });
    const first = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(summary(shaped as TifffileReport)).toEqual({
      error: undefined,
      shaped: true,
      ome: false,
      imagej: false,
      series: [{ shape: [3, 64, 96], axes: 'ZYX', first, levels: [] }],
    });
    expect(summary(ome as TifffileReport)).toMatchObject({
      ome: true,
      series: [{ shape: [3, 64, 96], axes: 'CYX', first, levels: [[3, 32, 48]] }],
    });
    expect(summary(ij as TifffileReport)).toMatchObject({
      imagej: true,
      series: [{ shape: [3, 64, 96], axes: 'ZYX', first }],
    });
  }
  // tifffile here has no Zstandard decoder: libtiff decodes every Zstandard and LZMA segment.
  if (readerAvailable('tiffinfo')) {
    const info = tiffinfo(join(project, 'lazy.tif'));
    expect(info.stderr).toBe('');
    expect(info.status).toBe(0);
    expect(info.stdout).toContain('Compression Scheme: ZSTD');
    expect(info.stdout).toContain('Compression Scheme: LZMA');
  }
}

describe('installed with npm, no @types/node', () => {
  let project = '';
  beforeAll(() => {
    project = makeProject('npm', { dependencies: dependencies() });
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], project);
  });

  it('writes TIFFs that tifffile and libtiff read', () => checkWrite(project));

  const browser = { module: 'ESNext', moduleResolution: 'bundler', lib: ['dom', 'es2022'], types: [] };
  const node = { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['es2022'], types: [] };
  it.each([
    ['NodeNext, lib es2022', 'current', node],
    ['bundler, lib dom + es2022', 'current', browser],
    ['NodeNext, lib es2022', '5.7', node],
    ['bundler, lib dom + es2022', '5.7', browser],
    ['NodeNext, lib es2022', '5.0', node],
    ['bundler, lib dom + es2022', '5.0', browser],
  ] as const)('type-checks: %s, TypeScript %s', (_name, version, options) => {
    const files = ['writer.ts', 'codecs.ts', 'others.ts'];
    expect(typecheck(project, `${options.moduleResolution}-${version}`, TSC[version], files, options)).toBe('');
  });

  it.each([
    ['current', 'dist/index.d.ts'],
    ['5.7', 'dist/index.d.ts'],
    ['5.0', 'dist/ts5.0/index.d.ts'],
  ] as const)("TypeScript %s reads the writer's %s", (version, expected) => {
    // The `types@<5.7` condition picks the declarations: the right ones, and only those.
    for (const options of [node, browser]) {
      const name = `files-${options.moduleResolution}-${version}`;
      const listed = typecheck(project, name, TSC[version], ['writer.ts'], options, ['--listFilesOnly']);
      const writer = listed
        .split('\n')
        .map((line) => line.replaceAll('\\', '/'))
        .filter((line) => line.includes('/@tiffkit/tiff-writer/'))
        .map((line) => line.replace(/^.*\/@tiffkit\/tiff-writer\//, ''));
      expect(writer, name).toContain(expected);
      expect(
        writer.some((file) => file.startsWith('dist/ts5.0/')),
        name,
      ).toBe(version === '5.0');
    }
  });
});

describe('installed with pnpm, with @types/node', () => {
  let project = '';
  beforeAll(() => {
    // pnpm resolves the packages' dependencies on each other (^0.0.0) through overrides to the tarballs.
    const deps = dependencies();
    project = makeProject('pnpm', {
      dependencies: { ...deps, '@types/node': NODE_TYPES },
      pnpm: { overrides: deps },
    });
    const [command, args] = pnpm();
    execFileSync(command, [...args, 'install', '--prefer-offline', '--reporter=silent'], {
      cwd: project,
      stdio: 'pipe',
    });
  });

  it('writes TIFFs that tifffile and libtiff read', () => checkWrite(project));

  it.each(['current', '5.7', '5.0'] as const)('type-checks: NodeNext with Node types, TypeScript %s', (version) => {
    const options = { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['es2022'], types: ['node'] };
    const files = ['writer.ts', 'codecs.ts', 'others.ts', 'node.ts'];
    expect(typecheck(project, `node-types-${version}`, TSC[version], files, options)).toBe('');
  });
});
