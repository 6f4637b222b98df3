import { describe, expect, it } from 'vitest';
import { FieldType, fieldTypeInfo, fieldTypeName, fieldTypeSize, isFieldType } from '../src/index.js';

describe('field types', () => {
  // code, name, size, BigTIFF only
  const table: [number, string, number, boolean][] = [
    [1, 'BYTE', 1, false],
    [2, 'ASCII', 1, false],
    [3, 'SHORT', 2, false],
    [4, 'LONG', 4, false],
    [5, 'RATIONAL', 8, false],
    [6, 'SBYTE', 1, false],
    [7, 'UNDEFINED', 1, false],
    [8, 'SSHORT', 2, false],
    [9, 'SLONG', 4, false],
    [10, 'SRATIONAL', 8, false],
    [11, 'FLOAT', 4, false],
    [12, 'DOUBLE', 8, false],
    [13, 'IFD', 4, false],
    [16, 'LONG8', 8, true],
    [17, 'SLONG8', 8, true],
    [18, 'IFD8', 8, true],
  ];

  it('FieldType lists the 16 TIFF and BigTIFF types', () => {
    expect(Object.fromEntries(table.map(([code, name]) => [name, code]))).toEqual(FieldType);
  });

  for (const [code, name, size, bigtiffOnly] of table) {
    it(`${name} (${code})`, () => {
      expect(isFieldType(code)).toBe(true);
      expect(fieldTypeInfo(code)).toEqual({ name, size, bigtiffOnly });
      expect(fieldTypeSize(code as FieldType)).toBe(size);
      expect(fieldTypeName(code)).toBe(name);
    });
  }

  it('unknown codes', () => {
    for (const code of [0, 14, 15, 19, 65535, -1, 1.5]) {
      expect(isFieldType(code)).toBe(false);
      expect(fieldTypeInfo(code)).toBeUndefined();
      expect(fieldTypeName(code)).toBe(`type${code}`);
    }
    expect(isFieldType('3')).toBe(false);
    expect(isFieldType(undefined)).toBe(false);
  });
});
