/**
 * `pnpm release`: build every package, then pack each publishable one into dist-tarballs/ (the default), or
 * publish them to the registry (`--publish`, through `changeset publish`).
 *
 *   pnpm release                       build, pack into dist-tarballs/
 *   pnpm release --version-packages          first apply the pending changesets (`changeset version`), then the above
 *   pnpm release --publish             build, `changeset publish` (publishes versions not yet on the registry)
 *   pnpm release --out DIR             pack into DIR instead
 *   pnpm release --no-build            skip the initial build (each package's prepack still builds it)
 *
 * Tarballs are made by `pnpm pack`, which rewrites the `workspace:` ranges of the package.json it packs into
 * the versions of the workspace packages (npm pack leaves them in place, and such a tarball cannot install).
 * The packages come from `packages/*`; private ones (and the CLI in apps/) are never packed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const known = new Set(['--version-packages', '--publish', '--out', '--no-build']);
for (const [i, arg] of args.entries()) {
  if (!known.has(arg) && args[i - 1] !== '--out') fail(`unknown argument ${arg} (known: ${[...known].join(', ')})`);
}
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? (args[outIndex + 1] ?? fail('--out needs a folder')) : join(root, 'dist-tarballs'));

/** The pnpm that runs this script (`pnpm release`), else the version pinned in package.json, through npx. */
function pnpm() {
  const execpath = process.env['npm_execpath'];
  if (execpath && /pnpm/.test(execpath)) return [process.execPath, execpath];
  const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
  return ['npx', '-y', pinned];
}

function run(command, commandArgs, cwd = root) {
  console.log(`$ ${[command, ...commandArgs].join(' ')}${cwd === root ? '' : `   (in ${cwd})`}`);
  const result = spawnSync(command, commandArgs, { cwd, stdio: 'inherit' });
  if (result.status !== 0) fail(`${command} exited with ${result.status ?? result.signal}`);
}

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

const [pm, ...pmArgs] = pnpm();
if (args.includes('--version-packages')) {
  run(pm, [...pmArgs, 'exec', 'changeset', 'version']);
  // changeset version edits package.json versions; the lockfile records them for workspace packages.
  run(pm, [...pmArgs, 'install', '--lockfile-only']);
}
if (!args.includes('--no-build')) run(pm, [...pmArgs, 'run', 'build']);

if (args.includes('--publish')) {
  // changeset publish runs `pnpm publish` in each package whose version is not on the registry yet
  // (prepack builds it again, from turbo's cache) and tags the release in git.
  run(pm, [...pmArgs, 'exec', 'changeset', 'publish']);
} else {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'packages', entry.name))
    .filter((dir) => {
      try {
        return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private !== true;
      } catch {
        return false;
      }
    });
  for (const dir of packages) run(pm, [...pmArgs, 'pack', '--pack-destination', out], dir);
  console.log(`\n${readdirSync(out).length} tarballs in ${out}:\n${readdirSync(out).join('\n')}`);
}
