import {
  type DType,
  describeValue,
  ExtraSample,
  enumName,
  invalidOption,
  Photometric,
  PlanarConfig,
  parseEnum,
  TiffError,
} from '@tiffkit/tiff-core';
import { product } from '../intake/strided.js';
import type { EnumInput } from '../options.js';

/**
 * The 6-D shape every series is stored as: pages (frames) of
 * `separateSamples × depth × length × width × contigSamples`.
 */
export interface StoredShape {
  readonly frames: number;
  readonly separateSamples: number;
  readonly depth: number;
  readonly length: number;
  readonly width: number;
  readonly contigSamples: number;
}

/**
 * Trailing length-1 axes dropped from the stored shape: all of them (the shaped JSON keeps the
 * caller's shape), one (ImageJ's S axis of a grey image), or none.
 */
export type SqueezeTrailing = 'all' | 'one' | 'none';

export interface SampleLayout {
  readonly photometric: Photometric;
  /** Undefined for one sample per pixel (no PlanarConfiguration tag). */
  readonly planarConfig: PlanarConfig | undefined;
  readonly samples: number;
  /** ExtraSamples values, or `false` to omit the tag. */
  readonly extraSamples: readonly number[] | false;
  readonly storedShape: StoredShape;
  readonly volumetric: boolean;
  /** RGB was inferred from a last axis of 3 or 4 rather than asked for: the caller warns. */
  readonly rgbInferred: boolean;
  /** Index of the image rows (length) and columns (width) in the caller's shape (-1: not there, size 1). */
  readonly lengthAxis: number;
  readonly widthAxis: number;
}

export interface SampleRequest {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly photometric: EnumInput | undefined;
  readonly planarConfig: EnumInput | undefined;
  readonly extraSamples: readonly EnumInput[] | EnumInput | false | undefined;
  readonly volumetric: boolean;
  /** Trailing length-1 axes dropped: all (shaped JSON records the real shape), one (ImageJ), or none. */
  readonly squeezeTrailing: SqueezeTrailing;
  readonly subfileType: number | undefined;
}

/** Number of colour samples a photometric interpretation needs. */
export function photometricSamples(photometric: Photometric): number {
  switch (photometric) {
    case Photometric.RGB:
    case Photometric.YCBCR:
    case Photometric.CIELAB:
    case Photometric.ICCLAB:
    case Photometric.ITULAB:
    case Photometric.LOGLUV:
      return 3;
    case Photometric.SEPARATED:
      return 4;
    default:
      return 1;
  }
}

function photometricLabel(photometric: number): string {
  return `'${(enumName(Photometric, photometric) ?? String(photometric)).toLowerCase()}'`;
}

export function parsePhotometric(value: EnumInput | undefined): Photometric | undefined {
  return value === undefined || value === null ? undefined : parseEnum(Photometric, value, 'photometric');
}

export function parsePlanarConfig(value: EnumInput | undefined): PlanarConfig | undefined {
  return value === undefined || value === null
    ? undefined
    : parseEnum(PlanarConfig, value, 'planarConfig', { contiguous: 1, planar: 2 });
}

function parseExtraSamples(value: SampleRequest['extraSamples']): number[] | false | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === false) return false;
  if ((value as unknown) === true) throw invalidOption('extraSamples', true, 'a list of extra sample kinds, or false');
  const list = Array.isArray(value) ? value : [value as EnumInput];
  return list.map((v) => parseEnum(ExtraSample, v, 'extraSamples', { alpha: 2, premultiplied: 1 }));
}

/**
 * Where a page's dimensions sit at the end of the padded shape `s`: contiguous samples last, separate
 * samples before the depth (volumetric) and the rows and columns.
 */
function pageLayout(s: readonly number[], planar: PlanarConfig | undefined, volumetric: boolean) {
  const at = (i: number) => s[s.length + i] as number;
  const contig = planar === PlanarConfig.CONTIG;
  const last = contig ? -2 : -1; // the width's position
  return {
    contig: contig ? at(-1) : 1,
    width: at(last),
    length: at(last - 1),
    depth: volumetric ? at(last - 2) : 1,
    separate: planar === PlanarConfig.SEPARATE ? at(volumetric ? -4 : -3) : 1,
    pageDims: 2 + (volumetric ? 1 : 0) + (planar === undefined ? 0 : 1),
  };
}

/**
 * Decide photometric, planar configuration, extra samples and the stored shape, following tifffile's
 * rules with one deliberate difference: planar RGB is never inferred from a leading axis of 3 or 4.
 */
export function planSamples(request: SampleRequest): SampleLayout {
  let photometric = parsePhotometric(request.photometric);
  let planar = parsePlanarConfig(request.planarConfig);
  const extraSamplesOption = parseExtraSamples(request.extraSamples);
  const { dtype } = request;
  const bilevel = dtype.kind === 'bool';

  // Pad with leading 1s: to the samples a photometric needs (2 when none is given), and to 2-D at least.
  const need = photometric === undefined ? 2 : photometricSamples(photometric);
  let s = [...request.shape];
  while (s.length < Math.max(need, 2)) s.unshift(1);
  const padding = s.length - request.shape.length;
  let n = s.length;
  let volumetric = request.volumetric && n >= 3;

  if (planar !== undefined && (n <= 2 || (volumetric && n <= 3))) {
    planar = undefined;
    if (volumetric && photometric !== undefined && photometricSamples(photometric) > 1) {
      photometric = Photometric.MINISBLACK;
    }
  }

  let rgbInferred = false;
  if (photometric === undefined) {
    if (bilevel) photometric = Photometric.MINISWHITE;
    else if (planar !== PlanarConfig.SEPARATE && n > 2 && (s[n - 1] === 3 || s[n - 1] === 4)) {
      photometric = Photometric.RGB;
      planar = PlanarConfig.CONTIG;
      rgbInferred = true;
    } else photometric = Photometric.MINISBLACK;
  }

  const needed = photometricSamples(photometric);
  let separate = 1;
  let contig = 1;
  let depth = 1;
  let length: number;
  let width: number;
  let pageDims: number;
  const at = (i: number) => s[n + i] as number; // negative index

  if (needed > 1) {
    if (n < 3)
      throw new TiffError(
        'INVALID_DATA',
        `not a ${photometricLabel(photometric)} image: shape ${describeValue(request.shape)} has no sample axis`,
        { option: 'photometric' },
      );
    if (n < 4) volumetric = false;
    const sampleAxis = volumetric ? -4 : -3;
    if (planar === undefined) {
      const allowed = photometric === Photometric.RGB ? [needed, 4] : [needed];
      if (allowed.includes(at(-1))) planar = PlanarConfig.CONTIG;
      else if (allowed.includes(at(sampleAxis))) planar = PlanarConfig.SEPARATE;
      else planar = at(-1) > at(sampleAxis) ? PlanarConfig.SEPARATE : PlanarConfig.CONTIG;
    }
    ({ contig, separate, depth, length, width, pageDims } = pageLayout(s, planar, volumetric));
    const samples = contig * separate;
    if (samples < needed) {
      throw new TiffError(
        'INVALID_DATA',
        `not enough samples for photometric ${photometricLabel(photometric)}: expected ${needed}, got ${samples}`,
        { option: 'photometric' },
      );
    }
  } else if (photometric === Photometric.CFA) {
    if (n !== 2)
      throw new TiffError('INVALID_DATA', `invalid CFA image: shape ${describeValue(request.shape)} is not 2-D`, {
        option: 'photometric',
      });
    planar = undefined;
    ({ contig, separate, depth, length, width, pageDims } = pageLayout(s, planar, false));
  } else {
    const enough = volumetric ? n > 3 : n > 2;
    if (planar !== undefined && enough) {
      if (planar === PlanarConfig.CONTIG && Array.isArray(extraSamplesOption) && extraSamplesOption.length === 0) {
        planar = undefined;
      }
    } else {
      planar = undefined;
      const squeezable = request.squeezeTrailing === 'all' ? n : request.squeezeTrailing === 'one' ? 1 : 0;
      for (let k = 0; k < squeezable && n > 2 && s[n - 1] === 1; k++) {
        s = s.slice(0, -1);
        n--;
      }
      if (Array.isArray(extraSamplesOption) && extraSamplesOption.length > 0 && n > 2) planar = PlanarConfig.CONTIG;
      volumetric = volumetric && n >= 3;
    }
    ({ contig, separate, depth, length, width, pageDims } = pageLayout(s, planar, volumetric));
  }

  const samples = contig * separate;
  if (samples === 1) planar = undefined;
  const extras = samples - needed;
  let extraSamples: readonly number[] | false;
  if (extraSamplesOption === false) extraSamples = false;
  else if (extraSamplesOption !== undefined && extraSamplesOption.length > 0) {
    if (extraSamplesOption.length !== extras) {
      throw new TiffError(
        'INVALID_OPTION',
        `extraSamples=${describeValue(extraSamplesOption)} gives ${extraSamplesOption.length} extra samples but the data has ${extras}`,
        { option: 'extraSamples' },
      );
    }
    extraSamples = extraSamplesOption;
  } else if (photometric === Photometric.RGB && extras === 1) extraSamples = [ExtraSample.UNASSALPHA];
  else extraSamples = new Array<number>(Math.max(0, extras)).fill(ExtraSample.UNSPECIFIED);

  if (photometric === Photometric.PALETTE && samples !== 1) {
    throw new TiffError('INVALID_DATA', `palette images need exactly one sample per pixel, got ${samples}`, {
      option: 'photometric',
    });
  }

  if (request.subfileType !== undefined && request.subfileType & 4) {
    const maskable: number[] = [Photometric.MINISWHITE, Photometric.MINISBLACK, Photometric.MASK];
    if (!bilevel || samples !== 1 || !maskable.includes(photometric)) {
      throw new TiffError(
        'INVALID_OPTION',
        `subfileType=${request.subfileType} (MASK) needs bilevel (bool) data with one sample and photometric minisblack, miniswhite or mask`,
        { option: 'subfileType' },
      );
    }
    photometric = Photometric.MASK;
  }

  // Rows and columns are the last two page dimensions, before contiguous samples.
  const widthAt = n - (planar === PlanarConfig.CONTIG ? 2 : 1) - padding;
  const lengthAt = widthAt - 1;
  const pageShape = s.slice(n - pageDims);
  const pageSize = product(pageShape);
  const total = product(s);
  const frames = pageSize === 0 ? 1 : total / pageSize;
  return {
    photometric,
    planarConfig: planar,
    samples,
    extraSamples,
    storedShape: { frames, separateSamples: separate, depth, length, width, contigSamples: contig },
    volumetric,
    rgbInferred,
    lengthAxis: Math.max(-1, lengthAt),
    widthAxis: Math.max(-1, widthAt),
  };
}
