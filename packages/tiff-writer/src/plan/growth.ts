import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { SeriesInput } from '../intake/intake.js';
import type { WriteOptions } from '../options.js';
import { isUncompressed, parseCompression } from './compression.js';
import { parseTile } from './geometry.js';
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
  /** The writer links each call's pages as it completes (`crashSafe`), rather than at the series' end. */
  readonly crashSafe: boolean;
  /** The series keeps its data one block for its metadata's readers (ImageJ), its IFDs deferred. */
  readonly blockData: boolean;
}

/**
 * Whether a `contiguous: true` call grows the previous series (tifffile's rules): the same shape and
 * dtype, not an iterator, the same colormap; otherwise it starts a new series. Crash-safe, every
 * series can grow, compressed or tiled, when the call asks for the same compression and tiles (else a
 * new series starts, as tifffile does). With `crashSafe: false` (tifffile's deferred layout) and for
 * ImageJ hyperstacks, whose frames ImageJ reads as one block, only uncompressed strips grow, and other
 * growth is refused.
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
  const tile = parseTile(options.tile);
  if (previous.crashSafe && !previous.blockData) {
    const compression = await parseCompression(options.compression);
    const sameTiles = plan.geometry.tiled
      ? tile !== undefined && sameTile(tile, plan.geometry.tile)
      : tile === undefined;
    if (compression !== plan.codec.compression || !sameTiles) return false;
  } else {
    if (!isUncompressed(options.compression) || tile !== undefined) {
      const why = previous.crashSafe
        ? 'an ImageJ hyperstack grows only uncompressed and in strips (ImageJ reads its frames as one block)'
        : 'contiguous mode cannot be used with compression or tiles unless the writer is crash-safe';
      throw new TiffError('INCOMPATIBLE_OPTIONS', why, { option: 'contiguous' });
    }
    if (!previous.growable) {
      // tifffile appends the bytes here but never writes IFDs for them: an unreadable series.
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        'contiguous: the previous series was written page by page (tiled, compressed or bit-packed) and cannot grow; write a new series',
        { option: 'contiguous' },
      );
    }
  }
  if (plan.subIfds || previous.hasLevels) return false;
  // A different colormap starts a new series (tifffile's rule): both absent, or equal values.
  if (options.colormap === undefined || options.colormap === null) return plan.colormap === undefined;
  const { parseColormap, sameColormap } = await import('./colormap.js');
  return sameColormap(parseColormap(options.colormap), plan.colormap);
}

/** A `tile` option (2-D or 3-D) names the tile a series was planned with. */
function sameTile(tile: readonly number[], planned: readonly [number, number, number]): boolean {
  const full = tile.length === 2 ? [1, ...tile] : tile;
  return full.every((n, i) => n === planned[i]);
}
