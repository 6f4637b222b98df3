import {
  ExtraSample,
  ExtraSampleAliases,
  Photometric,
  PlanarConfig,
  parseEnum,
  SubfileType,
} from '@tiffkit/tiff-core/enums.js';
import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { product } from '../intake/strided.js';
import type { EnumInput } from '../options.js';
import { parsePhotometric, photometricSamples } from './photometric.js';
import { chooseSamples, padShape, placeSamples } from './sample-placement.js';
import type { SampleLayout, SampleRequest } from './sample-types.js';

export { parsePhotometric, parsePlanarConfig, photometricSamples } from './photometric.js';
export type { SampleLayout, SampleRequest, SqueezeTrailing, StoredShape } from './sample-types.js';

function parseExtraSamples(value: SampleRequest['extraSamples']): number[] | false | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === false) return false;
  if ((value as unknown) === true) throw invalidOption('extraSamples', true, 'a list of extra sample kinds, or false');
  const list = Array.isArray(value) ? value : [value as EnumInput];
  return list.map((v) => parseEnum(ExtraSample, v, 'extraSamples', ExtraSampleAliases));
}

/** ExtraSamples: as given (one per sample beyond the colour ones), else unassociated alpha for RGBA. */
function planExtraSamples(
  option: number[] | false | undefined,
  photometric: Photometric,
  extras: number,
): readonly number[] | false {
  if (option === false) return false;
  if (option !== undefined && option.length > 0) {
    if (option.length !== extras) {
      throw new TiffError(
        'INVALID_OPTION',
        `extraSamples=${describeValue(option)} gives ${option.length} extra samples but the data has ${extras}`,
        { option: 'extraSamples' },
      );
    }
    return option;
  }
  if (photometric === Photometric.RGB && extras === 1) return [ExtraSample.UNASSALPHA];
  return new Array<number>(Math.max(0, extras)).fill(ExtraSample.UNSPECIFIED);
}

/** Palettes hold one sample; a MASK subfile is a bilevel image, and is written with photometric MASK. */
function checkedPhotometric(request: SampleRequest, photometric: Photometric, samples: number): Photometric {
  if (photometric === Photometric.PALETTE && samples !== 1) {
    throw new TiffError('INVALID_DATA', `palette images need exactly one sample per pixel, got ${samples}`, {
      option: 'photometric',
    });
  }
  const { subfileType } = request;
  if (subfileType === undefined || !(subfileType & SubfileType.MASK)) return photometric;
  const maskable: number[] = [Photometric.MINISWHITE, Photometric.MINISBLACK, Photometric.MASK];
  if (request.dtype.kind !== 'bool' || samples !== 1 || !maskable.includes(photometric)) {
    throw new TiffError(
      'INVALID_OPTION',
      `subfileType=${subfileType} (MASK) needs bilevel (bool) data with one sample and photometric minisblack, miniswhite or mask`,
      { option: 'subfileType' },
    );
  }
  return Photometric.MASK;
}

/**
 * Decide photometric, planar configuration, extra samples and the stored shape, following tifffile's
 * rules with one deliberate difference: planar RGB is never inferred from a leading axis of 3 or 4.
 */
export function planSamples(request: SampleRequest): SampleLayout {
  const extrasOption = parseExtraSamples(request.extraSamples);
  const padded = padShape(request.shape, parsePhotometric(request.photometric));
  const padding = padded.length - request.shape.length;
  const choice = chooseSamples(request, padded);
  const { s, planar: placed, volumetric, page } = placeSamples(request, padded, choice, extrasOption);
  const samples = page.contig * page.separate;
  const planar = samples === 1 ? undefined : placed;
  const extraSamples = planExtraSamples(
    extrasOption,
    choice.photometric,
    samples - photometricSamples(choice.photometric),
  );
  const photometric = checkedPhotometric(request, choice.photometric, samples);
  // Rows and columns are the last two page dimensions, before contiguous samples.
  const n = s.length;
  const widthAt = n - (planar === PlanarConfig.CONTIG ? 2 : 1) - padding;
  const pageSize = product(s.slice(n - page.pageDims));
  return {
    photometric,
    planarConfig: planar,
    samples,
    extraSamples,
    storedShape: {
      frames: pageSize === 0 ? 1 : product(s) / pageSize,
      separateSamples: page.separate,
      depth: page.depth,
      length: page.length,
      width: page.width,
      contigSamples: page.contig,
    },
    volumetric,
    rgbInferred: choice.rgbInferred,
    lengthAxis: Math.max(-1, widthAt - 1),
    widthAxis: Math.max(-1, widthAt),
  };
}
