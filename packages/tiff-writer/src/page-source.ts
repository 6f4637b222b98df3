import { TiffError } from '@tiffkit/tiff-core';
import { encodeSegment, rawByteOrder } from './encode.js';
import type { SeriesInput } from './intake.js';
import { itemArray } from './intake.js';
import { encodedSegment, expectEnd, nextItem } from './iterators.js';
import type { SeriesPlan } from './plan.js';
import { type PageData, padTile, pageElements, rawSegments } from './segments.js';
import { elementBytes } from './strided.js';

/** A stored segment: `bytes` written verbatim, `byteCount` into the tag; `null` is a missing (sparse) segment. */
export type StoredSegment = { readonly bytes: Uint8Array; readonly byteCount: number } | null;

/** Where a series' values come from, page by page. */
export class PageSource {
  private page = 0;

  constructor(
    private readonly plan: SeriesPlan,
    private readonly input: SeriesInput,
    private readonly fileOrder: '<' | '>',
    /** Pages this source yields (the series' frames, or those of a contiguous append). */
    private readonly pages: number,
  ) {}

  /** The next page's values (`null`: zeros), from an array, empty data or an iterator of pages. */
  async nextPage(): Promise<PageData | null> {
    const { input, plan } = this;
    const index = this.page++;
    if (input.kind === 'empty') return null;
    if (input.kind === 'array') return { array: input.array, start: index * pageElements(plan) };
    const item = await nextItem(input.items, index, this.pages, 'page');
    const array = itemArray(item, plan.dtype, input.byteOrder, `page ${index}`);
    if (array && array.size !== pageElements(plan)) {
      throw new TiffError(
        'INVALID_DATA',
        `page ${index} of the iterator has ${array.size} elements, expected ${pageElements(plan)}`,
        {
          option: 'data',
        },
      );
    }
    return array && { array, start: 0 };
  }

  /** Bytes of a whole page in file order (contiguous series). */
  async *pageChunks(chunkBytes: number): AsyncGenerator<Uint8Array | number> {
    const { plan, input } = this;
    const elements = pageElements(plan);
    const itemSize = plan.dtype.itemSize;
    if (input.kind === 'array') {
      // One array: stream it in large chunks rather than page by page; when its bytes can be written
      // as they are (contiguous, in the file's byte order), in one piece: every write costs a syscall.
      const total = elements * this.pages;
      const { array } = input;
      const asIs = array.contiguous && (array.byteOrder === this.fileOrder || array.dtype.swapSize === 1);
      const step = asIs ? total : Math.max(1, Math.floor(chunkBytes / itemSize));
      for (let start = 0; start < total; start += step) {
        yield elementBytes(input.array, start, Math.min(step, total - start), this.fileOrder);
      }
      this.page = this.pages;
      return;
    }
    for (let p = 0; p < this.pages; p++) {
      const page = await this.nextPage();
      // A number is a run of zero bytes (empty data, or a `null` page), left sparse where possible.
      if (page === null) yield elements * itemSize;
      else yield elementBytes(page.array, page.start, elements, this.fileOrder);
    }
  }

  /** The stored segments of the next page, for series written page by page. */
  async *pageSegments(): AsyncGenerator<StoredSegment> {
    const { plan, input } = this;
    if (input.kind === 'iterator' && input.encoded) {
      for (let i = 0; i < plan.geometry.segmentsPerPage; i++) {
        const index = this.page * plan.geometry.segmentsPerPage + i;
        const item = await nextItem(input.items, index, this.pages * plan.geometry.segmentsPerPage, 'segment');
        const { bytes, byteCount } = encodedSegment(item, index);
        yield { bytes, byteCount };
      }
      this.page++;
      return;
    }
    if (input.kind === 'iterator' && plan.geometry.tiled) {
      for (let i = 0; i < plan.geometry.segmentsPerPage; i++) {
        const index = this.page * plan.geometry.segmentsPerPage + i;
        const item = await nextItem(input.items, index, this.pages * plan.geometry.segmentsPerPage, 'tile');
        const array = itemArray(item, plan.dtype, input.byteOrder, `tile ${index}`);
        if (array === null) {
          yield null;
          continue;
        }
        const raw = padTile(
          plan,
          elementBytes(array, 0, array.size, rawByteOrder(plan, this.fileOrder)),
          array.shape,
          index,
        );
        const bytes = encodeSegment(plan, raw);
        yield { bytes, byteCount: bytes.length };
      }
      this.page++;
      return;
    }
    const page = await this.nextPage();
    for (const raw of rawSegments(plan, page, rawByteOrder(plan, this.fileOrder))) {
      const bytes = encodeSegment(plan, raw);
      yield { bytes, byteCount: bytes.length };
    }
  }

  /** For iterators: all items must have been used. */
  async end(): Promise<void> {
    const { input, plan } = this;
    if (input.kind !== 'iterator') return;
    const perPage = input.encoded || plan.geometry.tiled ? plan.geometry.segmentsPerPage : 1;
    await expectEnd(
      input.items,
      this.pages * perPage,
      input.encoded ? 'segment' : plan.geometry.tiled ? 'tile' : 'page',
    );
  }
}
