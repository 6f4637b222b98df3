/** `pnpm bench`: every package's benchmark scripts (bench/*.mjs run against dist/), one after the other. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];
let failed = false;
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', pkg, 'bench');
  let scripts = [];
  try {
    scripts = readdirSync(dir).filter((f) => f.endsWith('.mjs') && !f.endsWith('-child.mjs'));
  } catch {
    continue;
  }
  for (const script of scripts) {
    if (only && !`${pkg}/${script}`.includes(only)) continue;
    console.log(`\n=== ${pkg}/bench/${script}`);
    const { status } = spawnSync(process.execPath, [join(dir, script)], {
      stdio: 'inherit',
      cwd: join(root, 'packages', pkg),
    });
    if (status !== 0) failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
