import { OmeError } from './errors.js';
import { escapeAttribute, escapeText, findInvalidXmlChar } from './xml-text.js';

/**
 * A deliberately tiny XML writer. fast-xml-parser's XMLBuilder was the design's first choice, but for
 * OME-XML it needs defaults overridden to be correct at all (its `suppressBooleanAttributes: true`
 * writes `Interleaved="true"` as a bare, ill-formed `Interleaved`), passes characters XML cannot carry
 * (U+0000) straight through, and embeds raw XML (XMLAnnotation values) only through its path-matched
 * "stopNodes", where attribute escaping differs. Here every attribute and text node goes through exactly
 * one escape function, attribute order is the array order, and raw XML is a distinct node kind that only
 * validated fragments (see xml-fragment.ts) become.
 */

export type XmlAttribute = readonly [name: string, value: string];

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
}

export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

/** Markup that is already well-formed XML (checked by `checkXmlFragment`), written verbatim. */
export interface XmlRaw {
  readonly kind: 'raw';
  readonly xml: string;
}

export type XmlNode = XmlElement | XmlText | XmlRaw;

/** An element; attributes whose value is `undefined` are left out, so optional ones can be listed inline. */
export function element(
  name: string,
  attributes: readonly (readonly [string, string | undefined])[] = [],
  children: readonly (XmlNode | undefined)[] = [],
): XmlElement {
  return {
    kind: 'element',
    name,
    attributes: attributes.filter((a): a is XmlAttribute => a[1] !== undefined),
    children: children.filter((c): c is XmlNode => c !== undefined),
  };
}

/** An element holding only text, or `undefined` when there is no text (so it can be listed inline). */
export function textElement(name: string, text: string | undefined): XmlElement | undefined {
  return text === undefined ? undefined : element(name, [], [{ kind: 'text', text }]);
}

export function rawXml(xml: string): XmlRaw {
  return { kind: 'raw', xml };
}

/** One line, no whitespace between elements (the form tifffile writes and OME readers expect). */
export function serializeXml(root: XmlElement): string {
  const parts: string[] = [];
  write(root, parts);
  return parts.join('');
}

function write(node: XmlNode, parts: string[]): void {
  if (node.kind === 'text') {
    parts.push(escapeText(checked(node.text)));
    return;
  }
  if (node.kind === 'raw') {
    parts.push(node.xml);
    return;
  }
  parts.push('<', checkedName(node.name));
  for (const [name, value] of node.attributes) {
    parts.push(' ', checkedName(name), '="', escapeAttribute(checked(value)), '"');
  }
  if (node.children.length === 0) {
    parts.push('/>');
    return;
  }
  parts.push('>');
  for (const child of node.children) write(child, parts);
  parts.push('</', node.name, '>');
}

/**
 * Names are this package's constants, but a plan is plain data that a caller could assemble by hand:
 * a name must never be able to carry markup.
 */
function checkedName(name: string): string {
  if (!/^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/.test(name)) {
    throw new OmeError('INVALID_DATA', `refusing to write ${JSON.stringify(name)} as an XML name`);
  }
  return name;
}

/**
 * Defence in depth: planners already reject such characters naming the metadata key; this guarantees
 * that no code path can put them into a document.
 */
function checked(value: string): string {
  if (findInvalidXmlChar(value) >= 0) {
    throw new OmeError(
      'INVALID_DATA',
      `refusing to write a character XML 1.0 cannot represent in ${JSON.stringify(value)}`,
    );
  }
  return value;
}
