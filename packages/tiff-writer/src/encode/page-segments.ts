import { elementBytes } from '../intake/strided.js';
import type { SegmentWork } from './encoder.js';
import { iterators, type PageSource, rawByteOrder } from './page-source.js';
import { padTile, rawSegments } from './segments.js';

/**
 * Every segment of every page, in file order, for series written page by page: raw samples to
 * encode, encoded segments given by an iterator, or `null` for a missing tile.
 */
export async function* pageSegments(source: PageSource): AsyncGenerator<SegmentWork> {
  const { plan, input } = source;
  const perPage = plan.geometry.segmentsPerPage;
  const total = source.frames * perPage;
  const order = rawByteOrder(plan, source.fileOrder);
  if (input.kind === 'iterator' && input.encoded) {
    const { encodedSegment, nextItem } = await iterators();
    for (let index = 0; index < total; index++) {
      const { bytes, byteCount } = encodedSegment(await nextItem(input.items, index, total, 'segment'), index);
      yield { stored: bytes, byteCount };
    }
  } else if (input.kind === 'iterator' && plan.geometry.tiled) {
    const { itemArray, nextItem } = await iterators();
    for (let index = 0; index < total; index++) {
      const array = await itemArray(
        await nextItem(input.items, index, total, 'tile'),
        plan.dtype,
        input.byteOrder,
        `tile ${index}`,
      );
      if (array === null) yield null;
      else yield { raw: padTile(plan, elementBytes(array, 0, array.size, order), array.shape, index), owned: false };
    }
  } else {
    for (let p = 0; p < source.frames; p++) {
      const page = await source.nextPage();
      // Tiles are fresh buffers; strips of a contiguous array in file order are views of the caller's data.
      for (const raw of rawSegments(plan, page, order)) yield { raw, owned: plan.geometry.tiled || page === null };
    }
  }
  source.readAll();
}
