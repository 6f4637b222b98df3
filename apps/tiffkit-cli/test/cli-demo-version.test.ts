/** `tiffkit --version`, and `demo`'s guards against clobbering files. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tiffkit } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tiffkit-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('tiffkit --version', () => {
  it.each(['--version', '-V'])('%s prints the package version and exits 0', (flag) => {
    const result = tiffkit(dir, flag);
    expect(result).toEqual({ status: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });
});

describe('tiffkit demo guards', () => {
  it('--help prints help and writes nothing', () => {
    const result = tiffkit(dir, 'demo', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: tiffkit demo [options] [out]');
    expect(result.stdout).toContain('--overwrite');
    expect(existsSync(join(dir, '--help'))).toBe(false);
  });

  it('an unknown flag is a usage error (exit 2), not a file name', () => {
    const result = tiffkit(dir, 'demo', '--frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe("tiffkit: unknown option '--frobnicate'");
    expect(existsSync(join(dir, '--frobnicate'))).toBe(false);
  });

  it('a name that looks like a flag (after --) is refused with exit 2', () => {
    const result = tiffkit(dir, 'demo', '--', '--help');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'tiffkit: --help: looks like an option, not a file name (write ./--help to mean the file)\n',
    );
    expect(existsSync(join(dir, '--help'))).toBe(false);
  });

  it('refuses an existing file (exit 3) unless --overwrite', () => {
    writeFileSync(join(dir, 'keep.tif'), 'precious');
    const refused = tiffkit(dir, 'demo', 'keep.tif');
    expect(refused.status).toBe(3);
    expect(refused.stderr).toBe('tiffkit: keep.tif: exists (pass --overwrite to replace it)\n');
    expect(readFileSync(join(dir, 'keep.tif'), 'utf8')).toBe('precious');
    const replaced = tiffkit(dir, 'demo', '--overwrite', 'keep.tif');
    expect(replaced.status).toBe(0);
    expect(statSync(join(dir, 'keep.tif')).size).toBeGreaterThan(3 * 5 * 2 * 256 * 256 * 2);
  });
});
