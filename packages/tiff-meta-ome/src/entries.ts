import { invalidOption, OmeError } from './errors.js';
import { asDict } from './metadata-view.js';
import { ACQUISITION_MODES, CONTRAST_METHODS, ILLUMINATION_TYPES, INT32_MAX, INT32_MIN } from './schema-enums.js';
import { isDict, readEnum, readFloat, readInteger, readText, readUnit } from './values.js';
import type { XmlAttribute } from './xml-builder.js';

/** One optional attribute: its name and how a metadata value becomes its text. */
export type FieldSpec = readonly [name: string, read: (value: unknown, path: string) => string];

const positive = (value: unknown, path: string): string => readFloat(value, path, { positive: true });
const length = (value: unknown, path: string): string => readUnit(value, path, 'length');
const time = (value: unknown, path: string): string => readUnit(value, path, 'time');

/**
 * Color is xsd:int holding RGBA. People write it unsigned (0xff0000ff for red), which the schema cannot
 * take, so values up to 2^32 − 1 are stored as the same 32 bits read signed.
 */
function readColor(value: unknown, path: string): string {
  const bits = Number(readInteger(value, path, INT32_MIN, 2 ** 32 - 1));
  return String(bits > INT32_MAX ? bits - 2 ** 32 : bits);
}

/** Channel attributes after ID and SamplesPerPixel, in the order tifffile writes them. */
export const CHANNEL_FIELDS: readonly FieldSpec[] = [
  ['Name', readText],
  ['AcquisitionMode', (v, p) => readEnum(v, p, ACQUISITION_MODES)],
  ['Color', readColor],
  ['ContrastMethod', (v, p) => readEnum(v, p, CONTRAST_METHODS)],
  ['EmissionWavelength', positive],
  ['EmissionWavelengthUnit', length],
  ['ExcitationWavelength', positive],
  ['ExcitationWavelengthUnit', length],
  ['Fluor', readText],
  ['IlluminationType', (v, p) => readEnum(v, p, ILLUMINATION_TYPES)],
  ['NDFilter', readFloat],
  ['PinholeSize', readFloat],
  ['PinholeSizeUnit', length],
  ['PockelCellSetting', (v, p) => readInteger(v, p, INT32_MIN, INT32_MAX)],
];

/** Plane attributes after TheC, TheZ and TheT. */
export const PLANE_FIELDS: readonly FieldSpec[] = [
  ['DeltaT', readFloat],
  ['DeltaTUnit', time],
  ['ExposureTime', readFloat],
  ['ExposureTimeUnit', time],
  ['PositionX', readFloat],
  ['PositionXUnit', length],
  ['PositionY', readFloat],
  ['PositionYUnit', length],
  ['PositionZ', readFloat],
  ['PositionZUnit', length],
];

/** Attributes of a single dict (Pixels, Experimenter, ...), in `fields` order. */
export function readFields(
  dict: Readonly<Record<string, unknown>>,
  path: string,
  fields: readonly FieldSpec[],
): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  for (const [name, read] of fields) {
    const value = dict[name];
    if (value !== undefined && value !== null) attributes.push([name, read(value, `${path}.${name}`)]);
  }
  return attributes;
}

/**
 * Per-channel or per-plane attributes, from either shape tifffile takes: a dict whose values are lists
 * (one entry per channel/plane) or scalars (applied to every entry, handy for units), or a list of dicts.
 * A list must have exactly one entry per channel/plane: a different length means the axes are not what
 * the caller thinks, and tifffile's silent truncation would hide that.
 */
export function readPerEntry(
  value: unknown,
  path: string,
  count: number,
  what: 'channel' | 'plane',
  fields: readonly FieldSpec[],
): XmlAttribute[][] {
  if (value === undefined || value === null) return Array.from({ length: count }, () => []);
  const entries = asList(value);
  if (entries !== undefined) {
    checkCount(entries.length, path, count, what);
    return entries.map((entry, i) => readFields(asDict(entry, `${path}[${i}]`), `${path}[${i}]`, fields));
  }
  if (!isDict(value)) throw invalidOption(path, value, `an object of per-${what} lists, or a list of objects`);
  const result: XmlAttribute[][] = Array.from({ length: count }, () => []);
  for (const [name, read] of fields) {
    const field = value[name];
    if (field === undefined || field === null) continue;
    const list = asList(field);
    if (list !== undefined) checkCount(list.length, `${path}.${name}`, count, what);
    result.forEach((attributes, i) => {
      const item = list === undefined ? field : list[i];
      if (item !== undefined && item !== null) {
        attributes.push([name, read(item, list === undefined ? `${path}.${name}` : `${path}.${name}[${i}]`)]);
      }
    });
  }
  return result;
}

function checkCount(actual: number, path: string, count: number, what: string): void {
  if (actual !== count) {
    throw new OmeError(
      'INVALID_OPTION',
      `${path} has ${actual} entries but the image has ${count} ${what}${count === 1 ? '' : 's'}`,
      path,
    );
  }
}

/** Arrays and typed arrays (exposure times often come as a Float64Array). */
export function asList(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<unknown>);
  return undefined;
}
