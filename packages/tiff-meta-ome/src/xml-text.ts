import { OmeError } from './errors.js';

/**
 * Character-level XML rules, in one place so that the builder, the planners and the parser agree.
 *
 * Policy (see README "Escaping"): characters that XML 1.0 cannot carry at all (C0 controls other than
 * TAB/LF/CR, U+FFFE, U+FFFF, unpaired surrogates) are REJECTED with an error naming the metadata key,
 * never stripped: silently changing a user's text is worse than a clear error at write() time.
 */

/** Index of the first character not allowed by the XML 1.0 `Char` production, or -1. */
export function findInvalidXmlChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i++; // a valid surrogate pair: one astral character
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      return i;
    }
  }
  return -1;
}

/** Throws INVALID_OPTION naming `option` when `text` holds a character XML 1.0 cannot represent. */
export function assertXmlChars(text: string, option: string): string {
  const at = findInvalidXmlChar(text);
  if (at >= 0) {
    const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
    throw new OmeError(
      'INVALID_OPTION',
      `${option} contains U+${code} at index ${at}, which XML 1.0 cannot represent; remove it`,
      option,
    );
  }
  return text;
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Literal TAB/LF/CR in an attribute are normalised to spaces by every XML parser; character
  // references survive, so a Name with a newline reads back verbatim.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  // '>' only matters in "]]>", but escaping it always is simpler and harmless.
  '>': '&gt;',
  // Parsers turn a literal CR (and CRLF) into LF; a reference keeps it.
  '\r': '&#13;',
};

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

export function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

// A Map, not an object literal: a token such as "constructor" must not find Object.prototype members.
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Decodes the five predefined entities and numeric character references in one pass, after applying
 * XML's end-of-line (and, for attributes, whitespace) normalisation to the literal text. Doing this
 * ourselves (with the parser's entity processing off) avoids double decoding: fast-xml-parser would
 * otherwise turn `&amp;#10;` into `&#10;` and leave `&#10;` undecoded.
 */
export function decodeXmlText(raw: string, attribute: boolean): string {
  let text = raw.replace(/\r\n?/g, '\n');
  if (attribute) text = text.replace(/[\t\n]/g, ' ');
  if (!text.includes('&')) return text;
  let out = '';
  let from = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
    const semi = text.indexOf(';', amp);
    const token = semi < 0 ? '' : text.slice(amp + 1, semi);
    const decoded = decodeReference(token);
    if (decoded === undefined) {
      const shown = text.slice(amp, Math.min(text.length, amp + 12));
      throw new OmeError('INVALID_DATA', `invalid or undefined entity reference near ${JSON.stringify(shown)}`);
    }
    out += text.slice(from, amp) + decoded;
    from = semi + 1;
  }
  return out + text.slice(from);
}

function decodeReference(token: string): string | undefined {
  const named = PREDEFINED.get(token);
  if (named !== undefined) return named;
  let codePoint: number;
  if (/^#x[0-9a-fA-F]{1,6}$/.test(token)) codePoint = Number.parseInt(token.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(token)) codePoint = Number.parseInt(token.slice(1), 10);
  else return undefined;
  if (codePoint > 0x10ffff) return undefined;
  const char = String.fromCodePoint(codePoint);
  return findInvalidXmlChar(char) >= 0 ? undefined : char;
}
