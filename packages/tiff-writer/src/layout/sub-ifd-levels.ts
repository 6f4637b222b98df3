import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { countFieldOffset, encodeCountAndOffset } from '@tiffkit/tiff-core/ifd-fields.js';
import type { SeriesPlan, Warn } from '../plan/series-plan.js';
import type { FileLayout } from './file-layout.js';
import type { Placement } from './placement.js';

/**
 * The SubIFD levels of a main series (`subIfds: n`): the next n series are its levels, each page of a
 * level linked from the same page of the parent — into slot `level` of a tree, or from the previous
 * level's next-IFD field in a chain.
 */
export class SubIfdLevels {
  private written = 0;
  /** The IFD linked for each level and page, to rewrite the parents when levels are missing. */
  private readonly linked: number[][] = [];
  /** Chains: the next-IFD field of the previous level's IFD, per parent page. */
  private readonly chainFields: number[] = [];

  constructor(
    private readonly pages: number,
    private readonly count: number,
    private readonly chain: boolean,
    /** Each parent page's SubIFDs entry (complete once the parent series is finished). */
    private readonly slots: readonly PlacedEntry[],
  ) {}

  /** The next series is one of the levels. */
  get expecting(): boolean {
    return this.written < this.count;
  }

  /** A level must have one page per parent page, and cannot be truncated. */
  check(plan: SeriesPlan): void {
    if (plan.stored.frames !== this.pages) {
      throw new TiffError(
        'INVALID_DATA',
        `SubIFD level ${this.written} has ${plan.stored.frames} pages, but its parent series has ${this.pages}: a level needs one page per parent page`,
        { option: 'subIfds' },
      );
    }
    if (plan.truncate)
      throw new TiffError('INCOMPATIBLE_OPTIONS', 'SubIFDs cannot be used with truncated series', {
        option: 'truncate',
      });
  }

  /** Where the pages of the next level are linked from; the level counts as written from here on. */
  nextLevel(offsetSize: number): Placement {
    const level = this.written++;
    const linked: number[] = [];
    this.linked.push(linked);
    const slot = (page: number) => (this.slots[page] as PlacedEntry).valueOffset;
    if (!this.chain) {
      return {
        kind: 'level',
        slot: (page) => slot(page) + level * offsetSize,
        record: (page, ifd) => {
          linked[page] = ifd.offset;
        },
      };
    }
    return {
      kind: 'level',
      slot: (page) => (level === 0 ? slot(page) : (this.chainFields[page] as number)),
      record: (page, ifd) => {
        linked[page] = ifd.offset;
        this.chainFields[page] = ifd.nextIfdFieldOffset;
      },
    };
  }

  /**
   * The levels are over (a main series starts, or the file closes). Promised levels that were never
   * written are removed from the parents' SubIFDs entries, so that no slot stays 0.
   */
  async close(layout: FileLayout, warn: Warn): Promise<void> {
    if (this.written >= this.count) return;
    warn('subifds-missing', `the series promised ${this.count} SubIFD levels but ${this.written} were written`);
    // A chain lists only its first level: it needs rewriting only when there is none.
    if (this.chain && this.written > 0) return;
    const listed = this.chain ? 0 : this.written;
    const { format } = layout;
    for (const [page, entry] of this.slots.entries()) {
      // One level fits the entry itself: its offset moves inline, as a reader then expects.
      const value = listed === 0 ? 0 : listed === 1 ? (this.linked[0]?.[page] as number) : entry.valueOffset;
      await layout.write(encodeCountAndOffset(format, listed, value), countFieldOffset(entry));
    }
  }
}
