import { encodeOffset, type TiffFormat } from './format.js';
import type { EncodedIfd, PlacedEntry } from './ifd-encode.js';

/**
 * Where the fields of a placed IFD entry lie, and the bytes to patch them. An entry is the tag code
 * (2 bytes), the field type (2), the count (4 or 8) and the value or its offset (4 or 8): other
 * packages patch IFDs through these functions instead of doing that arithmetic themselves.
 */

/** Size of an entry's tag and type fields, before its count. */
const TAG_AND_TYPE = 4;

/**
 * Absolute position of an entry's count field.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function countFieldOffset(entry: Pick<PlacedEntry, 'entryOffset'>): number {
  return entry.entryOffset + TAG_AND_TYPE;
}

/**
 * Absolute position of an entry's value field: the value itself when inline, else its offset.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function valueFieldOffset(entry: Pick<PlacedEntry, 'entryOffset'>, format: TiffFormat): number {
  return entry.entryOffset + TAG_AND_TYPE + format.offsetSize;
}

/**
 * The count and value fields of an entry, together (they are adjacent, both `offsetSize` bytes): to
 * repoint an entry at `count` values stored at `valueOffset` with one write.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function encodeCountAndOffset(format: TiffFormat, count: number, valueOffset: number): Uint8Array {
  const field = new Uint8Array(format.offsetSize * 2);
  field.set(encodeOffset(format, count), 0);
  field.set(encodeOffset(format, valueOffset), format.offsetSize);
  return field;
}

/**
 * Write an offset value (4 or 8 bytes, in the format's byte order) into `view` at `at`.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function setOffset(view: DataView, at: number, value: number, format: TiffFormat): void {
  if (format.bigtiff) view.setBigUint64(at, BigInt(value), format.littleEndian);
  else view.setUint32(at, value, format.littleEndian);
}

/**
 * Repoint an entry of an encoded IFD (still in memory) at out-of-line values stored at `valueOffset`,
 * elsewhere in the file: the entry's value field, relative to the IFD's bytes, is patched.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function repointEntry(ifd: EncodedIfd, entry: PlacedEntry, valueOffset: number, format: TiffFormat): void {
  const view = new DataView(ifd.bytes.buffer, ifd.bytes.byteOffset, ifd.bytes.byteLength);
  setOffset(view, valueFieldOffset(entry, format) - ifd.offset, valueOffset, format);
}

/**
 * Link, inside a block of IFDs held in memory from `blockStart`, the next-IFD field of `ifd` to `next`.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function linkNextIfd(
  view: DataView,
  blockStart: number,
  ifd: EncodedIfd,
  next: number,
  format: TiffFormat,
): void {
  setOffset(view, ifd.nextIfdFieldOffset - blockStart, next, format);
}
