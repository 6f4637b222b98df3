import { describe, expect, it } from 'vitest';
import {
  type ByteSource,
  bytesSource,
  type DecodedValue,
  decodeValue,
  type EncodedIfd,
  encodeHeader,
  entryNumbers,
  entryString,
  FieldType,
  findEntry,
  type IfdEntry,
  type ParsedIfd,
  parseHeader,
  parseTiff,
  type TiffFormat,
  tiffFormat,
} from '../src/index.js';
import { type BuiltTiff, buildTiff, type Offsets } from './build-tiff.js';
import { u8 } from './helpers.js';

const FORMATS: readonly TiffFormat[] = [
  tiffFormat(false, '<'),
  tiffFormat(false, '>'),
  tiffFormat(true, '<'),
  tiffFormat(true, '>'),
];

interface Expected {
  readonly entry: IfdEntry;
  readonly decoded: DecodedValue;
}

/** The main IFD: one or more entries of every type the format allows, each with its decoded value. */
function mainEntries(format: TiffFormat): Expected[] {
  const list: Expected[] = [
    { entry: { code: 256, type: FieldType.LONG, value: [640] }, decoded: [640] },
    { entry: { code: 257, type: FieldType.SHORT, value: [480] }, decoded: [480] },
    { entry: { code: 258, type: FieldType.SHORT, value: [8, 16, 32] }, decoded: [8, 16, 32] },
    { entry: { code: 270, type: FieldType.ASCII, value: 'Hello, TIFF!' }, decoded: 'Hello, TIFF!' },
    // Trailing NULs beyond the first are dropped too.
    { entry: { code: 271, type: FieldType.ASCII, value: { packed: u8(0x61, 0x62, 0, 0, 0) } }, decoded: 'ab' },
    { entry: { code: 272, type: FieldType.ASCII, value: 'xy' }, decoded: 'xy' },
    { entry: { code: 282, type: FieldType.RATIONAL, value: [72, 1] }, decoded: [72, 1] },
    {
      entry: { code: 283, type: FieldType.RATIONAL, value: [300, 2, 4294967295, 3] },
      decoded: [300, 2, 4294967295, 3],
    },
    { entry: { code: 700, type: FieldType.BYTE, value: [1, 2, 3, 250, 255] }, decoded: u8(1, 2, 3, 250, 255) },
    { entry: { code: 336, type: FieldType.BYTE, value: [0, 255] }, decoded: u8(0, 255) },
    { entry: { code: 34675, type: FieldType.UNDEFINED, value: [0xde, 0xad] }, decoded: u8(0xde, 0xad) },
    {
      entry: { code: 347, type: FieldType.UNDEFINED, value: [0xff, 0xd8, 0xff, 0xdb, 0, 0x43, 0xff, 0xd9, 7] },
      decoded: u8(0xff, 0xd8, 0xff, 0xdb, 0, 0x43, 0xff, 0xd9, 7),
    },
    {
      entry: { code: 33550, type: FieldType.DOUBLE, value: [0.5, -1e-300, Math.PI] },
      decoded: [0.5, -1e-300, Math.PI],
    },
    { entry: { code: 40000, type: FieldType.FLOAT, value: [1.5, -0.25] }, decoded: [1.5, -0.25] },
    { entry: { code: 40001, type: FieldType.SBYTE, value: [-128, 127, -1] }, decoded: [-128, 127, -1] },
    { entry: { code: 40002, type: FieldType.SSHORT, value: [-32768, 32767] }, decoded: [-32768, 32767] },
    {
      entry: { code: 40003, type: FieldType.SLONG, value: [-5, 2147483647, -2147483648] },
      decoded: [-5, 2147483647, -2147483648],
    },
    { entry: { code: 40004, type: FieldType.SRATIONAL, value: [-1, 3] }, decoded: [-1, 3] },
    { entry: { code: 40005, type: FieldType.IFD, value: [1234, 0xffffffff] }, decoded: [1234, 0xffffffff] },
    { entry: { code: 40006, type: FieldType.FLOAT, value: [0.1] }, decoded: [Math.fround(0.1)] },
  ];
  if (format.bigtiff) {
    list.push(
      { entry: { code: 40010, type: FieldType.LONG8, value: [1n, 2n ** 53n - 1n] }, decoded: [1, 2 ** 53 - 1] },
      // One value beyond Number.MAX_SAFE_INTEGER: the whole list comes back as bigints.
      { entry: { code: 40011, type: FieldType.LONG8, value: [2n ** 53n, 5n] }, decoded: [2n ** 53n, 5n] },
      { entry: { code: 40012, type: FieldType.SLONG8, value: [-(2n ** 53n - 1n)] }, decoded: [-(2 ** 53 - 1)] },
      { entry: { code: 40013, type: FieldType.SLONG8, value: [-(2n ** 63n), 1n] }, decoded: [-(2n ** 63n), 1n] },
      { entry: { code: 40014, type: FieldType.IFD8, value: [2n ** 64n - 1n] }, decoded: [2n ** 64n - 1n] },
      { entry: { code: 40015, type: FieldType.LONG8, value: [7] }, decoded: [7] },
    );
  }
  return list;
}

function subIfdsEntry(format: TiffFormat, offsets: number[]): IfdEntry {
  return { code: 330, type: format.bigtiff ? FieldType.IFD8 : FieldType.IFD, value: offsets };
}

/**
 * header → ifd0 → ifd1 → ifd2; ifd0's SubIFDs → [sub0, sub1]; sub0's own next field → sub1 (not followed as
 * a chain); sub1's SubIFDs → [0 (an unfilled slot), subsub]; ifd1's SubIFDs → [0].
 */
function buildSample(format: TiffFormat): BuiltTiff {
  return buildTiff(
    format,
    [
      {
        name: 'ifd0',
        entries: (at) => [
          ...mainEntries(format).map((e) => e.entry),
          subIfdsEntry(format, [at['sub0'] ?? 0, at['sub1'] ?? 0]),
        ],
        next: 'ifd1',
      },
      {
        name: 'sub0',
        entries: () => [
          { code: 256, type: FieldType.LONG, value: [320] },
          { code: 254, type: FieldType.LONG, value: [1] },
        ],
        next: 'sub1',
      },
      {
        name: 'sub1',
        entries: (at) => [
          { code: 256, type: FieldType.LONG, value: [160] },
          { code: 330, type: FieldType.LONG, value: [0, at['subsub'] ?? 0] },
        ],
      },
      { name: 'subsub', entries: () => [{ code: 256, type: FieldType.SHORT, value: [80] }] },
      {
        name: 'ifd1',
        entries: () => [{ code: 256, type: FieldType.LONG, value: [2] }, subIfdsEntry(format, [0])],
        next: 'ifd2',
      },
      { name: 'ifd2', entries: () => [{ code: 305, type: FieldType.ASCII, value: 'tiffkit' }] },
    ],
    'ifd0',
  );
}

function offsetOf(at: Offsets, name: string): number {
  return at[name] ?? Number.NaN;
}

function encodedOf(built: BuiltTiff, name: string): EncodedIfd {
  const ifd = built.encoded[name];
  if (!ifd) throw new Error(`no IFD ${name}`);
  return ifd;
}

function ifdAt(ifds: readonly ParsedIfd[], index: number): ParsedIfd {
  const ifd = ifds[index];
  if (!ifd) throw new Error(`no IFD #${index}`);
  return ifd;
}

/** The parsed entries agree with where the encoder placed them. */
function expectPlacement(parsed: ParsedIfd, encoded: EncodedIfd): void {
  expect(parsed.offset).toBe(encoded.offset);
  expect(parsed.nextIfdFieldOffset).toBe(encoded.nextIfdFieldOffset);
  expect(parsed.entries.map((e) => [e.code, e.type, e.count, e.entryOffset, e.valueOffset, e.inline])).toEqual(
    encoded.entries.map((e) => [e.code, e.type, e.count, e.entryOffset, e.valueOffset, e.inline]),
  );
}

describe('encode → parse round trip', () => {
  for (const format of FORMATS) {
    describe(`${format.bigtiff ? 'BigTIFF' : 'classic'} ${format.byteOrder}`, () => {
      const built = buildSample(format);

      it('reads the header', async () => {
        const header = await parseHeader(bytesSource(built.bytes));
        expect(header.format).toBe(format);
        expect(header.firstIfdOffset).toBe(format.headerSize);
      });

      it('walks the main chain', async () => {
        const tiff = await parseTiff(bytesSource(built.bytes));
        expect(tiff.format).toBe(format);
        expect(tiff.ifds.map((ifd) => ifd.offset)).toEqual([
          offsetOf(built.at, 'ifd0'),
          offsetOf(built.at, 'ifd1'),
          offsetOf(built.at, 'ifd2'),
        ]);
        expect(tiff.ifds.map((ifd) => ifd.nextIfdOffset)).toEqual([
          offsetOf(built.at, 'ifd1'),
          offsetOf(built.at, 'ifd2'),
          0,
        ]);
        expect(tiff.lastNextIfdFieldOffset).toBe(encodedOf(built, 'ifd2').nextIfdFieldOffset);
        expectPlacement(ifdAt(tiff.ifds, 0), encodedOf(built, 'ifd0'));
        expectPlacement(ifdAt(tiff.ifds, 1), encodedOf(built, 'ifd1'));
        expectPlacement(ifdAt(tiff.ifds, 2), encodedOf(built, 'ifd2'));
      });

      it('decodes every value of every type', async () => {
        const tiff = await parseTiff(bytesSource(built.bytes));
        const ifd0 = ifdAt(tiff.ifds, 0);
        const expected = mainEntries(format);
        for (const { entry, decoded } of expected) {
          const parsed = findEntry(ifd0, entry.code);
          expect(parsed, `tag ${entry.code}`).toBeDefined();
          expect(parsed?.type).toBe(entry.type);
          expect(parsed?.value, `tag ${entry.code}`).toEqual(decoded);
        }
        // Typed the way the decodeValue rules say.
        expect(findEntry(ifd0, 700)?.value).toBeInstanceOf(Uint8Array);
        expect(findEntry(ifd0, 34675)?.value).toBeInstanceOf(Uint8Array);
        expect(findEntry(ifd0, 40001)?.value).toBeInstanceOf(Array);
        if (format.bigtiff) {
          const safe = findEntry(ifd0, 40010)?.value;
          const unsafe = findEntry(ifd0, 40011)?.value;
          expect(Array.isArray(safe) && typeof safe[1]).toBe('number');
          expect(Array.isArray(unsafe) && typeof unsafe[1]).toBe('bigint');
        }
        const sub = findEntry(ifd0, 330);
        expect(sub?.value).toEqual([offsetOf(built.at, 'sub0'), offsetOf(built.at, 'sub1')]);
        expect(sub?.type).toBe(format.bigtiff ? FieldType.IFD8 : FieldType.IFD);
        expect(entryString(ifdAt(tiff.ifds, 2), 305)).toBe('tiffkit');
        expect(ifd0.entries.map((e) => e.code)).toEqual([...ifd0.entries.map((e) => e.code)].sort((a, b) => a - b));
        expect(findEntry(ifd0, 270)?.name).toBe('ImageDescription');
        expect(findEntry(ifd0, 40000)?.name).toBe('Tag40000');
      });

      it('follows SubIFDs, one level per slot, skipping unfilled slots', async () => {
        const tiff = await parseTiff(bytesSource(built.bytes));
        const [ifd0, ifd1, ifd2] = [0, 1, 2].map((i) => ifdAt(tiff.ifds, i));
        expect(ifd0?.subIfds.map((s) => s.offset)).toEqual([offsetOf(built.at, 'sub0'), offsetOf(built.at, 'sub1')]);
        const sub0 = ifdAt(ifd0?.subIfds ?? [], 0);
        const sub1 = ifdAt(ifd0?.subIfds ?? [], 1);
        expectPlacement(sub0, encodedOf(built, 'sub0'));
        expectPlacement(sub1, encodedOf(built, 'sub1'));
        // sub0's own next field is reported but not followed.
        expect(sub0.nextIfdOffset).toBe(offsetOf(built.at, 'sub1'));
        expect(sub0.subIfds).toEqual([]);
        expect(entryNumbers(sub0, 256)).toEqual([320]);
        expect(entryNumbers(sub1, 256)).toEqual([160]);
        expect(sub1.subIfds.map((s) => s.offset)).toEqual([offsetOf(built.at, 'subsub')]);
        expect(entryNumbers(ifdAt(sub1.subIfds, 0), 256)).toEqual([80]);
        expect(ifd1?.subIfds).toEqual([]);
        expect(ifd2?.subIfds).toEqual([]);
      });

      it('does not follow SubIFDs when asked not to', async () => {
        const tiff = await parseTiff(bytesSource(built.bytes), { subIfds: false });
        expect(tiff.ifds.length).toBe(3);
        expect(tiff.ifds.every((ifd) => ifd.subIfds.length === 0)).toBe(true);
      });

      it('leaves values larger than maxValueBytes undefined', async () => {
        const tiff = await parseTiff(bytesSource(built.bytes), { maxValueBytes: 4 });
        const ifd0 = ifdAt(tiff.ifds, 0);
        expect(findEntry(ifd0, 256)?.value).toEqual([640]);
        expect(findEntry(ifd0, 272)?.value).toBe('xy');
        expect(findEntry(ifd0, 700)?.value).toBeUndefined();
        expect(findEntry(ifd0, 282)?.value).toBeUndefined();
        expect(findEntry(ifd0, 282)?.count).toBe(1);
        // SubIFDs of 2 offsets (8 or 16 bytes) are not read, so not followed either.
        expect(ifd0.subIfds).toEqual([]);
        expect(entryNumbers(ifd0, 282)).toEqual([]);
      });

      it('works with an asynchronous ByteSource', async () => {
        const inner = bytesSource(built.bytes);
        const source: ByteSource = { size: inner.size, read: async (p, n) => inner.read(p, n) };
        const tiff = await parseTiff(source);
        expect(tiff.ifds.length).toBe(3);
        expect(findEntry(ifdAt(tiff.ifds, 0), 270)?.value).toBe('Hello, TIFF!');
      });

      it('a file without IFDs ends its chain at the header', async () => {
        const tiff = await parseTiff(bytesSource(encodeHeader(format, 0)));
        expect(tiff.ifds).toEqual([]);
        expect(tiff.lastNextIfdFieldOffset).toBe(format.bigtiff ? 8 : 4);
      });
    });
  }

  it('an unknown field type keeps its count and has no value', async () => {
    const format = tiffFormat(false, '<');
    const built = buildTiff(
      format,
      [
        {
          name: 'ifd',
          entries: () => [
            { code: 300, type: FieldType.LONG, value: [1, 2, 3] },
            { code: 301, type: FieldType.SHORT, value: [9] },
          ],
        },
      ],
      'ifd',
    );
    // Rewrite the first entry's type to 99.
    new DataView(built.bytes.buffer).setUint16(8 + 2 + 2, 99, true);
    const tiff = await parseTiff(bytesSource(built.bytes));
    const ifd = ifdAt(tiff.ifds, 0);
    expect(ifd.entries[0]).toMatchObject({ code: 300, type: 99, count: 3, inline: true, value: undefined });
    expect(ifd.entries[0]?.valueOffset).toBe(8 + 2 + 8);
    expect(findEntry(ifd, 301)?.value).toEqual([9]);
  });
});

describe('decodeValue', () => {
  it('ASCII: strips trailing NULs only, decodes UTF-8', () => {
    expect(decodeValue(u8(0x61, 0, 0x62, 0, 0), FieldType.ASCII, 5, true)).toBe('a\0b');
    expect(decodeValue(u8(0, 0, 0), FieldType.ASCII, 3, true)).toBe('');
    expect(decodeValue(new Uint8Array(0), FieldType.ASCII, 0, true)).toBe('');
    expect(decodeValue(u8(0xc2, 0xb5, 0x6d, 0), FieldType.ASCII, 4, false)).toBe('µm');
  });

  it('BYTE and UNDEFINED: a copy, not a view', () => {
    const raw = u8(1, 2, 3);
    const value = decodeValue(raw, FieldType.BYTE, 3, true) as Uint8Array;
    expect(value).toEqual(u8(1, 2, 3));
    raw[0] = 9;
    expect(value[0]).toBe(1);
    expect(decodeValue(u8(7), FieldType.UNDEFINED, 1, false)).toEqual(u8(7));
  });

  it('reads both byte orders from a subarray', () => {
    const buffer = u8(0xee, 0x12, 0x34, 0x56, 0x78);
    const raw = buffer.subarray(1);
    expect(decodeValue(raw, FieldType.SHORT, 2, true)).toEqual([0x3412, 0x7856]);
    expect(decodeValue(raw, FieldType.SHORT, 2, false)).toEqual([0x1234, 0x5678]);
    expect(decodeValue(raw, FieldType.LONG, 1, false)).toEqual([0x12345678]);
    expect(decodeValue(raw, FieldType.SLONG, 1, true)).toEqual([0x78563412]);
    expect(decodeValue(raw, FieldType.SSHORT, 2, true)).toEqual([0x3412, 0x7856]);
    expect(decodeValue(u8(0xff, 0xfe), FieldType.SSHORT, 1, false)).toEqual([-2]);
    expect(decodeValue(u8(0x3f, 0xc0, 0, 0), FieldType.FLOAT, 1, false)).toEqual([1.5]);
    expect(decodeValue(u8(0, 0, 0xc0, 0x3f), FieldType.FLOAT, 1, true)).toEqual([1.5]);
    expect(decodeValue(u8(0x80, 0x7f), FieldType.SBYTE, 2, true)).toEqual([-128, 127]);
  });

  it('rationals as flat pairs', () => {
    const raw = u8(0, 0, 0, 1, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2);
    expect(decodeValue(raw, FieldType.RATIONAL, 2, false)).toEqual([1, 3, 4294967295, 2]);
    expect(decodeValue(raw, FieldType.SRATIONAL, 2, false)).toEqual([1, 3, -1, 2]);
  });

  it('64-bit values: numbers when all are safe, else bigints', () => {
    const raw = new Uint8Array(16);
    const view = new DataView(raw.buffer);
    view.setBigUint64(0, 2n ** 53n - 1n, true);
    view.setBigUint64(8, 3n, true);
    expect(decodeValue(raw, FieldType.LONG8, 2, true)).toEqual([2 ** 53 - 1, 3]);
    view.setBigUint64(0, 2n ** 53n, true);
    expect(decodeValue(raw, FieldType.IFD8, 2, true)).toEqual([2n ** 53n, 3n]);
    view.setBigInt64(0, -(2n ** 53n) + 1n, true);
    expect(decodeValue(raw, FieldType.SLONG8, 2, true)).toEqual([-(2 ** 53) + 1, 3]);
    view.setBigInt64(0, -(2n ** 53n), true);
    expect(decodeValue(raw, FieldType.SLONG8, 2, true)).toEqual([-(2n ** 53n), 3n]);
  });
});

describe('entryNumbers / entryString / findEntry', () => {
  const ifd: ParsedIfd = {
    offset: 8,
    nextIfdFieldOffset: 0,
    nextIfdOffset: 0,
    subIfds: [],
    entries: [
      { code: 1, name: 'a', type: 3, count: 2, entryOffset: 0, valueOffset: 0, inline: true, value: [5, 6] },
      { code: 2, name: 'b', type: 1, count: 2, entryOffset: 0, valueOffset: 0, inline: true, value: u8(7, 8) },
      { code: 3, name: 'c', type: 2, count: 3, entryOffset: 0, valueOffset: 0, inline: true, value: 'hi' },
      { code: 4, name: 'd', type: 16, count: 1, entryOffset: 0, valueOffset: 0, inline: true, value: [2n ** 60n] },
      { code: 5, name: 'e', type: 3, count: 1, entryOffset: 0, valueOffset: 0, inline: false, value: undefined },
      { code: 1, name: 'dup', type: 3, count: 1, entryOffset: 0, valueOffset: 0, inline: true, value: [9] },
    ],
  };

  it('finds the first entry with a code', () => {
    expect(findEntry(ifd, 1)?.name).toBe('a');
    expect(findEntry(ifd, 99)).toBeUndefined();
  });

  it('entryNumbers converts every numeric form and gives [] otherwise', () => {
    expect(entryNumbers(ifd, 1)).toEqual([5, 6]);
    expect(entryNumbers(ifd, 2)).toEqual([7, 8]);
    expect(entryNumbers(ifd, 3)).toEqual([]);
    expect(entryNumbers(ifd, 4)).toEqual([2 ** 60]);
    expect(entryNumbers(ifd, 5)).toEqual([]);
    expect(entryNumbers(ifd, 99)).toEqual([]);
  });

  it('entryString only returns strings', () => {
    expect(entryString(ifd, 3)).toBe('hi');
    expect(entryString(ifd, 1)).toBeUndefined();
    expect(entryString(ifd, 99)).toBeUndefined();
  });
});
