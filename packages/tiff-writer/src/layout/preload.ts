import { Compression } from '@tiffkit/tiff-core/enums.js';
import type { SeriesPlan } from '../plan/series-plan.js';

/**
 * Load what writing this series needs beyond a plain contiguous write — its encoder, the segmented
 * path, the worker pool, SubIFD bookkeeping — before any byte is written, so that a module that fails
 * to load (a network error in a browser) leaves the file as it was.
 */
export async function loadWriting(plan: SeriesPlan): Promise<void> {
  const { compression } = plan.codec;
  const loads: Promise<unknown>[] = [];
  if (compression !== Compression.NONE) {
    loads.push(import('@tiffkit/tiff-codecs/lazy/loader.js').then(({ loadCodec }) => loadCodec(compression)));
  }
  if (!plan.contiguousCapable) {
    loads.push(
      import('./segmented-series.js'),
      import('../encode/encoder.js').then(({ workerCount }) =>
        workerCount(plan, plan.encoding) > 1
          ? Promise.all([import('../encode/pool.js'), import('../encode/pool-hold.js')])
          : undefined,
      ),
    );
  }
  if (plan.subIfds) loads.push(import('./sub-ifd-levels.js'));
  await Promise.all(loads);
}
