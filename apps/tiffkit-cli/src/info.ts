import {
  type DecodedValue,
  FieldType,
  fieldTypeName,
  type ParsedEntry,
  type ParsedIfd,
  type ParsedTiff,
} from '@tiffkit/tiff-core';
import { openFileSource } from '@tiffkit/tiff-core/node';
import { CliError } from './convert/errors.js';
import { valueNames } from './enum-names.js';
import { withFileErrors } from './file-errors.js';
import { parseReadable, type StopPoint } from './partial-parse.js';
import { type SeriesSummary, summariseSeries } from './series.js';

export interface DescribeOptions {
  /** Print at most this many main-chain IFDs in full (all by default). */
  readonly maxIfds?: number;
  /** Print the header, counts and series only, no IFD's tags (for files with thousands of IFDs). */
  readonly summary?: boolean;
}

/**
 * Parse the file, or as much of a damaged one as can be read (`stopped` says where it stopped);
 * failures are one line naming `path` (see fileError).
 */
export async function readTiffFile(path: string): Promise<{ tiff: ParsedTiff; size: number; stopped?: StopPoint }> {
  return withFileErrors(path, async () => {
    const source = await openFileSource(path);
    try {
      return { ...(await parseReadable(source)), size: source.size };
    } finally {
      await source.close();
    }
  });
}

function formatValue(
  value: DecodedValue | undefined,
  count: number,
  type: number,
  names: readonly (string | undefined)[] = [],
): string {
  if (value === undefined) return `<${count} values not read>`;
  if (typeof value === 'string') {
    const oneLine = value.replace(/\n/g, '\\n');
    return oneLine.length > 200 ? `${oneLine.slice(0, 197)}... (${value.length} chars)` : oneLine;
  }
  let items: string[] = Array.from(value as ArrayLike<number | bigint>, (v, i) => {
    const name = names[i];
    return name === undefined ? String(v) : `${v} (${name})`;
  });
  if (type === FieldType.RATIONAL || type === FieldType.SRATIONAL) {
    items = items.flatMap((v, i) => (i % 2 === 0 ? [`${v}/${items[i + 1]}`] : []));
  }
  const shown = items.slice(0, 8).join(' ');
  return items.length > 8 ? `${shown} ... (${items.length} values)` : shown;
}

function formatEntry(entry: ParsedEntry): string {
  const name = `${entry.code} ${entry.name}`.padEnd(30);
  const type = fieldTypeName(entry.type).padEnd(9);
  return `${name} ${type} ${String(entry.count).padStart(6)}  ${formatValue(entry.value, entry.count, entry.type, valueNames(entry.code, entry.value))}`;
}

function describeIfd(ifd: ParsedIfd, title: string, indent: string, lines: string[]): void {
  lines.push(`${indent}${title} at ${ifd.offset} (${ifd.entries.length} entries, next IFD ${ifd.nextIfdOffset})`);
  for (const entry of ifd.entries) lines.push(`${indent}  ${formatEntry(entry)}`);
  ifd.subIfds.forEach((sub, i) => {
    describeIfd(sub, `SubIFD ${i}`, `${indent}    `, lines);
  });
}

function formatSeries(series: SeriesSummary, index: number): string {
  const axes = series.axes ? ` (${series.axes})` : '';
  const levels = series.levels > 0 ? `, ${series.levels} SubIFD levels` : '';
  const ifds =
    series.pages === 1 ? `IFD ${series.firstIfd}` : `IFDs ${series.firstIfd}..${series.firstIfd + series.pages - 1}`;
  return `  ${index}: ${series.kind}, shape [${series.shape.join(', ')}]${axes}, ${series.dtype}, ${ifds}${levels}`;
}

/** How many IFDs and pages a file holds, for `--summary`. */
export interface TiffCounts {
  /** IFDs in the main chain. */
  readonly ifds: number;
  /** IFDs reached through SubIFDs tags (pyramid levels, thumbnails). */
  readonly subIfds: number;
  /** Pages of all series together (main-chain IFDs that belong to a series). */
  readonly pages: number;
  readonly series: number;
}

function countSubIfds(ifd: ParsedIfd): number {
  return ifd.subIfds.reduce((n, sub) => n + 1 + countSubIfds(sub), 0);
}

/** IFD, SubIFD, page and series counts of a parsed file. */
export function countTiff(tiff: ParsedTiff, series: readonly SeriesSummary[]): TiffCounts {
  return {
    ifds: tiff.ifds.length,
    subIfds: tiff.ifds.reduce((n, ifd) => n + countSubIfds(ifd), 0),
    pages: series.reduce((n, s) => n + s.pages, 0),
    series: series.length,
  };
}

/** `stopped at IFD 5 (offset 3933096): <why>`, in the listing and in the error. */
export function stopLine(stopped: StopPoint): string {
  return `stopped at IFD ${stopped.ifd} (offset ${stopped.offset}): ${stopped.reason}`;
}

/** The error that ends `info` on a damaged file, after what could be read was printed. */
function damaged(path: string, stopped: StopPoint): CliError {
  return new CliError(`${path}: damaged, ${stopLine(stopped)} [CORRUPT_TIFF]`);
}

/** A human-readable description: header, IFDs with their tags by name, and the series. */
export async function describeFile(path: string, options: DescribeOptions = {}): Promise<string> {
  return describeParsed(path, await readTiffFile(path), options);
}

function describeParsed(
  path: string,
  { tiff, size, stopped }: { tiff: ParsedTiff; size: number; stopped?: StopPoint | undefined },
  options: DescribeOptions,
): string {
  const { format } = tiff;
  const series = summariseSeries(tiff);
  const lines = [
    `file: ${path} (${size} bytes)`,
    `format: ${format.bigtiff ? 'BigTIFF' : 'classic TIFF'}, ${format.littleEndian ? 'little-endian (II)' : 'big-endian (MM)'}, ${tiff.ifds.length} IFDs in the main chain`,
  ];
  if (options.summary) {
    const counts = countTiff(tiff, series);
    lines.push(
      `counts: ${counts.ifds} IFDs, ${counts.subIfds} SubIFDs, ${counts.pages} pages in ${counts.series} series`,
    );
  }
  const shown = options.summary ? 0 : Math.min(tiff.ifds.length, options.maxIfds ?? Number.POSITIVE_INFINITY);
  for (let i = 0; i < shown; i++) describeIfd(tiff.ifds[i] as ParsedIfd, `IFD ${i}`, '', lines);
  if (shown < tiff.ifds.length && !options.summary)
    lines.push(`... ${tiff.ifds.length - shown} more IFDs (tiffkit info ${path} lists all)`);
  if (stopped) lines.push(stopLine(stopped));
  lines.push('series:');
  series.forEach((s, i) => {
    lines.push(formatSeries(s, i));
  });
  return `${lines.join('\n')}\n`;
}

function jsonValue(value: DecodedValue | undefined): unknown {
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'bigint' ? v.toString() : v));
  return value;
}

function ifdJson(ifd: ParsedIfd): unknown {
  return {
    offset: ifd.offset,
    next: ifd.nextIfdOffset,
    tags: ifd.entries.map((e) => {
      // Enum tags also carry their values' names; `value` stays numbers, as for every tag.
      const names = valueNames(e.code, e.value);
      return {
        code: e.code,
        name: e.name,
        type: fieldTypeName(e.type),
        count: e.count,
        value: jsonValue(e.value),
        ...(names ? { valueNames: names.map((n) => n ?? null) } : {}),
      };
    }),
    subIfds: ifd.subIfds.map(ifdJson),
  };
}

/** What `tiffkit info` was asked for. */
export interface InfoOptions {
  readonly json?: boolean;
  readonly summary?: boolean;
}

/** `tiffkit info`: the description, or its JSON form, on stdout. */
export async function runInfo(path: string, options: InfoOptions = {}): Promise<void> {
  const { tiff, size, stopped } = await readTiffFile(path);
  if (!options.json) {
    process.stdout.write(describeParsed(path, { tiff, size, stopped }, { summary: options.summary === true }));
    if (stopped) throw damaged(path, stopped);
    return;
  }
  const series = summariseSeries(tiff);
  const document = {
    file: path,
    size,
    bigtiff: tiff.format.bigtiff,
    byteOrder: tiff.format.byteOrder,
    ...(options.summary ? { counts: countTiff(tiff, series) } : { ifds: tiff.ifds.map(ifdJson) }),
    series,
    ...(stopped ? { stopped } : {}),
  };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  if (stopped) throw damaged(path, stopped);
}
