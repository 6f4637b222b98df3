import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI (tests run plain Node on dist/, as a user does). */
export const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `tiffkit ...args` in `cwd`. */
export function tiffkit(cwd: string, ...args: string[]): RunResult {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `tiffkit convert ... --json`, failing with its stderr when it fails; returns the summary. */
export function convertJson(
  cwd: string,
  ...args: string[]
): Record<string, unknown> & { series: Record<string, unknown>[] } {
  const result = tiffkit(cwd, 'convert', ...args, '--json');
  if (result.status !== 0)
    throw new Error(`tiffkit convert ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}
