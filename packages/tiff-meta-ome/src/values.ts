import { invalidOption } from './errors.js';
import { LENGTH_UNITS, TIME_UNITS, UNIT_ALIASES } from './schema-enums.js';
import { assertXmlChars } from './xml-text.js';

/**
 * Readers that turn one metadata value into the exact attribute or element text to write, or throw an
 * INVALID_OPTION naming its path. Formatting rules: numbers as JavaScript's shortest round-trip form
 * (`0.1`, `1e-7`), which is valid xsd:float/xsd:double lexical form; booleans as the schema's `true`/`false`
 * (not Python's `True`); strings verbatim.
 */

/** Plain objects only: arrays, typed arrays, dates, maps and class instances are not metadata dicts. */
export function isDict(value: unknown): value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function formatNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Free text: strings verbatim; finite numbers, booleans and bigints formatted. */
export function readText(value: unknown, path: string): string {
  if (typeof value === 'string') return assertXmlChars(value, path);
  if (typeof value === 'number' && Number.isFinite(value)) return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return String(value);
  throw invalidOption(path, value, 'a string');
}

/** A finite number (or a decimal string), for xsd:float attributes. */
export function readFloat(value: unknown, path: string, { positive = false } = {}): string {
  const number = typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || (positive && !(number > 0))) {
    throw invalidOption(path, value, positive ? 'a positive finite number' : 'a finite number');
  }
  return formatNumber(number);
}

/** An integer in [min, max] given as a number, an integer string or a bigint. */
export function readInteger(value: unknown, path: string, min: number | bigint, max: number | bigint): string {
  let integer: bigint | undefined;
  if (typeof value === 'number' && Number.isInteger(value)) integer = BigInt(value);
  else if (typeof value === 'bigint') integer = value;
  else if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) integer = BigInt(value);
  if (integer === undefined || integer < BigInt(min) || integer > BigInt(max)) {
    throw invalidOption(path, value, `an integer from ${min} to ${max}`);
  }
  return String(integer);
}

/**
 * xsd:anyURI (annotation Namespace). Checked against the characters RFC 3986/3987 allow in a URI or IRI
 * reference (non-ASCII included, '%' only as an escape); validators differ in how lenient they are,
 * and this subset passes all of them.
 */
export function readUri(value: unknown, path: string): string {
  if (typeof value === 'string' && /^(?:[\w\-.~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2}|\P{ASCII})*$/u.test(value)) {
    return assertXmlChars(value, path);
  }
  throw invalidOption(path, value, 'a URI such as "urn:example:analysis" (no spaces, quotes, <>[]{}|\\^`)');
}

/** xsd:boolean, written as the canonical `true`/`false`. */
export function readBoolean(value: unknown, path: string): string {
  if (value === true || value === 'true' || value === '1') return 'true';
  if (value === false || value === 'false' || value === '0') return 'false';
  throw invalidOption(path, value, 'true or false');
}

/** xsd:double: any number, with the schema's spellings of the special values. */
export function readDouble(value: unknown, path: string): string {
  const number = typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value;
  if (typeof number !== 'number') throw invalidOption(path, value, 'a number');
  if (Number.isNaN(number)) return 'NaN';
  if (number === Number.POSITIVE_INFINITY) return 'INF';
  if (number === Number.NEGATIVE_INFINITY) return '-INF';
  return formatNumber(number);
}

export function readEnum(value: unknown, path: string, allowed: readonly string[]): string {
  if (typeof value === 'string' && allowed.includes(value)) return value;
  throw invalidOption(path, value, `one of ${allowed.map((v) => `'${v}'`).join(', ')}`);
}

export function readUnit(value: unknown, path: string, kind: 'length' | 'time'): string {
  const allowed = kind === 'length' ? LENGTH_UNITS : TIME_UNITS;
  if (typeof value === 'string') {
    if (allowed.includes(value)) return value;
    const alias = UNIT_ALIASES.get(value);
    if (alias !== undefined && allowed.includes(alias)) return alias;
  }
  throw invalidOption(path, value, `a ${kind} unit of OME 2016-06: ${allowed.map((v) => `'${v}'`).join(', ')}`);
}

const DATE_TIME =
  /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/;

/**
 * xsd:dateTime. A Date is written in ISO form; a string must already be one (tifffile writes Python's
 * `str(datetime)`, whose space separator makes the document schema-invalid).
 */
export function readDateTime(value: unknown, path: string): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (typeof value === 'string' && DATE_TIME.test(value)) return value;
  throw invalidOption(path, value, "an xsd:dateTime such as '2024-05-01T12:30:00' or a valid Date");
}
