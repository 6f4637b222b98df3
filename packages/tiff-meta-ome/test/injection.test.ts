import { describe, expect, it } from 'vitest';
import { type OmeImagePlan, OmeXml, parseOmeXml, planOmeImage } from '../src/index.js';
import { render, request, schemaCheckOfProducedDocuments, single, UUID } from './helpers/ome.js';

/**
 * Every start tag of a document as [element, attribute names], read with a strict scanner: a tag must
 * decompose exactly into a name and `name="value"` pairs whose values hold no quote or '<'. Text that
 * broke out of its value or element would show up here as an extra name.
 */
function startTags(xml: string): [string, string[]][] {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  return [...body.matchAll(/<([A-Za-z_][\w.:-]*)((?:\s[^>]*?)?)\/?>/g)].map((m) => {
    const attributes = m[2] ?? '';
    const pairs = [...attributes.matchAll(/\s([A-Za-z_][\w.:-]*)="([^"<]*)"/g)];
    expect(pairs.map((p) => p[0]).join('')).toBe(attributes);
    return [m[1] as string, pairs.map((p) => p[1] as string)];
  });
}

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  OME: ['xmlns', 'xmlns:xsi', 'xsi:schemaLocation', 'UUID', 'Creator'],
  Dataset: ['ID', 'Name'],
  Image: ['ID', 'Name'],
  Pixels: ['ID', 'DimensionOrder', 'Type', 'SizeX', 'SizeY', 'SizeC', 'SizeZ', 'SizeT'],
  Channel: ['ID', 'SamplesPerPixel', 'Name', 'Fluor'],
  TiffData: ['IFD', 'PlaneCount'],
  MapAnnotation: ['ID'],
  CommentAnnotation: ['ID', 'Namespace'],
  M: ['K'],
  ImageRef: ['ID'],
  AnnotationRef: ['ID'],
  Description: [],
  LightPath: [],
  StructuredAnnotations: [],
  Value: [],
};

const HOSTILE = [
  'x" evil="1',
  "x' evil='1",
  '</Name><Evil/>',
  '</Description><Evil/><Description>',
  '<![CDATA[',
  ']]>',
  '<!-- comment -->',
  '<?pi x?>',
  '&amp; stays &amp;',
  '&lt;Evil/&gt;',
  '&#60;Evil/&#62;',
  '&nbsp;',
  'line 1\nline 2\r\nline 3\rend',
  '\ttabbed\t',
  '  padded  ',
  'µm, Å, 日本語, emoji 🧫',
  '',
];

describe('text and attribute values come back verbatim and never make markup', () => {
  it.each(HOSTILE)('Name, Description, Channel Name and map keys/values: %j', (text) => {
    const metadata = {
      Name: text,
      Description: text,
      Channel: { Name: [text, `${text}2`], Fluor: text },
      MapAnnotation: { [text || 'empty']: text },
      CommentAnnotation: { Value: text, Description: text, Namespace: `urn:x:${encodeURIComponent(text)}` },
      Dataset: { Name: text, Description: text },
    };
    const xml = single(request([2, 8, 8], metadata));
    const doc = parseOmeXml(xml);
    const image = doc.images[0];
    expect(image?.name).toBe(text);
    expect(image?.description).toBe(text);
    expect(image?.pixels.channels.map((c) => [c.name, c.fluor])).toEqual([
      [text, text],
      [`${text}2`, text],
    ]);
    expect(doc.annotations.map((a) => a.value)).toEqual([[[text || 'empty', text]], text]);
    expect(doc.annotations[1]).toMatchObject({ description: text, namespace: `urn:x:${encodeURIComponent(text)}` });
    expect(doc.datasets[0]).toMatchObject({ name: text, description: text });
    // Exactly the elements and attributes tiffkit writes, whatever the text.
    for (const [name, attributes] of startTags(xml)) {
      expect(ALLOWED[name], name).toBeDefined();
      expect(attributes.filter((a) => !ALLOWED[name]?.includes(a))).toEqual([]);
    }
  });

  it('escapes all five specials in attributes, & < > in text, and keeps line ends with references', () => {
    const xml = single(request([8, 8], { Name: `<a href="x">'&'</a>\n\r\t`, Description: 'a<b>&c"d\'e\r\n' }));
    expect(xml).toContain('Name="&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;&#10;&#13;&#9;"');
    expect(xml).toContain('<Description>a&lt;b&gt;&amp;c"d\'e&#13;\n</Description>');
  });

  it('does not pass text that merely looks escaped through raw (tifffile did)', () => {
    const xml = single(request([8, 8], { Description: '&amp;<Evil/>' }));
    expect(xml).toContain('<Description>&amp;amp;&lt;Evil/&gt;</Description>');
  });
});

describe('characters XML 1.0 cannot carry are rejected, naming the key', () => {
  it.each([
    ['\u0000', 'U+0000'],
    ['\u0008', 'U+0008'],
    ['\u000b', 'U+000B'],
    ['\u001f', 'U+001F'],
    ['\ufffe', 'U+FFFE'],
    ['\uffff', 'U+FFFF'],
    ['\ud800', 'U+D800'],
    ['x\udc00', 'U+DC00'],
  ])('%j', (char, code) => {
    const expectInvalid = (fn: () => unknown, option: string): void => {
      expect(fn).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION', option, message: expect.stringContaining(code) }),
      );
    };
    expectInvalid(() => planOmeImage(request([8, 8], { Name: `a${char}b` })), 'metadata.Name');
    expectInvalid(
      () => planOmeImage(request([2, 8, 8], { Channel: { Name: ['ok', char] } })),
      'metadata.Channel.Name[1]',
    );
    expectInvalid(() => planOmeImage(request([8, 8], { MapAnnotation: { k: char } })), 'metadata.MapAnnotation.k');
    expectInvalid(() => planOmeImage(request([8, 8], { MapAnnotation: { [char]: 'v' } })), 'metadata.MapAnnotation');
    expectInvalid(() => planOmeImage(request([8, 8], { XMLAnnotation: `<a>${char}</a>` })), 'metadata.XMLAnnotation');
    expectInvalid(() => new OmeXml({ Creator: char }), 'metadata.Creator');
    expectInvalid(() => new OmeXml({ Project: { Description: char } }), 'metadata.Project.Description');
    expectInvalid(() => new OmeXml({}, { creator: char }), 'options.creator');
  });

  it('accepts TAB, LF, CR and astral characters (valid surrogate pairs)', () => {
    const text = 'a\tb\nc\rd 𝔘𝔫𝔦𝔠𝔬𝔡𝔢';
    expect(parseOmeXml(single(request([8, 8], { Name: text }))).images[0]?.name).toBe(text);
  });
});

describe('XMLAnnotation fragments must be well-formed on their own', () => {
  it.each([
    ['</Value></XMLAnnotation><Evil/>', 'not a well-formed'],
    ['</Value><Evil/><Value>', 'not a well-formed'],
    ['<a>', 'not a well-formed'],
    ['<a></b>', 'not a well-formed'],
    ['text only', 'text outside elements'],
    ['<a/>tail', 'text outside elements'],
    ['<a>&foo;</a>', 'entity'],
    ['<a>&amp</a>', 'not a well-formed'],
    ['<a x="&bogus;"/>', 'entity'],
    ['<a>]]></a>', "']]>'"],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'DOCTYPE'],
    ['<?xml version="1.0"?><a/>', 'declaration'],
    ['<p:a/>', "prefix 'p'"],
    ['<a q:x="1"/>', "prefix 'q'"],
    ['<a x="1" x="2"/>', 'not a well-formed'],
  ])('rejects %j', (fragment, message) => {
    expect(() => planOmeImage(request([8, 8], { XMLAnnotation: fragment }))).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        option: 'metadata.XMLAnnotation',
        message: expect.stringContaining(message),
      }),
    );
  });

  it.each([
    '<a/>',
    '  <a/>\n<b/>  ',
    '',
    '<p:a xmlns:p="urn:p"><p:b p:c="1"/></p:a>',
    '<a xml:lang="en">text &amp; &lt;more&gt; &#x263A;</a>',
    '<a><![CDATA[ <not markup> & ]] ]]></a>',
    '<a><!-- a comment --></a>',
    '<Image ID="not-an-ome-image-here" xmlns="urn:other"/>',
  ])('writes %j verbatim and reads it back verbatim', (fragment) => {
    const xml = single(request([8, 8], { XMLAnnotation: { Value: fragment, Namespace: 'urn:test' } }));
    expect(xml).toContain(`<Value>${fragment}</Value>`);
    expect(parseOmeXml(xml).annotations).toEqual([
      { id: 'Annotation:0', kind: 'XMLAnnotation', namespace: 'urn:test', annotationRefs: [], value: fragment },
    ]);
  });
});

describe('a hand-assembled plan cannot inject either', () => {
  const base = planOmeImage(request([8, 8]));
  const write = (plan: OmeImagePlan): string => {
    const doc = new OmeXml({}, { uuid: UUID });
    doc.addImage(plan, { ifd: 0, planeCount: 1 });
    return doc.toString();
  };

  it('escapes values and refuses invalid characters and names', () => {
    const doc = new OmeXml({}, { uuid: UUID });
    doc.addImage({ ...base, name: '"/><Evil' }, { ifd: 0, planeCount: 1 });
    expect(parseOmeXml(render(doc)).images[0]?.name).toBe('"/><Evil');
    expect(() => write({ ...base, name: '\u0000' })).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
    expect(() => write({ ...base, pixelsAttributes: [['x="1" Evil', 'v']] })).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA', message: expect.stringContaining('as an XML name') }),
    );
  });

  it('re-checks raw XML before changing the document', () => {
    const doc = new OmeXml({}, { uuid: UUID });
    const evil: OmeImagePlan = {
      ...base,
      annotations: [{ kind: 'XMLAnnotation', value: '</Value></XMLAnnotation><Evil/><XMLAnnotation><Value>' }],
    };
    expect(() => doc.addImage(evil, { ifd: 0, planeCount: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'XMLAnnotation' }),
    );
    expect(doc.imageCount).toBe(0);
    expect(doc.toString()).not.toContain('Evil');
  });
});

schemaCheckOfProducedDocuments();
