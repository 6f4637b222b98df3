/**
 * Independent readers for round-trip tests: tifffile (Python) and libtiff's tools. Tests that need a
 * missing reader fail when REQUIRE_INTEROP=1 (CI) and are skipped with a notice otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REQUIRED = process.env['REQUIRE_INTEROP'] === '1';

function findPython(): string | undefined {
  const candidates = [process.env['TIFFKIT_PYTHON'], '/usr/bin/python3', 'python3'].filter(Boolean) as string[];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import tifffile, numpy'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export const python = findPython();
export const hasTiffinfo = hasCommand('tiffinfo');

/**
 * Whether a reader is usable. When it is not: under REQUIRE_INTEROP=1 this throws (the test fails),
 * otherwise it prints a notice once and returns false so the caller can skip.
 */
type Reader = 'tifffile' | 'tiffinfo' | 'gdal' | 'xmllint';
const noticed = new Set<string>();
export function readerAvailable(reader: Reader): boolean {
  const ok = { tifffile: python !== undefined, tiffinfo: hasTiffinfo, gdal: hasGdal, xmllint: hasXmllint }[reader];
  if (ok) return true;
  if (REQUIRED) {
    throw new Error(`${reader} is required (REQUIRE_INTEROP=1) but not installed; see DEVELOPERS.md`);
  }
  if (!noticed.has(reader)) {
    noticed.add(reader);
    console.warn(`NOTICE: ${reader} is not installed: interop tests that need it are skipped (see DEVELOPERS.md)`);
  }
  return false;
}

/** Skip-or-fail decision for `describe.skipIf` / `it.skipIf`, evaluated at collection time. */
export function missing(reader: Reader): boolean {
  return !readerAvailable(reader);
}

const READ_SCRIPT = fileURLToPath(new URL('./read_tiff.py', import.meta.url));

export interface TifffileSeries {
  shape: number[];
  dtype: string;
  axes: string;
  kind: string;
  pages: number;
  /** SHA-256 of the series' values as C-order little-endian bytes. */
  sha256: string;
  first: (number | string)[];
  levels: { shape: number[]; dtype: string; sha256: string }[];
}

export interface TifffileReport {
  path: string;
  error?: string;
  warnings: string[];
  byteorder: string;
  is_bigtiff: boolean;
  is_shaped: boolean;
  is_imagej: boolean;
  is_ome: boolean;
  pages: number;
  shaped_metadata: Record<string, unknown>[] | null;
  imagej_metadata: Record<string, unknown> | null;
  series: TifffileSeries[];
  descriptions: string[];
  tags: Record<string, unknown>[];
}

/** Read files with tifffile; one Python process for all of them. */
export function readWithTifffile(paths: string[]): TifffileReport[] {
  if (!python) throw new Error('tifffile is not available');
  const out = execFileSync(python, [READ_SCRIPT, ...paths], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out) as TifffileReport[];
}

/**
 * `tiffinfo -D` output (-D: libtiff also reads and decodes every strip and tile); stderr carries
 * libtiff's warnings and errors. `{ data: false }` reads only the directories.
 */
export function tiffinfo(
  path: string,
  { data = true } = {},
): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync('tiffinfo', data ? ['-D', path] : [path], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** A fresh temporary directory, removed by the returned cleanup (kept when TIFFKIT_KEEP_TMP=1). */
export function tempDir(prefix = 'tiffkit-'): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => {
      if (process.env['TIFFKIT_KEEP_TMP'] !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const hasGdal = hasCommand('gdal_translate');

/**
 * Decode a TIFF's first band set with GDAL (an independent reader that unpacks 1–32-bit samples):
 * returns the raw little-endian values GDAL produces (ENVI raw format, band-interleaved).
 */
export function readWithGdal(path: string, out: string): Buffer {
  execFileSync('gdal_translate', ['-q', '-of', 'ENVI', '-co', 'INTERLEAVE=BIP', path, out], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return readFileSync(out);
}

export const hasTiffcp = hasCommand('tiffcp');

/** Decompress with libtiff (`tiffcp -c none`): libtiff decodes every segment; its stderr must stay empty. */
export function tiffcpDecompress(input: string, output: string): { stderr: string; status: number | null } {
  const result = spawnSync('tiffcp', ['-c', 'none', input, output], { encoding: 'utf8' });
  return { stderr: result.stderr, status: result.status };
}

export const hasXmllint = hasCommand('xmllint');

/** The OME 2016-06 schema, as copied into tiff-meta-ome's tests (with its catalog: no network). */
const SCHEMA_DIR = fileURLToPath(new URL('../../../tiff-meta-ome/test/schema/', import.meta.url));

/** Validate OME-XML against the OME 2016-06 schema with xmllint; `valid` and xmllint's messages. */
export function validateOmeXml(xml: string, scratch: string): { valid: boolean; messages: string } {
  writeFileSync(scratch, xml);
  const result = spawnSync(
    'xmllint',
    ['--noout', '--nonet', '--schema', join(SCHEMA_DIR, '2016-06/ome.xsd'), scratch],
    {
      encoding: 'utf8',
      env: { ...process.env, XML_CATALOG_FILES: join(SCHEMA_DIR, 'catalog.xml') },
    },
  );
  return { valid: result.status === 0, messages: result.stderr };
}
