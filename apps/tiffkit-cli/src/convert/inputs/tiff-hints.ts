import { entryNumbers, entryString, type ParsedIfd, TagCode } from '@tiffkit/tiff-core';
import { parseImagejDescription } from '@tiffkit/tiff-meta-imagej';
import { isOmeXml, parseOmeXml } from '@tiffkit/tiff-meta-ome';
import type { SeriesSummary } from '../../series.js';
import type { PhysicalSize, SourceHints } from '../source.js';

/**
 * GeoTIFF and GDAL tags: copied as they are (`extraTags`), so a re-tiled or recompressed GeoTIFF keeps
 * its georeferencing. ModelPixelScale, ModelTiepoint, ModelTransformation, GeoKeyDirectory,
 * GeoDoubleParams, GeoAsciiParams, GDAL_METADATA, GDAL_NODATA.
 */
export const GEO_TAGS: readonly number[] = [
  TagCode.ModelPixelScaleTag,
  TagCode.ModelTiepointTag,
  TagCode.ModelTransformationTag,
  TagCode.GeoKeyDirectoryTag,
  TagCode.GeoDoubleParamsTag,
  TagCode.GeoAsciiParamsTag,
  TagCode.GDAL_METADATA,
  TagCode.GDAL_NODATA,
];

/** ImageJ's unit text → OME's symbol. */
function omeUnitOfImagej(unit: unknown): string | undefined {
  if (typeof unit !== 'string') return undefined;
  if (unit === 'micron' || unit === 'um' || unit === '\\u00B5m' || unit === 'µm') return 'µm';
  return ['nm', 'mm', 'cm', 'm'].includes(unit) ? unit : undefined;
}

function rational(ifd: ParsedIfd, code: number): number | undefined {
  const [num, den] = entryNumbers(ifd, code);
  return num !== undefined && den ? num / den : undefined;
}

/** What a TIFF series says about its pixels, for the output's metadata. */
export function tiffHints(first: ParsedIfd, series: SeriesSummary, index: number): SourceHints {
  const hints: SourceHints = {};
  if (series.axes) hints.axes = series.axes;
  const photometric = entryNumbers(first, TagCode.PhotometricInterpretation)[0];
  if (photometric !== undefined) hints.photometric = photometric;
  const description = entryString(first, TagCode.ImageDescription);
  const xres = rational(first, TagCode.XResolution);
  const yres = rational(first, TagCode.YResolution);
  const unit = entryNumbers(first, TagCode.ResolutionUnit)[0];
  if (series.kind === 'ome' && description && isOmeXml(description)) {
    const pixels = parseOmeXml(description).images[index]?.pixels;
    if (pixels) {
      const size = (value: number | undefined, unit: string | undefined): PhysicalSize | undefined =>
        value === undefined ? undefined : unit === undefined ? { value } : { value, unit };
      const physical: NonNullable<SourceHints['physicalSize']> = {};
      const x = size(pixels.physicalSizeX, pixels.physicalSizeXUnit);
      const y = size(pixels.physicalSizeY, pixels.physicalSizeYUnit);
      const z = size(pixels.physicalSizeZ, pixels.physicalSizeZUnit);
      if (x) physical.X = x;
      if (y) physical.Y = y;
      if (z) physical.Z = z;
      if (x || y || z) hints.physicalSize = physical;
      const t = size(pixels.timeIncrement, pixels.timeIncrementUnit);
      if (t) hints.timeIncrement = t;
      const names = pixels.channels.map((c) => c.name);
      if (names.length > 0 && names.every((n) => n !== undefined)) hints.channelNames = names as string[];
      const colors = pixels.channels.map((c) => c.color);
      if (colors.length > 0 && colors.every((c) => c !== undefined)) hints.channelColors = colors as number[];
    }
  } else if (series.kind === 'imagej' && description) {
    const meta = parseImagejDescription(description);
    const unitText = omeUnitOfImagej(meta['unit']);
    const withUnit = (value: number): PhysicalSize => (unitText ? { value, unit: unitText } : { value });
    const physical: NonNullable<SourceHints['physicalSize']> = {};
    if (xres) physical.X = withUnit(1 / xres);
    if (yres) physical.Y = withUnit(1 / yres);
    if (typeof meta['spacing'] === 'number') physical.Z = withUnit(meta['spacing']);
    if (Object.keys(physical).length > 0) hints.physicalSize = physical;
    if (typeof meta['finterval'] === 'number') hints.timeIncrement = { value: meta['finterval'], unit: 's' };
    const imagej: Record<string, unknown> = {};
    for (const key of ['mode', 'min', 'max', 'loop', 'fps']) if (meta[key] !== undefined) imagej[key] = meta[key];
    hints.imagej = imagej;
  }
  if (xres && yres && !hints.physicalSize)
    hints.resolution = unit === undefined ? { x: xres, y: yres } : { x: xres, y: yres, unit };
  const extra = first.entries.filter((e) => GEO_TAGS.includes(e.code) && e.value !== undefined);
  if (extra.length > 0) {
    hints.extraTags = extra.map((e) => {
      const value = typeof e.value === 'string' ? e.value : Array.from(e.value as ArrayLike<number>);
      // ASCII counts include the terminating NUL the writer adds; let it count.
      return [e.code, e.type, typeof value === 'string' ? 0 : e.count, value] as const;
    });
  }
  return hints;
}
