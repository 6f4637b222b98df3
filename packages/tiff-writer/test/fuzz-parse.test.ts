/**
 * Mutation fuzzing of what append and `tiffkit info` parse (issue 10): files made by this writer, of
 * every kind, randomly mutated. Parsing must succeed or raise CORRUPT_TIFF (NOT_A_TIFF for a broken
 * header) quickly; `TiffWriter.open(file, { append: true })` must either succeed, and then appending a
 * page must give a file that parses with one more IFD, or throw a TiffError leaving the file
 * byte-identical. A bounded fixed-seed run here; `pnpm fuzz parse --runs N` runs longer.
 */
import { writeFileSync } from 'node:fs';
import { bytesSource, fieldTypeInfo, type ParsedIfd, type ParsedTiff, parseTiff } from '@tiffkit/tiff-core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyMutations,
  type FuzzSummary,
  fuzzSettings,
  headerChanged,
  mutations,
  type Seed,
  tally,
  targetsOf,
} from '../../tiff-core/test/fuzz/mutate.js';
import { imwrite, MemorySink, TiffError, TiffWriter } from '../src/index.js';
import { testValues } from './helpers/data.js';

const { runs, seed, summaryPath } = fuzzSettings(50);
/** A hang guard, not a performance assertion: a case takes a few milliseconds. */
const CASE_TIME_LIMIT_MS = 10_000;

const u8 = (n: number, s = 1) => testValues('uint8', n, s) as Uint8Array;
const u16 = (n: number, s = 1) => testValues('uint16', n, s) as Uint16Array;

/** The kinds of file the writer makes, each written to a MemorySink. */
const KINDS: Record<string, (sink: MemorySink) => Promise<unknown>> = {
  plain: (sink) => imwrite(sink, { data: u8(16 * 12), shape: [16, 12] }, { metadata: null }),
  shaped: (sink) => imwrite(sink, { data: u16(3 * 8 * 6), shape: [3, 8, 6] }, { rowsPerStrip: 3 }),
  bigtiff: (sink) =>
    imwrite(sink, { data: testValues('float32', 2 * 8 * 8, 2), shape: [2, 8, 8] }, { bigtiff: true, rowsPerStrip: 2 }),
  'big-endian': (sink) =>
    imwrite(sink, { data: testValues('int16', 8 * 8, 3), shape: [8, 8] }, { byteorder: '>', rowsPerStrip: 2 }),
  tiled: (sink) => imwrite(sink, { data: u8(2 * 32 * 32), shape: [2, 32, 32] }, { tile: [16, 16] }),
  compressed: (sink) =>
    imwrite(sink, { data: u16(16 * 16), shape: [16, 16] }, { compression: 'zlib', predictor: true, rowsPerStrip: 4 }),
  'rgb-lzw': (sink) =>
    imwrite(
      sink,
      { data: u8(8 * 8 * 3), shape: [8, 8, 3] },
      { photometric: 'rgb', compression: 'lzw', rowsPerStrip: 4 },
    ),
  pyramid: async (sink) => {
    const writer = await TiffWriter.open(sink, { bigtiff: true });
    await writer.write({ data: u8(2 * 16 * 16), shape: [2, 16, 16] }, { subIfds: 2, photometric: 'minisblack' });
    await writer.write({ data: u8(2 * 8 * 8, 2), shape: [2, 8, 8] }, { subfileType: 1, photometric: 'minisblack' });
    await writer.write({ data: u8(2 * 4 * 4, 3), shape: [2, 4, 4] }, { subfileType: 1, photometric: 'minisblack' });
    await writer.close();
  },
  ome: (sink) =>
    imwrite(sink, { data: u16(2 * 3 * 8 * 8), shape: [2, 3, 8, 8] }, { ome: true, metadata: { axes: 'TCYX' } }),
  imagej: (sink) => imwrite(sink, { data: u8(2 * 3 * 8 * 8), shape: [2, 3, 8, 8] }, { imagej: true }),
  colormap: (sink) =>
    imwrite(
      sink,
      { data: u8(4 * 8 * 8), shape: [4, 8, 8] },
      { photometric: 'palette', colormap: { data: u16(3 * 256), shape: [3, 256] } },
    ),
};

async function seedOf(name: string): Promise<Seed> {
  const sink = new MemorySink();
  const make = KINDS[name];
  if (!make) throw new Error(`no kind ${name}`);
  await make(sink);
  const bytes = sink.toUint8Array().slice();
  const tiff = await parseTiff(bytesSource(bytes));
  return { name, bytes, littleEndian: tiff.format.littleEndian, targets: targetsOf(tiff) };
}

const summary: FuzzSummary = {
  mode: 'parse + append (writer-made files)',
  seed,
  cases: 0,
  outcomes: {},
  defects: [],
  milliseconds: 0,
  slowestCaseMs: 0,
  appended: 0,
};

afterAll(() => {
  if (summaryPath) writeFileSync(summaryPath, JSON.stringify(summary, null, 2));
});

/** One mutated file: parse it, then try to append to it. Throws on any defect. */
async function check(file: Seed, bytes: Uint8Array): Promise<string> {
  let parsed: Awaited<ReturnType<typeof parseTiff>> | undefined;
  let outcome: string;
  try {
    parsed = await parseTiff(bytesSource(bytes));
    expect(outsideValues(parsed, bytes.length)).toEqual([]);
    outcome = 'parsed';
  } catch (error) {
    if (!(error instanceof TiffError)) throw error;
    if (error.code === 'NOT_A_TIFF' && !headerChanged(file, bytes)) throw error;
    if (error.code !== 'CORRUPT_TIFF' && error.code !== 'NOT_A_TIFF') throw error;
    outcome = error.code;
  }
  const sink = MemorySink.from(bytes);
  let writer: TiffWriter;
  try {
    writer = await TiffWriter.open(sink, { append: true });
  } catch (error) {
    if (!(error instanceof TiffError)) throw error;
    expect(sink.toUint8Array()).toEqual(bytes);
    // Append refuses exactly what the parser refuses, plus files carrying ImageJ or OME metadata.
    if (parsed) expect(error.code).toBe('APPEND_REFUSED');
    else expect(error.code).toBe(outcome);
    return `${outcome}, append refused (${error.code}), file unchanged`;
  }
  // An empty file is no TIFF yet: appending to it starts a new one.
  if (bytes.length > 0) expect(parsed, 'append accepted a file the parser refuses').toBeDefined();
  await writer.write(new Uint16Array([1, 2, 3, 4, 5, 6]), { shape: [2, 3] });
  await writer.close();
  const after = await parseTiff(bytesSource(sink.toUint8Array().slice()));
  expect(after.ifds.length).toBe((parsed?.ifds.length ?? 0) + 1);
  expect(after.ifds.at(-1)?.entries.find((e) => e.code === 256)?.value).toEqual([3]);
  expect(sink.toUint8Array().subarray(0, bytes.length).slice()).toEqual(patchedOnlyAtLink(bytes, parsed, sink));
  summary['appended'] = (summary['appended'] as number) + 1;
  return bytes.length === 0 ? 'empty file, appending started a new TIFF' : `${outcome}, appended`;
}

/** Out-of-line values of a parsed file that do not lie inside it (issue 10, defect 9): none may. */
function outsideValues(tiff: ParsedTiff, size: number): string[] {
  const out: string[] = [];
  const visit = (ifd: ParsedIfd) => {
    for (const e of ifd.entries) {
      const end = e.valueOffset + e.count * (fieldTypeInfo(e.type)?.size ?? 0);
      if (!e.inline && end > size) out.push(`tag ${e.code} of IFD ${ifd.offset}: values end at ${end}`);
    }
    ifd.subIfds.forEach(visit);
  };
  tiff.ifds.forEach(visit);
  return out;
}

/** The original bytes with only the last next-IFD field changed: what an append may touch. */
function patchedOnlyAtLink(
  bytes: Uint8Array,
  parsed: Awaited<ReturnType<typeof parseTiff>> | undefined,
  sink: MemorySink,
): Uint8Array {
  const expected = bytes.slice();
  if (!parsed) return expected;
  const at = parsed.lastNextIfdFieldOffset;
  expected.set(sink.toUint8Array().subarray(at, at + parsed.format.offsetSize), at);
  return expected;
}

describe('writer-made files, mutated: parse and append', () => {
  for (const [i, name] of Object.keys(KINDS).entries()) {
    it(
      `${name}: parse or CORRUPT_TIFF; append succeeds or leaves the file unchanged (${runs} cases)`,
      async () => {
        const file = await seedOf(name);
        const started = performance.now();
        const result = await fc.check(
          fc.asyncProperty(mutations(), async (list) => {
            const bytes = applyMutations(file, list);
            const t0 = performance.now();
            const outcome = await check(file, bytes);
            const elapsed = performance.now() - t0;
            summary.slowestCaseMs = Math.max(summary.slowestCaseMs, elapsed);
            if (elapsed > CASE_TIME_LIMIT_MS) throw new Error(`parse and append took ${elapsed.toFixed(0)} ms`);
            tally(summary, outcome);
          }),
          { numRuns: runs, seed: seed + i },
        );
        summary.milliseconds += performance.now() - started;
        if (result.failed) {
          summary.defects.push({
            seed: name,
            counterexample: fc.stringify(result.counterexample),
            error: String(result.errorInstance).split('\n').slice(0, 3).join('\n'),
          });
        }
        expect(result.failed ? fc.defaultReportMessage(result) : 'no defect').toBe('no defect');
      },
      60_000 + runs * 100,
    );
  }
});
