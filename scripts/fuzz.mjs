/**
 * `pnpm fuzz [parse|write|all] [--runs N] [--seed S|random] [--exclude-known]`: the fuzz suites of the
 * test files, run longer, with a summary. The same tests run in `pnpm test` with a few hundred cases;
 * here FUZZ_RUNS sets the cases per seed file (parse) or the number of generated files (write),
 * FUZZ_SEED the seed, and each suite leaves its figures in FUZZ_SUMMARY for this script to print.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const mode = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'all';
if (!['parse', 'write', 'all'].includes(mode)) {
  console.error(
    `usage: pnpm fuzz [parse|write|all] [--runs N] [--seed S|random] [--exclude-known] (not ${JSON.stringify(mode)})`,
  );
  process.exit(2);
}
const runs = option('--runs');
// The suites' fixed seed by default, so a run is repeatable; `--seed random` draws one (printed).
const seedOption = option('--seed');
const seed = seedOption === 'random' ? String(Date.now() % 1_000_000_000) : (seedOption ?? '20261129');

/** Each suite: the package, its test file, and the runs it gets by default in a long run. */
const SUITES = [
  { mode: 'parse', pkg: 'tiff-core', file: 'test/fuzz-parse.test.ts', runs: 25_000 },
  { mode: 'parse', pkg: 'tiff-writer', file: 'test/fuzz-parse.test.ts', runs: 1_500 },
  // Known open writer defects are generated too (the in-suite run leaves them out): they are reported.
  { mode: 'write', pkg: 'tiff-writer', file: 'test/fuzz-write.test.ts', runs: 1_000, env: { FUZZ_INCLUDE_KNOWN: '1' } },
];

const tmp = mkdtempSync(join(tmpdir(), 'tiffkit-fuzz-'));
let failed = false;
const started = performance.now();
for (const [i, suite] of SUITES.entries()) {
  if (mode !== 'all' && suite.mode !== mode) continue;
  const summaryPath = join(tmp, `summary-${i}.json`);
  const suiteRuns = runs ?? String(suite.runs);
  console.log(`\n=== ${suite.pkg}/${suite.file}: ${suiteRuns} runs, seed ${seed}`);
  const { status } = spawnSync(process.execPath, [vitest, 'run', suite.file, '--reporter=dot'], {
    cwd: join(root, 'packages', suite.pkg),
    stdio: 'inherit',
    env: {
      ...process.env,
      ...(args.includes('--exclude-known') ? {} : suite.env),
      FUZZ_RUNS: suiteRuns,
      FUZZ_SEED: seed,
      FUZZ_SUMMARY: summaryPath,
    },
  });
  if (status !== 0) failed = true;
  let summary;
  try {
    summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
  } catch {
    console.log('no summary: the suite did not finish');
    failed = true;
    continue;
  }
  print(summary);
}
rmSync(tmp, { recursive: true, force: true });
console.log(
  `\nfuzz ${failed ? 'FOUND DEFECTS' : 'clean'} in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed})`,
);
process.exitCode = failed ? 1 : 0;

function print(summary) {
  const { mode: title, seed: s, cases, outcomes, defects, milliseconds, slowestCaseMs, ...extra } = summary;
  console.log(`\n--- ${title} (seed ${s})`);
  console.log(`cases: ${cases} in ${(milliseconds / 1000).toFixed(1)} s; slowest case ${slowestCaseMs.toFixed(1)} ms`);
  const sorted = Object.entries(outcomes).sort((a, b) => b[1] - a[1]);
  for (const [outcome, count] of sorted) console.log(`  ${String(count).padStart(7)}  ${outcome}`);
  for (const [key, value] of Object.entries(extra)) {
    console.log(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`);
  }
  console.log(`defects found: ${defects.length}`);
  for (const defect of defects) {
    console.log(`  [${defect.seed}] ${defect.counterexample}\n    ${defect.error.split('\n').join('\n    ')}`);
  }
}
