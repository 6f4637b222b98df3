import { describe, expect, it } from 'vitest';
import {
  encodeIfd,
  entryCount,
  FieldType,
  type IfdEntry,
  ifdByteLength,
  type TagValue,
  TiffError,
  type TiffFormat,
  tiffFormat,
} from '../src/index.js';
import { expectTiffError, u8 } from './helpers.js';

const CLASSIC_LE = tiffFormat(false, '<');
const CLASSIC_BE = tiffFormat(false, '>');
const BIG_LE = tiffFormat(true, '<');
const BIG_BE = tiffFormat(true, '>');
const FORMATS: readonly TiffFormat[] = [CLASSIC_LE, CLASSIC_BE, BIG_LE, BIG_BE];

function formatLabel(format: TiffFormat): string {
  return `${format.bigtiff ? 'BigTIFF' : 'classic'} ${format.byteOrder}`;
}

// ---------------------------------------------------------------------------------------------------
// One case per field type: how to make a value with `count` values, and its bytes, built independently
// with DataView.

interface TypeCase {
  readonly name: string;
  readonly type: FieldType;
  /** Bytes per counted value. */
  readonly size: number;
  readonly bigtiffOnly: boolean;
  value(count: number): TagValue;
  bytes(count: number, le: boolean): Uint8Array;
}

function cycle<T>(samples: readonly T[], n: number): T[] {
  return Array.from({ length: n }, (_, i) => samples[i % samples.length] as T);
}

function numericCase<T extends number | bigint>(
  name: string,
  type: FieldType,
  perValue: 1 | 2,
  unit: number,
  samples: readonly T[],
  put: (view: DataView, at: number, v: T, le: boolean) => void,
): TypeCase {
  return {
    name,
    type,
    size: perValue * unit,
    bigtiffOnly: type >= 16,
    value: (count) => cycle(samples, count * perValue) as TagValue,
    bytes: (count, le) => {
      const out = new Uint8Array(count * perValue * unit);
      const view = new DataView(out.buffer);
      cycle(samples, count * perValue).forEach((v, i) => {
        put(view, i * unit, v, le);
      });
      return out;
    },
  };
}

const TEXT = 'TIFFkit-0123456789';
const ASCII_CASE: TypeCase = {
  name: 'ASCII',
  type: FieldType.ASCII,
  size: 1,
  bigtiffOnly: false,
  // `count` includes the NUL the encoder appends.
  value: (count) => TEXT.repeat(4).slice(0, count - 1),
  bytes: (count) => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count - 1; i++) out[i] = TEXT.charCodeAt(i % TEXT.length);
    out[count - 1] = 0;
    return out;
  },
};

const TYPE_CASES: readonly TypeCase[] = [
  numericCase('BYTE', FieldType.BYTE, 1, 1, [0x01, 0xfe, 0x7f, 0x80, 0x00, 0xff, 0x12], (v, at, x, _le) => {
    v.setUint8(at, x);
  }),
  ASCII_CASE,
  numericCase('SHORT', FieldType.SHORT, 1, 2, [0x1234, 0xfedc, 0x0001, 0xff00, 0, 0xffff], (v, at, x, le) => {
    v.setUint16(at, x, le);
  }),
  numericCase('LONG', FieldType.LONG, 1, 4, [0x12345678, 0xfedcba98, 1, 0xffffffff, 0], (v, at, x, le) => {
    v.setUint32(at, x, le);
  }),
  numericCase('RATIONAL', FieldType.RATIONAL, 2, 4, [0x12345678, 0x9abcdef0, 1, 3, 0xffffffff, 2], (v, at, x, le) => {
    v.setUint32(at, x, le);
  }),
  numericCase('SBYTE', FieldType.SBYTE, 1, 1, [-128, 127, -1, 0x12, -0x12], (v, at, x, _le) => {
    v.setInt8(at, x);
  }),
  numericCase('UNDEFINED', FieldType.UNDEFINED, 1, 1, [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01], (v, at, x, _le) => {
    v.setUint8(at, x);
  }),
  numericCase('SSHORT', FieldType.SSHORT, 1, 2, [-32768, 32767, -2, 0x1234], (v, at, x, le) => {
    v.setInt16(at, x, le);
  }),
  numericCase('SLONG', FieldType.SLONG, 1, 4, [-2147483648, 2147483647, -3, 0x12345678], (v, at, x, le) => {
    v.setInt32(at, x, le);
  }),
  numericCase(
    'SRATIONAL',
    FieldType.SRATIONAL,
    2,
    4,
    [-1, 3, 2147483647, -2147483648, 0x12345678, 7],
    (v, at, x, le) => {
      v.setInt32(at, x, le);
    },
  ),
  numericCase('FLOAT', FieldType.FLOAT, 1, 4, [1.5, -2.25, 0.1, 2 ** -149, -1e30], (v, at, x, le) => {
    v.setFloat32(at, x, le);
  }),
  numericCase('DOUBLE', FieldType.DOUBLE, 1, 8, [Math.PI, -1e300, 5e-324, 0.1], (v, at, x, le) => {
    v.setFloat64(at, x, le);
  }),
  numericCase('IFD', FieldType.IFD, 1, 4, [0x00010000, 0xfffffffe, 8], (v, at, x, le) => {
    v.setUint32(at, x, le);
  }),
  numericCase(
    'LONG8',
    FieldType.LONG8,
    1,
    8,
    [0x0123456789abcdefn, 0xfedcba9876543210n, 1n, 2n ** 64n - 1n],
    (v, at, x, le) => {
      v.setBigUint64(at, x, le);
    },
  ),
  numericCase(
    'SLONG8',
    FieldType.SLONG8,
    1,
    8,
    [-(2n ** 63n), 2n ** 63n - 1n, -2n, 0x0123456789abcdefn],
    (v, at, x, le) => {
      v.setBigInt64(at, x, le);
    },
  ),
  numericCase('IFD8', FieldType.IFD8, 1, 8, [0x0000000100000010n, 8n, 2n ** 64n - 2n], (v, at, x, le) => {
    v.setBigUint64(at, x, le);
  }),
];

/**
 * The complete IFD holding one entry, laid out by hand: entry count, the entry, next-IFD field 0, then
 * (out of line) the value right after it (18 / 36 bytes in: already even) and a pad to even length.
 */
function expectedSingleEntryIfd(
  format: TiffFormat,
  offset: number,
  code: number,
  type: number,
  count: number,
  value: Uint8Array,
): Uint8Array {
  const le = format.littleEndian;
  const head = format.bigtiff ? 8 + 20 + 8 : 2 + 12 + 4;
  const slotSize = format.bigtiff ? 8 : 4;
  const inline = value.length <= slotSize;
  const out = new Uint8Array(inline ? head : head + value.length + (value.length % 2));
  const view = new DataView(out.buffer);
  if (format.bigtiff) {
    view.setBigUint64(0, 1n, le);
    view.setUint16(8, code, le);
    view.setUint16(10, type, le);
    view.setBigUint64(12, BigInt(count), le);
    if (inline) out.set(value, 20);
    else view.setBigUint64(20, BigInt(offset + head), le);
    view.setBigUint64(28, 0n, le);
  } else {
    view.setUint16(0, 1, le);
    view.setUint16(2, code, le);
    view.setUint16(4, type, le);
    view.setUint32(6, count, le);
    if (inline) out.set(value, 10);
    else view.setUint32(10, offset + head, le);
    view.setUint32(14, 0, le);
  }
  if (!inline) out.set(value, head);
  return out;
}

describe('encodeIfd: every field type, both byte orders, classic and BigTIFF', () => {
  for (const format of FORMATS) {
    // Offsets with high bits set, so that offset fields are checked in full.
    const offset = format.bigtiff ? 2 ** 32 + 16 : 0xfffe0000;
    const slot = format.offsetSize;
    for (const tc of TYPE_CASES) {
      const label = `${tc.name} (${tc.type}) ${formatLabel(format)}`;
      if (tc.bigtiffOnly && !format.bigtiff) {
        it(`${label}: refused in classic TIFF`, () => {
          const error = expectTiffError(
            () => encodeIfd([{ code: 300, type: tc.type, value: tc.value(1) }], 8, format),
            'INVALID_DATA',
          );
          expect(error.message).toContain('only valid in BigTIFF');
          expectTiffError(
            () => ifdByteLength([{ code: 300, type: tc.type, value: tc.value(1) }], format),
            'INVALID_DATA',
          );
        });
        continue;
      }
      const maxInline = Math.floor(slot / tc.size);
      const inlineCounts = [...new Set([1, maxInline])].filter((n) => n >= 1 && n <= maxInline);
      const outOfLineCounts = [maxInline + 1, maxInline + 3];
      for (const count of inlineCounts) {
        it(`${label}: ${count} value(s) inline, left-justified and zero padded`, () => {
          const encoded = encodeIfd([{ code: 0x1234, type: tc.type, value: tc.value(count) }], offset, format);
          const valueBytes = tc.bytes(count, format.littleEndian);
          expect(valueBytes.length).toBeLessThanOrEqual(slot);
          expect(encoded.bytes).toEqual(expectedSingleEntryIfd(format, offset, 0x1234, tc.type, count, valueBytes));
          expect(encoded.offset).toBe(offset);
          expect(encoded.nextIfdFieldOffset).toBe(offset + (format.bigtiff ? 28 : 14));
          const entryOffset = offset + (format.bigtiff ? 8 : 2);
          expect(encoded.entries).toEqual([
            {
              code: 0x1234,
              type: tc.type,
              count,
              entryOffset,
              valueOffset: entryOffset + 4 + slot,
              inline: true,
              capacity: slot,
              label: undefined,
            },
          ]);
          expect(ifdByteLength([{ code: 0x1234, type: tc.type, value: tc.value(count) }], format)).toBe(
            encoded.bytes.length,
          );
        });
      }
      for (const count of outOfLineCounts) {
        it(`${label}: ${count} values out of line, after the next-IFD field`, () => {
          const encoded = encodeIfd([{ code: 0x1234, type: tc.type, value: tc.value(count) }], offset, format);
          const valueBytes = tc.bytes(count, format.littleEndian);
          expect(valueBytes.length).toBeGreaterThan(slot);
          const expected = expectedSingleEntryIfd(format, offset, 0x1234, tc.type, count, valueBytes);
          expect(encoded.bytes).toEqual(expected);
          expect(encoded.bytes.length % 2).toBe(0);
          const head = format.bigtiff ? 36 : 18;
          const entryOffset = offset + (format.bigtiff ? 8 : 2);
          expect(encoded.entries).toEqual([
            {
              code: 0x1234,
              type: tc.type,
              count,
              entryOffset,
              valueOffset: offset + head,
              inline: false,
              capacity: valueBytes.length,
              label: undefined,
            },
          ]);
          expect(ifdByteLength([{ code: 0x1234, type: tc.type, value: tc.value(count) }], format)).toBe(
            encoded.bytes.length,
          );
        });
      }
    }
  }
});

describe('encodeIfd: literal layouts', () => {
  it('classic little-endian: one SHORT, inline', () => {
    const { bytes } = encodeIfd([{ code: 256, type: FieldType.SHORT, value: [0x1234] }], 8, CLASSIC_LE);
    expect(bytes).toEqual(u8(1, 0, 0, 1, 3, 0, 1, 0, 0, 0, 0x34, 0x12, 0, 0, 0, 0, 0, 0));
  });

  it('classic big-endian: one SHORT, inline', () => {
    const { bytes } = encodeIfd([{ code: 256, type: FieldType.SHORT, value: [0x1234] }], 8, CLASSIC_BE);
    expect(bytes).toEqual(u8(0, 1, 1, 0, 0, 3, 0, 0, 0, 1, 0x12, 0x34, 0, 0, 0, 0, 0, 0));
  });

  it('classic big-endian: a RATIONAL out of line at IFD offset + 18', () => {
    const { bytes } = encodeIfd([{ code: 282, type: FieldType.RATIONAL, value: [72, 1] }], 8, CLASSIC_BE);
    expect(bytes).toEqual(u8(0, 1, 0x01, 0x1a, 0, 5, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0, 72, 0, 0, 0, 1));
  });

  it('BigTIFF little-endian: a DOUBLE inline, a LONG8 list out of line', () => {
    const { bytes } = encodeIfd(
      [
        { code: 0x0153, type: FieldType.LONG8, value: [1n, 0x0102030405060708n] },
        { code: 0x0152, type: FieldType.DOUBLE, value: [1] },
      ],
      16,
      BIG_LE,
    );
    // biome-ignore format: one row per field
    expect(bytes).toEqual(u8(
      2, 0, 0, 0, 0, 0, 0, 0,
      0x52, 0x01, 12, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f,
      0x53, 0x01, 16, 0, 2, 0, 0, 0, 0, 0, 0, 0, 16 + 56, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0,
      1, 0, 0, 0, 0, 0, 0, 0,
      8, 7, 6, 5, 4, 3, 2, 1,
    ));
  });

  it('an empty IFD is the count and a zero next-IFD field', () => {
    expect(encodeIfd([], 8, CLASSIC_LE).bytes).toEqual(new Uint8Array(6));
    expect(encodeIfd([], 16, BIG_BE).bytes).toEqual(new Uint8Array(16));
    expect(encodeIfd([], 16, BIG_BE).nextIfdFieldOffset).toBe(24);
    expect(ifdByteLength([], CLASSIC_LE)).toBe(6);
    expect(ifdByteLength([], BIG_LE)).toBe(16);
  });

  it('a zero-count value is inline with an all-zero slot', () => {
    const { bytes, entries } = encodeIfd([{ code: 300, type: FieldType.LONG, value: [] }], 8, CLASSIC_LE);
    expect(bytes).toEqual(u8(1, 0, 0x2c, 0x01, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    expect(entries[0]).toMatchObject({ count: 0, inline: true, valueOffset: 18 });
  });

  it('64-bit types accept safe-integer numbers as well as bigints', () => {
    const fromNumbers = encodeIfd([{ code: 1, type: FieldType.SLONG8, value: [-5, 2 ** 53 - 1] }], 16, BIG_BE);
    const fromBigints = encodeIfd([{ code: 1, type: FieldType.SLONG8, value: [-5n, 2n ** 53n - 1n] }], 16, BIG_BE);
    expect(fromNumbers.bytes).toEqual(fromBigints.bytes);
    const view = new DataView(fromNumbers.bytes.buffer);
    expect(view.getBigInt64(36, false)).toBe(-5n);
    expect(view.getBigInt64(44, false)).toBe(2n ** 53n - 1n);
  });
});

describe('encodeIfd: out-of-line placement', () => {
  it('puts each value on an even offset with one zero pad byte, and pads the IFD to even length', () => {
    const entries: IfdEntry[] = [
      { code: 303, type: FieldType.BYTE, value: [9] },
      { code: 302, type: FieldType.ASCII, value: 'abcdefg' },
      { code: 300, type: FieldType.BYTE, value: [1, 2, 3, 4, 5] },
      { code: 301, type: FieldType.SHORT, value: [0x0102, 0x0304, 0x0506] },
      { code: 304, type: FieldType.UNDEFINED, value: [0xaa, 0xbb, 0xcc, 0xdd, 0xee] },
    ];
    const offset = 100;
    const encoded = encodeIfd(entries, offset, CLASSIC_BE);
    // head = 2 + 5 * 12 + 4 = 66; 300 at 66 (5 bytes) -> pad at 71; 301 at 72 (6 bytes); 302 at 78 (8 bytes);
    // 303 inline; 304 at 86 (5 bytes) -> IFD padded from 91 to 92 bytes.
    // biome-ignore format: one row per field
    const expected = u8(
      0, 5,
      0x01, 0x2c, 0, 1, 0, 0, 0, 5, 0, 0, 0, 166,
      0x01, 0x2d, 0, 3, 0, 0, 0, 3, 0, 0, 0, 172,
      0x01, 0x2e, 0, 2, 0, 0, 0, 8, 0, 0, 0, 178,
      0x01, 0x2f, 0, 1, 0, 0, 0, 1, 9, 0, 0, 0,
      0x01, 0x30, 0, 7, 0, 0, 0, 5, 0, 0, 0, 186,
      0, 0, 0, 0,
      1, 2, 3, 4, 5, 0,
      1, 2, 3, 4, 5, 6,
      0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0,
      0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0,
    );
    expect(encoded.bytes).toEqual(expected);
    expect(encoded.entries.map((e) => e.valueOffset)).toEqual([166, 172, 178, 100 + 2 + 3 * 12 + 8, 186]);
    expect(encoded.entries.map((e) => e.valueOffset % 2)).toEqual([0, 0, 0, 0, 0]);
    expect(encoded.nextIfdFieldOffset).toBe(100 + 62);
    expect(ifdByteLength(entries, CLASSIC_BE)).toBe(92);
  });

  it('BigTIFF: an odd value after an even one is padded too', () => {
    const entries: IfdEntry[] = [
      { code: 1, type: FieldType.BYTE, value: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      { code: 2, type: FieldType.SHORT, value: [1, 2, 3, 4, 5] },
    ];
    const encoded = encodeIfd(entries, 16, BIG_LE);
    // head = 8 + 2 * 20 + 8 = 56: value 1 at 56 (9 bytes), pad at 65, value 2 at 66 (10 bytes): length 76.
    expect(encoded.bytes.length).toBe(76);
    expect(encoded.entries.map((e) => e.valueOffset)).toEqual([16 + 56, 16 + 66]);
    expect(encoded.bytes[65]).toBe(0);
    expect(Array.from(encoded.bytes.subarray(56, 65))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(encoded.bytes.subarray(66, 76))).toEqual([1, 0, 2, 0, 3, 0, 4, 0, 5, 0]);
  });
});

describe('encodeIfd: ordering, labels, reserve', () => {
  it('sorts entries by code, keeping insertion order for equal codes, and carries labels', () => {
    const encoded = encodeIfd(
      [
        { code: 305, type: FieldType.SHORT, value: [1], label: 'first-305' },
        { code: 256, type: FieldType.SHORT, value: [2] },
        { code: 305, type: FieldType.SHORT, value: [3], label: 'second-305' },
        { code: 0, type: FieldType.SHORT, value: [4], label: 'zero' },
        { code: 65535, type: FieldType.SHORT, value: [5] },
      ],
      8,
      CLASSIC_LE,
    );
    expect(encoded.entries.map((e) => [e.code, e.label])).toEqual([
      [0, 'zero'],
      [256, undefined],
      [305, 'first-305'],
      [305, 'second-305'],
      [65535, undefined],
    ]);
    const view = new DataView(encoded.bytes.buffer);
    const codesInFile = [0, 1, 2, 3, 4].map((i) => view.getUint16(2 + i * 12, true));
    const valuesInFile = [0, 1, 2, 3, 4].map((i) => view.getUint16(2 + i * 12 + 8, true));
    expect(codesInFile).toEqual([0, 256, 305, 305, 65535]);
    expect(valuesInFile).toEqual([4, 2, 1, 3, 5]);
    expect(encoded.entries.map((e) => e.entryOffset)).toEqual([10, 22, 34, 46, 58]);
  });

  it('does not reorder the caller’s array', () => {
    const entries: IfdEntry[] = [
      { code: 2, type: FieldType.BYTE, value: [2] },
      { code: 1, type: FieldType.BYTE, value: [1] },
    ];
    encodeIfd(entries, 8, CLASSIC_LE);
    expect(entries.map((e) => e.code)).toEqual([2, 1]);
  });

  it('reserve adds zero bytes after an out-of-line value without changing its count', () => {
    const entries: IfdEntry[] = [
      { code: 271, type: FieldType.SHORT, value: [7, 8, 9] },
      { code: 270, type: FieldType.ASCII, value: 'hello', reserve: 10, label: 'description' },
    ];
    const encoded = encodeIfd(entries, 8, CLASSIC_LE);
    // head = 2 + 24 + 4 = 30; 270 at 30: 6 bytes + 10 reserved; 271 at 46 (6 bytes); length 52.
    expect(encoded.bytes.length).toBe(52);
    expect(ifdByteLength(entries, CLASSIC_LE)).toBe(52);
    const [description, shorts] = encoded.entries;
    expect(description).toEqual({
      code: 270,
      type: FieldType.ASCII,
      count: 6,
      entryOffset: 10,
      valueOffset: 38,
      inline: false,
      capacity: 16,
      label: 'description',
    });
    expect(shorts).toMatchObject({ count: 3, valueOffset: 54, capacity: 6, inline: false });
    const view = new DataView(encoded.bytes.buffer);
    expect(view.getUint32(2 + 4, true)).toBe(6);
    expect(Array.from(encoded.bytes.subarray(30, 46))).toEqual([
      0x68, 0x65, 0x6c, 0x6c, 0x6f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(Array.from(encoded.bytes.subarray(46, 52))).toEqual([7, 0, 8, 0, 9, 0]);
  });

  it('an odd reserve is followed by a pad byte', () => {
    const entries: IfdEntry[] = [
      { code: 1, type: FieldType.BYTE, value: [1, 2, 3, 4, 5, 6], reserve: 3 },
      { code: 2, type: FieldType.BYTE, value: [7, 8, 9, 10, 11] },
    ];
    const encoded = encodeIfd(entries, 8, CLASSIC_BE);
    // head 30; value 1 at 30 (6 + 3 = 9 bytes) -> 39 -> pad -> 40; value 2 at 40 (5) -> 45 -> 46.
    expect(encoded.entries.map((e) => [e.valueOffset, e.capacity, e.count])).toEqual([
      [38, 9, 6],
      [48, 5, 5],
    ]);
    expect(encoded.bytes.length).toBe(46);
    expect(ifdByteLength(entries, CLASSIC_BE)).toBe(46);
  });

  it('reserve is ignored for inline values (the capacity is the slot)', () => {
    const entries: IfdEntry[] = [{ code: 270, type: FieldType.ASCII, value: 'ab', reserve: 100 }];
    const encoded = encodeIfd(entries, 8, CLASSIC_LE);
    expect(encoded.bytes.length).toBe(18);
    expect(encoded.entries[0]).toMatchObject({ inline: true, capacity: 4, count: 3, valueOffset: 18 });
    expect(Array.from(encoded.bytes.subarray(10, 14))).toEqual([0x61, 0x62, 0, 0]);
  });

  it('rejects a negative or fractional reserve', () => {
    for (const reserve of [-2, 1.5, Number.NaN]) {
      expectTiffError(
        () => encodeIfd([{ code: 270, type: FieldType.ASCII, value: 'hello world', reserve }], 8, CLASSIC_LE),
        'INVALID_DATA',
      );
    }
  });
});

describe('encodeIfd: ASCII', () => {
  it('appends exactly one NUL', () => {
    expect(entryCount({ code: 270, type: FieldType.ASCII, value: 'abc' })).toBe(4);
    expect(entryCount({ code: 270, type: FieldType.ASCII, value: '' })).toBe(1);
    const { bytes } = encodeIfd([{ code: 270, type: FieldType.ASCII, value: 'abcdef' }], 8, CLASSIC_LE);
    expect(Array.from(bytes.subarray(18))).toEqual([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0, 0]);
    expect(bytes.length).toBe(26);
    expect(new DataView(bytes.buffer).getUint32(6, true)).toBe(7);
  });

  it('adds no NUL when the string already ends with one', () => {
    expect(entryCount({ code: 270, type: FieldType.ASCII, value: 'abc\0' })).toBe(4);
    expect(entryCount({ code: 270, type: FieldType.ASCII, value: 'a\0\0' })).toBe(3);
    const { bytes } = encodeIfd([{ code: 270, type: FieldType.ASCII, value: 'abc\0' }], 8, CLASSIC_BE);
    expect(Array.from(bytes.subarray(2, 14))).toEqual([1, 14, 0, 2, 0, 0, 0, 4, 0x61, 0x62, 0x63, 0]);
  });

  it('a NUL-terminated string out of line, last in the IFD, takes exactly its length', () => {
    const { bytes, entries } = encodeIfd([{ code: 270, type: FieldType.ASCII, value: 'abcde\0' }], 8, CLASSIC_LE);
    expect(entries[0]).toMatchObject({ count: 6, capacity: 6, valueOffset: 26 });
    expect(bytes).toEqual(u8(1, 0, 14, 1, 2, 0, 6, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x62, 0x63, 0x64, 0x65, 0));
  });

  it('an empty string is a single NUL', () => {
    const { bytes } = encodeIfd([{ code: 270, type: FieldType.ASCII, value: '' }], 8, BIG_BE);
    const view = new DataView(bytes.buffer);
    expect(view.getBigUint64(12, false)).toBe(1n);
    expect(Array.from(bytes.subarray(20, 28))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('rejects non-ASCII characters', () => {
    for (const text of ['café', 'x\u0080', '\u{1f600}', 'Ω']) {
      const error = expectTiffError(
        () => encodeIfd([{ code: 270, type: FieldType.ASCII, value: text }], 8, CLASSIC_LE),
        'INVALID_DATA',
      );
      expect(error.message).toContain('ImageDescription');
    }
    // 0x7f is still 7-bit ASCII.
    const { bytes } = encodeIfd([{ code: 270, type: FieldType.ASCII, value: '\u007f' }], 8, CLASSIC_LE);
    expect(Array.from(bytes.subarray(10, 14))).toEqual([0x7f, 0, 0, 0]);
  });

  it('a string needs type ASCII', () => {
    expectTiffError(() => encodeIfd([{ code: 305, type: FieldType.BYTE, value: 'x' }], 8, CLASSIC_LE), 'INVALID_DATA');
    expectTiffError(() => entryCount({ code: 305, type: FieldType.SHORT, value: 'x' }), 'INVALID_DATA');
  });
});

describe('encodeIfd: packed values', () => {
  it('are written verbatim, with the count derived from the length', () => {
    const packed = u8(0x12, 0x34, 0x56, 0x78);
    for (const format of FORMATS) {
      const encoded = encodeIfd([{ code: 258, type: FieldType.SHORT, value: { packed } }], 16, format);
      expect(encoded.entries[0]).toMatchObject({ count: 2, inline: true });
      const slot = format.bigtiff ? 20 : 10;
      expect(Array.from(encoded.bytes.subarray(slot, slot + 4))).toEqual([0x12, 0x34, 0x56, 0x78]);
    }
  });

  it('out of line', () => {
    const packed = Uint8Array.from({ length: 24 }, (_, i) => 255 - i);
    const encoded = encodeIfd([{ code: 33550, type: FieldType.DOUBLE, value: { packed } }], 8, CLASSIC_BE);
    expect(encoded.entries[0]).toMatchObject({ count: 3, inline: false, valueOffset: 26, capacity: 24 });
    expect(encoded.bytes.subarray(18)).toEqual(packed);
  });

  it('ASCII packed bytes get no NUL appended', () => {
    const encoded = encodeIfd([{ code: 270, type: FieldType.ASCII, value: { packed: u8(0x61, 0x62) } }], 8, CLASSIC_LE);
    expect(encoded.entries[0]?.count).toBe(2);
    expect(Array.from(encoded.bytes.subarray(10, 14))).toEqual([0x61, 0x62, 0, 0]);
  });

  it('must be a multiple of the type size', () => {
    expectTiffError(
      () => encodeIfd([{ code: 258, type: FieldType.SHORT, value: { packed: u8(1, 2, 3) } }], 8, CLASSIC_LE),
      'INVALID_DATA',
    );
    expectTiffError(
      () => entryCount({ code: 282, type: FieldType.RATIONAL, value: { packed: new Uint8Array(12) } }),
      'INVALID_DATA',
    );
    expectTiffError(
      () => ifdByteLength([{ code: 1, type: FieldType.LONG8, value: { packed: new Uint8Array(4) } }], BIG_LE),
      'INVALID_DATA',
    );
  });
});

describe('encodeIfd: value validation', () => {
  const bad: [string, FieldType, TagValue][] = [
    ['SHORT 70000', FieldType.SHORT, [70000]],
    ['SHORT -1', FieldType.SHORT, [-1]],
    ['SHORT 1.5', FieldType.SHORT, [1, 1.5]],
    ['SHORT NaN', FieldType.SHORT, [Number.NaN]],
    ['BYTE -1', FieldType.BYTE, [-1]],
    ['BYTE 256', FieldType.BYTE, [256]],
    ['BYTE 0.5', FieldType.BYTE, [0.5]],
    ['UNDEFINED 300', FieldType.UNDEFINED, [300]],
    ['ASCII as numbers 256', FieldType.ASCII, [256]],
    ['SBYTE 128', FieldType.SBYTE, [128]],
    ['SBYTE -129', FieldType.SBYTE, [-129]],
    ['SSHORT 32768', FieldType.SSHORT, [32768]],
    ['SSHORT -32769', FieldType.SSHORT, [-32769]],
    ['LONG 2**32', FieldType.LONG, [2 ** 32]],
    ['LONG -1', FieldType.LONG, [-1]],
    ['LONG Infinity', FieldType.LONG, [Number.POSITIVE_INFINITY]],
    ['IFD 2**32', FieldType.IFD, [2 ** 32]],
    ['SLONG 2**31', FieldType.SLONG, [2 ** 31]],
    ['SLONG -(2**31)-1', FieldType.SLONG, [-(2 ** 31) - 1]],
    ['RATIONAL negative', FieldType.RATIONAL, [1, -1]],
    ['RATIONAL fraction', FieldType.RATIONAL, [1.5, 1]],
    ['RATIONAL odd length', FieldType.RATIONAL, [1, 2, 3]],
    ['SRATIONAL 2**31', FieldType.SRATIONAL, [2 ** 31, 1]],
    ['SRATIONAL odd length', FieldType.SRATIONAL, [1]],
    ['LONG bigint 2**32', FieldType.LONG, [2n ** 32n]],
  ];
  for (const [name, type, value] of bad) {
    it(`rejects ${name}`, () => {
      const error = expectTiffError(() => encodeIfd([{ code: 300, type, value }], 8, CLASSIC_LE), 'INVALID_DATA');
      expect(error.message).toContain('300');
    });
  }

  const bad64: [string, FieldType, TagValue][] = [
    ['LONG8 -1', FieldType.LONG8, [-1n]],
    ['LONG8 2**64', FieldType.LONG8, [2n ** 64n]],
    ['LONG8 unsafe number', FieldType.LONG8, [2 ** 53]],
    ['LONG8 fractional number', FieldType.LONG8, [1.5]],
    ['IFD8 -1 number', FieldType.IFD8, [-1]],
    ['SLONG8 2**63', FieldType.SLONG8, [2n ** 63n]],
    ['SLONG8 -(2**63)-1', FieldType.SLONG8, [-(2n ** 63n) - 1n]],
  ];
  for (const [name, type, value] of bad64) {
    it(`rejects ${name}`, () => {
      expectTiffError(() => encodeIfd([{ code: 300, type, value }], 16, BIG_LE), 'INVALID_DATA');
    });
  }

  it('accepts the extremes of each integer range', () => {
    const entries: IfdEntry[] = [
      { code: 1, type: FieldType.BYTE, value: [0, 255] },
      { code: 2, type: FieldType.SBYTE, value: [-128, 127] },
      { code: 3, type: FieldType.SHORT, value: [0, 65535] },
      { code: 4, type: FieldType.SSHORT, value: [-32768, 32767] },
      { code: 5, type: FieldType.LONG, value: [0, 2 ** 32 - 1] },
      { code: 6, type: FieldType.SLONG, value: [-(2 ** 31), 2 ** 31 - 1] },
      { code: 7, type: FieldType.LONG, value: [4294967295n] },
    ];
    const { bytes } = encodeIfd(entries, 8, CLASSIC_LE);
    const view = new DataView(bytes.buffer);
    // Entries are 12 bytes after the 2-byte count; values of up to 4 bytes sit inline at +8.
    const inline = (i: number) => 2 + i * 12 + 8;
    expect([view.getUint8(inline(0)), view.getUint8(inline(0) + 1)]).toEqual([0, 255]);
    expect([view.getInt8(inline(1)), view.getInt8(inline(1) + 1)]).toEqual([-128, 127]);
    expect([view.getUint16(inline(2), true), view.getUint16(inline(2) + 2, true)]).toEqual([0, 65535]);
    expect([view.getInt16(inline(3), true), view.getInt16(inline(3) + 2, true)]).toEqual([-32768, 32767]);
    // Eight-byte LONG pairs do not fit inline: they follow the IFD, at the offset the entry holds.
    const longs = (i: number) => view.getUint32(inline(i), true) - 8;
    expect([view.getUint32(longs(4), true), view.getUint32(longs(4) + 4, true)]).toEqual([0, 2 ** 32 - 1]);
    expect([view.getInt32(longs(5), true), view.getInt32(longs(5) + 4, true)]).toEqual([-(2 ** 31), 2 ** 31 - 1]);
    expect(view.getUint32(inline(6), true)).toBe(4294967295);
  });

  it('rejects an unknown field type', () => {
    expectTiffError(() => encodeIfd([{ code: 300, type: 14 as FieldType, value: [1] }], 8, BIG_LE), 'INVALID_DATA');
  });

  it('rejects tag codes that do not fit 16 bits', () => {
    for (const code of [65536, -1, 1.5]) {
      expectTiffError(() => encodeIfd([{ code, type: FieldType.BYTE, value: [1] }], 8, CLASSIC_LE), 'INVALID_DATA');
    }
  });
});

describe('encodeIfd: limits', () => {
  it('refuses an odd IFD offset', () => {
    expect(() => encodeIfd([{ code: 256, type: FieldType.SHORT, value: [1] }], 9, CLASSIC_LE)).toThrow(TiffError);
    expect(() => encodeIfd([], 17, BIG_LE)).toThrow(TiffError);
  });

  it('refuses an IFD extending beyond 4 GiB in classic TIFF, and allows one ending exactly there', () => {
    const entries: IfdEntry[] = [{ code: 256, type: FieldType.SHORT, value: [1] }];
    // 18 bytes: the last byte of an IFD at 2**32 - 18 is at 2**32 - 1.
    expect(encodeIfd(entries, 2 ** 32 - 18, CLASSIC_LE).bytes.length).toBe(18);
    expectTiffError(() => encodeIfd(entries, 2 ** 32 - 16, CLASSIC_LE), 'TOO_LARGE');
    expectTiffError(() => encodeIfd(entries, 2 ** 32, CLASSIC_LE), 'TOO_LARGE');
    // Out-of-line values count too.
    const long: IfdEntry[] = [{ code: 270, type: FieldType.ASCII, value: 'x'.repeat(99) }];
    expectTiffError(() => encodeIfd(long, 2 ** 32 - 100, CLASSIC_LE), 'TOO_LARGE');
    // BigTIFF has no such limit.
    const big = encodeIfd(long, 2 ** 40, BIG_LE);
    expect(big.entries[0]?.valueOffset).toBe(2 ** 40 + 36);
    expect(new DataView(big.bytes.buffer).getBigUint64(20, true)).toBe(2n ** 40n + 36n);
  });

  it('refuses a classic count beyond 2**32 - 1', () => {
    const huge = { length: 2 ** 32 } as ArrayLike<number>;
    expectTiffError(
      () => ifdByteLength([{ code: 273, type: FieldType.BYTE, value: huge }], CLASSIC_LE),
      'INVALID_DATA',
    );
  });

  it('refuses more than 65535 entries in classic TIFF', () => {
    const entries: IfdEntry[] = Array.from({ length: 65536 }, () => ({ code: 1, type: FieldType.BYTE, value: [] }));
    expectTiffError(() => ifdByteLength(entries, CLASSIC_LE), 'TOO_LARGE');
    expect(ifdByteLength(entries.slice(1), CLASSIC_LE)).toBe(2 + 65535 * 12 + 4);
  });
});

describe('ifdByteLength', () => {
  it('equals the encoded length for mixed entry sets in every format', () => {
    const sets: IfdEntry[][] = [
      [],
      [{ code: 1, type: FieldType.BYTE, value: [1, 2, 3] }],
      [
        { code: 270, type: FieldType.ASCII, value: 'odd', reserve: 7 },
        { code: 282, type: FieldType.RATIONAL, value: [1, 2, 3, 4] },
        { code: 258, type: FieldType.SHORT, value: [8, 8, 8] },
        { code: 273, type: FieldType.LONG, value: [1, 2, 3] },
        { code: 33550, type: FieldType.DOUBLE, value: [1, 2, 3] },
        { code: 700, type: FieldType.BYTE, value: { packed: new Uint8Array(13) } },
      ],
    ];
    for (const format of FORMATS) {
      for (const entries of sets) {
        const encoded = encodeIfd(entries, 2 * 1234, format);
        expect(ifdByteLength(entries, format)).toBe(encoded.bytes.length);
        expect(encoded.bytes.length % 2).toBe(0);
      }
    }
  });
});
