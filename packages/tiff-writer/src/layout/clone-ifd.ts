import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import type { EncodedIfd, PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { repointEntry, setOffset } from '@tiffkit/tiff-core/ifd-fields.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import type { EntryLabel } from '../plan/entry-labels.js';

/** Values that differ between the pages of a series written page by page. */
const SEGMENTED_PAGE_VALUES: ReadonlySet<number> = new Set([
  TagCode.StripOffsets,
  TagCode.StripByteCounts,
  TagCode.TileOffsets,
  TagCode.TileByteCounts,
  TagCode.SubIFDs,
]);

/**
 * Point the out-of-line values of `ifd` (other than the per-page ones) at the identical values stored
 * with `template`, as tifffile does: the values are still written, but the pages refer to one copy,
 * which keeps files byte-identical to tifffile's.
 */
export function shareValues(ifd: EncodedIfd, template: EncodedIfd, format: TiffFormat): void {
  ifd.entries.forEach((entry, i) => {
    const shared = template.entries[i] as PlacedEntry;
    if (entry.inline || SEGMENTED_PAGE_VALUES.has(entry.code) || shared.code !== entry.code) return;
    repointEntry(ifd, entry, shared.valueOffset, format);
  });
}

/**
 * The IFD of another page of a contiguous series, made from the previous page's encoded IFD at
 * `offset`: the bytes are copied, the segment offsets written, and every other out-of-line value is
 * left pointing at the template's copy — exactly what encoding afresh and sharing values gives, at a
 * fraction of the cost for series of many thousands of pages.
 */
export function cloneIfd(
  template: EncodedIfd,
  offset: number,
  segmentOffsets: readonly number[],
  format: TiffFormat,
): EncodedIfd {
  const bytes = template.bytes.slice();
  const view = new DataView(bytes.buffer);
  const delta = offset - template.offset;
  const clone: EncodedIfd = {
    offset,
    bytes,
    nextIfdFieldOffset: template.nextIfdFieldOffset + delta,
    entries: template.entries.map((entry): PlacedEntry => {
      const moves = entry.inline || isPerPage(entry);
      return { ...entry, entryOffset: entry.entryOffset + delta, valueOffset: entry.valueOffset + (moves ? delta : 0) };
    }),
  };
  template.entries.forEach((entry, i) => {
    if (!isPerPage(entry)) return;
    const placed = clone.entries[i] as PlacedEntry;
    if (!entry.inline) repointEntry(clone, placed, placed.valueOffset, format);
    if (entry.label === ('subifds' satisfies EntryLabel)) return; // its slots are filled when the levels are written
    const at = entry.valueOffset - template.offset; // where the values lie inside the IFD's bytes
    // Segment offsets are LONG in classic files and LONG8 in BigTIFF: the size of an offset field.
    segmentOffsets.forEach((value, k) => {
      setOffset(view, at + k * format.offsetSize, value, format);
    });
  });
  return clone;
}

/** Entries whose values each page has for itself: its segment offsets and its SubIFD slots. */
function isPerPage(entry: PlacedEntry): boolean {
  return (
    entry.code === TagCode.StripOffsets ||
    entry.code === TagCode.TileOffsets ||
    entry.label === ('subifds' satisfies EntryLabel)
  );
}
