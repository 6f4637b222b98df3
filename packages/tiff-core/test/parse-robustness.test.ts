import { describe, expect, it } from 'vitest';
import {
  bytesSource,
  encodeHeader,
  encodeOffset,
  FieldType,
  type IfdEntry,
  parseHeader,
  parseTiff,
  type TiffFormat,
  tiffFormat,
} from '../src/index.js';
import { type BuiltTiff, buildTiff } from './build-tiff.js';
import { expectTiffRejection, u8 } from './helpers.js';

const CLASSIC_LE = tiffFormat(false, '<');
const CLASSIC_BE = tiffFormat(false, '>');
const BIG_LE = tiffFormat(true, '<');
const BIG_BE = tiffFormat(true, '>');
const FORMATS: readonly TiffFormat[] = [CLASSIC_LE, CLASSIC_BE, BIG_LE, BIG_BE];

function name(format: TiffFormat): string {
  return `${format.bigtiff ? 'BigTIFF' : 'classic'} ${format.byteOrder}`;
}

function parse(bytes: Uint8Array, options = {}) {
  return parseTiff(bytesSource(bytes), options);
}

/** One IFD with an inline and an out-of-line value. */
function single(format: TiffFormat): BuiltTiff {
  return buildTiff(
    format,
    [
      {
        name: 'ifd',
        entries: () => [
          { code: 256, type: FieldType.LONG, value: [64] },
          { code: 270, type: FieldType.ASCII, value: 'a description of some length' },
        ],
      },
    ],
    'ifd',
  );
}

/** Write an offset field (4 or 8 bytes) into `bytes` at `at`. */
function patchOffset(format: TiffFormat, bytes: Uint8Array, at: number, value: number | bigint): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (format.bigtiff) view.setBigUint64(at, BigInt(value), format.littleEndian);
  else view.setUint32(at, Number(value), format.littleEndian);
}

describe('not a TIFF', () => {
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['too short', u8(0x49, 0x49, 42, 0, 8, 0, 0)],
    ['wrong magic', u8(0x58, 0x58, 42, 0, 8, 0, 0, 0)],
    ['mixed magic', u8(0x49, 0x4d, 42, 0, 8, 0, 0, 0)],
    ['PNG', u8(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0)],
    ['version 44', u8(0x49, 0x49, 44, 0, 8, 0, 0, 0)],
    ['version 42 in the other byte order', u8(0x4d, 0x4d, 42, 0, 0, 0, 0, 8)],
    ['BigTIFF, offset size 4', u8(0x49, 0x49, 43, 0, 4, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0)],
    ['BigTIFF, big-endian, offset size 16', u8(0x4d, 0x4d, 0, 43, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16)],
    ['BigTIFF, reserved field not 0', u8(0x49, 0x49, 43, 0, 8, 0, 1, 0, 16, 0, 0, 0, 0, 0, 0, 0)],
    ['BigTIFF header cut at 8 bytes', u8(0x49, 0x49, 43, 0, 8, 0, 0, 0)],
    ['BigTIFF header cut at 12 bytes', u8(0x4d, 0x4d, 0, 43, 0, 8, 0, 0, 0, 0, 0, 0)],
  ];
  for (const [label, bytes] of cases) {
    it(label, async () => {
      await expectTiffRejection(parse(bytes), 'NOT_A_TIFF');
      await expectTiffRejection(parseHeader(bytesSource(bytes)), 'NOT_A_TIFF');
    });
  }

  it('the smallest valid files are the bare headers', async () => {
    expect((await parse(u8(0x49, 0x49, 42, 0, 0, 0, 0, 0))).ifds).toEqual([]);
    expect((await parse(u8(0x4d, 0x4d, 0, 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).format).toBe(BIG_BE);
  });
});

describe('corrupt TIFF', () => {
  for (const format of FORMATS) {
    describe(name(format), () => {
      it('first IFD offset beyond the file', async () => {
        await expectTiffRejection(parse(encodeHeader(format, 1000)), 'CORRUPT_TIFF');
        const { bytes } = single(format);
        patchOffset(format, bytes, format.firstIfdFieldOffset, bytes.length);
        await expectTiffRejection(parse(bytes), 'CORRUPT_TIFF');
      });

      it('first IFD offset inside the header', async () => {
        // A zero entry count and a zero next field right after the header would read as an empty IFD.
        const bytes = new Uint8Array(format.headerSize + 16);
        bytes.set(encodeHeader(format, 0));
        patchOffset(format, bytes, format.firstIfdFieldOffset, format.headerSize - 2);
        await expectTiffRejection(parse(bytes), 'CORRUPT_TIFF');
      });

      it('a value offset beyond the file, or running past its end', async () => {
        const built = single(format);
        const described = built.encoded['ifd']?.entries.find((e) => e.code === 270);
        if (!described || described.inline) throw new Error('test setup: 270 should be out of line');
        const slot = described.entryOffset + 4 + format.offsetSize;
        const far = built.bytes.slice();
        patchOffset(format, far, slot, far.length + 100);
        await expectTiffRejection(parse(far), 'CORRUPT_TIFF');
        const straddling = built.bytes.slice();
        patchOffset(format, straddling, slot, straddling.length - 4);
        await expectTiffRejection(parse(straddling), 'CORRUPT_TIFF');
      });

      it('a truncated IFD', async () => {
        const { bytes, at } = single(format);
        const start = at['ifd'] ?? 0;
        for (const cut of [
          start + 1,
          start + format.entryCountSize + 5,
          start + format.entryCountSize + format.entrySize * 2,
        ]) {
          await expectTiffRejection(parse(bytes.subarray(0, cut)), 'CORRUPT_TIFF');
        }
      });

      it('an out-of-line value cut off by the end of the file', async () => {
        const { bytes } = single(format);
        await expectTiffRejection(parse(bytes.subarray(0, bytes.length - 3)), 'CORRUPT_TIFF');
      });

      it('a next-IFD offset beyond the file or inside the header', async () => {
        const built = single(format);
        const field = built.encoded['ifd']?.nextIfdFieldOffset ?? 0;
        for (const next of [built.bytes.length, built.bytes.length + 4096, 2]) {
          const bytes = built.bytes.slice();
          patchOffset(format, bytes, field, next);
          await expectTiffRejection(parse(bytes), 'CORRUPT_TIFF');
        }
      });

      it('an IFD pointing back to itself', async () => {
        const built = buildTiff(format, [{ name: 'a', entries: () => [], next: 'a' }], 'a');
        const error = await expectTiffRejection(parse(built.bytes), 'CORRUPT_TIFF');
        expect(error.message).toContain('loop');
      });

      it('an IFD chain looping back to an earlier IFD', async () => {
        const entries = (): IfdEntry[] => [{ code: 256, type: FieldType.SHORT, value: [1] }];
        const built = buildTiff(
          format,
          [
            { name: 'a', entries, next: 'b' },
            { name: 'b', entries, next: 'c' },
            { name: 'c', entries, next: 'b' },
          ],
          'a',
        );
        const error = await expectTiffRejection(parse(built.bytes), 'CORRUPT_TIFF');
        expect(error.message).toContain('loop');
      });

      it('a SubIFD pointing to itself', async () => {
        const subType = format.bigtiff ? FieldType.IFD8 : FieldType.LONG;
        const built = buildTiff(
          format,
          [{ name: 'a', entries: (at) => [{ code: 330, type: subType, value: [at['a'] ?? 0] }] }],
          'a',
        );
        const error = await expectTiffRejection(parse(built.bytes), 'CORRUPT_TIFF');
        expect(error.message).toContain('itself');
        // Not followed: no error.
        expect((await parse(built.bytes, { subIfds: false })).ifds.length).toBe(1);
      });

      it('SubIFDs pointing to each other', async () => {
        const built = buildTiff(
          format,
          [
            { name: 'a', entries: (at) => [{ code: 330, type: FieldType.IFD, value: [at['b'] ?? 0] }] },
            { name: 'b', entries: (at) => [{ code: 330, type: FieldType.IFD, value: [at['a'] ?? 0] }] },
          ],
          'a',
        );
        await expectTiffRejection(parse(built.bytes), 'CORRUPT_TIFF');
      });

      it('more IFDs than maxIfds', async () => {
        const specs = ['a', 'b', 'c', 'd', 'e'].map((n, i, all) => ({
          name: n,
          entries: (): IfdEntry[] => [{ code: 256, type: FieldType.SHORT, value: [i] }],
          ...(i + 1 < all.length ? { next: all[i + 1] } : {}),
        }));
        const built = buildTiff(format, specs, 'a');
        expect((await parse(built.bytes, { maxIfds: 5 })).ifds.length).toBe(5);
        const error = await expectTiffRejection(parse(built.bytes, { maxIfds: 4 }), 'CORRUPT_TIFF');
        expect(error.message).toContain('4');
      });

      it('SubIFDs count towards maxIfds', async () => {
        const built = buildTiff(
          format,
          [
            { name: 'a', entries: (at) => [{ code: 330, type: FieldType.IFD, value: [at['s'] ?? 0, at['t'] ?? 0] }] },
            { name: 's', entries: () => [] },
            { name: 't', entries: () => [] },
          ],
          'a',
        );
        expect((await parse(built.bytes, { maxIfds: 3 })).ifds[0]?.subIfds.length).toBe(2);
        await expectTiffRejection(parse(built.bytes, { maxIfds: 2 }), 'CORRUPT_TIFF');
      });

      it('a value above maxValueBytes is not read, but must still lie inside the file', async () => {
        const built = single(format);
        const described = built.encoded['ifd']?.entries.find((e) => e.code === 270);
        if (!described) throw new Error('test setup');
        const tiff = await parse(built.bytes, { maxValueBytes: 16 });
        const entry = tiff.ifds[0]?.entries.find((e) => e.code === 270);
        expect(entry?.value).toBeUndefined();
        expect(entry?.valueOffset).toBe(described.valueOffset);
        expect(tiff.ifds[0]?.entries.find((e) => e.code === 256)?.value).toEqual([64]);
        const bytes = built.bytes.slice();
        patchOffset(format, bytes, described.entryOffset + 4 + format.offsetSize, bytes.length + 1_000_000);
        const error = await expectTiffRejection(parse(bytes, { maxValueBytes: 16 }), 'CORRUPT_TIFF');
        expect(error.message).toContain(`at offset ${bytes.length + 1_000_000}`);
      });

      it('a huge count is refused: its values cannot lie inside the file', async () => {
        const built = single(format);
        const described = built.encoded['ifd']?.entries.find((e) => e.code === 270);
        if (!described) throw new Error('test setup');
        const bytes = built.bytes.slice();
        // count 2**32 - 1 bytes (4 GiB) at an impossible offset.
        patchOffset(format, bytes, described.entryOffset + 4, 0xffff_ffff);
        patchOffset(format, bytes, described.entryOffset + 4 + format.offsetSize, 0xffff_fff0);
        const error = await expectTiffRejection(parse(bytes), 'CORRUPT_TIFF');
        expect(error.message).toContain('ImageDescription');
        expect(error.message).toContain(`${0xffff_ffff} values`);
      });
    });
  }

  it('BigTIFF: offsets and counts beyond 2**53 are corrupt', async () => {
    await expectTiffRejection(parse(encodeHeader(BIG_LE, 0).fill(0xff, 8)), 'CORRUPT_TIFF');
    const built = single(BIG_BE);
    const hugeCount = built.bytes.slice();
    hugeCount.set(encodeOffset(BIG_BE, 2 ** 40), 16);
    await expectTiffRejection(parse(hugeCount), 'CORRUPT_TIFF');
    const hugeEntryCount = built.bytes.slice();
    patchOffset(BIG_BE, hugeEntryCount, 16, 2n ** 60n);
    await expectTiffRejection(parse(hugeEntryCount), 'CORRUPT_TIFF');
    const hugeValueOffset = built.bytes.slice();
    const described = built.encoded['ifd']?.entries.find((e) => e.code === 270);
    patchOffset(BIG_BE, hugeValueOffset, (described?.entryOffset ?? 0) + 12, 2n ** 63n);
    await expectTiffRejection(parse(hugeValueOffset), 'CORRUPT_TIFF');
  });
});
