import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { WriteOptions } from '../options.js';
import type { SeriesPlan } from './series-plan.js';

function parseSubIfds(value: WriteOptions['subIfds']): { count: number; chain: boolean } | undefined {
  if (value === undefined || value === null || value === 0) return undefined;
  const n = Array.isArray(value) ? value.length : value;
  if (!Number.isInteger(n) || n === 0 || Math.abs(n as number) > 0xffff) {
    throw invalidOption('subIfds', value, 'the number of SubIFD levels (negative for a chain), or an array of levels');
  }
  return (n as number) > 0 ? { count: n as number, chain: false } : { count: -(n as number), chain: true };
}

/** SubIFD levels the series asks for; a level cannot have levels, nor can a truncated series. */
export function planSubIfds(options: WriteOptions, level: boolean, truncate: boolean): SeriesPlan['subIfds'] {
  const subIfds = parseSubIfds(options.subIfds);
  if (subIfds && level) {
    throw new TiffError(
      'UNSUPPORTED',
      'SubIFDs in SubIFDs are not supported: a pyramid level cannot have levels of its own',
      {
        option: 'subIfds',
      },
    );
  }
  if (subIfds && truncate) {
    throw new TiffError('INCOMPATIBLE_OPTIONS', 'SubIFDs cannot be used with truncated series', { option: 'subIfds' });
  }
  return subIfds;
}
