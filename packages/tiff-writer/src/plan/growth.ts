import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { SeriesInput } from '../intake/intake.js';
import type { WriteOptions } from '../options.js';
import { isUncompressed } from './compression.js';
import type { SeriesPlan } from './series-plan.js';

/** The previous series, as a `contiguous` write sees it. */
export interface PreviousSeries {
  readonly plan: SeriesPlan;
  /** The shape each call must repeat to grow it. */
  readonly shape: readonly number[];
  /** It can still grow: its data is one block whose later IFDs are not written yet. */
  readonly growable: boolean;
  /** It has SubIFD levels (a pyramid), which growth would leave behind. */
  readonly hasLevels: boolean;
}

/**
 * Whether a `contiguous: true` call grows the previous series (tifffile's rules): the same shape and
 * dtype, not an iterator, the same colormap; otherwise it starts a new series. Growth that cannot be
 * written — compressed, tiled, or after a series written page by page — is refused.
 */
export async function growsPrevious(
  previous: PreviousSeries | undefined,
  input: SeriesInput,
  options: WriteOptions,
): Promise<boolean> {
  if (!previous) return false;
  const { plan, shape } = previous;
  const sameShape = input.shape.length === shape.length && input.shape.every((n, i) => n === shape[i]);
  if (!sameShape || input.dtype !== plan.dtype || input.kind === 'iterator') return false;
  if (!isUncompressed(options.compression) || (options.tile !== undefined && options.tile !== null)) {
    throw new TiffError('INCOMPATIBLE_OPTIONS', 'contiguous mode cannot be used with compression or tiles', {
      option: 'contiguous',
    });
  }
  if (!previous.growable) {
    // tifffile appends the bytes here but never writes IFDs for them: an unreadable series.
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      'contiguous: the previous series was written page by page (tiled, compressed or bit-packed) and cannot grow; write a new series',
      { option: 'contiguous' },
    );
  }
  if (plan.subIfds || previous.hasLevels) return false;
  // A different colormap starts a new series (tifffile's rule): both absent, or equal values.
  if (options.colormap === undefined || options.colormap === null) return plan.colormap === undefined;
  const { parseColormap, sameColormap } = await import('./colormap.js');
  return sameColormap(parseColormap(options.colormap), plan.colormap);
}
