import { invalidOption, TiffError } from './errors.js';

/** `'<'` little-endian (`II`), `'>'` big-endian (`MM`). */
export type ByteOrder = '<' | '>';

/** The byte order of the machine running this code. */
export const nativeByteOrder: ByteOrder = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? '<' : '>';

/** Everything that differs between the four kinds of TIFF container. */
export interface TiffFormat {
  /** BigTIFF (64-bit offsets) rather than classic TIFF. */
  readonly bigtiff: boolean;
  /** `'<'` little-endian or `'>'` big-endian. */
  readonly byteOrder: ByteOrder;
  /** `byteOrder === '<'`, for DataView calls. */
  readonly littleEndian: boolean;
  /** Size of an offset, and of the inline value slot of an IFD entry: 4 (classic) or 8 (BigTIFF). */
  readonly offsetSize: 4 | 8;
  /** Size of one IFD entry: 12 or 20. */
  readonly entrySize: 12 | 20;
  /** Size of the entry-count field that opens an IFD: 2 or 8. */
  readonly entryCountSize: 2 | 8;
  /** Size of the file header: 8 or 16. */
  readonly headerSize: 8 | 16;
  /** Position of the first-IFD offset inside the header. */
  readonly firstIfdFieldOffset: 4 | 8;
  /** The largest byte position an offset field can hold. */
  readonly maxOffset: number;
}

const formats = new Map<string, TiffFormat>();

/** The (shared, frozen) format descriptor for a container kind. */
export function tiffFormat(bigtiff: boolean, byteOrder: ByteOrder): TiffFormat {
  if (byteOrder !== '<' && byteOrder !== '>') throw invalidOption('byteorder', byteOrder, "'<' or '>'");
  const key = `${bigtiff ? 'B' : 'C'}${byteOrder}`;
  let format = formats.get(key);
  if (!format) {
    format = Object.freeze({
      bigtiff,
      byteOrder,
      littleEndian: byteOrder === '<',
      offsetSize: bigtiff ? 8 : 4,
      entrySize: bigtiff ? 20 : 12,
      entryCountSize: bigtiff ? 8 : 2,
      headerSize: bigtiff ? 16 : 8,
      firstIfdFieldOffset: bigtiff ? 8 : 4,
      maxOffset: bigtiff ? Number.MAX_SAFE_INTEGER : 0xffff_ffff,
    });
    formats.set(key, format);
  }
  return format;
}

/** Resolve a user's byte order spelling: `'<'`, `'>'`, `'='`/`'|'`/undefined (native). */
export function parseByteOrder(value: unknown, option = 'byteorder'): ByteOrder {
  if (value === undefined || value === null || value === '=' || value === '|') return nativeByteOrder;
  if (value === '<' || value === '>') return value;
  throw invalidOption(option, value, "'<' (little-endian), '>' (big-endian), '=' or '|' (native)");
}

/** Refuse what an offset field cannot hold: DataView would silently wrap it modulo 2**32 or 2**64. */
function checkOffset(format: TiffFormat, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TiffError('INVALID_DATA', `offset ${value} is not a non-negative integer`);
  }
  if (value > format.maxOffset) {
    throw new TiffError(
      'TOO_LARGE',
      `offset ${value} is beyond the 4 GiB a classic TIFF can address; use bigtiff: true`,
    );
  }
}

/** The 8- or 16-byte file header with the given first-IFD offset. */
export function encodeHeader(format: TiffFormat, firstIfdOffset = 0): Uint8Array {
  checkOffset(format, firstIfdOffset);
  const bytes = new Uint8Array(format.headerSize);
  const view = new DataView(bytes.buffer);
  const le = format.littleEndian;
  bytes[0] = bytes[1] = le ? 0x49 : 0x4d;
  if (format.bigtiff) {
    view.setUint16(2, 43, le);
    view.setUint16(4, 8, le);
    view.setUint16(6, 0, le);
    view.setBigUint64(8, BigInt(firstIfdOffset), le);
  } else {
    view.setUint16(2, 42, le);
    view.setUint32(4, firstIfdOffset, le);
  }
  return bytes;
}

/** An offset field (4 or 8 bytes) holding `value`, in the format's byte order. */
export function encodeOffset(format: TiffFormat, value: number): Uint8Array {
  checkOffset(format, value);
  const bytes = new Uint8Array(format.offsetSize);
  const view = new DataView(bytes.buffer);
  if (format.bigtiff) view.setBigUint64(0, BigInt(value), format.littleEndian);
  else view.setUint32(0, value, format.littleEndian);
  return bytes;
}
