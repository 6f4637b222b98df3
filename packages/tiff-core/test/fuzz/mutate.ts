/**
 * Mutations of valid TIFF files for fuzzing the parser: random bytes, and the fields that matter
 * (entry counts, types, counts, value offsets, next-IFD and SubIFD offsets, strip offsets) set to
 * values near the edges, truncation and copied ranges. A mutation is plain data, so fast-check shrinks
 * a failing list to a short, readable repro. Shared by tiff-core's parser fuzz and tiff-writer's
 * append fuzz (types only from tiff-core, so either package's build of it fits).
 */
import fc from 'fast-check';
import type { ParsedIfd, ParsedTiff } from '../../src/index.js';

/** A field of the file worth aiming at: `width` bytes at `at`, in the file's byte order. */
export interface Target {
  readonly at: number;
  readonly width: 2 | 4 | 8;
  readonly role: string;
}

export type Mutation =
  | { readonly kind: 'byte'; readonly at: number; readonly value: number }
  | { readonly kind: 'field'; readonly target: number; readonly value: Edge }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'copy'; readonly from: number; readonly to: number; readonly length: number }
  | { readonly kind: 'extend'; readonly length: number; readonly fill: number };

/** Values near the edges: relative to the file size, powers of two, and all-ones of each width. */
export type Edge =
  | { readonly relative: number }
  | { readonly absolute: number }
  | { readonly random: number }
  | { readonly ones: true };

/** A valid file to mutate: its bytes, byte order and the fields worth aiming at. */
export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly littleEndian: boolean;
  readonly targets: readonly Target[];
}

const TAGS_WITH_OFFSETS = new Set([273, 279, 324, 325, 330, 50838]);

/** The fields of a parsed (valid) file worth aiming at. */
export function targetsOf(tiff: ParsedTiff): Target[] {
  const { format } = tiff;
  const offsetWidth = format.offsetSize;
  const targets: Target[] = [{ at: format.firstIfdFieldOffset, width: offsetWidth, role: 'first IFD offset' }];
  const visit = (ifd: ParsedIfd): void => {
    targets.push({
      at: ifd.offset,
      width: format.entryCountSize === 2 ? 2 : 8,
      role: `entry count of IFD ${ifd.offset}`,
    });
    targets.push({ at: ifd.nextIfdFieldOffset, width: offsetWidth, role: `next-IFD field of IFD ${ifd.offset}` });
    for (const entry of ifd.entries) {
      const tag = `tag ${entry.code} of IFD ${ifd.offset}`;
      targets.push({ at: entry.entryOffset + 2, width: 2, role: `type of ${tag}` });
      targets.push({ at: entry.entryOffset + 4, width: offsetWidth, role: `count of ${tag}` });
      if (!entry.inline)
        targets.push({ at: entry.entryOffset + 4 + offsetWidth, width: offsetWidth, role: `offset of ${tag}` });
      if (TAGS_WITH_OFFSETS.has(entry.code) && Array.isArray(entry.value)) {
        const size = entry.value.length > 0 ? Math.min(8, Math.max(2, bytesPer(entry.type))) : 0;
        for (let i = 0; i < Math.min(entry.value.length, 4); i++) {
          targets.push({ at: entry.valueOffset + i * size, width: size as 2 | 4 | 8, role: `value ${i} of ${tag}` });
        }
      }
    }
    for (const sub of ifd.subIfds) visit(sub);
  };
  for (const ifd of tiff.ifds) visit(ifd);
  return targets;
}

function bytesPer(type: number): number {
  if (type === 3 || type === 8) return 2;
  if (type === 16 || type === 17 || type === 18) return 8;
  return 4;
}

const edge: fc.Arbitrary<Edge> = fc.oneof(
  fc.record({ relative: fc.integer({ min: -24, max: 24 }) }),
  fc.record({
    absolute: fc.constantFrom(0, 1, 2, 3, 7, 8, 15, 16, 255, 256, 0xffff, 0x1_0000, 2 ** 30, 2 ** 31, 2 ** 32 - 1),
  }),
  fc.record({ random: fc.integer({ min: 0, max: 0xffff_ffff }) }),
  fc.constant({ ones: true } as const),
);

/** Lists of 1 to `max` mutations; positions are fractions of the file, resolved when applied. */
export function mutations(max = 4): fc.Arbitrary<Mutation[]> {
  const fraction = fc.integer({ min: 0, max: 1_000_000 });
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('byte' as const),
        at: fraction,
        value: fc.integer({ min: 0, max: 255 }),
      }),
    },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('field' as const), target: fraction, value: edge }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fraction }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('copy' as const),
        from: fraction,
        to: fraction,
        length: fc.integer({ min: 1, max: 64 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extend' as const),
        length: fc.integer({ min: 1, max: 64 }),
        fill: fc.integer({ min: 0, max: 255 }),
      }),
    },
  );
  return fc.array(mutation, { minLength: 1, maxLength: max });
}

function index(fraction: number, length: number): number {
  return length === 0 ? 0 : Math.min(length - 1, Math.floor((fraction / 1_000_001) * length));
}

function edgeValue(value: Edge, size: number, width: number): bigint {
  const max = (1n << BigInt(width * 8)) - 1n;
  let v: bigint;
  if ('relative' in value) v = BigInt(Math.max(0, size + value.relative));
  else if ('absolute' in value) v = BigInt(value.absolute);
  else if ('random' in value) v = BigInt(value.random);
  else v = max;
  return v & max;
}

/** Apply `list` to a copy of the seed's bytes. */
export function applyMutations(seed: Seed, list: readonly Mutation[]): Uint8Array {
  let bytes = seed.bytes.slice();
  for (const m of list) {
    switch (m.kind) {
      case 'byte':
        if (bytes.length > 0) bytes[index(m.at, bytes.length)] = m.value;
        break;
      case 'field': {
        const target = seed.targets[index(m.target, seed.targets.length)];
        if (!target || target.at + target.width > bytes.length) break;
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
        const v = edgeValue(m.value, bytes.length, target.width);
        if (target.width === 2) view.setUint16(target.at, Number(v), seed.littleEndian);
        else if (target.width === 4) view.setUint32(target.at, Number(v), seed.littleEndian);
        else view.setBigUint64(target.at, v, seed.littleEndian);
        break;
      }
      case 'truncate':
        bytes = bytes.slice(0, index(m.at, bytes.length + 1));
        break;
      case 'copy': {
        const from = index(m.from, bytes.length);
        const to = index(m.to, bytes.length);
        const length = Math.min(m.length, bytes.length - from, bytes.length - to);
        if (length > 0) bytes.copyWithin(to, from, from + length);
        break;
      }
      case 'extend': {
        const grown = new Uint8Array(bytes.length + m.length).fill(m.fill);
        grown.set(bytes);
        bytes = grown;
        break;
      }
    }
  }
  return bytes;
}

/** Whether the mutated file's header differs from the seed's (so NOT_A_TIFF is a fair answer). */
export function headerChanged(seed: Seed, bytes: Uint8Array): boolean {
  const headerSize = seed.bytes[2] === 43 || seed.bytes[3] === 43 ? 16 : 8;
  if (bytes.length < headerSize) return true;
  for (let i = 0; i < 8; i++) if (bytes[i] !== seed.bytes[i]) return true;
  return false;
}

/** Outcome counts of a fuzz run, printed by `pnpm fuzz`. */
export interface FuzzSummary {
  mode: string;
  seed: number;
  cases: number;
  outcomes: Record<string, number>;
  defects: { seed: string; counterexample: string; error: string }[];
  milliseconds: number;
  slowestCaseMs: number;
  [extra: string]: unknown;
}

/** Fuzz settings from the environment: `FUZZ_RUNS` (cases per seed file), `FUZZ_SEED`. */
export function fuzzSettings(defaultRuns: number): { runs: number; seed: number; summaryPath: string | undefined } {
  const runs = Number(process.env['FUZZ_RUNS'] ?? defaultRuns);
  const seed = Number(process.env['FUZZ_SEED'] ?? 20_261_129);
  return {
    runs: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns,
    seed: Number.isInteger(seed) ? seed : 20_261_129,
    summaryPath: process.env['FUZZ_SUMMARY'],
  };
}

export function tally(summary: FuzzSummary, outcome: string): void {
  summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
  summary.cases++;
}
