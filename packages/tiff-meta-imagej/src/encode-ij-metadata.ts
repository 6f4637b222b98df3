import { ImageJError, show } from './errors.js';
import { isLittleEndian, magic, storedCode, TYPE_CODES } from './ij-metadata-types.js';
import { lutBytes } from './lut.js';
import { BINARY_KEYS, type BinaryKey, findKey } from './metadata-keys.js';
import { isScalar, pythonStr } from './python-str.js';
import { encodeUtf16, loneSurrogateAt } from './utf16.js';

export type ByteOrder = '<' | '>';

/** The payloads of IJMetadata (50839, BYTE) and IJMetadataByteCounts (50838, LONG). */
export interface EncodedIjMetadata {
  /** The IJMetadata bytes: magic, one header record per type, then every entry. */
  data: Uint8Array;
  /** Header size, then the byte length of every entry, in order (the writer stores them as LONGs). */
  byteCounts: number[];
}

type EntryEncoder = (value: unknown, option: string, littleEndian: boolean) => Uint8Array[];

/**
 * Builds both payloads from the binary metadata keys (Info, Labels, Ranges, LUTs, Plot, ROI, Overlays,
 * Properties; any case), in the file's byte order. Returns undefined when none is present or all are
 * empty, so the writer then writes neither tag. Empty values (`''`, `[]`, `{}`) are left out rather than
 * written as records without entries.
 */
export function encodeIjMetadata(
  metadata: Readonly<Record<string, unknown>>,
  byteOrder: ByteOrder,
): EncodedIjMetadata | undefined {
  const littleEndian = isLittleEndian(byteOrder);
  const records: { code: string; entries: Uint8Array[] }[] = [];
  for (const name of BINARY_KEYS) {
    const key = findKey(metadata, name);
    if (key === undefined || metadata[key] === undefined) continue;
    const entries = ENCODERS[name](metadata[key], `metadata.${key}`, littleEndian);
    if (entries.length > 0) records.push({ code: TYPE_CODES[name], entries });
  }
  if (records.length === 0) return undefined;

  const headerSize = 4 + 8 * records.length;
  const entries = records.flatMap((record) => record.entries);
  const byteCounts = [headerSize, ...entries.map((entry) => entry.byteLength)];
  const data = new Uint8Array(byteCounts.reduce((sum, n) => sum + n, 0));
  const view = new DataView(data.buffer);
  writeAscii(data, 0, magic(littleEndian));
  records.forEach((record, i) => {
    writeAscii(data, 4 + 8 * i, storedCode(record.code, littleEndian));
    view.setUint32(8 + 8 * i, record.entries.length, littleEndian);
  });
  let position = headerSize;
  for (const entry of entries) {
    data.set(entry, position);
    position += entry.byteLength;
  }
  return { data, byteCounts };
}

function writeAscii(target: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) target[at + i] = text.charCodeAt(i);
}

function utf16(text: string, option: string, littleEndian: boolean): Uint8Array {
  const at = loneSurrogateAt(text);
  if (at >= 0) {
    throw new ImageJError(
      'INVALID_OPTION',
      `${option} has an unpaired UTF-16 surrogate at index ${at}: the text is not valid Unicode`,
      option,
    );
  }
  return encodeUtf16(text, littleEndian);
}

function invalid(option: string, value: unknown, expected: string): ImageJError {
  return new ImageJError('INVALID_OPTION', `${option}=${show(value)} is invalid: expected ${expected}`, option);
}

const info: EntryEncoder = (value, option, le) => {
  if (typeof value !== 'string') throw invalid(option, value, 'a string');
  return value === '' ? [] : [utf16(value, option, le)];
};

const labels: EntryEncoder = (value, option, le) => {
  if (!Array.isArray(value)) throw invalid(option, value, 'an array of strings, one label per image');
  return value.map((label, i) => {
    if (typeof label !== 'string') throw invalid(`${option}[${i}]`, label, 'a string');
    return utf16(label, `${option}[${i}]`, le);
  });
};

// ImageJ stores all ranges as one entry of packed doubles, not one entry per value.
const ranges: EntryEncoder = (value, option, le) => {
  const list = numericList(value);
  if (list === undefined) throw invalid(option, value, 'an array of numbers (min and max per channel)');
  if (list.length === 0) return [];
  const bytes = new Uint8Array(list.length * 8);
  const view = new DataView(bytes.buffer);
  for (const [i, n] of list.entries()) view.setFloat64(i * 8, n, le);
  return [bytes];
};

// A plain array is always a list of LUTs; a typed array or { data, shape } on its own is one LUT.
const luts: EntryEncoder = (value, option) => {
  const list = Array.isArray(value) ? value : [value];
  return list.map((lut, i) => lutBytes(lut, Array.isArray(value) ? `${option}[${i}]` : option));
};

const raw: EntryEncoder = (value, option) => {
  if (!(value instanceof Uint8Array)) throw invalid(option, value, 'a Uint8Array of ImageJ-serialised bytes');
  return value.byteLength === 0 ? [] : [value.slice()];
};

const overlays: EntryEncoder = (value, option) => {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    if (!(item instanceof Uint8Array)) {
      throw invalid(Array.isArray(value) ? `${option}[${i}]` : option, item, 'a Uint8Array (one serialised ROI)');
    }
    return item.slice();
  });
};

// Flattened to key1, value1, key2, value2: ImageJ reads them pairwise into the image's properties.
const properties: EntryEncoder = (value, option, le) => {
  const entries = propertyEntries(value);
  if (entries === undefined) throw invalid(option, value, 'a plain object or Map of string keys to scalar values');
  return entries.flatMap(([key, v]) => {
    if (typeof key !== 'string') throw invalid(`${option} key`, key, 'a string');
    if (!isScalar(v)) throw invalid(`${option}.${key}`, v, 'a string, number or boolean');
    return [utf16(key, `${option} key ${show(key)}`, le), utf16(pythonStr(v), `${option}.${key}`, le)];
  });
};

const ENCODERS: Readonly<Record<BinaryKey, EntryEncoder>> = {
  Info: info,
  Labels: labels,
  Ranges: ranges,
  LUTs: luts,
  Plot: raw,
  ROI: raw,
  Overlays: overlays,
  Properties: properties,
};

function numericList(value: unknown): number[] | undefined {
  const list = Array.isArray(value)
    ? value
    : ArrayBuffer.isView(value) && !(value instanceof DataView)
      ? Array.from(value as unknown as ArrayLike<unknown>)
      : undefined;
  return list?.every((n) => typeof n === 'number') ? (list as number[]) : undefined;
}

function propertyEntries(value: unknown): [unknown, unknown][] | undefined {
  if (value instanceof Map) return [...value.entries()];
  if (typeof value !== 'object' || value === null) return undefined;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? Object.entries(value) : undefined;
}
