import { type EncodedIfd, FieldType, type PlacedEntry, type TiffFormat } from '@tiffkit/tiff-core';
import { setOffset } from './file-layout.js';

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
  const entries = template.entries.map((entry): PlacedEntry => {
    const perPage = entry.code === 273 || entry.code === 324 || entry.label === 'subifds';
    const shifted = { ...entry, entryOffset: entry.entryOffset + delta };
    if (!perPage) return entry.inline ? { ...shifted, valueOffset: entry.valueOffset + delta } : shifted;
    const at = entry.valueOffset - template.offset; // where the value lies inside the IFD's bytes
    if (!entry.inline)
      setOffset(view, entry.entryOffset - template.offset + 4 + format.offsetSize, offset + at, format);
    if (entry.label !== 'subifds') {
      const wide = entry.type === FieldType.LONG8;
      segmentOffsets.forEach((value, i) => {
        if (wide) view.setBigUint64(at + i * 8, BigInt(value), format.littleEndian);
        else view.setUint32(at + i * 4, value, format.littleEndian);
      });
    }
    return { ...shifted, valueOffset: entry.valueOffset + delta };
  });
  return { offset, bytes, nextIfdFieldOffset: template.nextIfdFieldOffset + delta, entries };
}
