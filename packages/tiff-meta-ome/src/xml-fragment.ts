import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OmeError } from './errors.js';
import { decodeXmlText, findInvalidXmlChar } from './xml-text.js';

/**
 * Checks a user-supplied XML fragment (the content of an XMLAnnotation's <Value>) before it is written
 * verbatim. XMLValidator alone is too lenient (it accepts undefined entities, raw control characters and
 * DOCTYPEs), so the fragment must also: hold only elements (the schema's Value content is element-only),
 * use only predefined or numeric entity references, and bind every namespace prefix it uses. A fragment
 * that passes cannot close <Value> early or inject siblings, because it must balance on its own.
 */
export function checkXmlFragment(xml: string, option: string): string {
  const fail = (why: string): never => {
    throw new OmeError('INVALID_OPTION', `${option} is not a well-formed XML fragment: ${why}`, option);
  };
  const bad = findInvalidXmlChar(xml);
  if (bad >= 0) fail(`it contains U+${xml.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0')}`);
  if (/<!DOCTYPE|<\?xml[\s?]/i.test(xml)) fail('an XML declaration or DOCTYPE is not allowed inside an annotation');
  const wrapped = `<Value>${xml}</Value>`;
  const verdict = XMLValidator.validate(wrapped);
  if (verdict !== true) fail(verdict.err.msg);
  // Every '&' outside CDATA sections, comments and processing instructions (in text and in attribute
  // values alike) must start a reference XML defines without a DTD.
  const outside = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, '');
  if (outside.includes(']]>')) fail("']]>' outside a CDATA section");
  try {
    decodeXmlText(outside, false);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  let tree: unknown;
  try {
    tree = fragmentParser.parse(wrapped);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  // XMLValidator accepts several root elements, so "</Value><Evil/><Value>" would pass it: the wrapper
  // must come back as the one and only top-level node.
  const top = tree as ParsedNode[];
  if (top.length !== 1 || !Object.hasOwn(top[0] ?? {}, 'Value')) fail('it closes the enclosing <Value> element');
  const value = top[0]?.['Value'];
  for (const node of Array.isArray(value) ? (value as ParsedNode[]) : []) {
    const text = node['#text'];
    if (typeof text === 'string' && text.trim() !== '') fail('text outside elements is not allowed');
    checkPrefixes(node, new Set(['xml']), fail);
  }
  return xml;
}

type ParsedNode = Record<string, unknown>;

const fragmentParser = /* @__PURE__ */ new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

/** Namespace well-formedness: every `p:name` element or attribute needs an `xmlns:p` in scope. */
function checkPrefixes(node: ParsedNode, inScope: ReadonlySet<string>, fail: (why: string) => never): void {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name.startsWith('#')) return;
  const attributes = (node[':@'] ?? {}) as Record<string, unknown>;
  const scope = new Set(inScope);
  for (const attribute of Object.keys(attributes)) {
    if (attribute.startsWith('xmlns:')) scope.add(attribute.slice(6));
  }
  for (const qualified of [name, ...Object.keys(attributes).filter((a) => a !== 'xmlns' && !a.startsWith('xmlns:'))]) {
    const colon = qualified.indexOf(':');
    if (colon >= 0 && !scope.has(qualified.slice(0, colon))) {
      fail(`namespace prefix '${qualified.slice(0, colon)}' of <${name}> is not declared`);
    }
  }
  const children = node[name];
  for (const child of Array.isArray(children) ? (children as ParsedNode[]) : []) checkPrefixes(child, scope, fail);
}
