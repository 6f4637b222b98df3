import {
  type DType,
  FieldType,
  type IfdEntry,
  invalidOption,
  Photometric,
  PlanarConfig,
  TagCode,
} from '@tiffkit/tiff-core';
import type { WriteOptions } from '../options.js';
import type { SegmentGeometry } from './geometry.js';
import type { SampleLayout, StoredShape } from './samples.js';
import type { LayoutRules } from './series-plan.js';
import { asciiValue, datetimeValue, resolutionUnitValue, resolutionValue } from './tag-values.js';

/** ReferenceBlackWhite of 8-bit YCbCr over the full range (JPEG's), as numerator, denominator pairs. */
export const FULL_RANGE_REFERENCE_BLACK_WHITE: readonly number[] = [0, 1, 255, 1, 128, 1, 255, 1, 128, 1, 255, 1];

export interface PageTagRequest {
  readonly options: WriteOptions;
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
}

/** The writer's own tags of a series, split into those on every page and those on the first page only (§4). */
export function buildPageTags({
  options,
  resolutionUnit,
  dtype,
  layout,
  stored,
  geometry,
  compression,
  predictor,
  bitsPerSample,
  colormap,
  descriptions,
  codecTags = [],
  photometric = layout.photometric,
}: PageTagRequest): { every: IfdEntry[]; once: IfdEntry[] } {
  const every: IfdEntry[] = [];
  const once: IfdEntry[] = [...descriptions];
  const { samples } = layout;
  const { subfileType } = options;
  if (subfileType !== undefined && subfileType !== null) {
    if (!Number.isInteger(subfileType) || subfileType < 0 || subfileType > 0xffff_ffff) {
      throw invalidOption('subfileType', subfileType, 'a NewSubfileType bit mask (0..2**32-1)');
    }
    every.push({ code: TagCode.NewSubfileType, type: FieldType.LONG, value: [subfileType] });
  }
  every.push({ code: TagCode.ImageWidth, type: FieldType.LONG, value: [stored.width] });
  every.push({ code: TagCode.ImageLength, type: FieldType.LONG, value: [stored.length] });
  // Bilevel images carry no BitsPerSample: the TIFF default is 1.
  if (dtype.kind !== 'bool')
    every.push({ code: TagCode.BitsPerSample, type: FieldType.SHORT, value: new Array(samples).fill(bitsPerSample) });
  every.push({ code: TagCode.Compression, type: FieldType.SHORT, value: [compression] });
  every.push({ code: TagCode.PhotometricInterpretation, type: FieldType.SHORT, value: [photometric] });
  every.push({ code: TagCode.SamplesPerPixel, type: FieldType.SHORT, value: [samples] });
  if (geometry.tiled) {
    every.push({ code: TagCode.TileWidth, type: FieldType.LONG, value: [geometry.tile[2]] });
    every.push({ code: TagCode.TileLength, type: FieldType.LONG, value: [geometry.tile[1]] });
    if (geometry.volumetricTiles)
      every.push({ code: TagCode.TileDepth, type: FieldType.LONG, value: [geometry.tile[0]] });
  } else {
    // Zero-size pages get RowsPerStrip 1, not tifffile's 0, which libtiff rejects as a bad value.
    every.push({ code: TagCode.RowsPerStrip, type: FieldType.LONG, value: [geometry.rowsPerStrip] });
  }
  const [xres, yres] = resolutionValue(options.resolution);
  every.push({ code: TagCode.XResolution, type: FieldType.RATIONAL, value: xres as [number, number] });
  every.push({ code: TagCode.YResolution, type: FieldType.RATIONAL, value: yres as [number, number] });
  if (samples > 1)
    every.push({
      code: TagCode.PlanarConfiguration,
      type: FieldType.SHORT,
      value: [layout.planarConfig ?? PlanarConfig.CONTIG],
    });
  const hasResolution = options.resolution !== undefined && options.resolution !== null;
  every.push({
    code: TagCode.ResolutionUnit,
    type: FieldType.SHORT,
    value: [resolutionUnitValue(options.resolutionUnit, hasResolution && resolutionUnit === 'by-resolution')],
  });
  const software = options.software === undefined || options.software === null ? 'tiffkit' : options.software;
  if (software !== false && software !== '') {
    if (typeof software !== 'string') throw invalidOption('software', software, 'a string, or false to omit the tag');
    once.push({ code: TagCode.Software, type: FieldType.ASCII, value: asciiValue(software, 'software') });
  }
  const datetime = datetimeValue(options.datetime);
  if (datetime !== undefined) once.push({ code: TagCode.DateTime, type: FieldType.ASCII, value: datetime });
  if (predictor !== 1) every.push({ code: TagCode.Predictor, type: FieldType.SHORT, value: [predictor] });
  if (colormap) every.push({ code: TagCode.ColorMap, type: FieldType.SHORT, value: colormap });
  if (layout.extraSamples !== false && layout.extraSamples.length > 0) {
    every.push({ code: TagCode.ExtraSamples, type: FieldType.SHORT, value: layout.extraSamples });
  }
  if (dtype.sampleFormat !== 1)
    every.push({
      code: TagCode.SampleFormat,
      type: FieldType.SHORT,
      value: new Array(samples).fill(dtype.sampleFormat),
    });
  if (layout.volumetric) every.push({ code: TagCode.ImageDepth, type: FieldType.LONG, value: [stored.depth] });
  const bytes = (value: unknown, option: string): IfdEntry['value'] => {
    if (!(value instanceof Uint8Array)) throw invalidOption(option, value, 'a Uint8Array');
    return { packed: value };
  };
  if (options.jpegTables !== undefined && options.jpegTables !== null) {
    every.push({ code: TagCode.JPEGTables, type: FieldType.UNDEFINED, value: bytes(options.jpegTables, 'jpegTables') });
  }
  if (options.iccProfile !== undefined && options.iccProfile !== null) {
    every.push({
      code: TagCode.InterColorProfile,
      type: FieldType.UNDEFINED,
      value: bytes(options.iccProfile, 'iccProfile'),
    });
  }
  if (photometric === Photometric.YCBCR && codecTags.length === 0) {
    // YCbCr without JPEG: samples are not subsampled, and the reference range is the full 8-bit one.
    every.push({ code: TagCode.YCbCrSubSampling, type: FieldType.SHORT, value: [1, 1] });
    every.push({
      code: TagCode.ReferenceBlackWhite,
      type: FieldType.RATIONAL,
      value: FULL_RANGE_REFERENCE_BLACK_WHITE,
    });
  }
  every.push(...codecTags);
  return { every, once };
}
