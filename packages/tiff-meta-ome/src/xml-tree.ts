import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OmeError } from './errors.js';
import { decodeXmlText, findInvalidXmlChar } from './xml-text.js';

/** A parsed element: local names, decoded attribute values and text. */
export interface XmlTreeElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlTreeElement[];
  /** Concatenated character data (text and CDATA) directly inside the element. */
  readonly text: string;
  /** For XMLAnnotation <Value>: the inner markup exactly as written. */
  readonly raw?: string;
}

/**
 * fast-xml-parser with entity processing OFF (decodeXmlText does it, once), namespace prefixes
 * stripped from element names, and XMLAnnotation values kept as raw markup.
 */
const parser = /* @__PURE__ */ new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  transformTagName: localName,
  transformAttributeName: (name) => (name === 'xmlns' || name.startsWith('xmlns:') ? name : localName(name)),
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  stopNodes: ['*.XMLAnnotation.Value'],
});

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

type Parsed = Record<string, unknown>;

export function parseXmlTree(xml: string): XmlTreeElement {
  const bad = findInvalidXmlChar(xml);
  if (bad >= 0) {
    const code = xml.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
    throw new OmeError('INVALID_DATA', `not XML: U+${code} at index ${bad} is not allowed in XML 1.0`);
  }
  // OME-XML never needs a DTD; refusing one rules out entity-expansion attacks on the parser.
  if (/<!DOCTYPE/i.test(xml)) throw new OmeError('INVALID_DATA', 'not OME-XML: a DOCTYPE is not allowed');
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new OmeError('INVALID_DATA', `not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  let nodes: Parsed[];
  try {
    nodes = parser.parse(xml) as Parsed[];
  } catch (error) {
    throw new OmeError(
      'INVALID_DATA',
      `not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const roots = nodes.map((node) => convert(node, undefined)).filter((e): e is XmlTreeElement => e !== undefined);
  const stray = nodes.some((node) => typeof node['#text'] === 'string' && (node['#text'] as string).trim() !== '');
  if (roots.length !== 1 || stray) throw new OmeError('INVALID_DATA', 'not well-formed XML: one root element expected');
  return roots[0] as XmlTreeElement;
}

function convert(node: Parsed, parent: string | undefined): XmlTreeElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name.startsWith('#')) return undefined;
  const attributes = new Map<string, string>();
  for (const [key, value] of Object.entries((node[':@'] ?? {}) as Record<string, unknown>)) {
    attributes.set(key, decodeXmlText(String(value), true));
  }
  const content = (node[name] ?? []) as Parsed[];
  if (name === 'Value' && parent === 'XMLAnnotation') {
    const raw = content.map((child) => String(child['#text'] ?? '')).join('');
    return { name, attributes, children: [], text: '', raw };
  }
  const children: XmlTreeElement[] = [];
  let text = '';
  for (const child of content) {
    if (typeof child['#text'] === 'string') text += decodeXmlText(child['#text'], false);
    else if (Array.isArray(child['#cdata'])) {
      // CDATA is literal text, but line ends are normalised in the whole document.
      for (const piece of child['#cdata'] as Parsed[]) text += String(piece['#text'] ?? '').replace(/\r\n?/g, '\n');
    } else {
      const element = convert(child, name);
      if (element !== undefined) children.push(element);
    }
  }
  return { name, attributes, children, text };
}
