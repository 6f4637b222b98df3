import { FieldType } from './field-types.js';

/**
 * A decoded value: string for ASCII (without the final NUL), bytes for BYTE/UNDEFINED, numbers for the
 * other types (RATIONAL/SRATIONAL as flat numerator, denominator pairs; 64-bit types as bigints only when
 * a value exceeds Number.MAX_SAFE_INTEGER).
 */
export type DecodedValue = string | Uint8Array | number[] | bigint[];

const utf8 = new TextDecoder('utf-8');

/** Decode the raw (file order) bytes of a value. */
export function decodeValue(raw: Uint8Array, type: number, count: number, le: boolean): DecodedValue {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
  switch (type) {
    case FieldType.ASCII: {
      let end = raw.length;
      while (end > 0 && raw[end - 1] === 0) end--;
      // UTF-8 rather than strict ASCII: OME-XML is stored as UTF-8 in ImageDescription.
      return utf8.decode(raw.subarray(0, end));
    }
    case FieldType.BYTE:
    case FieldType.UNDEFINED:
      return raw.slice();
    case FieldType.LONG8:
    case FieldType.IFD8:
    case FieldType.SLONG8: {
      const values: bigint[] = [];
      let safe = true;
      for (let i = 0; i < count; i++) {
        const v = type === FieldType.SLONG8 ? view.getBigInt64(i * 8, le) : view.getBigUint64(i * 8, le);
        if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) safe = false;
        values.push(v);
      }
      return safe ? values.map(Number) : values;
    }
  }
  const n = type === FieldType.RATIONAL || type === FieldType.SRATIONAL ? count * 2 : count;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    switch (type) {
      case FieldType.SBYTE:
        out[i] = view.getInt8(i);
        break;
      case FieldType.SHORT:
        out[i] = view.getUint16(i * 2, le);
        break;
      case FieldType.SSHORT:
        out[i] = view.getInt16(i * 2, le);
        break;
      case FieldType.LONG:
      case FieldType.IFD:
      case FieldType.RATIONAL:
        out[i] = view.getUint32(i * 4, le);
        break;
      case FieldType.SLONG:
      case FieldType.SRATIONAL:
        out[i] = view.getInt32(i * 4, le);
        break;
      case FieldType.FLOAT:
        out[i] = view.getFloat32(i * 4, le);
        break;
      case FieldType.DOUBLE:
        out[i] = view.getFloat64(i * 8, le);
        break;
    }
  }
  return out;
}
