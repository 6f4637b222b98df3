/**
 * Docs that run: every code block of every README is executed as written, on the Node that runs the tests
 * (20.19+), against the built packages, and every TIFF it writes is read back with tifffile.
 *
 * - `ts` blocks are type-checked together (tsc, strict, the published declarations), then each is transpiled
 *   alone with TypeScript's `transpileModule` (Node 20 cannot strip types) into a folder inside this package,
 *   so that `@tiffkit/*` resolve to the workspace packages' `dist/`, and run with `node` in a fresh scratch
 *   directory: a block is a whole program, and nothing is shared between blocks.
 * - `sh` blocks of one README run in order in one bash session (`set -euo pipefail`, aliases expanded) in a
 *   scratch directory; a block flagged `root` runs in the repository root (it only defines the alias).
 * - A block flagged `no-run` is skipped; NOT_RUN lists exactly which ones, and why.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  python,
  readerAvailable,
  readWithTifffile,
  type TifffileReport,
} from '../../packages/tiff-writer/test/helpers/interop.js';
import { type CodeBlock, codeBlocks, READMES, REPO_ROOT } from './helpers/readme.js';

const require = createRequire(import.meta.url);
const ts = require('typescript') as typeof import('typescript');
const tsc = require.resolve('typescript/bin/tsc');

/** The blocks that are not run, each with the reason; the test fails if the READMEs flag any other. */
const NOT_RUN: Record<string, string> = {
  'README.md#1':
    'the Quick start installs the workspace and runs the whole test suite, this test included (CI runs exactly these commands)',
  'README.md#4':
    "the esbuild half of the bundler recipe (a build script for an app's src/): the recipe is bundled and run in Chromium by packages/tiff-writer/test/browser-bundlers.test.ts",
};

/** What tifffile must read in each file a block (or a README's sh session) writes: every file is listed. */
interface Expected {
  kind: 'shaped' | 'ome' | 'imagej' | 'generic';
  /** Shape, axes and dtype of each series, in order, and the shapes of its pyramid levels (beyond the first). */
  series: { shape: number[]; axes?: string; dtype: string; levels?: number[][] }[];
  bigtiff?: boolean;
  byteorder?: '<' | '>';
}

/** The CLI README's two-channel input, 2 × 1024 × 1536 uint16. */
const CELLS = { shape: [2, 1024, 1536], axes: 'CYX', dtype: 'uint16' };

const EXPECTED: Record<string, Record<string, Expected>> = {
  'README.md#2': {
    'stack.tif': { kind: 'shaped', series: [{ shape: [2, 5, 3, 512, 512], axes: 'TZCYX', dtype: 'uint16' }] },
    'run.tif': {
      kind: 'shaped',
      bigtiff: true,
      byteorder: '>',
      series: [
        { shape: [4, 1024, 1024], dtype: 'uint16' },
        { shape: [480, 640, 3], axes: 'YXS', dtype: 'uint8' },
      ],
    },
  },
  'README.md#3': {
    'cells.ome.tif': {
      kind: 'ome',
      series: [
        {
          shape: [2, 2048, 2048],
          axes: 'CYX',
          dtype: 'uint16',
          levels: [
            [2, 1024, 1024],
            [2, 512, 512],
            [2, 256, 256],
            [2, 128, 128],
          ],
        },
      ],
    },
    'embryo.tif': { kind: 'imagej', series: [{ shape: [10, 5, 2, 256, 256], axes: 'TZCYX', dtype: 'uint16' }] },
  },
  'packages/tiff-core/README.md#1': {
    'hello.tif': { kind: 'generic', bigtiff: true, byteorder: '>', series: [{ shape: [4, 4], dtype: 'uint8' }] },
  },
  'packages/tiff-meta-ome/README.md#2': {
    'cells.ome.tif': { kind: 'ome', series: [{ shape: [2, 1024, 1024], axes: 'CYX', dtype: 'uint16' }] },
  },
  'packages/tiff-writer/README.md#1': {
    'stack.tif': { kind: 'shaped', series: [{ shape: [5, 2, 512, 512], axes: 'ZCYX', dtype: 'uint16' }] },
    'run.tif': { kind: 'shaped', bigtiff: true, series: [{ shape: [8, 1024, 1024], dtype: 'uint16' }] },
  },
  'apps/tiffkit-cli/README.md (sh)': {
    'demo.tif': { kind: 'shaped', series: [{ shape: [3, 5, 2, 256, 256], axes: 'TZCYX', dtype: 'uint16' }] },
    'cells.ome.tif': {
      kind: 'ome',
      series: [
        {
          ...CELLS,
          levels: [
            [2, 512, 768],
            [2, 256, 384],
            [2, 128, 192],
          ],
        },
      ],
    },
    'cells-ij.tif': { kind: 'imagej', byteorder: '>', series: [CELLS] },
    'timelapse.tif': { kind: 'shaped', series: [{ shape: [3, 2, 1024, 1536], axes: 'TQYX', dtype: 'uint16' }] },
    'cells-from-zarr.ome.tif': { kind: 'ome', series: [CELLS] },
    'cells-ij.ome.tif': { kind: 'ome', byteorder: '>', series: [CELLS] },
    'cells-ij-again.tif': { kind: 'imagej', byteorder: '>', series: [CELLS] },
    'cells-retiled.ome.tif': {
      kind: 'ome',
      series: [
        {
          ...CELLS,
          levels: [
            [2, 512, 768],
            [2, 256, 384],
            [2, 128, 192],
          ],
        },
      ],
    },
    'geo.tif': { kind: 'generic', series: [{ shape: [1024, 2048], dtype: 'uint16' }] },
    'geo-zlib.tif': { kind: 'generic', series: [{ shape: [1024, 2048], dtype: 'uint16' }] },
  },
  'README.md (sh)': {
    'stack.ome.tif': {
      kind: 'ome',
      series: [
        {
          shape: [3, 512, 768],
          axes: 'ZYX',
          dtype: 'uint16',
          levels: [
            [3, 256, 384],
            [3, 128, 192],
            [3, 64, 96],
          ],
        },
      ],
    },
    'stack-ij.tif': { kind: 'imagej', series: [{ shape: [3, 512, 768], axes: 'ZYX', dtype: 'uint16' }] },
  },
};

const blocks = READMES.flatMap((readme) => codeBlocks(readme));
const runnable = blocks.filter((block) => !block.flags.includes('no-run'));
const tsBlocks = runnable.filter((block) => block.lang === 'ts');

/** Scratch space inside this package, so that bare `@tiffkit/*` imports resolve through its node_modules. */
const work = mkdtempSync(join(fileURLToPath(new URL('..', import.meta.url)), '.readme-'));
afterAll(() => {
  if (process.env['TIFFKIT_KEEP_TMP'] !== '1') rmSync(work, { recursive: true, force: true });
});

// Listed in the test report as skipped, with the reason.
describe.each(Object.entries(NOT_RUN))('%s (no-run)', (_id, reason) => {
  it.skip(`not run: ${reason}`, () => {});
});

const slug = (block: CodeBlock) => block.id.replace(/[^\w]+/g, '-');

it('flags exactly the blocks listed in NOT_RUN, and every other block is ts or sh', () => {
  const skipped = Object.fromEntries(blocks.filter((b) => b.flags.includes('no-run')).map((b) => [b.id, b.line]));
  expect(Object.keys(skipped).sort()).toEqual(Object.keys(NOT_RUN).sort());
  for (const block of runnable) expect(['ts', 'sh'], `${block.id} (line ${block.line})`).toContain(block.lang);
  for (const id of Object.keys(EXPECTED).filter((id) => !id.endsWith('(sh)'))) {
    expect(runnable.map((b) => b.id)).toContain(id);
  }
});

it('every ts block type-checks against the built declarations (strict)', () => {
  const dir = join(work, 'typecheck');
  mkdirSync(dir);
  const files = tsBlocks.map((block) => {
    const file = join(dir, `${slug(block)}.ts`);
    // `export {}` makes each block a module of its own, as it is when run.
    writeFileSync(file, `${block.code}export {};\n`);
    return file;
  });
  const config = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    files,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  const run = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  expect(run.stdout + run.stderr).toBe('');
  expect(run.status).toBe(0);
});

/** Run a program in a fresh scratch directory; returns the directory and what the program printed. */
function runIn(command: string, args: string[], name: string) {
  const cwd = join(work, 'run', name);
  mkdirSync(cwd, { recursive: true });
  // The README's `node` is this Node, and its `python3` the one with tifffile and numpy that the tests found.
  const path = [dirname(process.execPath), ...(python ? [dirname(python)] : []), process.env['PATH']].join(delimiter);
  const env = { ...process.env, PATH: path };
  const run = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
  return { cwd, run };
}

/** tifffile's view of every .tif file in `dir` against the expectations; also checks no file is unlisted. */
function checkFiles(dir: string, expected: Record<string, Expected> | undefined) {
  const written = readdirSync(dir).filter((name) => /\.tiff?$/.test(name));
  expect(written.sort()).toEqual(Object.keys(expected ?? {}).sort());
  if (written.length === 0 || !readerAvailable('tifffile')) return;
  const reports = readWithTifffile(written.map((name) => join(dir, name)));
  written.forEach((name, i) => {
    const report = reports[i] as TifffileReport;
    const want = (expected as Record<string, Expected>)[name] as Expected;
    expect(report.error, name).toBeUndefined();
    expect({ file: name, kind: kindOf(report), series: seriesOf(report, want) }).toEqual({
      file: name,
      kind: want.kind,
      series: want.series,
    });
    if (want.bigtiff !== undefined) expect(report.is_bigtiff, name).toBe(want.bigtiff);
    if (want.byteorder !== undefined) expect(report.byteorder, name).toBe(want.byteorder);
  });
}

function kindOf(report: TifffileReport): Expected['kind'] {
  if (report.is_ome) return 'ome';
  if (report.is_imagej) return 'imagej';
  if (report.is_shaped) return 'shaped';
  return 'generic';
}

function seriesOf(report: TifffileReport, want: Expected) {
  return report.series.map((s, i) => ({
    shape: s.shape,
    ...(want.series[i]?.axes === undefined ? {} : { axes: s.axes }),
    dtype: s.dtype,
    ...(want.series[i]?.levels === undefined ? {} : { levels: s.levels.map((level) => level.shape) }),
  }));
}

describe.each(tsBlocks.map((block) => [block.id, block] as const))('%s', (_id, block) => {
  it('runs on this Node as written, and tifffile reads what it writes', () => {
    const out = ts.transpileModule(block.code, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      fileName: `${slug(block)}.ts`,
      reportDiagnostics: true,
    });
    expect(out.diagnostics ?? []).toEqual([]);
    const file = join(work, `${slug(block)}.mjs`);
    writeFileSync(file, out.outputText);
    const { cwd, run } = runIn(process.execPath, [file], slug(block));
    expect(run.stderr, `${block.id} (line ${block.line}) stderr`).toBe('');
    expect(run.status, `${block.id} exit code`).toBe(0);
    checkFiles(cwd, EXPECTED[block.id]);
  });
});

/** The sh blocks of one README as one bash script: the `root` ones from the repository root. */
function shellScript(shBlocks: CodeBlock[], scratch: string): string {
  const parts = ['set -euo pipefail', 'shopt -s expand_aliases'];
  for (const block of shBlocks) {
    parts.push(`# ${block.id} (line ${block.line})`);
    parts.push(`cd ${JSON.stringify(block.flags.includes('root') ? REPO_ROOT : scratch)}`);
    parts.push(block.code);
  }
  return `${parts.join('\n')}\n`;
}

const shReadmes = READMES.filter((readme) => runnable.some((b) => b.readme === readme && b.lang === 'sh'));

/**
 * The programs the sh blocks call besides node: Python with numpy (and zarr where a block imports it), and
 * GDAL's gdal_create. Missing ones skip the README's blocks with a notice, or fail under REQUIRE_INTEROP=1.
 */
function shToolsMissing(code: string): boolean {
  if (!readerAvailable('tifffile')) return true;
  if (/\bgdal_create\b/.test(code) && !readerAvailable('gdal')) return true;
  if (/import numpy as np, zarr/.test(code) && spawnSync(python as string, ['-c', 'import zarr']).status !== 0) {
    if (process.env['REQUIRE_INTEROP'] === '1') throw new Error('python3-zarr is required (REQUIRE_INTEROP=1)');
    console.warn('NOTICE: Python zarr is not installed: README blocks that use it are skipped (see DEVELOPERS.md)');
    return true;
  }
  return false;
}

describe.each(shReadmes)('%s, sh blocks', (readme) => {
  it('run in order in one shell, and tifffile reads what they write', (context) => {
    const shBlocks = runnable.filter((b) => b.readme === readme && b.lang === 'sh');
    if (shToolsMissing(shBlocks.map((b) => b.code).join('\n'))) return context.skip();
    const name = `${readme.replace(/[^\w]+/g, '-')}-sh`;
    const scratch = join(work, 'run', name);
    mkdirSync(scratch, { recursive: true });
    const script = join(work, `${name}.sh`);
    writeFileSync(script, shellScript(shBlocks, scratch));
    const { run } = runIn('bash', [script], name);
    // stderr carries the CLI's progress lines; it is shown when the script fails.
    expect(run.status, `${readme} sh exit code; stderr:\n${run.stderr}`).toBe(0);
    checkFiles(scratch, EXPECTED[`${readme} (sh)`]);
  });
});
