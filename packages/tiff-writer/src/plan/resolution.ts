import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import { toRational } from '@tiffkit/tiff-core/rational.js';
import type { RationalInput } from '../options.js';
import { UNIT_RESOLUTION } from './page-tags.js';

/** X and Y resolution as RATIONAL pairs; (1, 1) when not given. */
export function resolutionValue(
  value: readonly [RationalInput, RationalInput] | undefined,
): readonly (readonly [number, number])[] {
  if (value === undefined || value === null) return UNIT_RESOLUTION;
  if (!Array.isArray(value) || value.length !== 2) {
    throw invalidOption('resolution', value, '[x, y], each a number or a [numerator, denominator] pair');
  }
  return value.map((v, i) => toRational(v as RationalInput, `resolution[${i}]`));
}
