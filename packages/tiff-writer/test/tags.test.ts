/** Colormaps, ICC profiles, JPEG tables, NewSubfileType (MASK), DateTime, and extra tags of every type. */
import { describe, expect, it } from 'vitest';
import { imwrite, MemorySink, type TiffWarning } from '../src/index.js';
import { anyOf, type InteropCase, interopSuite, REPEATED_TAG, UNKNOWN_TAG } from './helpers/cases.js';
import { sha256 } from './helpers/data.js';
import { parse, tags } from './helpers/read.js';

const gray = Uint8Array.from({ length: 16 * 17 }, (_, i) => i % 256);
const palette = Uint16Array.from({ length: 3 * 256 }, (_, i) => ((i % 256) * 257 * (1 + Math.floor(i / 256))) % 65536);
const icc = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
const allTypes = [
  [65000, 1, 3, [1, 2, 255]],
  [65001, 's', null, 'ascii text'],
  [65002, 'H', 2, [0, 65535]],
  [65003, 'I', 1, 4294967295],
  [
    65004,
    '2I',
    2,
    [
      [1, 3],
      [22, 7],
    ],
  ],
  [65005, 'b', 2, [-128, 127]],
  [65006, 7, 4, [1, 2, 3, 4]],
  [65007, 'h', 3, [-32768, 0, 32767]],
  [65008, 'i', 1, -2147483648],
  [65009, '2i', 1, [-1, 3]],
  [65010, 'f', 2, [0.5, -1.25]],
  [65011, 'd', 1, Math.PI],
] as const;

const cases: InteropCase[] = [
  {
    name: 'uint8 palette image with a colormap',
    write: (path) => imwrite(path, { data: gray, shape: [16, 17] }, { colormap: { data: palette, shape: [3, 256] } }),
    tifffile: (report) => {
      const t = report.tags[0] as Record<string, unknown>;
      expect(t['PhotometricInterpretation']).toBe(3);
      expect(t['ColorMap']).toEqual([
        Array.from(palette.subarray(0, 256)),
        Array.from(palette.subarray(256, 512)),
        Array.from(palette.subarray(512)),
      ]);
      expect(report.series[0]?.sha256).toBe(sha256(gray));
    },
    tiffinfo: (stdout) => expect(stdout).toContain('Photometric Interpretation: palette color (RGB from colormap)'),
  },
  {
    name: 'ICC profile and JPEG tables on every page; subfileType 0',
    write: (path) =>
      imwrite(
        path,
        { data: gray, shape: [2, 8, 17] },
        {
          photometric: 'minisblack',
          iccProfile: icc,
          jpegTables: Uint8Array.of(0xff, 0xd8, 0xff, 0xd9),
          subfileType: 0,
        },
      ),
    // libtiff knows JPEGTables only in JPEG-compressed images
    allowedWarnings: UNKNOWN_TAG,
    tifffile: (report) => {
      for (const t of report.tags as Record<string, unknown>[]) {
        expect(t['InterColorProfile']).toBe(String.fromCharCode(...icc));
        expect(t['NewSubfileType']).toBe(0);
        expect(t['JPEGTables']).toBe('\xff\xd8\xff\xd9');
      }
    },
  },
  {
    name: 'a bilevel MASK page',
    write: (path) =>
      imwrite(
        path,
        { data: Uint8Array.from({ length: 64 }, (_, i) => (i % 3 === 0 ? 1 : 0)), shape: [8, 8], dtype: 'bool' },
        { subfileType: 4 },
      ),
    tifffile: (report) => {
      const t = report.tags[0] as Record<string, unknown>;
      expect(t['NewSubfileType']).toBe(4);
      expect(t['PhotometricInterpretation']).toBe(4);
    },
    tiffinfo: (stdout) => expect(stdout).toContain('Subfile Type: transparency mask'),
  },
  {
    name: 'extra tags of every field type, tuples and objects, write-once',
    write: (path) =>
      imwrite(
        path,
        { data: gray, shape: [2, 8, 17] },
        {
          photometric: 'minisblack',
          extraTags: [
            ...allTypes.map(([code, dtype, count, value]) => [code, dtype, count, value, true] as const),
            { code: 65020, dtype: 'SHORT', count: 1, value: 7 },
            ['Artist', 's', null, 'tiffkit tests'],
            ['ImageDescription', 2, null, 'second description by name'],
          ],
        },
      ),
    // private tags 65000… are unknown to libtiff, and ImageDescription is repeated on purpose
    allowedWarnings: anyOf(UNKNOWN_TAG, REPEATED_TAG),
    tifffile: (report) => {
      const [first, second] = report.tags as Record<string, unknown>[];
      expect(first?.['65000']).toBe('\x01\x02\xff');
      expect(first?.['65001']).toBe('ascii text');
      expect(first?.['65002']).toEqual([0, 65535]);
      expect(first?.['65003']).toBe(4294967295);
      expect(first?.['65004']).toEqual([1, 3, 22, 7]);
      expect(first?.['65005']).toEqual([-128, 127]);
      expect(first?.['65006']).toBe('\x01\x02\x03\x04');
      expect(first?.['65007']).toEqual([-32768, 0, 32767]);
      expect(first?.['65008']).toBe(-2147483648);
      expect(first?.['65009']).toEqual([-1, 3]);
      expect(first?.['65010']).toEqual([0.5, -1.25]);
      expect(first?.['65011']).toBe(Math.PI);
      expect(first?.['Artist']).toBe('tiffkit tests');
      // the shaped JSON first, then the ImageDescription given by name (a tag by name is always written)
      expect(report.descriptions).toEqual(['{"shape": [2, 8, 17]}', 'second description by name']);
      // write-once tags only on the first page; the others on every page
      expect(second?.['65000']).toBeUndefined();
      expect(second?.['65020']).toBe(7);
      expect(second?.['Artist']).toBe('tiffkit tests');
    },
  },
];

interopSuite('tags', cases);

describe('tag rules', () => {
  it('filters extra tags the writer owns unless given by name, with a warning', async () => {
    const warnings: TiffWarning[] = [];
    const sink = new MemorySink();
    await imwrite(
      sink,
      { data: gray, shape: [16, 17] },
      {
        onWarning: (w) => warnings.push(w),
        extraTags: [
          [256, 'I', 1, 99],
          [282, '2I', 1, [5, 1]],
          ['FillOrder', 'H', 1, 1],
        ],
      },
    );
    expect(warnings.map((w) => w.message)).toEqual([
      'not writing extra tag 256: the writer sets it (give the tag by name to force it)',
      'not writing extra tag 282: the writer sets it (give the tag by name to force it)',
    ]);
    const t = tags((await parse(sink.toUint8Array().slice())).ifds[0] as never);
    expect([t.get(256), t.get(282), t.get(266)]).toEqual([[17], [1, 1], [1]]);
  });

  it('drops a colormap that does not apply, with a warning; checks its size', async () => {
    const warnings: TiffWarning[] = [];
    await imwrite(
      new MemorySink(),
      { data: new Float32Array(4), shape: [2, 2] },
      { colormap: { data: palette, shape: [3, 256] }, onWarning: (w) => warnings.push(w) },
    );
    expect(warnings.map((w) => w.code)).toEqual(['colormap-ignored']);
    await expect(
      imwrite(
        new MemorySink(),
        { data: new Uint16Array(4), shape: [2, 2] },
        { colormap: { data: palette, shape: [3, 256] } },
      ),
    ).rejects.toThrow(/colormap has 256 entries per colour; uint16 data needs 65536/);
    await expect(
      imwrite(
        new MemorySink(),
        { data: new Float32Array(4), shape: [2, 2] },
        { photometric: 'palette', colormap: { data: palette, shape: [3, 256] } },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
      option: 'colormap',
    });
  });

  it('datetime true is now, in local time', async () => {
    const sink = new MemorySink();
    const before = new Date();
    await imwrite(sink, gray, { shape: [16, 17], datetime: true });
    const text = tags((await parse(sink.toUint8Array().slice())).ifds[0] as never).get(306) as string;
    const [date, time] = text.split(' ') as [string, string];
    const parsed = new Date(`${date.replaceAll(':', '-')}T${time}`);
    expect(Math.abs(parsed.getTime() - before.getTime())).toBeLessThan(5000);
  });

  it('a MASK subfileType needs bilevel data', async () => {
    await expect(imwrite(new MemorySink(), gray, { shape: [16, 17], subfileType: 4 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'subfileType',
    });
  });
});
