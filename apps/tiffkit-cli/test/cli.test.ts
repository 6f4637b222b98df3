/** The built sample app and the built packages, run as a user would: plain Node on dist/. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'apps/tiffkit-cli/dist/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'tiffkit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });

describe('tiffkit demo', () => {
  it('writes a real 5-D TIFF and prints what it wrote', () => {
    const result = run('demo', 'demo.tif');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const size = statSync(join(dir, 'demo.tif')).size;
    const pixelBytes = 3 * 5 * 2 * 256 * 256 * 2;
    expect(size).toBeGreaterThan(pixelBytes); // pixels plus header and 30 IFDs of a few hundred bytes
    expect(size).toBeLessThan(pixelBytes + 30 * 512);
    expect(result.stdout).toContain(
      `wrote demo.tif: ${size} bytes, shape [3, 5, 2, 256, 256] (TZCYX), uint16, 30 pages`,
    );
    expect(result.stdout).toContain('270 ImageDescription');
    expect(result.stdout).toContain('{"shape": [3, 5, 2, 256, 256], "axes": "TZCYX"}');
    expect(result.stdout).toContain('0: shaped, shape [3, 5, 2, 256, 256] (TZCYX), uint16, IFDs 0..29');
  });

  it('writes tiffkit-demo.tif by default', () => {
    expect(run('demo').status).toBe(0);
    expect(readdirSync(dir)).toContain('tiffkit-demo.tif');
  });
});

describe('tiffkit info', () => {
  it('prints the header, every IFD with tag names and the series', () => {
    run('demo', 'info.tif');
    const result = run('info', 'info.tif');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^file: info\.tif \(\d+ bytes\)\nformat: classic TIFF, little-endian \(II\), 30 IFDs in the main chain\n/,
    );
    expect(result.stdout.match(/^IFD \d+ at \d+/gm)).toHaveLength(30);
    expect(result.stdout).toMatch(/282 XResolution\s+RATIONAL\s+1 {2}4\/1/);
    expect(result.stdout).toMatch(/296 ResolutionUnit\s+SHORT\s+1 {2}5/);
  });

  it('prints JSON with --json', () => {
    run('demo', 'json.tif');
    const document = JSON.parse(run('info', '--json', 'json.tif').stdout);
    expect(document.bigtiff).toBe(false);
    expect(document.ifds).toHaveLength(30);
    expect(document.ifds[0].tags.find((t: { code: number }) => t.code === 256)).toEqual({
      code: 256,
      name: 'ImageWidth',
      type: 'LONG',
      count: 1,
      value: [256],
    });
    expect(document.series).toEqual([
      { kind: 'shaped', shape: [3, 5, 2, 256, 256], axes: 'TZCYX', dtype: 'uint16', firstIfd: 0, pages: 30, levels: 0 },
    ]);
  });

  it('fails with a clear message on a file that is not a TIFF, and on bad usage', () => {
    execFileSync('sh', ['-c', 'echo hello world > not.tif'], { cwd: dir });
    const notTiff = run('info', 'not.tif');
    expect(notTiff.status).toBe(1);
    expect(notTiff.stderr).toBe('tiffkit: not.tif: not a TIFF file: starts with "he", not II or MM [NOT_A_TIFF]\n');
    const usage = run('frobnicate');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage:');
  });
});

describe('tiffkit info on OME-TIFF and ImageJ files', () => {
  it('summarises OME images (with their pyramid levels) and ImageJ hyperstacks', async () => {
    const { imwrite } = await import('@tiffkit/tiff-writer');
    const ome = join(dir, 'cells.ome.tif');
    await imwrite(
      ome,
      { data: new Uint16Array(2 * 64 * 48), shape: [2, 64, 48] },
      { metadata: { axes: 'CYX' }, tile: [16, 16], pyramid: { levels: 2 } },
    );
    expect(run('info', ome).stdout).toContain('0: ome, shape [2, 64, 48] (CYX), uint16, IFDs 0..1, 2 SubIFD levels');
    const ij = join(dir, 'stack.tif');
    await imwrite(
      ij,
      { data: new Float32Array(3 * 5 * 16 * 20), shape: [3, 5, 16, 20] },
      { imagej: true, metadata: { axes: 'TZYX' } },
    );
    expect(run('info', ij).stdout).toContain('0: imagej, shape [3, 5, 16, 20] (TZYX), float32, IFDs 0..14');
  });
});

describe('built packages import from plain Node 20', () => {
  it.each([
    ['packages/tiff-core', '@tiffkit/tiff-core', 'encodeIfd'],
    ['packages/tiff-core', '@tiffkit/tiff-core/node', 'FileSink'],
    ['packages/tiff-writer', '@tiffkit/tiff-writer', 'imwrite'],
  ])('%s: import("%s")', (cwd, specifier, name) => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import('${specifier}'); console.log(typeof m.${name});`],
      {
        cwd: join(root, cwd),
        encoding: 'utf8',
      },
    );
    expect(out.trim()).toBe('function');
  });
});
