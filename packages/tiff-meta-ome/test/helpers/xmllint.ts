/**
 * Schema validation with libxml2's xmllint against the copied OME 2016-06 schema. When xmllint is
 * missing, tests that need it fail under REQUIRE_INTEROP=1 (CI) and are skipped with a notice otherwise.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));
export const OME_XSD = join(SCHEMA_DIR, '2016-06', 'ome.xsd');
const CATALOG = join(SCHEMA_DIR, 'catalog.xml');

const available = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
let noticed = false;

/** For `it.skipIf`: true when xmllint is missing (and allowed to be); throws under REQUIRE_INTEROP=1. */
export function xmllintMissing(): boolean {
  return toolMissing('xmllint', available, process.env['REQUIRE_INTEROP'] === '1', () => {
    if (!noticed) {
      noticed = true;
      console.warn('NOTICE: xmllint is not installed (apt install libxml2-utils): OME schema tests are skipped');
    }
  });
}

/** The skip-or-fail decision, separate so that it can be tested without uninstalling anything. */
export function toolMissing(tool: string, available: boolean, required: boolean, notice: () => void): boolean {
  if (available) return false;
  if (required) throw new Error(`${tool} is required (REQUIRE_INTEROP=1) but not installed`);
  notice();
  return true;
}

export interface SchemaResult {
  readonly name: string;
  readonly valid: boolean;
  /** xmllint's messages for this document. */
  readonly messages: string;
}

/** Validates documents in one xmllint run; offline, the schema URLs resolved through the catalog. */
export function validateAgainstOmeSchema(documents: readonly { name: string; xml: string }[]): SchemaResult[] {
  if (documents.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'tiffkit-ome-'));
  try {
    const files = documents.map((doc, i) => {
      const file = join(dir, `doc${i}.xml`);
      writeFileSync(file, doc.xml, 'utf8');
      return file;
    });
    const run = spawnSync('xmllint', ['--nonet', '--noout', '--schema', OME_XSD, ...files], {
      encoding: 'utf8',
      env: { ...process.env, XML_CATALOG_FILES: CATALOG },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout}${run.stderr}`;
    if (/failed to load|WXS schema .* failed to compile/i.test(output) && !/validates/.test(output)) {
      throw new Error(`xmllint could not load the schema:\n${output}`);
    }
    return documents.map((doc, i) => {
      const file = files[i] as string;
      const lines = output.split('\n').filter((line) => line.startsWith(`${file}:`) || line.startsWith(`${file} `));
      return { name: doc.name, valid: lines.includes(`${file} validates`), messages: lines.join('\n') };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
