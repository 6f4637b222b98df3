/**
 * The one error type of this package. Its codes are a subset of tiff-core's `TiffError` codes so that the
 * writer can re-raise it as a `TiffError` with the same `code` and `option` without a lookup table.
 */
export type OmeErrorCode =
  /** A metadata value (or request field) is outside what OME-XML 2016-06 accepts. */
  | 'INVALID_OPTION'
  /** The data (shape, page layout, XML text being parsed) is unusable as given. */
  | 'INVALID_DATA'
  /** A valid request that OME-TIFF, or this package, cannot express (int64 pixels, > 3 modulo axes, ...). */
  | 'UNSUPPORTED';

export class OmeError extends Error {
  override readonly name = 'OmeError';
  readonly code: OmeErrorCode;
  /** The metadata path at fault, e.g. `"metadata.axes"` or `"metadata.Channel[1].Color"`. */
  readonly option: string | undefined;

  constructor(code: OmeErrorCode, message: string, option?: string) {
    super(message);
    this.code = code;
    this.option = option;
  }
}

/** The standard "bad value" error: names the path, shows the value and says what is accepted. */
export function invalidOption(option: string, value: unknown, expected: string): OmeError {
  return new OmeError('INVALID_OPTION', `${option}=${describeValue(value)} is invalid: expected ${expected}`, option);
}

/** A short, readable rendering of any value for error messages (never the whole of a long string). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    const shown = value.slice(0, 8).map(describeValue).join(', ');
    return `[${shown}${value.length > 8 ? ', ...' : ''}]`;
  }
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== 'Object' ? `<${name}>` : '{...}';
}
