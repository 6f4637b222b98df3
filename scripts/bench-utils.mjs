/** Shared helpers of the benchmark scripts: medians, the Python with tifffile, a results table. */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A Python that can import tifffile and numpy (as the interop tests look for it), or undefined. */
export function findPython() {
  for (const python of [process.env.TIFFKIT_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean)) {
    if (spawnSync(python, ['-c', 'import tifffile, numpy'], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}

/** Print `{ name, unit, ours, theirs?, lowerIsBetter? }` rows with the ratio tiffkit / peer. */
export function printTable(title, rows, peer) {
  console.log(`\n${title}`);
  for (const row of rows) {
    const ours = `${row.ours.toFixed(1)} ${row.unit}`;
    if (row.theirs === undefined || !peer) {
      console.log(`  ${row.name}: tiffkit ${ours}${peer ? '' : ' (peer not installed)'}`);
      continue;
    }
    const speedup = row.lowerIsBetter ? row.theirs / row.ours : row.ours / row.theirs;
    console.log(
      `  ${row.name}: tiffkit ${ours}, ${peer} ${row.theirs.toFixed(1)} ${row.unit} → tiffkit ${speedup.toFixed(2)}× ${peer}'s speed`,
    );
  }
}

/**
 * A long-lived Python process running `script`, which answers each JSON request line with one JSON
 * line (so interpreter and numpy start-up are not timed); undefined without a Python.
 */
export function startPython(python, script) {
  if (!python) return undefined;
  const child = spawn(python, ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async request(message) {
      child.stdin.write(`${JSON.stringify(message)}\n`);
      const { value, done } = await lines.next();
      if (done) throw new Error('the tifffile process ended');
      return JSON.parse(value);
    },
    stop() {
      child.stdin.end();
    },
  };
}

/**
 * Run every contender once per round for `rounds` rounds, the first one rotating, so that a slow
 * moment of a shared machine falls on each in turn. A contender is `{ name, run(round) → result }`;
 * the answer keeps each one's runs, in the contenders' order.
 */
export async function interleave(contenders, rounds) {
  const runs = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      runs[index].push(await contenders[index].run(round));
    }
  }
  return contenders.map((contender, index) => ({ name: contender.name, runs: runs[index] }));
}

/**
 * Paths of temporary `.tif` files for a benchmark (`name` → a file in the system's temporary
 * directory), all removed when the process exits, a failed run too.
 */
export function benchFiles(bench) {
  const dir = tmpdir();
  const prefix = `tiffkit-bench-${bench}-${process.pid}-`;
  process.on('exit', () => {
    for (const name of readdirSync(dir)) if (name.startsWith(prefix)) rmSync(join(dir, name), { force: true });
  });
  return (name, extension = 'tif') => join(dir, `${prefix}${name}.${extension}`);
}
