/**
 * `TiffWarningCode` lists every code the writer emits: the codes are read from the sources (each
 * `warn('code', …)` call, and the warnings tiff-meta-ome reports through `OmeXml`'s `onWarning`), so a
 * new warning cannot be emitted without being added to the union.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANNOTATION_SKIPPED } from '@tiffkit/tiff-meta-ome';
import { describe, expect, it } from 'vitest';
import { code, sources } from './helpers/sources.js';

const packages = fileURLToPath(new URL('../..', import.meta.url));

/** The first argument of every `warn(` call (`warn`, `this.warn`, `context.warn`; not `console.warn`). */
function warnCalls(text: string): string[] {
  return [...code(text).matchAll(/(?<!console\.)\bwarn\(\s*([^,)]*)/g)].map((m) => (m[1] as string).trim());
}

/** The members of the `TiffWarningCode` union, from its declaration. */
function declaredCodes(): string[] {
  const text = readFileSync(join(packages, 'tiff-writer/src/plan/warnings.ts'), 'utf8');
  const union = code(text).split('export type TiffWarningCode =')[1] as string;
  return [...union.matchAll(/\|\s*'([^']+)'/g)].map((m) => m[1] as string);
}

describe('TiffWarningCode', () => {
  const declared = declaredCodes();
  const files = sources(join(packages, 'tiff-writer/src'));
  const calls = files.flatMap((path) =>
    warnCalls(readFileSync(path, 'utf8')).map((arg) => ({ file: relative(packages, path), arg })),
  );

  it('finds the calls it looks for (the scan can fail)', () => {
    expect(warnCalls("warn('zero-size', `x`); context.warn(\n  'a-b', 'm'); console.warn('no');")).toEqual([
      "'zero-size'",
      "'a-b'",
    ]);
    expect(calls.length).toBeGreaterThanOrEqual(declared.length - 1);
    expect(declared).toContain('zero-size');
  });

  it('every warn() call passes a literal code', () => {
    expect(calls.filter((c) => !/^'[a-z0-9-]+'$/.test(c.arg))).toEqual([]);
  });

  it('every code emitted in src is in the union', () => {
    const emitted = new Set(calls.map((c) => c.arg.slice(1, -1)));
    expect([...emitted].filter((c) => !declared.includes(c))).toEqual([]);
  });

  it('every code in the union is emitted (no stale members)', () => {
    const emitted = new Set([...calls.map((c) => c.arg.slice(1, -1)), ANNOTATION_SKIPPED]);
    expect(declared.filter((c) => !emitted.has(c))).toEqual([]);
  });

  it("holds the codes tiff-meta-ome reports through the writer's onWarning", () => {
    const ome = sources(join(packages, 'tiff-meta-ome/src')).map((path) => code(readFileSync(path, 'utf8')));
    const pushed = ome.flatMap((text) => [...text.matchAll(/warnings\.push\(\{\s*code:\s*([^,]+),/g)]);
    expect(pushed.map((m) => (m[1] as string).trim())).toEqual(expect.arrayContaining(['ANNOTATION_SKIPPED']));
    expect(pushed.every((m) => (m[1] as string).trim() === 'ANNOTATION_SKIPPED')).toBe(true);
    expect(declared).toContain(ANNOTATION_SKIPPED);
  });
});
