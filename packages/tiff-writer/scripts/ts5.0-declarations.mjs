/**
 * Writes declarations for TypeScript 5.0–5.6 beside the ones tsc emitted: every `.d.ts` under `dist/` is
 * copied into `dist/ts5.0/` (same tree, so relative imports still resolve) with the few constructs older
 * compilers refuse rewritten. package.json's `types@<5.7` export conditions point those compilers there;
 * 5.7 and later read `dist/` itself, with its more precise types.
 *
 * - `Uint8Array<ArrayBuffer>` (typed arrays are generic from 5.7) → `Uint8Array`: before 5.7 a typed array's
 *   buffer is always `ArrayBufferLike`, and the DOM's stream types of those versions accept that.
 * - `/// <reference lib="esnext.disposable" />` (a lib from 5.2) and `implements AsyncDisposable` are
 *   dropped. The `[Symbol.asyncDispose]()` member stays (5.2–5.6 users keep `await using`, which checks it
 *   structurally); for 5.0 and 5.1, whose libs lack the symbol, the file declares `Symbol.asyncDispose` in
 *   `SymbolConstructor` exactly as lib.esnext.disposable and @types/node do, so the declarations merge.
 *
 * Anything else an old compiler would refuse fails the build here rather than in a user's project.
 *
 * Usage: `node scripts/ts5.0-declarations.mjs [dist] [out]` (defaults: `dist`, `dist/ts5.0`).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPED_ARRAYS =
  '(?:Int8|Uint8|Uint8Clamped|Int16|Uint16|Int32|Uint32|Float32|Float64|BigInt64|BigUint64)Array|DataView|ArrayBufferView';
const TYPED_ARRAY_GENERIC = new RegExp(`\\b(${TYPED_ARRAYS})<[^<>]*>`, 'g');
const DISPOSABLE_LIB = /^\/\/\/ <reference lib="esnext\.disposable"[^>]*\/>\r?\n/m;
const IMPLEMENTS_ASYNC_DISPOSABLE = / implements AsyncDisposable(?= \{)/g;
const SOURCE_MAP = /^\/\/# sourceMappingURL=.*$/m;
const SYMBOL_AUGMENTATION = `declare global {
    interface SymbolConstructor {
        /** The method \`await using\` calls (declared here for TypeScript < 5.2, whose libs lack it). */
        readonly asyncDispose: unique symbol;
    }
}
`;
/** What must not be left after the rewrite, with why. */
const REFUSED = [
  [new RegExp(`\\b(?:${TYPED_ARRAYS})<`), 'a generic typed array (TypeScript 5.7)'],
  [/reference lib="esnext/, 'an esnext lib reference'],
  [
    /\b(?:AsyncDisposable|Disposable|DisposableStack|AsyncDisposableStack|SuppressedError)\b/,
    'a disposable type (5.2)',
  ],
  [/Symbol\.dispose\b/, 'Symbol.dispose (5.2)'],
  [/\bNoInfer</, 'NoInfer (5.4)'],
];

/**
 * The TypeScript 5.0 form of one declaration file's text.
 * @param {string} text the `.d.ts` tsc emitted
 * @param {string} file its path, for error messages
 * @returns {string}
 */
export function downlevel(text, file) {
  let out = text
    .replace(DISPOSABLE_LIB, '')
    .replace(TYPED_ARRAY_GENERIC, '$1')
    .replace(IMPLEMENTS_ASYNC_DISPOSABLE, '')
    // The maps describe dist/'s files, not these.
    .replace(SOURCE_MAP, '');
  if (out.includes('[Symbol.asyncDispose]')) out = `${out.trimEnd()}\n${SYMBOL_AUGMENTATION}`;
  for (const [pattern, what] of REFUSED) {
    const match = pattern.exec(out);
    if (match) {
      const line = out.slice(0, match.index).split('\n').length;
      throw new Error(`${file}:${line}: ${what} is left in the TypeScript 5.0 declarations: ${match[0]}`);
    }
  }
  return out;
}

/** The `.d.ts` files under `dir`, relative to it, without those under `skip`. */
function declarations(dir, skip, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === skip ? [] : declarations(path, skip, base);
    return entry.name.endsWith('.d.ts') ? [relative(base, path)] : [];
  });
}

/**
 * Rewrite every declaration of `dist` into `out` (emptied first).
 * @param {string} dist
 * @param {string} out
 * @returns {number} the number of files written
 */
export function writeDeclarations(dist, out) {
  rmSync(out, { recursive: true, force: true });
  const files = declarations(dist, out);
  for (const file of files) {
    const target = join(out, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, downlevel(readFileSync(join(dist, file), 'utf8'), join(dist, file)));
  }
  return files.length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? 'dist');
  const out = resolve(process.argv[3] ?? join(dist, 'ts5.0'));
  writeDeclarations(dist, out);
}
