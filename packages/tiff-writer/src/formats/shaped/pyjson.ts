import { describeValue, TiffError } from '@tiffkit/tiff-core/errors.js';
import { pythonFloatRepr, pythonNumber as pythonStrNumber } from '@tiffkit/tiff-meta-imagej/python-str.js';

export { pythonFloatRepr };

/**
 * JSON text formatted exactly as Python's `json.dumps(value)` with default settings, which is what
 * tifffile writes and compares: `", "` and `": "` separators, non-ASCII escaped as `\uXXXX`, NaN and
 * Infinity as bare tokens, and floats in Python's `repr` style (`1e-05`, not `0.00001`).
 */
export function pythonJsonDumps(value: unknown, path = 'metadata'): string {
  return dump(value, path, new Set());
}

function dump(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return pythonNumber(value);
    case 'bigint':
      return value.toString();
    case 'string':
      return pythonString(value);
    case 'object':
      break;
    default:
      throw notSerialisable(path, value);
  }
  const object = value as object;
  if (seen.has(object)) throw new TiffError('INVALID_OPTION', `${path} is circular`, { option: 'metadata' });
  seen.add(object);
  try {
    if (Array.isArray(object)) return `[${object.map((v, i) => dump(v, `${path}[${i}]`, seen)).join(', ')}]`;
    if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
      const items = Array.from(object as unknown as ArrayLike<number | bigint>);
      return `[${items.map((v) => dump(v, path, seen)).join(', ')}]`;
    }
    const entries = objectEntries(object, path);
    const parts: string[] = [];
    for (const [key, v] of entries) {
      if (v === undefined) continue;
      if (typeof key !== 'string') throw notSerialisable(`${path} key`, key);
      parts.push(`${pythonString(key)}: ${dump(v, `${path}.${key}`, seen)}`);
    }
    return `{${parts.join(', ')}}`;
  } finally {
    seen.delete(object);
  }
}

function objectEntries(object: object, path: string): [unknown, unknown][] {
  if (object instanceof Map) return [...object.entries()];
  const proto = Object.getPrototypeOf(object);
  if (proto === Object.prototype || proto === null) return Object.entries(object);
  throw notSerialisable(path, object);
}

function notSerialisable(path: string, value: unknown): TiffError {
  return new TiffError(
    'INVALID_OPTION',
    `${path}=${describeValue(value)} is not JSON-serialisable: use null, booleans, numbers, bigints, strings, arrays, typed arrays, plain objects or Maps`,
    { option: 'metadata' },
  );
}

/** A number as Python's `json.dumps` writes it: an int or a float as `str()` does, NaN and Infinity as bare tokens. */
export function pythonNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  return pythonStrNumber(x);
}

/** A string as Python's `json.dumps` writes it with `ensure_ascii=True`. */
export function pythonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += text[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}
