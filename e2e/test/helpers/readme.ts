/**
 * The fenced code blocks of the READMEs, as a reader sees them. The info string's first word is the
 * language (`ts`, `sh`); further words are flags that renderers ignore and the docs test reads:
 * `no-run` (never executed; the test lists each one with its reason) and `root` (an `sh` block that is
 * run from the repository root, as its README says, instead of the scratch directory).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every README a user reads: the repository's, each package's and the CLI's. */
export const READMES = [
  'README.md',
  'packages/tiff-core/README.md',
  'packages/tiff-codecs/README.md',
  'packages/tiff-meta-ome/README.md',
  'packages/tiff-meta-imagej/README.md',
  'packages/tiff-writer/README.md',
  'apps/tiffkit-cli/README.md',
] as const;

export interface CodeBlock {
  /** README path relative to the repository root. */
  readme: string;
  /** `readme#n`: n counts the README's fenced blocks from 1, in order. */
  id: string;
  /** Line of the opening fence (1-based). */
  line: number;
  lang: string;
  flags: string[];
  code: string;
}

/** The fenced blocks of one README (``` fences only; the READMEs use no other kind). */
export function codeBlocks(readme: string): CodeBlock[] {
  const lines = readFileSync(join(REPO_ROOT, readme), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  let open: { line: number; info: string[]; body: string[] } | undefined;
  lines.forEach((text, i) => {
    const fence = /^```(.*)$/.exec(text);
    if (open === undefined) {
      if (fence) open = { line: i + 1, info: (fence[1] ?? '').trim().split(/\s+/).filter(Boolean), body: [] };
      return;
    }
    if (text === '```') {
      const [lang = '', ...flags] = open.info;
      blocks.push({
        readme,
        id: `${readme}#${blocks.length + 1}`,
        line: open.line,
        lang,
        flags,
        code: `${open.body.join('\n')}\n`,
      });
      open = undefined;
    } else {
      open.body.push(text);
    }
  });
  if (open !== undefined) throw new Error(`${readme}:${open.line}: unclosed code block`);
  return blocks;
}
