import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import { encodeIfd, type IfdEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import type { EntryLabel } from './entry-labels.js';
import type { SeriesPlan } from './series-plan.js';

/** A page's entries: the plan's tags with its segment offsets, byte counts and (empty) SubIFD slots. */
export function pageEntries(
  plan: SeriesPlan,
  first: boolean,
  offsets: readonly number[],
  byteCounts: readonly number[],
): IfdEntry[] {
  const { tiled } = plan.geometry;
  const { offsetType, byteCountType } = plan.segments;
  const entries = [
    ...(first ? plan.tags.first : plan.tags.other),
    { code: tiled ? TagCode.TileOffsets : TagCode.StripOffsets, type: offsetType, value: offsets },
    { code: tiled ? TagCode.TileByteCounts : TagCode.StripByteCounts, type: byteCountType, value: byteCounts },
  ];
  if (plan.subIfds) {
    const slots = plan.subIfds.chain ? 1 : plan.subIfds.count;
    const type = offsetType === FieldType.LONG8 ? FieldType.IFD8 : FieldType.IFD;
    entries.push({
      code: TagCode.SubIFDs,
      type,
      value: new Array<number>(slots).fill(0),
      label: 'subifds' satisfies EntryLabel,
    });
  }
  return entries;
}

const ifdLengthCache = new WeakMap<SeriesPlan, { readonly first: number; readonly other: number }>();

/**
 * Byte length of the first and of the other pages' IFDs. They are encoded in full (at offset 0) the
 * first time: every tag value is checked while planning, never part-way through writing.
 */
export function ifdLengths(plan: SeriesPlan, format: TiffFormat): { readonly first: number; readonly other: number } {
  let lengths = ifdLengthCache.get(plan);
  if (!lengths) {
    const zeros = plan.segments.stored.map(() => 0);
    lengths = {
      first: encodeIfd(pageEntries(plan, true, zeros, zeros), 0, format).bytes.length,
      other: encodeIfd(pageEntries(plan, false, zeros, zeros), 0, format).bytes.length,
    };
    ifdLengthCache.set(plan, lengths);
  }
  return lengths;
}
