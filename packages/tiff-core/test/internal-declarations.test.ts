/**
 * The sibling-only plumbing (`src/internal.ts`) is in the JavaScript of the main entry, absent from its
 * published declarations (`stripInternal`), and present in the full declaration set in `dist/internal`
 * that the sibling packages compile against. Reads the built `dist/` (`pnpm build` runs first).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = (path: string) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
const internalSource = readFileSync(fileURLToPath(new URL('../src/internal.ts', import.meta.url)), 'utf8');
const names = [...internalSource.matchAll(/export \{([^}]*)\}/g)].flatMap((m) =>
  (m[1] as string)
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean),
);

describe('internal exports', () => {
  it('finds the names it checks', () => {
    expect(names).toEqual(expect.arrayContaining(['invalidOption', 'parseEnum', 'linkNextIfd']));
  });

  it('are exported by the JavaScript of the main entry', async () => {
    const main = (await import(dist('index.js'))) as Record<string, unknown>;
    for (const name of names) expect(typeof main[name], name).toBe('function');
  });

  it('are left out of the published declarations', () => {
    const published = readFileSync(dist('index.d.ts'), 'utf8');
    expect(published).not.toContain('internal.js');
    for (const name of names) expect(published, name).not.toMatch(new RegExp(`\\b${name}\\b`));
    expect(readFileSync(dist('errors.d.ts'), 'utf8')).not.toMatch(/\binvalidOption\b/);
    expect(published).toMatch(/\bTiffError\b/);
  });

  it('are in the full declaration set the siblings compile against', () => {
    expect(readFileSync(dist('internal/index.d.ts'), 'utf8')).toContain("export * from './internal.js'");
    const internal = readFileSync(dist('internal/internal.d.ts'), 'utf8');
    for (const name of names) expect(internal, name).toMatch(new RegExp(`\\b${name}\\b`));
    expect(readFileSync(dist('internal/errors.d.ts'), 'utf8')).toMatch(/function invalidOption\b/);
  });
});
