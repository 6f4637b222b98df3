/**
 * Mutation fuzzing of the IFD parser (issue 10): valid files of every container kind, randomly
 * mutated, must parse or be refused as CORRUPT_TIFF (NOT_A_TIFF when the header changed), quickly,
 * reading a bounded multiple of the file size, and never fail any other way. A bounded fixed-seed run
 * here; `pnpm fuzz parse --runs N` runs longer (FUZZ_RUNS, FUZZ_SEED, FUZZ_SUMMARY).
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bytesSource,
  FieldType,
  fieldTypeInfo,
  type IfdEntry,
  type ParsedIfd,
  type ParsedTiff,
  parseTiff,
  TiffError,
  type TiffFormat,
  tiffFormat,
} from '../src/index.js';
import { buildTiff } from './build-tiff.js';
import {
  applyMutations,
  type FuzzSummary,
  fuzzSettings,
  headerChanged,
  mutations,
  type Seed,
  tally,
  targetsOf,
} from './fuzz/mutate.js';

const { runs, seed, summaryPath } = fuzzSettings(250);
/** A hang guard, not a performance assertion: a case takes well under a millisecond. */
const CASE_TIME_LIMIT_MS = 5000;

/** A page as a writer lays it out: strips, a description, rationals, doubles, a colormap. */
function page(format: TiffFormat, strips: number): (at: Record<string, number>) => IfdEntry[] {
  const offsetType = format.bigtiff ? FieldType.LONG8 : FieldType.LONG;
  return () => [
    { code: 256, type: FieldType.SHORT, value: [16] },
    { code: 257, type: FieldType.LONG, value: [strips * 2] },
    { code: 258, type: FieldType.SHORT, value: [8, 8, 8] },
    { code: 270, type: FieldType.ASCII, value: '{"shape": [4, 16, 3]}' },
    { code: 273, type: offsetType, value: Array.from({ length: strips }, (_, i) => 16 + i * 96) },
    { code: 279, type: offsetType, value: Array.from({ length: strips }, () => 96) },
    { code: 282, type: FieldType.RATIONAL, value: [72, 1] },
    { code: 320, type: FieldType.SHORT, value: Array.from({ length: 48 }, (_, i) => i * 1000) },
    { code: 33550, type: FieldType.DOUBLE, value: [0.5, 0.25, 1] },
    format.bigtiff
      ? { code: 65000, type: FieldType.SLONG8, value: [-1n, 2n ** 60n] }
      : { code: 65000, type: FieldType.SLONG, value: [-1, 2 ** 30] },
  ];
}

function seeds(): { name: string; bytes: Uint8Array; format: TiffFormat }[] {
  const out: { name: string; bytes: Uint8Array; format: TiffFormat }[] = [];
  for (const bigtiff of [false, true]) {
    for (const order of ['<', '>'] as const) {
      const format = tiffFormat(bigtiff, order);
      const subType = bigtiff ? FieldType.IFD8 : FieldType.IFD;
      const built = buildTiff(
        format,
        [
          {
            name: 'a',
            entries: (at) => [
              ...page(format, 2)(at),
              { code: 330, type: subType, value: [at['s1'] ?? 0, at['s2'] ?? 0] },
            ],
            next: 'b',
          },
          {
            name: 's1',
            entries: (at) => [...page(format, 1)(at), { code: 330, type: subType, value: [at['n'] ?? 0] }],
          },
          { name: 's2', entries: page(format, 1) },
          { name: 'n', entries: page(format, 3) },
          { name: 'b', entries: page(format, 4), next: 'c' },
          { name: 'c', entries: page(format, 1) },
        ],
        'a',
      );
      const name = `${bigtiff ? 'BigTIFF' : 'classic'} ${order}`;
      out.push({ name, bytes: built.bytes, format });
    }
  }
  return out;
}

async function seedOf(name: string, bytes: Uint8Array, format: TiffFormat): Promise<Seed> {
  return { name, bytes, littleEndian: format.littleEndian, targets: targetsOf(await parseTiff(bytesSource(bytes))) };
}

/** What every successful parse must satisfy, whatever the bytes. */
function checkParsed(tiff: ParsedTiff, size: number): void {
  const all: ParsedIfd[] = [];
  const visit = (ifd: ParsedIfd) => {
    all.push(ifd);
    for (const sub of ifd.subIfds) visit(sub);
  };
  for (const ifd of tiff.ifds) visit(ifd);
  expect(new Set(all.map((ifd) => ifd.offset)).size).toBe(all.length);
  for (const ifd of all) {
    expect(ifd.offset).toBeGreaterThanOrEqual(tiff.format.headerSize);
    expect(ifd.nextIfdFieldOffset + tiff.format.offsetSize).toBeLessThanOrEqual(size);
    for (const entry of ifd.entries) {
      if (entry.inline) continue;
      const bytesEach = fieldTypeInfo(entry.type)?.size ?? 0;
      expect(entry.valueOffset + entry.count * bytesEach).toBeLessThanOrEqual(size);
    }
  }
  expect(tiff.lastNextIfdFieldOffset + tiff.format.offsetSize).toBeLessThanOrEqual(size);
}

const summary: FuzzSummary = {
  mode: 'parse (tiff-core)',
  seed,
  cases: 0,
  outcomes: {},
  defects: [],
  milliseconds: 0,
  slowestCaseMs: 0,
  maxReadRatio: 0,
};

afterAll(() => {
  if (summaryPath) writeFileSync(summaryPath, JSON.stringify(summary, null, 2));
});

describe('parser mutation fuzz', () => {
  const all = seeds();
  for (const [i, plain] of all.entries()) {
    it(
      `${plain.name}: mutated files parse or are refused as corrupt (${runs} cases)`,
      async () => {
        const file = await seedOf(plain.name, plain.bytes, plain.format);
        const started = performance.now();
        const result = await fc.check(
          fc.asyncProperty(mutations(), async (list) => {
            const bytes = applyMutations(file, list);
            let requested = 0;
            const inner = bytesSource(bytes);
            const source = {
              size: bytes.length,
              read: (position: number, length: number) => {
                requested += length;
                return inner.read(position, length);
              },
            };
            const t0 = performance.now();
            let outcome: string;
            try {
              checkParsed(await parseTiff(source), bytes.length);
              outcome = 'parsed';
            } catch (error) {
              if (!(error instanceof TiffError)) throw error;
              if (error.code === 'NOT_A_TIFF' && !headerChanged(file, bytes)) throw error;
              if (error.code !== 'CORRUPT_TIFF' && error.code !== 'NOT_A_TIFF') throw error;
              outcome = error.code;
            }
            const elapsed = performance.now() - t0;
            summary.slowestCaseMs = Math.max(summary.slowestCaseMs, elapsed);
            const ratio = requested / Math.max(1, bytes.length);
            summary['maxReadRatio'] = Math.max(summary['maxReadRatio'] as number, ratio);
            if (elapsed > CASE_TIME_LIMIT_MS) throw new Error(`parsing took ${elapsed.toFixed(0)} ms`);
            if (requested > 3 * bytes.length + 1024 * 1024 + 64)
              throw new Error(`read ${requested} bytes of ${bytes.length}`);
            tally(summary, outcome);
          }),
          { numRuns: runs, seed: seed + i, endOnFailure: false },
        );
        summary.milliseconds += performance.now() - started;
        if (result.failed) {
          summary.defects.push({
            seed: file.name,
            counterexample: fc.stringify(result.counterexample),
            error: String((result.errorInstance as Error | undefined)?.stack ?? result.errorInstance),
          });
        }
        expect(result.failed ? fc.defaultReportMessage(result) : 'no defect').toBe('no defect');
      },
      60_000 + runs * 50,
    );
  }

  it('every seed is a valid file the parser reads whole', async () => {
    for (const plain of all) {
      const tiff = await parseTiff(bytesSource(plain.bytes));
      expect(tiff.ifds).toHaveLength(3);
      expect(tiff.ifds[0]?.subIfds.map((s) => s.subIfds.length)).toEqual([1, 0]);
      expect((await seedOf(plain.name, plain.bytes, plain.format)).targets.length).toBeGreaterThan(100);
    }
  });
});
