import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tagByCode } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { code, sources } from './helpers/sources.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const writerSrc = join(root, 'packages/tiff-writer/src');

/**
 * Places where a number is used as a tag code: an entry's `code:`, a comparison with `.code`, the tag
 * argument of tiff-core's entry readers, and Sets or Maps; a number counts when tiff-core knows it as a tag.
 */
function numericTagUses(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bcode:\s*(\d+)/g,
    /\.code\s*[!=]==?\s*(\d+)/g,
    /(\d+)\s*[!=]==?\s*[\w.]*\.code\b/g,
    /\b(?:entryString|entryNumbers|findEntry|tagName|tagByCode)\([^()]*?(\d+)\s*\)/g,
    /new (?:Set|Map)\(\s*\[\s*\[?\s*(\d+)/g,
  ];
  const lines = code(text).split('\n');
  lines.forEach((line, i) => {
    for (const pattern of patterns) {
      for (const match of line.matchAll(pattern)) {
        const n = Number(match[1]);
        if (tagByCode(n)) found.push(`${i + 1}: ${line.trim()}`);
      }
    }
  });
  return found;
}

describe('tags are named, never numbered, outside tiff-core', () => {
  it('finds numbered tags in the patterns it looks for (the check can fail)', () => {
    expect(numericTagUses('const e = { code: 270, type: FieldType.ASCII };')).toHaveLength(1);
    expect(numericTagUses('if (entry.code === 273) return;')).toHaveLength(1);
    expect(numericTagUses('const d = entryString(first, 270);')).toHaveLength(1);
    expect(numericTagUses('const owned = new Set([256, 257]);')).toHaveLength(1);
    expect(numericTagUses('const m = new Map([[34412, "LSM"]]);')).toHaveLength(1);
    // Named codes, other numbers and comments are fine.
    expect(numericTagUses('const e = { code: TagCode.ImageDescription }; // tag 270')).toEqual([]);
    expect(numericTagUses('const rows = 256; const level = { code: 3 };')).toEqual([]);
  });

  const scanned = [
    ...sources(writerSrc),
    ...sources(join(root, 'packages/tiff-codecs/src')),
    ...sources(join(root, 'apps/tiffkit-cli/src')),
  ];
  it.each(scanned.map((path) => [relative(root, path), path]))('%s', (_name, path) => {
    expect(numericTagUses(readFileSync(path, 'utf8'))).toEqual([]);
  });
});

describe('the writer is laid out by stage', () => {
  const files = sources(writerSrc).map((path) => relative(writerSrc, path));

  it('keeps the public API files at the top and every other file in a stage folder', () => {
    const top = files.filter((f) => !f.includes('/')).sort();
    // imwrite-general.ts and writer-stages.ts are the API's parts loaded on demand (imwrite's general
    // path, the stages a TiffWriter drives), so that a plain imwrite loads neither.
    expect(top).toEqual([
      'imwrite-general.ts',
      'imwrite.ts',
      'index.ts',
      'options.ts',
      'writer-stages.ts',
      'writer.ts',
    ]);
    const folders = new Set(files.filter((f) => f.includes('/')).map((f) => f.split('/')[0]));
    expect([...folders].sort()).toEqual(['encode', 'formats', 'intake', 'layout', 'plain', 'plan', 'platform']);
  });

  it('puts each metadata format in a folder of its own', () => {
    const formats = new Set(
      files.filter((f) => f.startsWith('formats/') && f.split('/').length === 3).map((f) => f.split('/')[1]),
    );
    expect([...formats].sort()).toEqual(['generic', 'imagej', 'ome', 'shaped']);
  });

  it.each(files)('%s stays under 300 lines', (file) => {
    const lines = readFileSync(join(writerSrc, file), 'utf8').split('\n').length;
    expect(lines).toBeLessThanOrEqual(300);
  });
});
