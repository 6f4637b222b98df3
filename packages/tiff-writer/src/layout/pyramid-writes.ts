import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { SeriesInput } from '../intake/intake.js';
import { isIterable } from '../intake/iterable.js';
import type { WriteData, WriteOptions, WriteResult } from '../options.js';
import type { PlanContext, SeriesPlan } from '../plan/series-plan.js';

/**
 * One `write()` call of a TiffWriter (a new series, or the growth of the previous one): `levelOf` makes
 * it a pyramid level of a series with that layout, and `check` is a last look at the plan before any byte.
 */
export type WriteOne = (
  data: WriteData,
  options: WriteOptions,
  levelOf?: PlanContext['levelOf'],
  check?: (plan: SeriesPlan) => void,
) => Promise<{ result: WriteResult | undefined; plan: SeriesPlan; input: SeriesInput }>;

/**
 * A series and its pyramid: the full resolution with SubIFD slots, then every level computed from the
 * one above (2× smaller), encoded with the same options as SubIFDs of each page. This module, the
 * pyramid's planning and the downsampler are loaded for the writes that ask for a pyramid.
 */
export async function writePyramid(
  data: WriteData,
  options: WriteOptions,
  writeOne: WriteOne,
): Promise<WriteResult | undefined> {
  const [{ checkPyramidLevels, levelOptions, parsePyramid }, { downsample }] = await Promise.all([
    import('../plan/pyramid-options.js'),
    import('../encode/downsample.js'),
  ]);
  const { levels, method } = parsePyramid(options);
  if (data === null || data === undefined || isIterable(data)) {
    throw new TiffError(
      'UNSUPPORTED',
      'pyramid needs the image as an array: levels are computed from it (not from null or an iterator)',
      { option: 'pyramid' },
    );
  }
  const main = await writeOne(data, { ...options, pyramid: undefined, subIfds: levels }, undefined, (plan) =>
    checkPyramidLevels(plan, levels),
  );
  let { plan } = main;
  let array = (main.input as Extract<SeriesInput, { kind: 'array' }>).array;
  const reduced = levelOptions(options, plan.layout);
  for (let k = 0; k < levels; k++) {
    const level = downsample(array, plan.stored, plan, method);
    const data = { data: level.data, shape: level.shape, dtype: plan.dtype.name };
    const written = await writeOne(data, reduced, { layout: plan.layout, stored: level.stored });
    plan = written.plan;
    array = (written.input as Extract<SeriesInput, { kind: 'array' }>).array;
  }
  return main.result;
}
