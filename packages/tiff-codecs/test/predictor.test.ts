import { type ByteOrder, type DType, type DTypeName, DTypes, swapBytesInPlace } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { applyPredictor, floatingPointDifference, horizontalDifference } from '../src/index.js';
import { undoFloatingPoint, undoHorizontal } from './helpers/decoders.js';
import { sampleImage } from './helpers/images.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const layout = (dtype: DType, width: number, rows: number, samples: number, byteOrder: ByteOrder) => ({
  width,
  rows,
  samples,
  dtype,
  byteOrder,
});

describe('horizontal predictor (2), hand-computed', () => {
  it('uint8: differences modulo 256, first pixel unchanged, rows independent', () => {
    const data = Uint8Array.of(10, 12, 9, 255, 0, 7, 7, 8, 0, 1);
    expect([...applyPredictor(2, data, layout(DTypes.uint8, 5, 2, 1, '<'))]).toEqual([
      10, 2, 253, 246, 1, 7, 0, 1, 248, 1,
    ]);
  });

  it('uint16, 2 samples per pixel, both byte orders', () => {
    // Pixels (1000, 5), (999, 7) → (1000, 5), (-1, 2).
    expect(hex(applyPredictor(2, bytes('e803 0500 e703 0700'), layout(DTypes.uint16, 2, 1, 2, '<')))).toBe(
      'e8030500ffff0200',
    );
    expect(hex(applyPredictor(2, bytes('03e8 0005 03e7 0007'), layout(DTypes.int16, 2, 1, 2, '>')))).toBe(
      '03e80005ffff0002',
    );
  });

  it('32-bit wraps modulo 2^32', () => {
    expect(hex(applyPredictor(2, bytes('01000000 00000000'), layout(DTypes.uint32, 2, 1, 1, '<')))).toBe(
      '01000000ffffffff',
    );
    expect(hex(applyPredictor(2, bytes('00000001 00000000'), layout(DTypes.int32, 2, 1, 1, '>')))).toBe(
      '00000001ffffffff',
    );
  });

  it('64-bit borrows from the low word into the high word', () => {
    // 1 - 2^32 = 0xffffffff00000001; 0x100000003 - 5 = 0xfffffffe.
    expect(
      hex(applyPredictor(2, bytes('00000000 01000000 01000000 00000000'), layout(DTypes.uint64, 2, 1, 1, '<'))),
    ).toBe('0000000001000000' + '01000000ffffffff');
    expect(hex(applyPredictor(2, bytes('0000000000000005 0000000100000003'), layout(DTypes.int64, 2, 1, 1, '>')))).toBe(
      '0000000000000005' + '00000000fffffffe',
    );
  });

  it('HORIZONTALX2 and X4 difference against the pixel 2 and 4 back', () => {
    const data = Uint8Array.of(1, 2, 4, 8, 16, 32, 64, 128);
    const l = layout(DTypes.uint8, 8, 1, 1, '<');
    expect([...applyPredictor(34892, data, l)]).toEqual([1, 2, 3, 6, 12, 24, 48, 96]);
    expect([...applyPredictor(34893, data, l)]).toEqual([1, 2, 4, 8, 15, 30, 60, 120]);
  });
});

describe('floating-point predictor (3), hand-computed', () => {
  it('float32 [1, 2]: MSB planes 3f 40 | 80 00 | 00 00 | 00 00, then byte differences', () => {
    for (const [order, data] of [
      ['<', bytes('0000803f 00000040')],
      ['>', bytes('3f800000 40000000')],
    ] as const) {
      expect(hex(applyPredictor(3, data, layout(DTypes.float32, 2, 1, 1, order)))).toBe('3f01408000000000');
    }
  });

  it('float32, one pixel of 2 samples: differences at a distance of 2 bytes', () => {
    expect(hex(applyPredictor(3, bytes('0000803f 00000040'), layout(DTypes.float32, 1, 1, 2, '<')))).toBe(
      '3f4041c080000000',
    );
  });

  it('float16 [1, -2]', () => {
    expect(hex(applyPredictor(3, bytes('003c 00c0'), layout(DTypes.float16, 2, 1, 1, '<')))).toBe('3c844000');
  });

  it('FLOATINGPOINTX2 differences bytes 2 × samples apart', () => {
    // Planes of [1, 2, 4, 8] (float32): 3f 40 40 41 | 80 00 80 00 | 00 … ; each byte minus the one 2 before.
    const data = new Uint8Array(new Float32Array([1, 2, 4, 8]).buffer);
    expect(hex(floatingPointDifference(data, layout(DTypes.float32, 4, 1, 1, '<'), 2))).toBe(
      '3f400101' + '40bf0000' + '80000000' + '00000000',
    );
  });
});

const INTEGER_TYPES: DTypeName[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64'];
const FLOAT_TYPES: DTypeName[] = ['float16', 'float32', 'float64'];

describe('predictors round-trip through independent inverses', () => {
  for (const order of ['<', '>'] as const) {
    for (const name of INTEGER_TYPES) {
      it(`horizontal ${name} ${order} (distances 1, 2, 4; 1 and 3 samples)`, () => {
        const dtype = DTypes[name];
        for (const [predictor, distance] of [
          [2, 1],
          [34892, 2],
          [34893, 4],
        ] as const) {
          for (const samples of [1, 3]) {
            const width = 37;
            const rows = 5;
            const data = sampleImage(dtype, width * rows * samples, order, 3, width);
            const copy = data.slice();
            const out = applyPredictor(predictor, data, layout(dtype, width, rows, samples, order));
            expect(data).toEqual(copy);
            expect(out).not.toEqual(data);
            const back = undoHorizontal(out, width, rows, samples, dtype.itemSize, order === '<', distance);
            expect(back).toEqual(data);
          }
        }
      });
    }
    for (const name of FLOAT_TYPES) {
      it(`floating point ${name} ${order} (distances 1, 2, 4; 1 and 3 samples)`, () => {
        const dtype = DTypes[name];
        for (const [predictor, distance] of [
          [3, 1],
          [34894, 2],
          [34895, 4],
        ] as const) {
          for (const samples of [1, 3]) {
            const width = 29;
            const rows = 4;
            const data = sampleImage(dtype, width * rows * samples, order, 5, width);
            const copy = data.slice();
            const out = applyPredictor(predictor, data, layout(dtype, width, rows, samples, order));
            expect(data).toEqual(copy);
            const back = undoFloatingPoint(out, width, rows, samples, dtype.itemSize, order === '<', distance);
            expect(back).toEqual(data);
          }
        }
      });
    }
  }

  it('floating point gives the same bytes for both byte orders', () => {
    for (const name of FLOAT_TYPES) {
      const dtype = DTypes[name];
      const little = sampleImage(dtype, 3 * 20 * 6, '<', 9, 20);
      const big = sampleImage(dtype, 3 * 20 * 6, '>', 9, 20);
      expect(applyPredictor(3, little, layout(dtype, 20, 6, 3, '<'))).toEqual(
        applyPredictor(3, big, layout(dtype, 20, 6, 3, '>')),
      );
    }
  });

  it('horizontal results are the byte-swapped images of each other across byte orders', () => {
    for (const name of ['uint16', 'int32', 'uint64'] as const) {
      const dtype = DTypes[name];
      const little = applyPredictor(2, sampleImage(dtype, 300, '<', 2, 30), layout(dtype, 30, 10, 1, '<'));
      const big = applyPredictor(2, sampleImage(dtype, 300, '>', 2, 30), layout(dtype, 30, 10, 1, '>'));
      swapBytesInPlace(little, dtype.itemSize);
      expect(big).toEqual(little);
    }
  });

  it('works on views into larger buffers (odd byte offsets)', () => {
    const backing = new Uint8Array(1 + 8);
    backing.set(bytes('e803 0500 e703 0700'), 1);
    const view = backing.subarray(1);
    expect(hex(horizontalDifference(view, layout(DTypes.uint16, 2, 1, 2, '<')))).toBe('e8030500ffff0200');
    // float32 has a word-at-a-time path for aligned data; unaligned views take the byte path, same result.
    for (const order of ['<', '>'] as const) {
      const data = sampleImage(DTypes.float32, 3 * 25 * 4, order, 4, 25);
      const shifted = new Uint8Array(data.length + 1);
      shifted.set(data, 1);
      const l = layout(DTypes.float32, 25, 4, 3, order);
      expect(applyPredictor(3, shifted.subarray(1), l)).toEqual(applyPredictor(3, data, l));
    }
  });
});

describe('applyPredictor checks', () => {
  const u16 = layout(DTypes.uint16, 4, 2, 1, '<');
  it('returns a copy for predictor 1', () => {
    const data = new Uint8Array(16).fill(3);
    const out = applyPredictor(1, data, u16);
    expect(out).toEqual(data);
    expect(out).not.toBe(data);
  });

  it('rejects predictors that do not fit the dtype, naming predictor and what is accepted', () => {
    expect(() => applyPredictor(3, new Uint8Array(16), u16)).toThrow(
      /predictor=3 is invalid: expected for uint16 data 'none' \(1\) or 'horizontal' \(2\), 'horizontalx2' \(34892\), 'horizontalx4' \(34893\)/,
    );
    expect(() => applyPredictor(2, new Uint8Array(32), layout(DTypes.float32, 4, 2, 1, '<'))).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'predictor' }),
    );
    expect(() => applyPredictor(2, new Uint8Array(8), layout(DTypes.bool, 4, 2, 1, '<'))).toThrow(
      /bool data takes no predictor/,
    );
    expect(() => applyPredictor(7, new Uint8Array(16), u16)).toThrow(/predictor=7/);
  });

  it('rejects data whose length does not match the layout', () => {
    expect(() => applyPredictor(2, new Uint8Array(15), u16)).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
    expect(() => applyPredictor(3, new Uint8Array(15), layout(DTypes.float32, 4, 1, 1, '<'))).toThrow(/expected 16/);
  });
});
