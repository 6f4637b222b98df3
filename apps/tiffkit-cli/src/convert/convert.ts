import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { TiffError } from '@tiffkit/tiff-core';
import { TiffWriter, type WriterKind } from '@tiffkit/tiff-writer';
import { CliError, ExitCode } from './errors.js';
import { openInputs } from './inputs/open.js';
import { Interrupt } from './interrupt.js';
import type { ConvertOptions } from './options.js';
import { createProgress } from './progress.js';
import { existingLevels, hasSamples, type SeriesSummary, seriesAxes, seriesBytes, writeSeries } from './series.js';
import type { ArraySource } from './source.js';
import { removeAllNow, track, untrack } from './temp-files.js';

/** The `--json` summary of a conversion. */
export interface ConvertSummary {
  readonly inputs: readonly string[];
  readonly output: string;
  readonly kind: WriterKind;
  readonly bigtiff: boolean;
  readonly byteorder: '<' | '>';
  readonly series: SeriesSummary[];
  /** Bytes of values written (decoded), levels included. */
  readonly bytes: number;
  /** Size of OUTPUT. */
  readonly fileBytes: number;
  readonly seconds: number;
  /** Values written per second, in MiB/s. */
  readonly mibPerSecond: number;
  /** The process's peak resident set size so far (what --memory bounds, plus Node itself). */
  readonly peakRssBytes: number;
}

/** Uncompressed data beyond this needs BigTIFF (the writer's imwrite threshold: 4 GiB − 32 MiB). */
const BIGTIFF_AUTO = 2 ** 32 - 2 ** 25;

function isOmeName(path: string): boolean {
  return /\.ome\.[^./\\]+$/i.test(path);
}

/**
 * Convert `options.inputs` into OUTPUT. The file is written under a temporary name beside OUTPUT and
 * renamed when complete, so OUTPUT is never half-written: a failure or SIGINT removes the temporary
 * file (with --append, the original is copied first and only replaced on success).
 */
export async function runConvert(options: ConvertOptions): Promise<ConvertSummary> {
  const started = performance.now();
  const output = resolve(options.output);
  const exists = await stat(output).then(
    (s) => s,
    () => undefined,
  );
  if (exists && !options.overwrite && !options.append) {
    throw new CliError(
      `${options.output}: already exists; pass --overwrite to replace it or --append to add to it`,
      ExitCode.EXISTS,
    );
  }
  if (exists?.isDirectory()) throw new CliError(`${options.output}: is a directory`);
  for (const input of options.inputs) {
    if (resolve(input) === output) throw new CliError(`${options.output}: is also an input; write to another file`);
  }
  const tempDir = dirname(output);
  const partial = join(tempDir, `.${basename(output)}.tiffkit-${process.pid}.partial`);
  const interrupt = new Interrupt(removeAllNow, options.quiet);
  let sources: ArraySource[] = [];
  let writer: TiffWriter | undefined;
  try {
    sources = await openInputs(options, tempDir);
    interrupt.check();
    const kind: WriterKind = options.kind ?? (isOmeName(output) ? 'ome' : 'shaped');
    const pageDims = sources.map((s) => (hasSamples(s, seriesAxes(s, options), options) ? 3 : 2));
    const total = sources.reduce(
      (sum, s, i) =>
        sum + seriesBytes(s, pageDims[i] as number, options.pyramid?.levels ?? 0, existingLevels(s, kind, options)),
      0,
    );
    const byteorder = options.byteorder ?? (sources[0]?.byteOrder as '<' | '>');
    track(partial);
    if (options.append && exists) await copyFile(output, partial);
    writer = await TiffWriter.open(partial, {
      kind,
      bigtiff: options.bigtiff || total > BIGTIFF_AUTO,
      byteorder,
      ...(options.append && exists ? { append: true } : {}),
      onWarning: (warning) => {
        if (!options.quiet) process.stderr.write(`tiffkit: warning: ${warning.message}\n`);
      },
    });
    const progress = createProgress(total, options.quiet || options.json ? 'quiet' : 'auto');
    const series: SeriesSummary[] = [];
    let completed = false;
    try {
      for (const [index, source] of sources.entries()) {
        series.push(
          await writeSeries(source, index, {
            writer,
            kind,
            options,
            tempDir,
            check: () => interrupt.check(),
            advance: (bytes) => progress.advance(bytes),
            stage: (label) => progress.stage(label),
          }),
        );
      }
      interrupt.check();
      completed = true;
    } finally {
      progress.stop(completed);
    }
    const { tiff } = writer;
    const w = writer;
    writer = undefined;
    await w.close();
    interrupt.check();
    await rename(partial, output);
    untrack(partial);
    const seconds = (performance.now() - started) / 1000;
    const bytes = series.reduce((sum, s) => sum + s.bytes, 0);
    return {
      inputs: options.inputs,
      output: options.output,
      kind,
      bigtiff: tiff.bigtiff,
      byteorder: tiff.byteOrder,
      series,
      bytes,
      fileBytes: (await stat(output)).size,
      seconds: Math.round(seconds * 1000) / 1000,
      mibPerSecond: Math.round((bytes / 2 ** 20 / seconds) * 10) / 10,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } catch (error) {
    await writer?.close().catch(() => undefined);
    await rm(partial, { force: true });
    untrack(partial);
    if (interrupt.interrupted) interrupt.check();
    throw describeError(error);
  } finally {
    interrupt.dispose();
    for (const source of sources) await source.close().catch(() => undefined);
  }
}

/** One line for any failure: the writer's errors name their option; file errors their path. */
function describeError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  // The writer wraps what an iterator throws (our read errors, an interruption) as a sink error.
  if (error instanceof TiffError && error.cause instanceof Error && !(error.cause instanceof TiffError)) {
    return describeError(error.cause);
  }
  if (error instanceof TiffError) {
    const option = error.option ? ` (option ${error.option})` : '';
    return new CliError(`${error.message}${option} [${error.code}]`);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (code && path) return new CliError(`${path}: ${(error as Error).message.replace(/^\w+: /, '')}`);
  return error;
}
