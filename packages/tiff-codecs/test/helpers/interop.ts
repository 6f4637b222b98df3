/**
 * Independent readers: libtiff (tiffcp) and tifffile (Debian's python3). A test that needs a missing
 * reader fails when REQUIRE_INTEROP=1 and is skipped with a notice otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REQUIRED = process.env['REQUIRE_INTEROP'] === '1';

function findPython(): string | undefined {
  // Debian's python3 has tifffile and numpy; a pyenv `python3` on PATH usually has neither.
  const candidates = [process.env['TIFFKIT_PYTHON'], '/usr/bin/python3'].filter(Boolean) as string[];
  for (const python of candidates) {
    if (spawnSync(python, ['-c', 'import tifffile, numpy'], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}

const python = findPython();
const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
const hasPythonModule = (module: string) =>
  spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;

/** Each independent reader: whether it is here, and what to install when it is not. */
const READERS = {
  libtiff: { ok: () => hasCommand('tiffcp'), what: "tiffcp (Debian's libtiff-tools)" },
  tifffile: { ok: () => python !== undefined, what: "tifffile (Debian's python3-tifffile)" },
  zstd: { ok: () => hasCommand('zstd'), what: "the zstd command (Debian's zstd)" },
  xz: { ok: () => hasCommand('xz'), what: "the xz command (Debian's xz-utils)" },
  pythonLzma: { ok: () => hasPythonModule('lzma'), what: "Python's lzma module (/usr/bin/python3)" },
  pillow: { ok: () => hasPythonModule('PIL.Image'), what: "Pillow (Debian's python3-pil)" },
  gdal: { ok: () => hasCommand('gdal_translate'), what: "GDAL (Debian's gdal-bin)" },
  openjpeg: { ok: () => hasCommand('opj_decompress'), what: "opj_decompress (Debian's libopenjp2-tools)" },
  jxl: { ok: () => hasCommand('djxl'), what: "djxl (Debian's libjxl-tools)" },
} as const;

/** An independent reader the interop tests use. */
export type Reader = keyof typeof READERS;

const noticed = new Set<string>();

/** Whether `reader` can run; throws under REQUIRE_INTEROP=1 when it cannot, else warns once. */
export function available(reader: Reader): boolean {
  const { ok, what } = READERS[reader];
  if (ok()) return true;
  if (REQUIRED) throw new Error(`${what} is required (REQUIRE_INTEROP=1) but not installed`);
  if (!noticed.has(reader)) {
    noticed.add(reader);
    console.warn(`NOTICE: ${what} is not installed: interop tests that need it are skipped`);
  }
  return false;
}

export interface TempDir {
  readonly path: (name: string) => string;
  readonly cleanup: () => void;
}

/** A fresh temporary directory (kept when TIFFKIT_KEEP_TMP=1). */
export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'tiffkit-codecs-'));
  return {
    path: (name) => join(dir, name),
    cleanup: () => {
      if (process.env['TIFFKIT_KEEP_TMP'] !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Decompress `file` with `tiffcp -c none` (plus `options`, e.g. `-s` for strips); diagnostics come back in `stderr`. */
export function tiffcpUncompressed(
  file: Uint8Array,
  dir: TempDir,
  name: string,
  options: readonly string[] = [],
): { status: number | null; stderr: string; output: Uint8Array | undefined } {
  const input = dir.path(`${name}.tif`);
  const output = dir.path(`${name}.none.tif`);
  writeFileSync(input, file);
  const result = spawnSync('tiffcp', ['-c', 'none', ...options, input, output], { encoding: 'utf8' });
  let bytes: Uint8Array | undefined;
  try {
    bytes = new Uint8Array(readFileSync(output));
  } catch {
    bytes = undefined;
  }
  return { status: result.status, stderr: result.stderr, output: bytes };
}

/** Compress `file` with libtiff (`tiffcp -c scheme`), for size comparisons. */
export function tiffcpCompress(file: Uint8Array, dir: TempDir, name: string, scheme: string): Uint8Array {
  const input = dir.path(`${name}.tif`);
  const output = dir.path(`${name}.${scheme}.tif`);
  writeFileSync(input, file);
  execFileSync('tiffcp', ['-c', scheme, input, output]);
  return new Uint8Array(readFileSync(output));
}

export interface TifffilePage {
  readonly path: string;
  readonly page: number;
  readonly shape?: number[];
  readonly dtype?: string;
  /** Hex of the values as C-order little-endian bytes (bool as one byte per value). */
  readonly hex?: string;
  readonly error?: string;
}

const SCRIPT = fileURLToPath(new URL('./read_tifffile.py', import.meta.url));

/** Decode every page of `paths` with tifffile in one Python process. */
export function readWithTifffile(paths: string[]): TifffilePage[] {
  if (!python) throw new Error('tifffile is not available');
  const out = execFileSync(python, [SCRIPT, ...paths], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return JSON.parse(out) as TifffilePage[];
}
