/**
 * Stable error codes. Callers branch on `code`; messages may be reworded between releases.
 */
export type TiffErrorCode =
  /** An option has a value outside what is accepted. */
  | 'INVALID_OPTION'
  /** Two or more options, or an option and the data, cannot be used together. */
  | 'INCOMPATIBLE_OPTIONS'
  /** The data (shape, dtype, contents, iterator items) is unusable as given. */
  | 'INVALID_DATA'
  /** A valid request that this format or this version of tiffkit cannot write. */
  | 'UNSUPPORTED'
  /** An offset or size would exceed what the file format can address. */
  | 'TOO_LARGE'
  /** The bytes are not a TIFF file. */
  | 'NOT_A_TIFF'
  /** The TIFF structure is damaged: offsets out of range, IFD loops, truncated values. */
  | 'CORRUPT_TIFF'
  /** `mode: 'x'` and the file exists. */
  | 'FILE_EXISTS'
  /** Appending to this file was refused (format metadata present, wrong mode). */
  | 'APPEND_REFUSED'
  /** The writer was already closed. */
  | 'WRITER_CLOSED'
  /** An earlier write failed part-way; the writer refuses further writes. */
  | 'WRITER_FAILED'
  /** The sink (file, stream, memory) failed to write, read or close. */
  | 'SINK_ERROR'
  /** An encoder failed while encoding valid input: a worker crashed, or ran out of memory. */
  | 'ENCODER_FAILED';

export interface TiffErrorOptions {
  /** The option (or argument) at fault, e.g. `"rowsPerStrip"`. */
  readonly option?: string;
  readonly cause?: unknown;
}

/** The one error type raised by every tiffkit package. */
export class TiffError extends Error {
  /** `'TiffError'`, for `error.name` checks across realms. */
  override readonly name = 'TiffError';
  /** What went wrong, stable across releases: branch on it rather than on the message. */
  readonly code: TiffErrorCode;
  /** The option (or argument) at fault, e.g. `'compressionArgs.level'`; undefined when none is. */
  readonly option: string | undefined;

  constructor(code: TiffErrorCode, message: string, options: TiffErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.option = options.option;
  }
}

/**
 * The standard "bad option" error: names the option, shows the value and says what is accepted.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function invalidOption(option: string, value: unknown, accepted: string): TiffError {
  return new TiffError('INVALID_OPTION', `${option}=${describeValue(value)} is invalid: expected ${accepted}`, {
    option,
  });
}

/**
 * A short, readable rendering of any value for error messages.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `<function ${value.name || 'anonymous'}>`;
  if (value === null || typeof value !== 'object') return String(value);
  if (ArrayBuffer.isView(value)) {
    const length = 'length' in value ? (value as { length: number }).length : value.byteLength;
    return `${value.constructor.name}(${length})`;
  }
  if (Array.isArray(value)) {
    const shown = value.slice(0, 8).map(describeValue).join(', ');
    return `[${shown}${value.length > 8 ? ', ...' : ''}]`;
  }
  const name = value.constructor?.name;
  return name && name !== 'Object' ? `<${name}>` : '{...}';
}
