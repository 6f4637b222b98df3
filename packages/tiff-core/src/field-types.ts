/** TIFF field (data) types, TIFF 6.0 §2 plus the BigTIFF additions 16–18. */
export const FieldType = {
  BYTE: 1,
  ASCII: 2,
  SHORT: 3,
  LONG: 4,
  RATIONAL: 5,
  SBYTE: 6,
  UNDEFINED: 7,
  SSHORT: 8,
  SLONG: 9,
  SRATIONAL: 10,
  FLOAT: 11,
  DOUBLE: 12,
  IFD: 13,
  LONG8: 16,
  SLONG8: 17,
  IFD8: 18,
} as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

interface FieldTypeInfo {
  readonly name: keyof typeof FieldType;
  /** Bytes per value (a RATIONAL value is one numerator/denominator pair). */
  readonly size: number;
  /** Only valid in BigTIFF files. */
  readonly bigtiffOnly: boolean;
}

const INFO = new Map<number, FieldTypeInfo>();
for (const [name, code] of Object.entries(FieldType) as [keyof typeof FieldType, FieldType][]) {
  const size = {
    1: 1,
    2: 1,
    3: 2,
    4: 4,
    5: 8,
    6: 1,
    7: 1,
    8: 2,
    9: 4,
    10: 8,
    11: 4,
    12: 8,
    13: 4,
    16: 8,
    17: 8,
    18: 8,
  }[code];
  INFO.set(code, { name, size, bigtiffOnly: code >= 16 });
}

export function isFieldType(code: unknown): code is FieldType {
  return typeof code === 'number' && INFO.has(code);
}

/** Information on a field type; `undefined` for codes TIFF does not define. */
export function fieldTypeInfo(code: number): FieldTypeInfo | undefined {
  return INFO.get(code);
}

/** Bytes per value of a known field type. */
export function fieldTypeSize(type: FieldType): number {
  return (INFO.get(type) as FieldTypeInfo).size;
}

export function fieldTypeName(code: number): string {
  return INFO.get(code)?.name ?? `type${code}`;
}

/** Integer range of each integer field type, for validating values before encoding. */
export const INTEGER_RANGE: Partial<Record<FieldType, readonly [number, number]>> = {
  [FieldType.BYTE]: [0, 0xff],
  [FieldType.ASCII]: [0, 0xff],
  [FieldType.SBYTE]: [-0x80, 0x7f],
  [FieldType.UNDEFINED]: [0, 0xff],
  [FieldType.SHORT]: [0, 0xffff],
  [FieldType.SSHORT]: [-0x8000, 0x7fff],
  [FieldType.LONG]: [0, 0xffff_ffff],
  [FieldType.IFD]: [0, 0xffff_ffff],
  [FieldType.SLONG]: [-0x8000_0000, 0x7fff_ffff],
  [FieldType.RATIONAL]: [0, 0xffff_ffff],
  [FieldType.SRATIONAL]: [-0x8000_0000, 0x7fff_ffff],
};
