import { Compression } from '@tiffkit/tiff-core/enums.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { type ByteOrder, nativeByteOrder } from '@tiffkit/tiff-core/format.js';
import type { SeriesInput } from '../intake/intake.js';
import { elementBytes, type StridedArray, storedAsIs } from '../intake/strided.js';
import type { SeriesPlan } from '../plan/series-plan.js';

/**
 * The byte order raw segments are cut in: the file's, except for uncompressed bit-packed integers,
 * which are packed from native values (the packed bit stream has no byte order).
 */
export function rawByteOrder(plan: SeriesPlan, fileOrder: ByteOrder): ByteOrder {
  return plan.codec.packed && plan.codec.compression === Compression.NONE ? nativeByteOrder : fileOrder;
}

/** Iterator plumbing, loaded for series written from an iterator only (intake has loaded it already). */
export const iterators = async () => ({
  ...(await import('../intake/iterators.js')),
  ...(await import('../intake/items.js')),
});

/** One page's values: elements `[start, start + pageElements)` of an array; `null` is a page of zeros. */
export interface PageData {
  readonly array: StridedArray;
  readonly start: number;
}

/** Elements of one page in stored order `(separate, depth, length, width, contig)`. */
export function pageElements(plan: SeriesPlan): number {
  const s = plan.stored;
  return s.separateSamples * s.depth * s.length * s.width * s.contigSamples;
}

/** Where a series' values come from, page by page. */
export class PageSource {
  private page = 0;

  constructor(
    readonly plan: SeriesPlan,
    readonly input: SeriesInput,
    readonly fileOrder: '<' | '>',
    /** Pages this source yields (the series' frames, or those of a contiguous append). */
    readonly frames: number,
  ) {}

  /** The next page's values (`null`: zeros), from an array, empty data or an iterator of pages. */
  async nextPage(): Promise<PageData | null> {
    const { input, plan } = this;
    const index = this.page++;
    if (input.kind === 'empty') return null;
    if (input.kind === 'array') return { array: input.array, start: index * pageElements(plan) };
    const { itemArray, nextItem } = await iterators();
    const item = await nextItem(input.items, index, this.frames, 'page');
    const array = await itemArray(item, plan.dtype, input.byteOrder, `page ${index}`);
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
      const total = elements * this.frames;
      const { array } = input;
      const step = storedAsIs(array, this.fileOrder) ? total : Math.max(1, Math.floor(chunkBytes / itemSize));
      for (let start = 0; start < total; start += step) {
        yield elementBytes(input.array, start, Math.min(step, total - start), this.fileOrder);
      }
      this.page = this.frames;
      return;
    }
    for (let p = 0; p < this.frames; p++) {
      const page = await this.nextPage();
      // A number is a run of zero bytes (empty data, or a `null` page), left sparse where possible.
      if (page === null) yield elements * itemSize;
      else yield elementBytes(page.array, page.start, elements, this.fileOrder);
    }
  }

  /** Every page has been read (by `pageSegments`). */
  readAll(): void {
    this.page = this.frames;
  }

  /** For iterators: all items must have been used. */
  async end(): Promise<void> {
    const { input, plan } = this;
    if (input.kind !== 'iterator') return;
    const { expectEnd } = await iterators();
    const perPage = input.encoded || plan.geometry.tiled ? plan.geometry.segmentsPerPage : 1;
    await expectEnd(
      input.items,
      this.frames * perPage,
      input.encoded ? 'segment' : plan.geometry.tiled ? 'tile' : 'page',
    );
  }
}
