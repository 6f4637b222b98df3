import type { ByteOrder } from './encode-ij-metadata.js';
import { ImageJError, show } from './errors.js';
import { type IjMetadata, isLittleEndian, magic, storedCode, TYPE_CODES } from './ij-metadata-types.js';
import { BINARY_KEYS, type BinaryKey } from './metadata-keys.js';
import { decodeUtf16 } from './utf16.js';

/**
 * Reads the IJMetadata payload back into its keys, given the IJMetadataByteCounts values and the file's
 * byte order. Strict about structure (magic for this byte order, header size, entry bounds), because a
 * payload ImageJ would misread should fail a test, not decode halfway. Unknown record types are skipped.
 */
export function decodeIjMetadata(data: Uint8Array, byteCounts: readonly number[], byteOrder: ByteOrder): IjMetadata {
  const littleEndian = isLittleEndian(byteOrder);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerSize = byteCounts[0];
  if (headerSize === undefined || headerSize < 12 || (headerSize - 4) % 8 !== 0 || headerSize > data.byteLength) {
    throw corrupt(`header size ${show(headerSize)} is not 4 + 8 × types within ${data.byteLength} bytes`);
  }
  const found = ascii(data, 0);
  if (found !== magic(littleEndian)) {
    throw corrupt(`magic ${show(found)} is not '${magic(littleEndian)}' (the magic for byte order '${byteOrder}')`);
  }
  const byCode = new Map(BINARY_KEYS.map((key) => [storedCode(TYPE_CODES[key], littleEndian), key] as const));
  const result: IjMetadata = {};
  let position = headerSize;
  let entry = 1;
  for (let record = 4; record < headerSize; record += 8) {
    const key = byCode.get(ascii(data, record));
    const count = view.getUint32(record + 4, littleEndian);
    const entries: Uint8Array[] = [];
    for (let i = 0; i < count; i++, entry++) {
      const length = byteCounts[entry];
      if (length === undefined) throw corrupt(`byte counts end before entry ${entry}`);
      if (!Number.isSafeInteger(length) || length < 0 || position + length > data.byteLength) {
        throw corrupt(`entry ${entry} (${length} bytes at ${position}) runs past the ${data.byteLength}-byte payload`);
      }
      entries.push(data.subarray(position, position + length));
      position += length;
    }
    if (key !== undefined && entries.length > 0) store(result, key, entries, littleEndian);
  }
  return result;
}

function store(result: IjMetadata, key: BinaryKey, entries: Uint8Array[], littleEndian: boolean): void {
  const text = (bytes: Uint8Array): string => {
    if (bytes.byteLength % 2 !== 0) throw corrupt(`a ${key} string has an odd byte length (${bytes.byteLength})`);
    return decodeUtf16(bytes, littleEndian);
  };
  switch (key) {
    case 'Info':
      result.Info = entries.map(text).join('');
      break;
    case 'Labels':
      result.Labels = entries.map(text);
      break;
    case 'Ranges':
      result.Ranges = entries.flatMap((bytes) => doubles(bytes, littleEndian));
      break;
    case 'LUTs':
      result.LUTs = entries.map((bytes) => bytes.slice());
      break;
    case 'Plot':
    case 'ROI':
      result[key] = entries[0]?.slice() ?? new Uint8Array(0);
      break;
    case 'Overlays':
      result.Overlays = entries.map((bytes) => bytes.slice());
      break;
    case 'Properties': {
      if (entries.length % 2 !== 0) throw corrupt(`Properties has ${entries.length} strings, not key/value pairs`);
      const properties: Record<string, string> = {};
      for (let i = 0; i < entries.length; i += 2) {
        // defineProperty: a property named "__proto__" must stay data.
        Object.defineProperty(properties, text(entries[i] as Uint8Array), {
          value: text(entries[i + 1] as Uint8Array),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      result.Properties = properties;
      break;
    }
  }
}

function doubles(bytes: Uint8Array, littleEndian: boolean): number[] {
  if (bytes.byteLength % 8 !== 0) throw corrupt(`Ranges has ${bytes.byteLength} bytes, not a multiple of 8`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.byteLength / 8 }, (_, i) => view.getFloat64(i * 8, littleEndian));
}

function ascii(data: Uint8Array, at: number): string {
  return String.fromCharCode(...data.subarray(at, at + 4));
}

function corrupt(why: string): ImageJError {
  return new ImageJError('INVALID_DATA', `invalid IJMetadata: ${why}`, 'IJMetadata');
}
