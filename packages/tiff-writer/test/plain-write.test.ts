/**
 * imwrite's short path (src/plain/): the calls it takes write the very bytes the general path writes
 * for the same call, every other call goes the general way, and tifffile and libtiff read its files.
 */
import { writeFileSync } from 'node:fs';
import { MemorySink, type Sink, TiffError } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { imwriteGeneral } from '../src/imwrite-general.js';
import { imwrite, type TiffWarning } from '../src/index.js';
import { plainRequest } from '../src/plain/plain-request.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { prng, sha256 } from './helpers/data.js';

const CONSTRUCTORS = [
  Uint8Array,
  Uint8ClampedArray,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigUint64Array,
  BigInt64Array,
] as const;
type Constructor = (typeof CONSTRUCTORS)[number];

const SHAPES = [
  [1, 1],
  [1, 7],
  [7, 1],
  [64, 64],
  [13, 31],
  [2, 5, 5],
  [3, 9, 21], // 3 before the page: grey pages, never planar RGB (tiffkit's rule)
  [4, 2, 8, 6],
  [2, 3, 2, 5, 2],
  [1, 1, 2],
  [3, 1, 7],
  [1, 5, 6],
  [5, 2],
  [300, 700],
  [1030, 2, 2], // more than 1024 pages: IFD blocks
];

function values(Type: Constructor, length: number, seed: number) {
  const random = prng(seed);
  const array = new Type(length);
  for (let i = 0; i < length; i++) {
    const v = random() - 2 ** 31;
    (array as unknown as (number | bigint)[])[i] =
      Type === BigUint64Array ? BigInt(Math.abs(v)) * 3n : Type === BigInt64Array ? BigInt(v) * 5n : v / 7;
  }
  return array;
}

/** The file and warnings of the general path (a TiffWriter) for the same call. */
async function general(data: ArrayBufferView, options: object): Promise<{ file: Uint8Array; warnings: TiffWarning[] }> {
  const sink = new MemorySink();
  const warnings: TiffWarning[] = [];
  await imwriteGeneral(sink, data as never, { ...options, onWarning: (w) => warnings.push(w) });
  return { file: sink.toUint8Array(), warnings };
}

async function plain(data: ArrayBufferView, options: object): Promise<Uint8Array> {
  const sink = new MemorySink();
  expect(plainRequest(sink, data, options), 'takes the short path').toBeDefined();
  expect(await imwrite(sink, data as never, options)).toBeUndefined();
  return sink.toUint8Array();
}

describe('the short path writes what the general path writes', () => {
  for (const Type of CONSTRUCTORS) {
    it(`${Type.name}, ${SHAPES.length} shapes`, async () => {
      for (const [i, shape] of SHAPES.entries()) {
        const data = values(
          Type,
          shape.reduce((a, b) => a * b, 1),
          i + 1,
        );
        const expected = await general(data, { shape });
        expect(expected.warnings, shape.join('x')).toEqual([]);
        const actual = await plain(data, { shape });
        expect(actual.length, shape.join('x')).toBe(expected.file.length);
        expect(Buffer.from(actual).equals(Buffer.from(expected.file)), shape.join('x')).toBe(true);
      }
    });
  }

  it('a view into a larger buffer, and options given as undefined', async () => {
    const buffer = values(Uint16Array, 1000, 9);
    const view = buffer.subarray(17, 17 + 12 * 30);
    const options = { shape: [12, 30], compression: undefined, metadata: undefined };
    const expected = await general(view, options);
    expect(Buffer.from(await plain(view, options)).equals(Buffer.from(expected.file))).toBe(true);
  });

  it('random shapes and dtypes (200 calls)', async () => {
    const next = prng(2024);
    const random = () => next() / 2 ** 32;
    for (let n = 0; n < 200; n++) {
      const Type = CONSTRUCTORS[Math.floor(random() * CONSTRUCTORS.length)] as Constructor;
      const rank = 2 + Math.floor(random() * 3);
      const shape = Array.from({ length: rank }, (_, axis) =>
        axis === rank - 1 && rank > 2 ? 5 + Math.floor(random() * 40) : 1 + Math.floor(random() * 40),
      );
      const data = values(
        Type,
        shape.reduce((a, b) => a * b, 1),
        n,
      );
      const expected = await general(data, { shape });
      expect(expected.warnings).toEqual([]);
      const actual = await plain(data, { shape });
      expect(Buffer.from(actual).equals(Buffer.from(expected.file)), `${Type.name} ${shape}`).toBe(true);
    }
  });
});

describe('every other call takes the general path', () => {
  const sink = new MemorySink();
  const u16 = new Uint16Array(24);
  it.each([
    ['a file name', '/tmp/x.tif', u16, { shape: [4, 6] }],
    ['no shape', sink, u16, {}],
    ['one axis', sink, u16, { shape: [24] }],
    ['a shape that does not fit the data', sink, u16, { shape: [5, 5] }],
    ['a zero-size axis', sink, new Uint16Array(0), { shape: [0, 4] }],
    ['a fractional axis', sink, u16, { shape: [4.5, 6] }],
    ['a shape given as a typed array', sink, u16, { shape: Int32Array.of(4, 6) }],
    ['a last axis of 3 (RGB)', sink, u16, { shape: [2, 4, 3] }],
    ['a last axis of 4 (RGBA)', sink, u16, { shape: [3, 2, 4] }],
    ['a last axis of 1 (squeezed samples)', sink, u16, { shape: [4, 6, 1] }],
    ['another option', sink, u16, { shape: [4, 6], compression: 'none' }],
    ['a dtype', sink, u16, { shape: [4, 6], dtype: 'uint16' }],
    ['metadata', sink, u16, { shape: [4, 6], metadata: null }],
    ['a DataView', sink, new DataView(new ArrayBuffer(24)), { shape: [4, 6] }],
    ['an array-like object', sink, { data: u16, shape: [4, 6] }, {}],
    ['a plain array', sink, [1, 2, 3, 4], { shape: [2, 2] }],
    ['more than 65536 pages', sink, new Uint8Array(65537), { shape: [65537, 1, 1] }],
    ['options that are not an object', sink, u16, 'shape'],
  ])('%s', (_name, file, data, options) => {
    expect(plainRequest(file, data, options)).toBeUndefined();
  });

  it('so bad input raises the general path\u2019s errors', async () => {
    const error = await imwrite(new MemorySink(), u16, { shape: [5, 5] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TiffError);
    expect((error as TiffError).code).toBe('INVALID_DATA');
  });
});

describe('a failing sink', () => {
  it('surfaces as SINK_ERROR, closes the sink once, and never hangs', async () => {
    let closed = 0;
    const sink: Sink = {
      write: (_data, position) => {
        if (position === 0) throw new Error('disk full');
      },
      size: () => 0,
      close: () => {
        closed += 1;
      },
    };
    const error = await imwrite(sink, new Uint8Array(16), { shape: [4, 4] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TiffError);
    expect((error as TiffError).code).toBe('SINK_ERROR');
    expect((error as TiffError).message).toContain('disk full');
    expect(closed).toBe(1);
  });

  it('passes a TiffError of the sink on as it is (a MemorySink beyond 4 GiB)', async () => {
    const sink = new MemorySink();
    sink.write = () => {
      throw new TiffError('TOO_LARGE', 'too large');
    };
    await expect(imwrite(sink, new Uint8Array(16), { shape: [4, 4] })).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
});

// The short path's files, as independent readers see them.
const interop: InteropCase[] = [
  [Uint8Array, [7, 300, 200]],
  [Int16Array, [2, 3, 40, 50]],
  [Float32Array, [128, 96]],
  [Uint32Array, [5, 1, 9]],
  [BigInt64Array, [2, 6, 10]],
].map(([Type, shape]) => {
  const data = values(
    Type as Constructor,
    (shape as number[]).reduce((a, b) => a * b, 1),
    3,
  );
  return {
    name: `${(Type as Constructor).name} ${(shape as number[]).join('x')}`,
    write: async (path: string) => {
      const sink = new MemorySink();
      expect(plainRequest(sink, data, { shape })).toBeDefined();
      await imwrite(sink, data as never, { shape: shape as number[] });
      writeFileSync(path, sink.toUint8Array());
    },
    tifffile: (report) => {
      expect(report.is_shaped).toBe(true);
      expect(report.warnings).toEqual([]);
      expect(report.series).toHaveLength(1);
      const [series] = report.series;
      expect(series?.shape).toEqual(shape);
      expect(series?.sha256).toBe(sha256(data as never));
    },
  };
});
interopSuite('the short path, read by tifffile and libtiff', interop);
