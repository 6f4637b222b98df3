/** Stable codes, the same strings as tiff-core's TiffError codes so the writer can convert 1:1. */
export type ImageJErrorCode = 'INVALID_OPTION' | 'INVALID_DATA' | 'UNSUPPORTED';

/**
 * Errors of this package. The writer facade converts them to its `TiffError` with the same `code` and
 * `option`; this package defines its own class because it may import nothing (not even tiff-core).
 */
export class ImageJError extends Error {
  override readonly name = 'ImageJError';
  readonly code: ImageJErrorCode;
  /** The option at fault, e.g. `"dtype"`, `"shape"` or `"metadata.unit"` for a metadata key. */
  readonly option: string | undefined;

  constructor(code: ImageJErrorCode, message: string, option?: string) {
    super(message);
    this.code = code;
    this.option = option;
  }
}

/** A short rendering of a value for messages (strings quoted, long ones cut). */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength} bytes)`;
  if (Array.isArray(value)) {
    const items = value.slice(0, 8).map((item) => (typeof item === 'object' && item !== null ? '...' : show(item)));
    return `[${items.join(', ')}${value.length > 8 ? ', ...' : ''}]`;
  }
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== 'Object' ? `<${name}>` : '{...}';
}
