import { ImageJError, show } from './errors.js';
import { isScalar, pythonStr } from './python-str.js';

/*
 * ImageJ reads the description with java.util.Properties.load (checked in ij.jar's FileOpener), so the
 * text is line-based and ISO-8859-1, and some characters are syntax, not data:
 * - a line break (\n or \r) ends the line: a value containing one would inject its own `key=value` lines;
 * - a backslash starts an escape: `\u` with bad hex makes ImageJ throw and refuse the file, a trailing
 *   backslash glues the next line onto this one, and others are silently dropped;
 * - in keys, `=`, `:` and white space end the key, and a leading `#` or `!` turns the line into a comment;
 * - other control characters (NUL ends the TIFF ASCII value) and non-ASCII characters (tifffile refuses
 *   to encode them, and ImageJ would decode the bytes as Latin-1) corrupt the text.
 * Such keys and values are rejected rather than escaped, because no escaping survives both ImageJ and
 * tifffile's reader (which splits on `=` and does not unescape).
 */

/** Why this text cannot go into an ImageJ description, or undefined when it can. */
function problem(text: string, isKey: boolean): string | undefined {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n' || char === '\r') return 'contains a line break, which would start a new line of the description';
    if (code < 0x20 || code === 0x7f) return `contains the control character U+${hex(code)}`;
    if (code > 0x7e) {
      const hint = char === '\u00b5' || char === '\u03bc' ? ": write 'um' for micrometres" : '';
      return `contains the non-ASCII character '${char}' (U+${hex(code)}); ImageJ descriptions are ASCII${hint}`;
    }
    if (char === '\\') return "contains a backslash, which ImageJ's reader treats as an escape character";
    if (isKey && (char === '=' || char === ':' || char === ' ')) {
      return `contains '${char}', which ImageJ's reader takes as the end of the key`;
    }
  }
  if (isKey && text === '') return 'is empty';
  if (isKey && (text.startsWith('#') || text.startsWith('!'))) {
    return `starts with '${text[0]}', which makes ImageJ's reader skip the line as a comment`;
  }
  return undefined;
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** Rejects a metadata key that would corrupt the line-based description. */
export function checkKey(key: string): void {
  const why = problem(key, true);
  if (why !== undefined) {
    throw new ImageJError('INVALID_OPTION', `metadata key ${show(key)} ${why}`, `metadata.${key}`);
  }
}

/**
 * The description text of a metadata value: a scalar (string, number, boolean, bigint) in Python's
 * `str()` formatting, checked to be safe. `key` names the metadata key in errors.
 */
export function scalarText(key: string, value: unknown): string {
  if (!isScalar(value)) {
    throw new ImageJError(
      'INVALID_OPTION',
      `metadata.${key}=${show(value)} cannot be written to an ImageJ description: use a string, number or boolean` +
        ' (lists, objects and null have no ImageJ text form; Info, Labels, Ranges, LUTs, Plot, ROI, Overlays and' +
        ' Properties go to the IJMetadata tag)',
      `metadata.${key}`,
    );
  }
  const text = pythonStr(value);
  const why = problem(text, false);
  if (why !== undefined) {
    throw new ImageJError('INVALID_OPTION', `metadata.${key}=${show(text)} ${why}`, `metadata.${key}`);
  }
  return text;
}
