import type { WriteOptions, WriterKind } from '@tiffkit/tiff-writer';
import type { ConvertOptions } from './options.js';
import type { SourceHints } from './source.js';

/** OME's µm spelled as ImageJ likes it (its unit text is ASCII). */
function imagejUnit(unit: string | undefined): string {
  if (unit === undefined || unit === 'µm' || unit === 'um' || unit === 'micrometer' || unit === 'micron') return 'um';
  return unit === 'nanometer' ? 'nm' : unit === 'millimeter' ? 'mm' : unit;
}

/** NGFF unit names (UDUNITS) → OME's unit symbols. */
export function omeUnit(unit: string | undefined): string | undefined {
  if (unit === undefined) return undefined;
  const symbols: Record<string, string> = {
    micrometer: 'µm',
    micron: 'µm',
    um: 'µm',
    nanometer: 'nm',
    millimeter: 'mm',
    centimeter: 'cm',
    meter: 'm',
    angstrom: 'Å',
    second: 's',
    millisecond: 'ms',
    microsecond: 'µs',
    minute: 'min',
    hour: 'h',
  };
  return symbols[unit] ?? unit;
}

/** The metadata, resolution and tag options of one series, for the output kind. */
export function seriesMetadata(
  kind: WriterKind,
  axes: string | undefined,
  hints: SourceHints,
  options: ConvertOptions,
): Pick<WriteOptions, 'metadata' | 'resolution' | 'resolutionUnit' | 'extraTags'> {
  const out: Pick<WriteOptions, 'metadata' | 'resolution' | 'resolutionUnit' | 'extraTags'> = {};
  const metadata: Record<string, unknown> = {};
  if (axes) metadata['axes'] = axes;
  const { X, Y, Z } = hints.physicalSize ?? {};
  if (kind === 'ome') {
    for (const [axis, size] of Object.entries({ X, Y, Z })) {
      if (!size) continue;
      metadata[`PhysicalSize${axis}`] = size.value;
      const unit = omeUnit(size.unit);
      if (unit) metadata[`PhysicalSize${axis}Unit`] = unit;
    }
    if (hints.timeIncrement) {
      metadata['TimeIncrement'] = hints.timeIncrement.value;
      const unit = omeUnit(hints.timeIncrement.unit);
      if (unit) metadata['TimeIncrementUnit'] = unit;
    }
    const channel: Record<string, unknown> = {};
    if (hints.channelNames?.length) channel['Name'] = hints.channelNames;
    if (hints.channelColors?.length) channel['Color'] = hints.channelColors;
    if (Object.keys(channel).length > 0) metadata['Channel'] = channel;
  } else if (kind === 'imagej') {
    Object.assign(metadata, hints.imagej ?? {});
    if (Z) metadata['spacing'] = Z.value;
    if (X) metadata['unit'] = imagejUnit(X.unit);
    if (hints.timeIncrement) metadata['finterval'] = hints.timeIncrement.value;
    if (X && Y) out.resolution = [1 / X.value, 1 / Y.value];
  }
  if (!out.resolution && hints.resolution && kind !== 'ome') {
    out.resolution = [hints.resolution.x, hints.resolution.y];
    if (hints.resolution.unit !== undefined) out.resolutionUnit = hints.resolution.unit;
  }
  if (options.resolution) out.resolution = options.resolution;
  if (options.unit !== undefined) out.resolutionUnit = options.unit as WriteOptions['resolutionUnit'];
  if (hints.extraTags?.length) out.extraTags = hints.extraTags;
  // The user's --metadata keys win over what the input said.
  Object.assign(metadata, options.metadata);
  if (kind !== 'generic') out.metadata = metadata;
  return out;
}

/** Default axes when neither the input nor --axes names them, for a stack's new leading axis. */
export function defaultAxes(ndim: number, samples: boolean): string | undefined {
  const page = samples ? 'YXS' : 'YX';
  if (ndim === page.length) return page;
  if (ndim === page.length + 1) return `Q${page}`;
  return undefined;
}
