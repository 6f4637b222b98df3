import { TiffError } from './errors.js';
import { FieldType, fieldTypeInfo, fieldTypeName, fieldTypeSize, INTEGER_RANGE } from './field-types.js';
import type { TiffFormat } from './format.js';
import { tagName } from './tags.js';

/** Bytes that are already in the file's byte order, written verbatim (count derived from the length). */
export interface PackedValue {
  readonly packed: Uint8Array;
}

/**
 * A tag value: an ASCII string; numbers (RATIONAL/SRATIONAL as flat numerator, denominator pairs);
 * bigints or numbers for the 64-bit types; or pre-packed bytes.
 */
export type TagValue = string | ArrayLike<number> | ArrayLike<bigint> | PackedValue;

export interface IfdEntry {
  readonly code: number;
  readonly type: FieldType;
  readonly value: TagValue;
  /**
   * Zero bytes reserved after an out-of-line value, not counted in the entry's count, so that a later,
   * longer value can be rewritten in place (ImageDescription).
   */
  readonly reserve?: number;
  /** A label carried to the placed entry, to find it after sorting (e.g. `'shaped'`). */
  readonly label?: string;
}

/** Where an entry ended up in the file. */
export interface PlacedEntry {
  readonly code: number;
  readonly type: FieldType;
  readonly count: number;
  /** Absolute position of the 12- or 20-byte entry. */
  readonly entryOffset: number;
  /** Absolute position of the value: inside the entry when inline, else out of line. */
  readonly valueOffset: number;
  readonly inline: boolean;
  /** Bytes available at `valueOffset` for an in-place rewrite (value + reserve, or the inline slot). */
  readonly capacity: number;
  readonly label: string | undefined;
}

export interface EncodedIfd {
  /** Absolute position of the IFD (even). */
  readonly offset: number;
  /** The IFD, its next-IFD field (0) and its out-of-line values; even length. */
  readonly bytes: Uint8Array;
  /** Absolute position of the next-IFD offset field. */
  readonly nextIfdFieldOffset: number;
  /** Entries in file (sorted) order. */
  readonly entries: readonly PlacedEntry[];
}

function isPacked(value: TagValue): value is PackedValue {
  return typeof value === 'object' && value !== null && 'packed' in value;
}

function asciiBytes(text: string, code: number): Uint8Array {
  const terminated = text.endsWith('\0') ? text : `${text}\0`;
  const bytes = new Uint8Array(terminated.length);
  for (let i = 0; i < terminated.length; i++) {
    const c = terminated.charCodeAt(i);
    if (c > 0x7f) {
      throw new TiffError(
        'INVALID_DATA',
        `${tagName(code)} must be 7-bit ASCII: found ${JSON.stringify(terminated[i])} at index ${i}`,
      );
    }
    bytes[i] = c;
  }
  return bytes;
}

/** The number of values of an entry, as written to its count field. */
export function entryCount(entry: IfdEntry): number {
  const { value, type, code } = entry;
  const size = fieldTypeSize(type);
  if (typeof value === 'string') {
    if (type !== FieldType.ASCII) throw wrongValue(code, type, 'a string value needs type ASCII');
    return value.endsWith('\0') ? value.length : value.length + 1;
  }
  if (isPacked(value)) {
    if (value.packed.length % size !== 0) {
      throw wrongValue(code, type, `${value.packed.length} packed bytes are not a multiple of ${size}`);
    }
    return value.packed.length / size;
  }
  if (type === FieldType.RATIONAL || type === FieldType.SRATIONAL) {
    if (value.length % 2 !== 0) throw wrongValue(code, type, 'rationals need numerator, denominator pairs');
    return value.length / 2;
  }
  return value.length;
}

function wrongValue(code: number, type: number, why: string): TiffError {
  return new TiffError(
    'INVALID_DATA',
    `cannot encode tag ${tagName(code)} (${code}) as ${fieldTypeName(type)}: ${why}`,
  );
}

/** Serialise an entry's value into `view` at `at`, in the format's byte order. */
function packValue(entry: IfdEntry, count: number, view: DataView, at: number, le: boolean): void {
  const { value, type, code } = entry;
  const target = new Uint8Array(view.buffer, view.byteOffset);
  if (typeof value === 'string') {
    target.set(asciiBytes(value, code), at);
    return;
  }
  if (isPacked(value)) {
    target.set(value.packed, at);
    return;
  }
  const n = type === FieldType.RATIONAL || type === FieldType.SRATIONAL ? count * 2 : count;
  const range = INTEGER_RANGE[type];
  for (let i = 0; i < n; i++) {
    const v = value[i] as number | bigint;
    if (type === FieldType.LONG8 || type === FieldType.IFD8 || type === FieldType.SLONG8) {
      const big = typeof v === 'bigint' ? v : toBigInt(v, code, type);
      const signed = type === FieldType.SLONG8;
      if (signed ? big !== BigInt.asIntN(64, big) : big !== BigInt.asUintN(64, big)) {
        throw wrongValue(code, type, `${v} is out of range`);
      }
      if (signed) view.setBigInt64(at + i * 8, big, le);
      else view.setBigUint64(at + i * 8, big, le);
      continue;
    }
    const num = typeof v === 'bigint' ? Number(v) : v;
    if (range) {
      if (!Number.isInteger(num) || num < range[0] || num > range[1]) {
        throw wrongValue(code, type, `${String(v)} is not an integer in ${range[0]}..${range[1]}`);
      }
    } else if (typeof num !== 'number') {
      throw wrongValue(code, type, `${String(v)} is not a number`);
    }
    switch (type) {
      case FieldType.BYTE:
      case FieldType.UNDEFINED:
      case FieldType.ASCII:
        view.setUint8(at + i, num);
        break;
      case FieldType.SBYTE:
        view.setInt8(at + i, num);
        break;
      case FieldType.SHORT:
        view.setUint16(at + i * 2, num, le);
        break;
      case FieldType.SSHORT:
        view.setInt16(at + i * 2, num, le);
        break;
      case FieldType.LONG:
      case FieldType.IFD:
      case FieldType.RATIONAL:
        view.setUint32(at + i * 4, num, le);
        break;
      case FieldType.SLONG:
      case FieldType.SRATIONAL:
        view.setInt32(at + i * 4, num, le);
        break;
      case FieldType.FLOAT:
        view.setFloat32(at + i * 4, num, le);
        break;
      case FieldType.DOUBLE:
        view.setFloat64(at + i * 8, num, le);
        break;
    }
  }
}

function toBigInt(v: number, code: number, type: number): bigint {
  if (!Number.isSafeInteger(v)) throw wrongValue(code, type, `${v} is not a safe integer (pass a bigint)`);
  return BigInt(v);
}

interface Layout {
  readonly sorted: IfdEntry[];
  readonly counts: number[];
  readonly sizes: number[];
  readonly byteLength: number;
}

function layout(entries: readonly IfdEntry[], format: TiffFormat): Layout {
  // Array.prototype.sort is stable: entries with equal codes keep their insertion order.
  const sorted = [...entries].sort((a, b) => a.code - b.code);
  const counts: number[] = [];
  const sizes: number[] = [];
  let byteLength = format.entryCountSize + sorted.length * format.entrySize + format.offsetSize;
  for (const entry of sorted) {
    // The code field is 16 bits: DataView would silently write a wrong tag for codes beyond it.
    if (!Number.isInteger(entry.code) || entry.code < 0 || entry.code > 0xffff) {
      throw new TiffError('INVALID_DATA', `tag code ${entry.code} is not an integer in 0..65535`);
    }
    const reserve = entry.reserve ?? 0;
    if (!Number.isSafeInteger(reserve) || reserve < 0) {
      throw wrongValue(entry.code, entry.type, `reserve ${reserve} is not a non-negative integer`);
    }
    const info = fieldTypeInfo(entry.type);
    if (!info) throw wrongValue(entry.code, entry.type, 'unknown field type');
    if (info.bigtiffOnly && !format.bigtiff) {
      throw wrongValue(entry.code, entry.type, `${info.name} is only valid in BigTIFF files`);
    }
    const count = entryCount(entry);
    if (count > 0xffff_ffff && !format.bigtiff) throw wrongValue(entry.code, entry.type, 'count exceeds 2**32-1');
    const size = count * info.size;
    counts.push(count);
    sizes.push(size);
    if (size > format.offsetSize) {
      byteLength += (byteLength & 1) + size + reserve;
    }
  }
  byteLength += byteLength & 1;
  if (sorted.length > (format.bigtiff ? Number.MAX_SAFE_INTEGER : 0xffff)) {
    throw new TiffError('TOO_LARGE', `an IFD of a classic TIFF holds at most 65535 entries, got ${sorted.length}`);
  }
  return { sorted, counts, sizes, byteLength };
}

/** The size in bytes of the IFD block `encodeIfd` would produce (values only influence it via counts). */
export function ifdByteLength(entries: readonly IfdEntry[], format: TiffFormat): number {
  return layout(entries, format).byteLength;
}

/**
 * Encode an IFD for position `offset`: entries sorted by code (stably), inline values left-justified,
 * out-of-line values after the next-IFD field on even positions, next-IFD field 0.
 */
export function encodeIfd(entries: readonly IfdEntry[], offset: number, format: TiffFormat): EncodedIfd {
  if (offset % 2 !== 0) throw new TiffError('CORRUPT_TIFF', `IFD offset ${offset} is not word-aligned`);
  const { sorted, counts, sizes, byteLength } = layout(entries, format);
  if (offset + byteLength - 1 > format.maxOffset) {
    throw new TiffError(
      'TOO_LARGE',
      `an IFD at byte ${offset} (${byteLength} bytes) is beyond the 4 GiB a classic TIFF can address; use bigtiff: true`,
    );
  }
  const bytes = new Uint8Array(byteLength);
  const view = new DataView(bytes.buffer);
  const le = format.littleEndian;
  const big = format.bigtiff;
  if (big) view.setBigUint64(0, BigInt(sorted.length), le);
  else view.setUint16(0, sorted.length, le);
  let valueAt = format.entryCountSize + sorted.length * format.entrySize + format.offsetSize;
  const placed: PlacedEntry[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i] as IfdEntry;
    const count = counts[i] as number;
    const size = sizes[i] as number;
    const at = format.entryCountSize + i * format.entrySize;
    view.setUint16(at, entry.code, le);
    view.setUint16(at + 2, entry.type, le);
    if (big) view.setBigUint64(at + 4, BigInt(count), le);
    else view.setUint32(at + 4, count, le);
    const slot = at + 4 + format.offsetSize;
    const inline = size <= format.offsetSize;
    let valuePosition = slot;
    if (!inline) {
      valueAt += valueAt & 1;
      valuePosition = valueAt;
      if (big) view.setBigUint64(slot, BigInt(offset + valueAt), le);
      else view.setUint32(slot, offset + valueAt, le);
      valueAt += size + (entry.reserve ?? 0);
    }
    packValue(entry, count, view, valuePosition, le);
    placed.push({
      code: entry.code,
      type: entry.type,
      count,
      entryOffset: offset + at,
      valueOffset: offset + valuePosition,
      inline,
      capacity: inline ? format.offsetSize : size + (entry.reserve ?? 0),
      label: entry.label,
    });
  }
  return {
    offset,
    bytes,
    nextIfdFieldOffset: offset + format.entryCountSize + sorted.length * format.entrySize,
    entries: placed,
  };
}
