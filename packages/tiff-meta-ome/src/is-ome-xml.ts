/**
 * Whether text looks like an OME-XML document: after an optional BOM, XML declaration, comments and
 * whitespace, the root element is <OME> (any prefix) in an openmicroscopy.org OME namespace, and the
 * text ends with its end tag, or the root is an empty element `<OME …/>` (NULs after it are allowed, as ImageDescription values carry them). This is
 * a cheap check for choosing a reader, not validation; parseOmeXml does the real work.
 */
export function isOmeXml(text: string): boolean {
  if (typeof text !== 'string') return false;
  const start = /^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<((?:[A-Za-z_][\w.-]*:)?)OME[\s>]/.exec(
    text.slice(0, 4096),
  );
  if (start === null) return false;
  const tagEnd = text.indexOf('>', start[0].length - 1);
  const rootTag = text.slice(0, tagEnd + 1);
  if (!/openmicroscopy\.org\/Schemas\/OME\//.test(rootTag)) return false;
  // An empty document closes its root in the start tag: nothing but white space and NULs may follow.
  if (rootTag.endsWith('/>')) return /^[\s\0]*$/.test(text.slice(tagEnd + 1));
  return new RegExp(`</${(start[1] ?? '').replace(/\./g, '\\.')}OME\\s*>[\\s\\0]*$`).test(text.slice(-4096));
}
