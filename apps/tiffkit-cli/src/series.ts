import { entryNumbers, type ParsedIfd, type ParsedTiff } from '@tiffkit/tiff-core';

export interface SeriesSummary {
  readonly kind: 'shaped' | 'generic';
  readonly shape: number[];
  readonly axes: string | undefined;
  readonly dtype: string;
  readonly firstIfd: number;
  readonly pages: number;
  /** SubIFDs per page (pyramid levels). */
  readonly levels: number;
}

const DTYPE_NAMES: Record<string, string> = {
  '1:1': 'bool',
  '1:8': 'uint8',
  '2:8': 'int8',
  '1:16': 'uint16',
  '2:16': 'int16',
  '1:32': 'uint32',
  '2:32': 'int32',
  '1:64': 'uint64',
  '2:64': 'int64',
  '3:16': 'float16',
  '3:32': 'float32',
  '3:64': 'float64',
  '6:64': 'complex64',
  '6:128': 'complex128',
};

/** The dtype a page's BitsPerSample and SampleFormat describe. */
export function pageDType(ifd: ParsedIfd): string {
  const bits = entryNumbers(ifd, 258)[0] ?? 1;
  const format = entryNumbers(ifd, 339)[0] ?? 1;
  return DTYPE_NAMES[`${format}:${bits}`] ?? `${bits}-bit (SampleFormat ${format})`;
}

function pageShape(ifd: ParsedIfd): number[] {
  const width = entryNumbers(ifd, 256)[0] ?? 0;
  const length = entryNumbers(ifd, 257)[0] ?? 0;
  const depth = entryNumbers(ifd, 32997)[0] ?? 1;
  const samples = entryNumbers(ifd, 277)[0] ?? 1;
  const planar = entryNumbers(ifd, 284)[0] ?? 1;
  const shape = [length, width];
  if (depth > 1) shape.unshift(depth);
  if (samples > 1) {
    if (planar === 2) shape.unshift(samples);
    else shape.push(samples);
  }
  return shape;
}

function shapedMetadata(ifd: ParsedIfd): { shape: number[]; axes?: string } | undefined {
  const text = ifd.entries
    .filter((e) => e.code === 270)
    .map((e) => e.value)
    .find((v) => typeof v === 'string' && v.startsWith('{"shape":'));
  if (typeof text !== 'string') return undefined;
  try {
    const parsed = JSON.parse(text) as { shape?: unknown; axes?: unknown };
    if (!Array.isArray(parsed.shape) || !parsed.shape.every(Number.isInteger)) return undefined;
    return { shape: parsed.shape, ...(typeof parsed.axes === 'string' ? { axes: parsed.axes } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Group the main-chain IFDs into series: a page with shaped JSON starts a series spanning as many
 * pages as its shape holds; other pages are series of one page each.
 */
export function summariseSeries(tiff: ParsedTiff): SeriesSummary[] {
  const series: SeriesSummary[] = [];
  let i = 0;
  while (i < tiff.ifds.length) {
    const ifd = tiff.ifds[i] as ParsedIfd;
    const levels = ifd.subIfds.length;
    const shaped = shapedMetadata(ifd);
    const page = pageShape(ifd);
    const pageSize = page.reduce((a, b) => a * b, 1);
    if (shaped) {
      const size = shaped.shape.reduce((a, b) => a * b, 1);
      const pages = Math.max(1, Math.min(tiff.ifds.length - i, pageSize ? Math.round(size / pageSize) : 1));
      series.push({
        kind: 'shaped',
        shape: shaped.shape,
        axes: shaped.axes,
        dtype: pageDType(ifd),
        firstIfd: i,
        pages,
        levels,
      });
      i += pages;
    } else {
      series.push({
        kind: 'generic',
        shape: page,
        axes: undefined,
        dtype: pageDType(ifd),
        firstIfd: i,
        pages: 1,
        levels,
      });
      i += 1;
    }
  }
  return series;
}
