/** `tiffkit info` on damaged files: what can be read is listed, with where reading stopped (exit 1). */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tiffkit } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tiffkit-damaged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Main-chain IFD offsets and next-IFD field positions of the sound demo file. */
let ifds: { offset: number; next: number; tags: unknown[] }[] = [];

beforeAll(() => {
  expect(tiffkit(dir, 'demo', 'sound.tif').status).toBe(0);
  ifds = JSON.parse(tiffkit(dir, 'info', '--json', 'sound.tif').stdout).ifds;
  expect(ifds).toHaveLength(30);
});

describe('a truncated file', () => {
  it('lists the IFDs before the cut and says where it stopped', () => {
    const cut = (ifds[5]?.offset ?? 0) + 20;
    writeFileSync(join(dir, 'cut.tif'), readFileSync(join(dir, 'sound.tif')));
    truncateSync(join(dir, 'cut.tif'), cut);
    const result = tiffkit(dir, 'info', 'cut.tif');
    expect(result.status).toBe(1);
    expect(result.stdout.match(/^IFD \d+ at \d+/gm)).toEqual(
      ifds.slice(0, 5).map((ifd, i) => `IFD ${i} at ${ifd.offset}`),
    );
    const where = `stopped at IFD 5 (offset ${ifds[5]?.offset}): IFD at ${ifds[5]?.offset} at ${(ifds[5]?.offset ?? 0) + 2}..`;
    expect(result.stdout).toContain(`\n${where}`);
    expect(result.stderr.split('\n')).toHaveLength(2); // one line, then the final newline
    expect(result.stderr).toMatch(
      new RegExp(
        `^tiffkit: cut\\.tif: damaged, ${where.replace(/[().]/g, '\\$&')}.*lies outside the file \\(${cut} bytes\\) \\[CORRUPT_TIFF\\]\\n$`,
      ),
    );
  });

  it('--json lists the readable IFDs and a stopped field', () => {
    const result = tiffkit(dir, 'info', '--json', 'cut.tif');
    expect(result.status).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.ifds.map((i: { offset: number }) => i.offset)).toEqual(ifds.slice(0, 5).map((i) => i.offset));
    expect(document.stopped).toMatchObject({ ifd: 5, offset: ifds[5]?.offset });
  });

  it('--summary counts only the readable IFDs', () => {
    const result = tiffkit(dir, 'info', '--summary', 'cut.tif');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('counts: 5 IFDs, 0 SubIFDs, 5 pages in 1 series\n');
  });
});

describe('a chain that loops', () => {
  it('stops where the chain comes back', () => {
    const bytes = readFileSync(join(dir, 'sound.tif'));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    // IFD 2's next-IFD field is its last 4 bytes before its values: entries start 2 bytes in, 12 each.
    const ifd2 = ifds[2] as { offset: number; tags: unknown[] };
    view.setUint32(ifd2.offset + 2 + ifd2.tags.length * 12, ifds[1]?.offset ?? 0, true);
    writeFileSync(join(dir, 'loop.tif'), bytes);
    const result = tiffkit(dir, 'info', 'loop.tif');
    expect(result.status).toBe(1);
    expect(result.stdout.match(/^IFD \d+ at/gm)).toHaveLength(3);
    expect(result.stderr).toBe(
      `tiffkit: loop.tif: damaged, stopped at IFD 3 (offset ${ifds[1]?.offset}): the IFD chain loops back to offset ${ifds[1]?.offset} [CORRUPT_TIFF]\n`,
    );
  });
});

describe('a header only', () => {
  it('stops at IFD 0', () => {
    writeFileSync(join(dir, 'head.tif'), readFileSync(join(dir, 'sound.tif')).subarray(0, 8));
    const result = tiffkit(dir, 'info', 'head.tif');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'tiffkit: head.tif: damaged, stopped at IFD 0 (offset 8): the IFD offset 8 lies outside the file (8 bytes) [CORRUPT_TIFF]\n',
    );
  });
});
