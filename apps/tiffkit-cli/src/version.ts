import { readFileSync } from 'node:fs';

/**
 * The CLI's version, from its own package.json. Read at run time (dist/ sits beside package.json) rather
 * than imported, so the build does not need JSON imports and the number cannot drift from the manifest.
 */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}
