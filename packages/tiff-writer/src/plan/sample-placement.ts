import { Photometric, PlanarConfig } from '@tiffkit/tiff-core/enums.js';
import { describeValue, TiffError } from '@tiffkit/tiff-core/errors.js';
import { parsePhotometric, parsePlanarConfig, photometricLabel, photometricSamples } from './photometric.js';
import type { SampleRequest } from './sample-types.js';

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

/** Where the page dimensions lie in the padded shape, once samples are placed. */
export type PageDims = ReturnType<typeof pageLayout>;

/** The shape padded with leading 1s: to the samples a photometric needs (2 when none is given), and to 2-D. */
export function padShape(shape: readonly number[], photometric: Photometric | undefined): number[] {
  const need = photometric === undefined ? 2 : photometricSamples(photometric);
  const s = [...shape];
  while (s.length < Math.max(need, 2)) s.unshift(1);
  return s;
}

/** Photometric and planar configuration before the samples are placed: as given, else inferred. */
export interface SampleChoice {
  readonly photometric: Photometric;
  readonly planar: PlanarConfig | undefined;
  readonly volumetric: boolean;
  readonly rgbInferred: boolean;
}

/**
 * A planar configuration needs a sample axis (it is dropped for 2-D data, and colour becomes grey for
 * 3-D volumes); without a photometric, bool is MINISWHITE, a last axis of 3 or 4 is RGB, else MINISBLACK.
 */
export function chooseSamples(request: SampleRequest, s: readonly number[]): SampleChoice {
  let photometric = parsePhotometric(request.photometric);
  let planar = parsePlanarConfig(request.planarConfig);
  const n = s.length;
  const volumetric = request.volumetric && n >= 3;
  if (planar !== undefined && (n <= 2 || (volumetric && n <= 3))) {
    planar = undefined;
    if (volumetric && photometric !== undefined && photometricSamples(photometric) > 1) {
      photometric = Photometric.MINISBLACK;
    }
  }
  if (photometric !== undefined) return { photometric, planar, volumetric, rgbInferred: false };
  if (request.dtype.kind === 'bool')
    return { photometric: Photometric.MINISWHITE, planar, volumetric, rgbInferred: false };
  if (planar !== PlanarConfig.SEPARATE && n > 2 && (s[n - 1] === 3 || s[n - 1] === 4)) {
    return { photometric: Photometric.RGB, planar: PlanarConfig.CONTIG, volumetric, rgbInferred: true };
  }
  return { photometric: Photometric.MINISBLACK, planar, volumetric, rgbInferred: false };
}

/** Colour: the sample axis is the last (contiguous) or the one before the page (separate), by size. */
function placeColourSamples(request: SampleRequest, s: readonly number[], choice: SampleChoice) {
  const { photometric } = choice;
  const needed = photometricSamples(photometric);
  const n = s.length;
  if (n < 3) {
    throw new TiffError(
      'INVALID_DATA',
      `not a ${photometricLabel(photometric)} image: shape ${describeValue(request.shape)} has no sample axis`,
      { option: 'photometric' },
    );
  }
  const volumetric = choice.volumetric && n >= 4;
  const at = (i: number) => s[n + i] as number; // negative index
  const sampleAxis = volumetric ? -4 : -3;
  let { planar } = choice;
  if (planar === undefined) {
    const allowed = photometric === Photometric.RGB ? [needed, 4] : [needed];
    if (allowed.includes(at(-1))) planar = PlanarConfig.CONTIG;
    else if (allowed.includes(at(sampleAxis))) planar = PlanarConfig.SEPARATE;
    else planar = at(-1) > at(sampleAxis) ? PlanarConfig.SEPARATE : PlanarConfig.CONTIG;
  }
  const page = pageLayout(s, planar, volumetric);
  if (page.contig * page.separate < needed) {
    throw new TiffError(
      'INVALID_DATA',
      `not enough samples for photometric ${photometricLabel(photometric)}: expected ${needed}, got ${page.contig * page.separate}`,
      { option: 'photometric' },
    );
  }
  return { s, planar, volumetric, page };
}

/**
 * One colour sample (grey, palette, mask…): extra samples make a contiguous sample axis; without one,
 * trailing length-1 axes are squeezed as the format says.
 */
function placeGreySamples(
  request: SampleRequest,
  shape: readonly number[],
  choice: SampleChoice,
  extras: number[] | false | undefined,
) {
  let s = [...shape];
  let n = s.length;
  let { planar, volumetric } = choice;
  const enough = volumetric ? n > 3 : n > 2;
  if (planar !== undefined && enough) {
    if (planar === PlanarConfig.CONTIG && Array.isArray(extras) && extras.length === 0) planar = undefined;
  } else {
    planar = undefined;
    const squeezable = request.squeezeTrailing === 'all' ? n : request.squeezeTrailing === 'one' ? 1 : 0;
    for (let k = 0; k < squeezable && n > 2 && s[n - 1] === 1; k++) {
      s = s.slice(0, -1);
      n--;
    }
    if (Array.isArray(extras) && extras.length > 0 && n > 2) planar = PlanarConfig.CONTIG;
    volumetric = volumetric && n >= 3;
  }
  return { s, planar, volumetric, page: pageLayout(s, planar, volumetric) };
}

/** Where the samples go: the padded (maybe squeezed) shape, the planar configuration and the page dimensions. */
export function placeSamples(
  request: SampleRequest,
  s: readonly number[],
  choice: SampleChoice,
  extras: number[] | false | undefined,
): { s: readonly number[]; planar: PlanarConfig | undefined; volumetric: boolean; page: PageDims } {
  if (photometricSamples(choice.photometric) > 1) return placeColourSamples(request, s, choice);
  if (choice.photometric !== Photometric.CFA) return placeGreySamples(request, s, choice, extras);
  if (s.length !== 2) {
    throw new TiffError('INVALID_DATA', `invalid CFA image: shape ${describeValue(request.shape)} is not 2-D`, {
      option: 'photometric',
    });
  }
  return { s, planar: undefined, volumetric: choice.volumetric, page: pageLayout(s, undefined, false) };
}
