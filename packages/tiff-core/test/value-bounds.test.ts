/**
 * Where values lie and what parsing costs: every out-of-line value inside the file whatever its size,
 * bounded entry counts, IFDs parsed once, overlapping IFDs and values refused before they cost much.
 */
import { describe, expect, it } from 'vitest';
import { bytesSource, FieldType, type IfdEntry, parseTiff, type TiffFormat, tiffFormat } from '../src/index.js';
import { type BuiltTiff, buildTiff } from './build-tiff.js';
import { expectTiffRejection } from './helpers.js';

const FORMATS: readonly TiffFormat[] = [
  tiffFormat(false, '<'),
  tiffFormat(false, '>'),
  tiffFormat(true, '<'),
  tiffFormat(true, '>'),
];

function label(format: TiffFormat): string {
  return `${format.bigtiff ? 'BigTIFF' : 'classic'} ${format.byteOrder}`;
}

function parse(bytes: Uint8Array, options = {}) {
  return parseTiff(bytesSource(bytes), options);
}

function writeField(format: TiffFormat, bytes: Uint8Array, at: number, value: number | bigint): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (format.bigtiff) view.setBigUint64(at, BigInt(value), format.littleEndian);
  else view.setUint32(at, Number(value), format.littleEndian);
}

/** A one-strip 8x2 uint8 image as our writer lays it out: IFD, out-of-line values, then the strip. */
function stripImage(format: TiffFormat): BuiltTiff {
  const offsetType = format.bigtiff ? FieldType.LONG8 : FieldType.LONG;
  return buildTiff(
    format,
    [
      {
        name: 'ifd',
        entries: (): IfdEntry[] => [
          { code: 256, type: FieldType.SHORT, value: [8] },
          { code: 257, type: FieldType.SHORT, value: [2] },
          { code: 258, type: FieldType.SHORT, value: [8] },
          { code: 270, type: FieldType.ASCII, value: '{"shape": [2, 8]}' },
          // Two strips, so that StripOffsets and StripByteCounts lie out of line in a classic file too.
          { code: 273, type: offsetType, value: [0, 0, 0] },
          { code: 278, type: FieldType.SHORT, value: [1] },
          { code: 279, type: offsetType, value: [8, 8, 0] },
        ],
      },
    ],
    'ifd',
  );
}

function entryOf(built: BuiltTiff, code: number) {
  const entry = built.encoded['ifd']?.entries.find((e) => e.code === code);
  if (!entry) throw new Error(`test setup: no tag ${code}`);
  return entry;
}

describe('every value array lies inside the file (issue 10, defect 9)', () => {
  for (const format of FORMATS) {
    describe(label(format), () => {
      it('a StripOffsets count of 2**30, its array far beyond the end, is corrupt', async () => {
        const built = stripImage(format);
        const bytes = built.bytes.slice();
        const strips = entryOf(built, 273);
        expect(strips.inline).toBe(false);
        writeField(format, bytes, strips.entryOffset + 4, 2 ** 30);
        const error = await expectTiffRejection(parse(bytes), 'CORRUPT_TIFF');
        expect(error.message).toContain('StripOffsets');
        expect(error.message).toContain(`${2 ** 30} values`);
        expect(error.message).toContain(`(${bytes.length} bytes)`);
      });

      it('whatever maxValueBytes says: values that are not read are checked too', async () => {
        const built = stripImage(format);
        const bytes = built.bytes.slice();
        writeField(format, bytes, entryOf(built, 279).entryOffset + 4, 1000);
        await expectTiffRejection(parse(bytes, { maxValueBytes: 1 }), 'CORRUPT_TIFF');
        await expectTiffRejection(parse(bytes, { maxValueBytes: 1e12 }), 'CORRUPT_TIFF');
      });

      it('a value ending exactly at the end of the file is fine, one byte further is not', async () => {
        const built = stripImage(format);
        const counts = entryOf(built, 279); // the last value of the IFD
        const end = counts.valueOffset + 3 * format.offsetSize;
        expect(built.encoded['ifd']?.entries.every((e) => e.inline || e.valueOffset <= counts.valueOffset)).toBe(true);
        const tiff = await parse(built.bytes.slice(0, end));
        expect(tiff.ifds[0]?.entries.find((e) => e.code === 279)?.value).toEqual([8, 8, 0]);
        expect(tiff.ifds[0]?.entries.find((e) => e.code === 270)?.value).toBe('{"shape": [2, 8]}');
        const error = await expectTiffRejection(parse(built.bytes.slice(0, end - 1)), 'CORRUPT_TIFF');
        expect(error.message).toContain('StripByteCounts');
      });

      it('unknown field types carry no size, so any count is accepted and nothing read', async () => {
        const built = stripImage(format);
        const bytes = built.bytes.slice();
        const entry = entryOf(built, 258);
        new DataView(bytes.buffer).setUint16(entry.entryOffset + 2, 99, format.littleEndian);
        writeField(format, bytes, entry.entryOffset + 4, 0xffff_ffff);
        const tiff = await parse(bytes);
        const parsed = tiff.ifds[0]?.entries.find((e) => e.code === 258);
        expect([parsed?.type, parsed?.count, parsed?.value]).toEqual([99, 0xffff_ffff, undefined]);
      });

      it('SubIFDs outside the file, or reached twice, are corrupt', async () => {
        const subType = format.bigtiff ? FieldType.IFD8 : FieldType.IFD;
        const twice = buildTiff(
          format,
          [
            { name: 'a', entries: (at) => [{ code: 330, type: subType, value: [at['s'] ?? 0] }], next: 'b' },
            { name: 'b', entries: (at) => [{ code: 330, type: subType, value: [at['s'] ?? 0] }] },
            { name: 's', entries: () => [{ code: 256, type: FieldType.SHORT, value: [1] }] },
          ],
          'a',
        );
        const error = await expectTiffRejection(parse(twice.bytes), 'CORRUPT_TIFF');
        expect(error.message).toContain(`SubIFD at ${twice.at['s']}`);
        expect((await parse(twice.bytes, { subIfds: false })).ifds).toHaveLength(2);

        const inChain = buildTiff(
          format,
          [
            { name: 'a', entries: (at) => [{ code: 330, type: subType, value: [at['b'] ?? 0] }], next: 'b' },
            { name: 'b', entries: () => [{ code: 256, type: FieldType.SHORT, value: [1] }] },
          ],
          'a',
        );
        await expectTiffRejection(parse(inChain.bytes), 'CORRUPT_TIFF');

        for (const where of [2, inChain.bytes.length, 2 ** 31]) {
          const outside = buildTiff(
            format,
            [{ name: 'a', entries: () => [{ code: 330, type: subType, value: [where] }] }],
            'a',
          );
          const refused = await expectTiffRejection(parse(outside.bytes), 'CORRUPT_TIFF');
          expect(refused.message).toContain(`SubIFD at ${where}`);
        }
      });

      it('values shared between pages are read and decoded once', async () => {
        const shared = { code: 320, type: FieldType.SHORT, value: Array.from({ length: 768 }, (_, i) => i) };
        const built = buildTiff(
          format,
          [
            { name: 'a', entries: () => [shared], next: 'b' },
            { name: 'b', entries: () => [shared] },
          ],
          'a',
        );
        const bytes = built.bytes.slice();
        const [first, second] = [built.encoded['a'], built.encoded['b']].map((ifd) => ifd?.entries[0]);
        if (!first || !second) throw new Error('test setup');
        // Point b's colormap at a's, as a writer sharing values does.
        writeField(format, bytes, second.entryOffset + 4 + format.offsetSize, first.valueOffset);
        let reads = 0;
        const source = bytesSource(bytes);
        const counted = {
          size: source.size,
          read: (position: number, length: number) => {
            reads++;
            return source.read(position, length);
          },
        };
        const tiff = await parseTiff(counted);
        const [va, vb] = tiff.ifds.map((ifd) => ifd.entries[0]?.value);
        expect(va).toEqual(shared.value);
        expect(vb).toBe(va);
        expect(reads).toBe(1 + 2 * 2 + 1); // header; per IFD its count and table; the colormap once
      });
    });
  }
});

describe('parsing costs at most a bounded multiple of the file size', () => {
  it('a BigTIFF IFD with more than 65535 entries is corrupt', async () => {
    const format = tiffFormat(true, '<');
    for (const [entries, ok] of [
      [65_535, true],
      [65_536, false],
    ] as const) {
      // Zero-filled entries: tag 0 of the unknown type 0, which the parser keeps without reading.
      const bytes = new Uint8Array(16 + 8 + 65_536 * 20 + 8);
      bytes.set([0x49, 0x49, 43, 0, 8, 0, 0, 0, 16]);
      writeField(format, bytes, 16, entries);
      if (ok) expect((await parse(bytes)).ifds[0]?.entries).toHaveLength(65_535);
      else expect((await expectTiffRejection(parse(bytes), 'CORRUPT_TIFF')).message).toContain('65536 entries');
    }
  });

  it('overlapping IFDs are corrupt: a chain of them would make parsing quadratic', async () => {
    // Classic, little-endian. IFD A at 8: one BYTE entry (256, count 1) and next = 12, inside A's own
    // table; read from 12, the bytes form IFD B: one entry of unknown type, next = 0. Alone each is sound.
    const bytes = new Uint8Array(30);
    const view = new DataView(bytes.buffer);
    bytes.set([0x49, 0x49, 42, 0, 8]);
    view.setUint16(8, 1, true); // A: 1 entry
    view.setUint16(10, 256, true); // A's entry: code 256
    view.setUint16(12, 1, true); //   type BYTE; B's entry count
    view.setUint32(14, 1, true); //   count 1; B's entry: code 1, type 0
    view.setUint32(22, 12, true); // A's next IFD: 12; B's entry value slot
    view.setUint32(26, 0, true); // B's next IFD
    const error = await expectTiffRejection(parse(bytes), 'CORRUPT_TIFF');
    expect(error.message).toContain('IFD at 12 overlaps');
    // The first IFD alone is fine.
    view.setUint32(22, 0, true);
    expect((await parse(bytes)).ifds).toHaveLength(1);
  });

  it('many tags pointing into the same bytes are refused before they cost much', async () => {
    // 5000 UNDEFINED entries, each of a different length, all starting at byte 8: every one is a distinct
    // value, together 300 MB read out of a 60 kB file.
    const n = 5000;
    const size = 8 + 2 + n * 12 + 4;
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    bytes.set([0x49, 0x49, 42, 0, 8]);
    view.setUint16(8, n, true);
    for (let i = 0; i < n; i++) {
      const at = 10 + i * 12;
      view.setUint16(at, 40_000 + i, true);
      view.setUint16(at + 2, FieldType.UNDEFINED, true);
      view.setUint32(at + 4, 60_000 - i, true);
      view.setUint32(at + 8, 8, true);
    }
    let read = 0;
    const source = bytesSource(bytes);
    const counted = {
      size,
      read: (position: number, length: number) => {
        read += length;
        return source.read(position, length);
      },
    };
    const error = await expectTiffRejection(parseTiff(counted), 'CORRUPT_TIFF');
    expect(error.message).toContain(`exceed ${2 * size + 1024 * 1024} bytes`);
    // What was read: the header, the IFD, and values up to the budget (not 300 MB).
    expect(read).toBeLessThanOrEqual(16 + 2 + n * 12 + 4 + 2 * size + 1024 * 1024);
    // A smaller budget stops earlier; a larger one lets all of it through.
    await expectTiffRejection(parse(bytes, { maxTotalValueBytes: 100_000 }), 'CORRUPT_TIFF');
    const tiff = await parse(bytes.slice(0, size), { maxTotalValueBytes: 1e9, maxValueBytes: 10 });
    expect(tiff.ifds[0]?.entries.every((e) => e.value === undefined)).toBe(true);
  });
});
