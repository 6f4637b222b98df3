import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import type { IfdEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import type { WriteOptions } from '../options.js';
import type { EntryLabel } from './entry-labels.js';
import type { SegmentGeometry } from './geometry.js';
import type { JpegPlan } from './jpeg.js';
import { buildPageTags, needsOptionalTags, UNIT_RESOLUTION } from './page-tags.js';
import type { SampleLayout, StoredShape } from './samples.js';
import type { CodecPlan, LayoutRules, SeriesPlan, Warn } from './series-plan.js';
import { asciiTagBytes } from './tag-values.js';

/** What the tags of a series are made from. */
export interface TagRequest {
  readonly dtype: DType;
  readonly layout: SampleLayout;
  readonly stored: StoredShape;
  readonly geometry: SegmentGeometry;
  readonly codec: CodecPlan;
  readonly colormap: Uint16Array | undefined;
  readonly jpeg: JpegPlan | undefined;
  /** First-page entries of the metadata format (its description, IJMetadata…). */
  readonly formatEntries: readonly IfdEntry[];
  readonly rules: LayoutRules;
  readonly format: TiffFormat;
}

/** The caller's `description`: written first, before the format's own (tifffile's order). */
function descriptionEntry(description: unknown): IfdEntry | undefined {
  if (description === undefined || description === null) return undefined;
  return {
    code: TagCode.ImageDescription,
    type: FieldType.ASCII,
    value: { packed: asciiTagBytes(description) },
    label: 'description' satisfies EntryLabel,
  };
}

/**
 * Tags of the first page and of the others: the writer's own, the descriptions, then the caller's
 * extra tags (those given by code that the writer sets are dropped with a warning, as tifffile does).
 */
export async function planTags(request: TagRequest, options: WriteOptions, warn: Warn): Promise<SeriesPlan['tags']> {
  const user = descriptionEntry(options.description);
  const { jpeg } = request;
  const photometric = jpeg?.photometric ?? request.layout.photometric;
  const optional = needsOptionalTags(options, photometric, jpeg?.tags ?? [])
    ? await import('./optional-page-tags.js')
    : undefined;
  const { every, once } = buildPageTags({
    optional,
    options,
    // Rational conversion is loaded for series that give a resolution; without one both are 1/1.
    resolution:
      options.resolution === undefined || options.resolution === null
        ? UNIT_RESOLUTION
        : (await import('./resolution.js')).resolutionValue(options.resolution),
    resolutionUnit: request.rules.resolutionUnit,
    dtype: request.dtype,
    layout: request.layout,
    stored: request.stored,
    geometry: request.geometry,
    compression: request.codec.compression,
    predictor: request.codec.predictor,
    bitsPerSample: request.codec.bitsPerSample,
    colormap: request.colormap,
    descriptions: user ? [user, ...request.formatEntries] : request.formatEntries,
    ...(jpeg ? { codecTags: jpeg.tags, photometric: jpeg.photometric } : {}),
  });
  const own = new Set([...every, ...once].map((e) => e.code));
  // The extra-tag parser (value encoding, the tag registry by name) is loaded for series that have some.
  const extra =
    options.extraTags === undefined || options.extraTags === null
      ? []
      : (await import('./extra-tags.js')).parseExtraTags(options.extraTags, warn, own, request.format);
  return {
    first: [...every, ...once, ...extra.map((t) => t.entry)],
    other: [...every, ...extra.filter((t) => !t.writeOnce).map((t) => t.entry)],
  };
}
