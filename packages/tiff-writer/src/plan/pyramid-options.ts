import { SubfileType } from '@tiffkit/tiff-core/enums.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';

import type { WriteOptions } from '../options.js';
import type { SampleLayout } from './samples.js';
import type { SeriesPlan } from './series-plan.js';

/** How a pyramid level is computed from the one above: the mean of 2×2 blocks, or their top-left pixel. */
export type Downsample = 'mean' | 'nearest';

export function isDownsample(value: unknown): value is Downsample {
  return value === 'mean' || value === 'nearest';
}

/** The `pyramid` option: how many levels, and how they are computed. */
export function parsePyramid(options: WriteOptions): { levels: number; method: Downsample } {
  const pyramid = options.pyramid as { levels?: unknown; downsample?: unknown };
  const levels = typeof pyramid === 'object' ? pyramid.levels : undefined;
  if (!Number.isInteger(levels) || (levels as number) < 1 || (levels as number) > 32) {
    throw invalidOption('pyramid.levels', levels, 'the number of levels below the full resolution, 1..32');
  }
  const method = pyramid.downsample ?? 'mean';
  if (!isDownsample(method)) throw invalidOption('pyramid.downsample', method, "'mean' (of 2×2 blocks) or 'nearest'");
  for (const option of ['subIfds', 'contiguous', 'truncate'] as const) {
    const value = options[option];
    if (value !== undefined && value !== null && value !== false && value !== 0) {
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        `pyramid writes its own SubIFD levels: it cannot be combined with ${option}`,
        { option },
      );
    }
  }
  if (options.volumetric === true || options.tile?.length === 3) {
    // tifffile reads a SubIFD level of volumetric data as a series of its own.
    throw new TiffError(
      'UNSUPPORTED',
      'pyramid levels of volumetric data are not supported: write the depth as pages',
      {
        option: 'pyramid',
      },
    );
  }
  return { levels: levels as number, method };
}

/**
 * Every level must halve the rows and columns of the one above: refused, before any byte, when a page
 * is too small for `levels` levels (a level 1 pixel wide that stays 1 pixel wide reads as another series).
 */
export function checkPyramidLevels(plan: SeriesPlan, levels: number): void {
  let { length, width } = plan.stored;
  let possible = 0;
  while (length > 1 && width > 1) {
    length = Math.ceil(length / 2);
    width = Math.ceil(width / 2);
    possible++;
  }
  if (levels <= possible) return;
  const { stored } = plan;
  throw invalidOption(
    'pyramid.levels',
    levels,
    `at most ${possible} for pages of ${stored.length}×${stored.width}: each level halves the rows and columns of the one above`,
  );
}

/**
 * The options of the level series: the full resolution's, as reduced-resolution images stored as the
 * full resolution was (not inferred again from their smaller shapes).
 */
export function levelOptions(options: WriteOptions, layout: SampleLayout): WriteOptions {
  return {
    ...options,
    pyramid: undefined,
    shape: undefined,
    dtype: undefined,
    subIfds: undefined,
    contiguous: false,
    returnOffset: false,
    description: undefined,
    subfileType: (options.subfileType ?? 0) | SubfileType.REDUCEDIMAGE,
    photometric: layout.photometric,
    planarConfig: layout.planarConfig,
    extraSamples: layout.extraSamples,
    volumetric: layout.volumetric,
  };
}
