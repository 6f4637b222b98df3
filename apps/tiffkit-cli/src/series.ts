import {
  dtypeOfSamples,
  entryNumbers,
  entryString,
  type ParsedIfd,
  type ParsedTiff,
  PlanarConfig,
  SampleFormat,
  TagCode,
} from '@tiffkit/tiff-core';
import { parseImagejDescription } from '@tiffkit/tiff-meta-imagej';
import { isOmeXml, parseOmeXml } from '@tiffkit/tiff-meta-ome';

export interface SeriesSummary {
  readonly kind: 'shaped' | 'generic' | 'ome' | 'imagej';
  readonly shape: number[];
  readonly axes: string | undefined;
  readonly dtype: string;
  readonly firstIfd: number;
  readonly pages: number;
  /** SubIFDs per page (pyramid levels). */
  readonly levels: number;
}

/** The dtype a page's BitsPerSample and SampleFormat describe. */
export function pageDType(ifd: ParsedIfd): string {
  const bits = entryNumbers(ifd, TagCode.BitsPerSample)[0] ?? 1;
  const format = entryNumbers(ifd, TagCode.SampleFormat)[0] ?? SampleFormat.UINT;
  return dtypeOfSamples(format, bits)?.name ?? `${bits}-bit (SampleFormat ${format})`;
}

function pageShape(ifd: ParsedIfd): number[] {
  const width = entryNumbers(ifd, TagCode.ImageWidth)[0] ?? 0;
  const length = entryNumbers(ifd, TagCode.ImageLength)[0] ?? 0;
  const depth = entryNumbers(ifd, TagCode.ImageDepth)[0] ?? 1;
  const samples = entryNumbers(ifd, TagCode.SamplesPerPixel)[0] ?? 1;
  const planar = entryNumbers(ifd, TagCode.PlanarConfiguration)[0] ?? 1;
  const shape = [length, width];
  if (depth > 1) shape.unshift(depth);
  if (samples > 1) {
    if (planar === PlanarConfig.SEPARATE) shape.unshift(samples);
    else shape.push(samples);
  }
  return shape;
}

function shapedMetadata(ifd: ParsedIfd): { shape: number[]; axes?: string } | undefined {
  const text = ifd.entries
    .filter((e) => e.code === TagCode.ImageDescription)
    .map((e) => e.value)
    // Current tifffile writes "shape" first; older ones (Debian's 2023.2.3) sort the keys.
    .find((v) => typeof v === 'string' && v.startsWith('{') && v.includes('"shape":'));
  if (typeof text !== 'string') return undefined;
  try {
    const parsed = JSON.parse(text) as { shape?: unknown; axes?: unknown };
    if (!Array.isArray(parsed.shape) || !parsed.shape.every(Number.isInteger)) return undefined;
    return { shape: parsed.shape, ...(typeof parsed.axes === 'string' ? { axes: parsed.axes } : {}) };
  } catch {
    return undefined;
  }
}

/** OME-TIFF: one series per OME image, as its TiffData and sizes say. */
function omeSeries(tiff: ParsedTiff, xml: string): SeriesSummary[] | undefined {
  let document: ReturnType<typeof parseOmeXml>;
  try {
    document = parseOmeXml(xml);
  } catch {
    return undefined;
  }
  return document.images.map((image) => {
    const p = image.pixels;
    // DimensionOrder lists the fastest axis first: the shape is its reverse, leaving out sizes of 1.
    const samples = p.channels[0]?.samplesPerPixel ?? 1;
    const sizes: Record<string, number> = { X: p.sizeX, Y: p.sizeY, Z: p.sizeZ, C: p.sizeC / samples, T: p.sizeT };
    const axes = [...p.dimensionOrder]
      .reverse()
      .filter((axis) => axis === 'X' || axis === 'Y' || (sizes[axis] as number) > 1);
    const shape = axes.map((axis) => sizes[axis] as number);
    const firstIfd = p.tiffData[0]?.ifd ?? 0;
    const pages = p.tiffData.reduce((n, t) => n + (t.planeCount ?? 1), 0);
    const ifd = tiff.ifds[firstIfd];
    return {
      kind: 'ome',
      shape: samples > 1 ? [...shape, samples] : shape,
      axes: `${axes.join('')}${samples > 1 ? 'S' : ''}`,
      dtype: ifd ? pageDType(ifd) : p.type,
      firstIfd,
      pages,
      levels: ifd?.subIfds.length ?? 0,
    } satisfies SeriesSummary;
  });
}

/** ImageJ: one hyperstack of `images=` pages (TZCYX from the description's counts). */
function imagejSeries(tiff: ParsedTiff, text: string): SeriesSummary[] {
  const meta = parseImagejDescription(text);
  const first = tiff.ifds[0] as ParsedIfd;
  const page = pageShape(first);
  const counts: [string, number][] = [
    ['T', Number(meta['frames'] ?? 1)],
    ['Z', Number(meta['slices'] ?? 1)],
    ['C', Number(meta['channels'] ?? 1)],
  ];
  const dims = counts.filter(([, n]) => n > 1);
  const images = Number(meta['images'] ?? 1);
  return [
    {
      kind: 'imagej',
      shape: [...dims.map(([, n]) => n), ...page],
      axes: `${dims.map(([axis]) => axis).join('')}YX${page.length > 2 ? 'S' : ''}`,
      dtype: pageDType(first),
      firstIfd: 0,
      pages: images,
      levels: 0,
    },
  ];
}

/**
 * Group the main-chain IFDs into series: OME-TIFF by its XML, ImageJ by its description; otherwise a
 * page with shaped JSON starts a series spanning as many pages as its shape holds, and other pages are
 * series of one page each.
 */
export function summariseSeries(tiff: ParsedTiff): SeriesSummary[] {
  const first = tiff.ifds[0];
  const description = first ? entryString(first, TagCode.ImageDescription) : undefined;
  if (description?.startsWith('ImageJ=')) return imagejSeries(tiff, description);
  if (description && isOmeXml(description)) {
    const series = omeSeries(tiff, description);
    if (series) return series;
  }
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
