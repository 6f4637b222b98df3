import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Photometric, PlanarConfig, ResolutionUnit } from '@tiffkit/tiff-core/enums.js';
import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { IfdEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import type { WriteOptions } from '../options.js';
import type { SegmentGeometry } from './geometry.js';
import type * as OptionalTags from './optional-page-tags.js';
import type { SampleLayout, StoredShape } from './samples.js';
import type { LayoutRules } from './series-plan.js';
import { asciiValue } from './tag-values.js';

type OptionalPageTags = typeof OptionalTags;

/** Both resolutions when none is given: 1/1 (what tifffile writes). */
export const UNIT_RESOLUTION: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, 1],
];

export interface PageTagRequest {
  readonly options: WriteOptions;
  /** X and Y resolution as RATIONAL pairs, from the `resolution` option (1/1 when not given). */
  readonly resolution: readonly (readonly [number, number])[];
  /** ResolutionUnit when none is given: the format's rule. */
  readonly resolutionUnit: LayoutRules['resolutionUnit'];
  readonly dtype: DType;
  readonly layout: SampleLayout;
  readonly stored: StoredShape;
  readonly geometry: SegmentGeometry;
  readonly compression: number;
  readonly predictor: number;
  readonly bitsPerSample: number;
  readonly colormap: Uint16Array | undefined;
  /** Description entries (user text, shaped JSON…) for the first page, in order. */
  readonly descriptions: readonly IfdEntry[];
  /** Tags added by the codec (JPEG's YCbCrSubSampling and ReferenceBlackWhite). */
  readonly codecTags?: readonly IfdEntry[];
  /** The photometric written when the codec stores another colour space (JPEG: YCbCr). */
  readonly photometric?: number;
  /** The module of the tags few series have, loaded by `planTags` when `needsOptionalTags` says so. */
  readonly optional: OptionalPageTags | undefined;
}

/**
 * Whether a series has tags or options only optional-page-tags.ts handles: NewSubfileType, DateTime,
 * JPEGTables, the ICC profile, a ResolutionUnit given, or YCbCr without JPEG.
 */
export function needsOptionalTags(options: WriteOptions, photometric: number, codecTags: readonly IfdEntry[]): boolean {
  const given = (value: unknown) => value !== undefined && value !== null;
  return (
    given(options.subfileType) ||
    given(options.datetime) ||
    given(options.jpegTables) ||
    given(options.iccProfile) ||
    given(options.resolutionUnit) ||
    (photometric === Photometric.YCBCR && codecTags.length === 0)
  );
}

/** The optional tags' module; `needsOptionalTags` promised it was loaded. */
function optionalOf(request: PageTagRequest): OptionalPageTags {
  if (!request.optional) throw new Error('internal: optional page tags needed but not loaded');
  return request.optional;
}

/** NewSubfileType and the tags that say what a page is: size, samples, compression, strips or tiles. */
function pageShapeTags(request: PageTagRequest, photometric: number): IfdEntry[] {
  const { options, dtype, layout, stored, geometry } = request;
  const tags: IfdEntry[] = [];
  const { subfileType } = options;
  if (subfileType !== undefined && subfileType !== null) tags.push(optionalOf(request).subfileTypeEntry(subfileType));
  const bits = new Array(layout.samples).fill(request.bitsPerSample);
  tags.push({ code: TagCode.ImageWidth, type: FieldType.LONG, value: [stored.width] });
  tags.push({ code: TagCode.ImageLength, type: FieldType.LONG, value: [stored.length] });
  // Bilevel images carry no BitsPerSample: the TIFF default is 1.
  if (dtype.kind !== 'bool') tags.push({ code: TagCode.BitsPerSample, type: FieldType.SHORT, value: bits });
  tags.push({ code: TagCode.Compression, type: FieldType.SHORT, value: [request.compression] });
  tags.push({ code: TagCode.PhotometricInterpretation, type: FieldType.SHORT, value: [photometric] });
  tags.push({ code: TagCode.SamplesPerPixel, type: FieldType.SHORT, value: [layout.samples] });
  if (geometry.tiled) {
    tags.push({ code: TagCode.TileWidth, type: FieldType.LONG, value: [geometry.tile[2]] });
    tags.push({ code: TagCode.TileLength, type: FieldType.LONG, value: [geometry.tile[1]] });
    if (geometry.volumetricTiles)
      tags.push({ code: TagCode.TileDepth, type: FieldType.LONG, value: [geometry.tile[0]] });
  } else {
    // Zero-size pages get RowsPerStrip 1, not tifffile's 0, which libtiff rejects as a bad value.
    tags.push({ code: TagCode.RowsPerStrip, type: FieldType.LONG, value: [geometry.rowsPerStrip] });
  }
  return tags;
}

/** X/YResolution, ResolutionUnit (by the format's rule when not given) and PlanarConfiguration. */
function resolutionTags(request: PageTagRequest): IfdEntry[] {
  const { options, resolution, layout, resolutionUnit } = request;
  // Fresh arrays: no entry shares its value with another series'.
  const [xres, yres] = resolution.map((pair) => [...pair]);
  const tags: IfdEntry[] = [
    { code: TagCode.XResolution, type: FieldType.RATIONAL, value: xres as [number, number] },
    { code: TagCode.YResolution, type: FieldType.RATIONAL, value: yres as [number, number] },
  ];
  if (layout.samples > 1) {
    const planar = layout.planarConfig ?? PlanarConfig.CONTIG;
    tags.push({ code: TagCode.PlanarConfiguration, type: FieldType.SHORT, value: [planar] });
  }
  const hasResolution = options.resolution !== undefined && options.resolution !== null;
  // Given, it is parsed by the optional module; else INCH when a resolution asks for it, NONE otherwise.
  const unit =
    options.resolutionUnit !== undefined && options.resolutionUnit !== null
      ? optionalOf(request).resolutionUnitValue(
          options.resolutionUnit,
          hasResolution && resolutionUnit === 'by-resolution',
        )
      : hasResolution && resolutionUnit === 'by-resolution'
        ? ResolutionUnit.INCH
        : ResolutionUnit.NONE;
  tags.push({ code: TagCode.ResolutionUnit, type: FieldType.SHORT, value: [unit] });
  return tags;
}

/** Software (tiffkit unless given, or false) and DateTime: written once, on the first page. */
function writeOnceTags(request: PageTagRequest): IfdEntry[] {
  const { options } = request;
  const tags: IfdEntry[] = [];
  const software = options.software === undefined || options.software === null ? 'tiffkit' : options.software;
  if (software !== false && software !== '') {
    if (typeof software !== 'string') throw invalidOption('software', software, 'a string, or false to omit the tag');
    tags.push({ code: TagCode.Software, type: FieldType.ASCII, value: asciiValue(software, 'software') });
  }
  const given = options.datetime !== undefined && options.datetime !== null;
  const datetime = given ? optionalOf(request).datetimeValue(options.datetime) : undefined;
  if (datetime !== undefined) tags.push({ code: TagCode.DateTime, type: FieldType.ASCII, value: datetime });
  return tags;
}

/** How samples are stored: Predictor, ColorMap, ExtraSamples, SampleFormat, ImageDepth. */
function sampleTags({ dtype, layout, stored, predictor, colormap }: PageTagRequest): IfdEntry[] {
  const tags: IfdEntry[] = [];
  if (predictor !== 1) tags.push({ code: TagCode.Predictor, type: FieldType.SHORT, value: [predictor] });
  if (colormap) tags.push({ code: TagCode.ColorMap, type: FieldType.SHORT, value: colormap });
  if (layout.extraSamples !== false && layout.extraSamples.length > 0) {
    tags.push({ code: TagCode.ExtraSamples, type: FieldType.SHORT, value: layout.extraSamples });
  }
  if (dtype.sampleFormat !== 1) {
    const formats = new Array(layout.samples).fill(dtype.sampleFormat);
    tags.push({ code: TagCode.SampleFormat, type: FieldType.SHORT, value: formats });
  }
  if (layout.volumetric) tags.push({ code: TagCode.ImageDepth, type: FieldType.LONG, value: [stored.depth] });
  return tags;
}

/** The writer's own tags of a series, split into those on every page and those on the first page only (§4). */
export function buildPageTags(request: PageTagRequest): { every: IfdEntry[]; once: IfdEntry[] } {
  const { codecTags = [] } = request;
  const photometric = request.photometric ?? request.layout.photometric;
  const every = [...pageShapeTags(request, photometric), ...resolutionTags(request)];
  const once = [...request.descriptions, ...writeOnceTags(request)];
  every.push(...sampleTags(request));
  const { options } = request;
  const bytes = [options.jpegTables, options.iccProfile].some((value) => value !== undefined && value !== null);
  if (bytes) every.push(...optionalOf(request).byteTags(options));
  // YCbCr without JPEG: samples are not subsampled, and the reference range is the full 8-bit one.
  if (photometric === Photometric.YCBCR && codecTags.length === 0) every.push(...optionalOf(request).ycbcrTags());
  every.push(...codecTags);
  return { every, once };
}
