import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';

/** The ASCII bytes of a string, refusing anything beyond 7 bits (TIFF ASCII is 7-bit). */
export function asciiValue(value: string, option: string): string {
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0x7f) {
      throw new TiffError(
        'INVALID_OPTION',
        `${option} must be 7-bit ASCII: ${describeValue(value)} has ${JSON.stringify(value[i])} at index ${i} (pass a Uint8Array to write other bytes verbatim)`,
        { option },
      );
    }
  }
  return value;
}

/** Bytes ending in exactly one terminating NUL (added when missing), for ASCII tags given as bytes. */
export function nulTerminated(bytes: Uint8Array): Uint8Array {
  if (bytes.at(-1) === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

/**
 * An ASCII tag's value as NUL-terminated bytes: 7-bit ASCII text, or bytes written verbatim (e.g.
 * UTF-8). A NUL inside the text is refused: libtiff would end the value there (trailing NULs are fine).
 */
export function asciiTagBytes(value: unknown, option = 'description'): Uint8Array {
  if (value instanceof Uint8Array) {
    let text = value.length;
    while (text > 0 && value[text - 1] === 0) text--;
    const inner = value.subarray(0, text).indexOf(0);
    if (inner >= 0) throw embeddedNul(option, inner);
    return nulTerminated(value);
  }
  if (typeof value !== 'string') throw invalidOption(option, value, 'a string (7-bit ASCII) or a Uint8Array');
  asciiValue(value, option);
  const inner = value.replace(/\0+$/, '').indexOf('\0');
  if (inner >= 0) throw embeddedNul(option, inner);
  const bytes = new Uint8Array(value.length + 1);
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i);
  return bytes;
}

function embeddedNul(option: string, at: number): TiffError {
  return new TiffError(
    'INVALID_OPTION',
    `${option} has a NUL at index ${at}: readers such as libtiff end the text there (remove it, or write the parts separately)`,
    { option },
  );
}
