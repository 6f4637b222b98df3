import {
  type DecodedValue,
  FieldType,
  fieldTypeName,
  type ParsedEntry,
  type ParsedIfd,
  type ParsedTiff,
  parseTiff,
} from '@tiffkit/tiff-core';
import { openFileSource } from '@tiffkit/tiff-core/node';
import { withFileErrors } from './file-errors.js';
import { type SeriesSummary, summariseSeries } from './series.js';

export interface DescribeOptions {
  /** Print at most this many main-chain IFDs in full (all by default). */
  readonly maxIfds?: number;
}

/** Parse the whole file; failures are one line naming `path` (see fileError). */
export async function readTiffFile(path: string): Promise<{ tiff: ParsedTiff; size: number }> {
  return withFileErrors(path, async () => {
    const source = await openFileSource(path);
    try {
      return { tiff: await parseTiff(source), size: source.size };
    } finally {
      await source.close();
    }
  });
}

function formatValue(value: DecodedValue | undefined, count: number, type: number): string {
  if (value === undefined) return `<${count} values not read>`;
  if (typeof value === 'string') {
    const oneLine = value.replace(/\n/g, '\\n');
    return oneLine.length > 200 ? `${oneLine.slice(0, 197)}... (${value.length} chars)` : oneLine;
  }
  let items: string[] = Array.from(value as ArrayLike<number | bigint>, String);
  if (type === FieldType.RATIONAL || type === FieldType.SRATIONAL) {
    items = items.flatMap((v, i) => (i % 2 === 0 ? [`${v}/${items[i + 1]}`] : []));
  }
  const shown = items.slice(0, 8).join(' ');
  return items.length > 8 ? `${shown} ... (${items.length} values)` : shown;
}

function formatEntry(entry: ParsedEntry): string {
  const name = `${entry.code} ${entry.name}`.padEnd(30);
  const type = fieldTypeName(entry.type).padEnd(9);
  return `${name} ${type} ${String(entry.count).padStart(6)}  ${formatValue(entry.value, entry.count, entry.type)}`;
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

/** A human-readable description: header, IFDs with their tags by name, and the series. */
export async function describeFile(path: string, options: DescribeOptions = {}): Promise<string> {
  const { tiff, size } = await readTiffFile(path);
  const { format } = tiff;
  const lines = [
    `file: ${path} (${size} bytes)`,
    `format: ${format.bigtiff ? 'BigTIFF' : 'classic TIFF'}, ${format.littleEndian ? 'little-endian (II)' : 'big-endian (MM)'}, ${tiff.ifds.length} IFDs in the main chain`,
  ];
  const shown = Math.min(tiff.ifds.length, options.maxIfds ?? Number.POSITIVE_INFINITY);
  for (let i = 0; i < shown; i++) describeIfd(tiff.ifds[i] as ParsedIfd, `IFD ${i}`, '', lines);
  if (shown < tiff.ifds.length)
    lines.push(`... ${tiff.ifds.length - shown} more IFDs (tiffkit info ${path} lists all)`);
  lines.push('series:');
  summariseSeries(tiff).forEach((series, i) => {
    lines.push(formatSeries(series, i));
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
    tags: ifd.entries.map((e) => ({
      code: e.code,
      name: e.name,
      type: fieldTypeName(e.type),
      count: e.count,
      value: jsonValue(e.value),
    })),
    subIfds: ifd.subIfds.map(ifdJson),
  };
}

export async function runInfo(path: string, json: boolean): Promise<void> {
  if (!json) {
    process.stdout.write(await describeFile(path));
    return;
  }
  const { tiff, size } = await readTiffFile(path);
  const document = {
    file: path,
    size,
    bigtiff: tiff.format.bigtiff,
    byteOrder: tiff.format.byteOrder,
    ifds: tiff.ifds.map(ifdJson),
    series: summariseSeries(tiff),
  };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}
