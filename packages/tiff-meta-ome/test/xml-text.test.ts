import { describe, expect, it } from 'vitest';
import { OmeError } from '../src/errors.js';
import { decodeXmlText, escapeAttribute, escapeText, findInvalidXmlChar } from '../src/xml-text.js';

describe('findInvalidXmlChar', () => {
  it('finds C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF and unpaired surrogates', () => {
    expect(findInvalidXmlChar('plain \t\n\r µ 日本 🧫 \u007f\u0085\ud7ff\ue000\ufffd')).toBe(-1);
    expect(findInvalidXmlChar('ab\u0000')).toBe(2);
    expect(findInvalidXmlChar('\u001f')).toBe(0);
    expect(findInvalidXmlChar('a\ufffe')).toBe(1);
    expect(findInvalidXmlChar('a\uffff')).toBe(1);
    expect(findInvalidXmlChar('\ud83e')).toBe(0);
    expect(findInvalidXmlChar('\ud83ex')).toBe(0);
    expect(findInvalidXmlChar('x\udd2b')).toBe(1);
    expect(findInvalidXmlChar('\ud83e\udd2b\udd2b')).toBe(2);
  });
});

describe('escaping', () => {
  it('escapes attribute values completely, including whitespace that parsers would normalise', () => {
    expect(escapeAttribute(`&<>"'\t\n\rµ`)).toBe('&amp;&lt;&gt;&quot;&apos;&#9;&#10;&#13;µ');
  });

  it('escapes text minimally but safely', () => {
    expect(escapeText(`&<>"'\t\n\r]]>`)).toBe(`&amp;&lt;&gt;"'\t\n&#13;]]&gt;`);
  });
});

describe('decodeXmlText', () => {
  it('decodes the predefined entities and character references once', () => {
    expect(decodeXmlText('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F9EB;&amp;lt;', false)).toBe(`<>&"'AB🧫&lt;`);
  });

  it('normalises line ends in text and whitespace in attributes, but not references', () => {
    expect(decodeXmlText('a\r\nb\rc\td&#13;&#10;', false)).toBe('a\nb\nc\td\r\n');
    expect(decodeXmlText('a\r\nb\tc&#9;&#10;', true)).toBe('a b c\t\n');
  });

  it.each(['&nbsp;', '&', 'a & b', '&#;', '&#x110000;', '&#0;', '&#xFFFE;', '&constructor;', '&#xD800;'])(
    'rejects %j',
    (text) => {
      expect(() => decodeXmlText(text, false)).toThrow(OmeError);
    },
  );
});
