import { describe, expect, it } from 'vitest';
import { FieldType, Tags, tagByCode, tagByName, tagName } from '../src/index.js';

describe('tag registry', () => {
  it('tagByCode finds known tags', () => {
    expect(tagByCode(256)).toEqual({ code: 256, name: 'ImageWidth', type: FieldType.LONG });
    expect(tagByCode(270)).toEqual({ code: 270, name: 'ImageDescription', type: FieldType.ASCII });
    expect(tagByCode(282)).toEqual({ code: 282, name: 'XResolution', type: FieldType.RATIONAL });
    expect(tagByCode(330)).toEqual({ code: 330, name: 'SubIFDs', type: FieldType.IFD });
    expect(tagByCode(347)).toEqual({ code: 347, name: 'JPEGTables', type: FieldType.UNDEFINED });
    expect(tagByCode(33550)).toEqual({ code: 33550, name: 'ModelPixelScaleTag', type: FieldType.DOUBLE });
    expect(tagByCode(50839)).toEqual({ code: 50839, name: 'IJMetadata', type: FieldType.BYTE });
  });

  it('tagByCode is undefined for unknown codes', () => {
    expect(tagByCode(0)).toBeUndefined();
    expect(tagByCode(65535)).toBeUndefined();
    expect(tagByCode(12345)).toBeUndefined();
  });

  it('tagByName is case-insensitive', () => {
    expect(tagByName('ImageWidth')?.code).toBe(256);
    expect(tagByName('imagewidth')?.code).toBe(256);
    expect(tagByName('IMAGEDESCRIPTION')?.code).toBe(270);
    expect(tagByName('subifds')).toBe(tagByCode(330));
    expect(tagByName('NoSuchTag')).toBeUndefined();
    expect(tagByName('')).toBeUndefined();
    expect(tagByName('constructor')).toBeUndefined();
  });

  it('tagName names known codes and makes up Tag<code> for others', () => {
    expect(tagName(259)).toBe('Compression');
    expect(tagName(262)).toBe('PhotometricInterpretation');
    expect(tagName(339)).toBe('SampleFormat');
    expect(tagName(34665)).toBe('ExifIFD');
    expect(tagName(40000)).toBe('Tag40000');
    expect(tagName(0)).toBe('Tag0');
  });

  it('every registry entry is reachable by code and by name, and codes are unique', () => {
    const entries = Object.entries(Tags);
    const codes = new Set(entries.map(([, t]) => t.code));
    expect(codes.size).toBe(entries.length);
    for (const [name, { code, type }] of entries) {
      expect(tagByCode(code)).toEqual({ code, name, type });
      expect(tagByName(name)).toBe(tagByCode(code));
      expect(tagName(code)).toBe(name);
      expect(Object.isFrozen(tagByCode(code))).toBe(true);
    }
  });
});
