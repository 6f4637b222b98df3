/** One-line errors naming the path, and a quiet end when stdout closes early. */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, tiffkit } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tiffkit-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const { imwrite } = await import('@tiffkit/tiff-writer');
  // 3000 pages: `info` prints about 2 MB, far more than a pipe holds, so the reader closing it is felt.
  await imwrite(
    join(dir, 'many.tif'),
    { data: new Uint8Array(3000 * 16), shape: [3000, 4, 4] },
    { photometric: 'minisblack' },
  );
});

/** Run tiffkit and close its stdout after the first chunk, as `| head -1` does. */
function runAndCloseStdout(...args: string[]): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir });
    let first = '';
    let stderr = '';
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8').split('\n')[0] ?? '';
      child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, first, stderr }));
  });
}

describe('stdout closed early', () => {
  it('tiffkit info | head -1: one line read, exit 141, no stack trace', async () => {
    const result = await runAndCloseStdout('info', 'many.tif');
    expect(result.first).toBe(`file: many.tif (${statSync(join(dir, 'many.tif')).size} bytes)`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(141);
  });

  it.skipIf(process.platform !== 'linux')('a full disk under stdout is one line and exit 1', () => {
    const result = spawnToDevFull('info', 'many.tif');
    expect(result).toEqual({ status: 1, stderr: 'tiffkit: stdout: no space left on the device (ENOSPC)\n' });
  });
});

function spawnToDevFull(...args: string[]): { status: number | null; stderr: string } {
  const fd = openSync('/dev/full', 'w');
  try {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', fd, 'pipe'] });
    return { status: result.status, stderr: result.stderr.toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

describe('one-line errors naming the path (exit 1)', () => {
  it('a missing file', () => {
    expect(tiffkit(dir, 'info', 'missing.tif')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'tiffkit: missing.tif: no such file or directory (ENOENT)\n',
    });
  });

  it('a directory', () => {
    mkdirSync(join(dir, 'folder.tif'));
    expect(tiffkit(dir, 'info', 'folder.tif')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'tiffkit: folder.tif: is a directory, not a file (EISDIR)\n',
    });
  });

  it.skipIf(process.getuid?.() === 0)('a file it may not read', () => {
    writeFileSync(join(dir, 'secret.tif'), 'II*\0');
    chmodSync(join(dir, 'secret.tif'), 0);
    expect(tiffkit(dir, 'info', 'secret.tif')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'tiffkit: secret.tif: permission denied (EACCES)\n',
    });
  });

  it('a file that is not a TIFF', () => {
    writeFileSync(join(dir, 'text.tif'), 'hello world\n');
    expect(tiffkit(dir, 'info', 'text.tif').stderr).toBe(
      'tiffkit: text.tif: not a TIFF file: starts with "he", not II or MM [NOT_A_TIFF]\n',
    );
  });

  it('demo into a missing directory', () => {
    const result = tiffkit(dir, 'demo', 'no/such/dir/out.tif');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('tiffkit: no/such/dir/out.tif: no such file or directory (ENOENT)\n');
  });
});
