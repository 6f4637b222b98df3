import type { JpegArgs } from '@tiffkit/tiff-codecs';
import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Photometric } from '@tiffkit/tiff-core/enums.js';
import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { IfdEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import type { WriteOptions } from '../options.js';
import { FULL_RANGE_REFERENCE_BLACK_WHITE } from './optional-page-tags.js';
import type { SampleLayout } from './samples.js';
import type { Warn } from './series-plan.js';

/** How a JPEG-compressed series is stored. */
export interface JpegPlan {
  /** PhotometricInterpretation written: YCbCr for colour stored as YCbCr, else as planned. */
  readonly photometric: number;
  /** Arguments for the codec: quality, output colour space, chroma subsampling. */
  readonly args: Readonly<Record<string, unknown>>;
  /** YCbCrSubSampling and ReferenceBlackWhite for YCbCr. */
  readonly tags: readonly IfdEntry[];
  /** Strips and tiles must hold whole MCUs: rows and tile sizes are multiples of this. */
  readonly blockSize: number;
}

const SUBSAMPLINGS = ['1,1', '2,1', '2,2', '4,1'];

function parseSubsampling(value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !SUBSAMPLINGS.includes(value.join(','))) {
    throw invalidOption('subsampling', value, '[1, 1], [2, 1], [2, 2] or [4, 1]');
  }
  return [value[0], value[1]];
}

/** The JPEG quality in `compressionArgs.level` (1–100), for tiffkit's baseline 8-bit encoder. */
function jpegLevel(dtype: DType, options: WriteOptions): unknown {
  if (dtype.name !== 'uint8') {
    throw new TiffError(
      'UNSUPPORTED',
      `compression 'jpeg' needs uint8 data, not ${dtype.name}: tiffkit's JPEG encoder is baseline 8-bit`,
      { option: 'compression' },
    );
  }
  const bits = options.bitsPerSample;
  if (bits !== undefined && bits !== null && bits !== 8) {
    throw invalidOption('bitsPerSample', bits, '8 for JPEG compression (tiffkit writes baseline 8-bit JPEG)');
  }
  const level = options.compressionArgs?.['level'];
  const valid =
    level === undefined ||
    level === null ||
    (Number.isInteger(level) && (level as number) >= 1 && (level as number) <= 100);
  if (!valid)
    throw invalidOption('compressionArgs.level', level, 'a JPEG quality, an integer from 1 to 100 (default 75)');
  return level;
}

/** Chroma subsampling asked for and not possible: tifffile warns and writes without it. */
function warnSubsamplingIgnored(subsampling: [number, number] | undefined, where: string, warn: Warn): void {
  if (subsampling && subsampling.join() !== '1,1') {
    warn('subsampling-ignored', `cannot apply subsampling=${describeValue(subsampling)}${where}`);
  }
}

/** tifffile's JPEG rules (§7.3) for a baseline 8-bit encoder. */
export function planJpeg(dtype: DType, layout: SampleLayout, options: WriteOptions, warn: Warn): JpegPlan {
  const level = jpegLevel(dtype, options);
  const contig = layout.storedShape.contigSamples;
  const colour = contig === 3 && (layout.photometric === Photometric.RGB || layout.photometric === Photometric.YCBCR);
  if (!colour && contig !== 1) {
    throw new TiffError(
      'UNSUPPORTED',
      `compression 'jpeg' needs 1 sample per pixel or RGB, not ${contig} contiguous samples`,
      {
        option: 'compression',
      },
    );
  }
  const asked =
    options.subsampling === undefined || options.subsampling === null
      ? undefined
      : parseSubsampling(options.subsampling);
  if (!colour) {
    warnSubsamplingIgnored(asked, ': only contiguous RGB stored as YCbCr is subsampled', warn);
    return { photometric: layout.photometric, args: { level }, tags: [], blockSize: 8 };
  }
  return planColourJpeg(level, asked, layout, options, warn);
}

/** RGB data, stored as YCbCr (subsampled 2×2 unless asked otherwise) or, with `outcolorspace: 'rgb'`, as RGB. */
function planColourJpeg(
  level: unknown,
  asked: [number, number] | undefined,
  layout: SampleLayout,
  options: WriteOptions,
  warn: Warn,
): JpegPlan {
  if (layout.photometric === Photometric.YCBCR) {
    throw new TiffError(
      'UNSUPPORTED',
      "JPEG compression of YCbCr input is not supported: pass RGB data (photometric 'rgb'), tiffkit stores it as YCbCr",
      { option: 'photometric' },
    );
  }
  const given = (options.compressionArgs as JpegArgs | undefined)?.outcolorspace;
  const out = String(given ?? 'ycbcr').toLowerCase();
  if (out !== 'ycbcr' && out !== 'rgb')
    throw invalidOption('compressionArgs.outcolorspace', given, "'ycbcr' (default) or 'rgb'");
  if (out === 'rgb') {
    warnSubsamplingIgnored(asked, ' to JPEG stored as RGB', warn);
    return { photometric: Photometric.RGB, args: { level, outcolorspace: 'rgb' }, tags: [], blockSize: 8 };
  }
  const subsampling = asked ?? [2, 2];
  const tags: IfdEntry[] = [{ code: TagCode.YCbCrSubSampling, type: FieldType.SHORT, value: subsampling }];
  const userReference = options.extraTags?.some(
    (t) => (Array.isArray(t) ? t[0] : (t as { code: unknown }).code) === TagCode.ReferenceBlackWhite,
  );
  if (!userReference) {
    tags.push({ code: TagCode.ReferenceBlackWhite, type: FieldType.RATIONAL, value: FULL_RANGE_REFERENCE_BLACK_WHITE });
  }
  return {
    photometric: Photometric.YCBCR,
    args: { level, outcolorspace: 'ycbcr', subsampling },
    tags,
    blockSize: 8 * Math.max(...subsampling),
  };
}
