/**
 * JPEG 2000 (34712): the rules, checked without loading the encoder, and segments decoded by
 * independent decoders — OpenJPEG's own command-line tools (Debian's libopenjp2-tools, native code, not
 * the WebAssembly build) and Pillow: lossless bit-exact for every dtype and sample count accepted, both
 * byte orders, odd sizes; the 9/7 wavelet within a bounded error. opj_compress, given the same samples
 * and resolution count, writes the very same codestream: the encoder's settings are OpenJPEG's lossless
 * defaults, which are imagecodecs' too.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { type ByteOrder, type DType, DTypes } from '@tiffkit/tiff-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkCodecInput,
  jpeg2000Resolutions,
  jpeg2000Settings,
  loadCodec,
  validateCompressionArgs,
} from '../src/index.js';
import { available, tempDir } from './helpers/interop.js';
import { j2kHeader as header, opjDecode, sampleValues as values } from './helpers/openjpeg.js';
import { decodeWithPillow } from './helpers/pillow.js';
import { seeded } from './helpers/random.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const J2K = 34712;

/** Smooth values plus noise in `bits` bits, as `dtype` samples in `order`. */
function image(
  dtype: DType,
  width: number,
  rows: number,
  samples: number,
  order: ByteOrder,
  bits?: number,
): Uint8Array {
  const random = seeded(width * 31 + rows + samples);
  const depth = bits ?? dtype.itemSize * 8;
  const signed = dtype.kind === 'int';
  const span = 2 ** depth;
  const out = new Uint8Array(width * rows * samples * dtype.itemSize);
  const view = new DataView(out.buffer);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < width; x++)
      for (let s = 0; s < samples; s++) {
        const smooth = (0.5 + 0.35 * Math.sin((x + 5 * s) / 9) * Math.cos(y / 7)) * span;
        let v = Math.min(span - 1, Math.max(0, Math.round(smooth + (random() - 0.5) * span * 0.05)));
        if (signed) v -= span / 2;
        const i = (y * width + x) * samples + s;
        if (dtype.itemSize === 1) out[i] = v & 0xff;
        else if (signed) view.setInt16(i * 2, v, order === '<');
        else view.setUint16(i * 2, v, order === '<');
      }
  return out;
}

describe('JPEG 2000 rules, without loading the encoder', () => {
  it.each([
    ['int8', DTypes.int8, 1, /reads 8-bit samples as unsigned/],
    ['uint16 RGB', DTypes.uint16, 3, /16-bit data with 1 sample only.*planarConfig: 'separate'/],
    ['int16 with 2 samples', DTypes.int16, 2, /16-bit data with 1 sample only/],
    ['uint8 gray + alpha', DTypes.uint8, 2, /colour transform.*needs 3/],
    ['uint32', DTypes.uint32, 1, /needs uint8, uint16 or int16/],
    ['float32', DTypes.float32, 1, /needs uint8, uint16 or int16/],
    ['bool', DTypes.bool, 1, /bilevel/],
  ] as const)('refuses %s as UNSUPPORTED', (_name, dtype, samples, message) => {
    expect(() => checkCodecInput(J2K, { dtype, samples })).toThrow(message);
    expect(() => checkCodecInput(J2K, { dtype, samples })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
  });

  it('accepts uint8 with 1, 3, 4 and 5 samples and 16-bit gray', () => {
    for (const samples of [1, 3, 4, 5]) checkCodecInput(J2K, { dtype: DTypes.uint8, samples });
    checkCodecInput(J2K, { dtype: DTypes.uint16, samples: 1 });
    checkCodecInput(J2K, { dtype: DTypes.int16, samples: 1 });
  });

  it('reads level 1–1000 as a PSNR target and absent, 0 and out-of-range levels as lossless', () => {
    for (const level of [1, 40, 1000]) {
      validateCompressionArgs(J2K, { level });
      expect(jpeg2000Settings({ level })).toMatchObject({ psnr: level, reversible: false }); // the 9/7, as imagecodecs
    }
    expect(jpeg2000Settings({ level: 40, reversible: true })).toMatchObject({ psnr: 40, reversible: true });
    for (const level of [undefined, null, 0, -3, 0.5, 1001]) {
      expect(jpeg2000Settings({ level } as never)).toMatchObject({ psnr: undefined, reversible: true });
    }
  });

  it.each([
    [{ level: 'high' }, 'compressionArgs.level'],
    [{ reversible: 1 }, 'compressionArgs.reversible'],
    [{ resolutions: 0 }, 'compressionArgs.resolutions'],
    [{ resolutions: 34 }, 'compressionArgs.resolutions'],
    [{ resolutions: 2.5 }, 'compressionArgs.resolutions'],
    [{ mct: 'yes' }, 'compressionArgs.mct'],
    [{ bitspersample: 17 }, 'compressionArgs.bitspersample'],
    [{ quality: 3 }, 'compressionArgs.quality'],
  ])('refuses %o as INVALID_OPTION naming %s', (args, option) => {
    expect(() => validateCompressionArgs(J2K, args as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option }),
    );
  });

  it('checks bitspersample against the dtype (tifffile: lower < bits ≤ dtype bits) and mct against the samples', () => {
    const check = (dtype: DType, samples: number, args: object) =>
      checkCodecInput(J2K, { dtype, samples, args: args as never });
    check(DTypes.uint8, 1, { bitspersample: 1 });
    check(DTypes.uint16, 1, { bitspersample: 9 });
    check(DTypes.uint8, 1, { mct: false });
    expect(() => check(DTypes.uint16, 1, { bitspersample: 8 })).toThrow(/9\.\.16 for uint16/);
    expect(() => check(DTypes.uint8, 1, { bitspersample: 12 })).toThrow(/1\.\.8 for uint8/);
    expect(() => check(DTypes.uint8, 3, { mct: false })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', option: 'compressionArgs.mct' }),
    );
  });

  it('picks imagecodecs’ resolution levels: log2 of the smaller side less 2, 1 to `resolutions`', () => {
    expect(jpeg2000Resolutions(256, 256, 6)).toBe(6);
    expect(jpeg2000Resolutions(1024, 64, 6)).toBe(4);
    expect(jpeg2000Resolutions(16, 16, 6)).toBe(2);
    expect(jpeg2000Resolutions(7, 100, 6)).toBe(1);
    expect(jpeg2000Resolutions(1, 1, 6)).toBe(1);
    expect(jpeg2000Resolutions(4096, 4096, 3)).toBe(3);
  });
});

describe('JPEG 2000 encoder', () => {
  it('writes a raw J2K codestream with the settings asked for', async () => {
    const codec = await loadCodec(J2K);
    expect(codec.name).toBe('JPEG2000');
    const layout = { width: 64, rows: 40, samples: 3, dtype: DTypes.uint8, byteOrder: '<' } as const;
    const out = codec.encode(image(DTypes.uint8, 64, 40, 3, '<'), layout, {});
    expect([...out.subarray(0, 4)]).toEqual([0xff, 0x4f, 0xff, 0x51]); // SOC, SIZ
    expect([...out.subarray(-2)]).toEqual([0xff, 0xd9]); // EOC
    expect(header(out)).toEqual({
      components: 3,
      bits: 8,
      signed: false,
      progression: 0,
      layers: 1,
      mct: 1,
      levels: 2, // decompositions: 3 resolution levels for a 40-row segment
      reversible: true,
    });
    const signed = codec.encode(
      image(DTypes.int16, 32, 32, 1, '>', 12),
      { width: 32, rows: 32, samples: 1, dtype: DTypes.int16, byteOrder: '>' },
      { bitspersample: 12, resolutions: 2, reversible: false },
    );
    expect(header(signed)).toMatchObject({ components: 1, bits: 12, signed: true, levels: 1, reversible: false });
  });

  it('refuses data the rules refuse, before touching the encoder, and a segment of the wrong size', async () => {
    const codec = await loadCodec(J2K);
    const rgb16 = { width: 8, rows: 8, samples: 3, dtype: DTypes.uint16, byteOrder: '<' } as const;
    expect(() => codec.encode(new Uint8Array(8 * 8 * 6), rgb16, {})).toThrow(/1 sample only/);
    const gray = { width: 8, rows: 8, samples: 1, dtype: DTypes.uint8, byteOrder: '<' } as const;
    expect(() => codec.encode(new Uint8Array(63), gray, {})).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
    expect(codec.encode(new Uint8Array(64), gray, {}).length).toBeGreaterThan(0); // still usable
  });

  it('keeps the bitspersample low bits of samples that do not fit (as packed integers do)', async () => {
    const codec = await loadCodec(J2K);
    const gray = { width: 8, rows: 8, samples: 1, dtype: DTypes.uint8, byteOrder: '<' } as const;
    const data = new Uint8Array(64).fill(15);
    const masked = data.slice();
    data[9] = 16 + 5;
    masked[9] = 5;
    expect(codec.encode(data, gray, { bitspersample: 4 })).toEqual(codec.encode(masked, gray, { bitspersample: 4 }));
    const int16 = { width: 4, rows: 1, samples: 1, dtype: DTypes.int16, byteOrder: '>' } as const;
    // -513 (0xfdff) kept to 10 bits is 0x1ff = 511; 512 (0x0200) is -512.
    const outside = Uint8Array.of(0xfd, 0xff, 0x02, 0x00, 0, 0, 0, 1);
    const inside = Uint8Array.of(0x01, 0xff, 0xfe, 0x00, 0, 0, 0, 1);
    expect(codec.encode(outside, int16, { bitspersample: 10 })).toEqual(
      codec.encode(inside, int16, { bitspersample: 10 }),
    );
  });
});

interface Case {
  readonly name: string;
  readonly dtype: DType;
  readonly samples: number;
  readonly width: number;
  readonly rows: number;
  readonly order: ByteOrder;
  readonly bits?: number;
  readonly args?: Record<string, unknown>;
}

const CASES: Case[] = [];
for (const order of ['<', '>'] as const) {
  CASES.push(
    { name: 'uint8 gray', dtype: DTypes.uint8, samples: 1, width: 64, rows: 40, order },
    { name: 'uint8 RGB', dtype: DTypes.uint8, samples: 3, width: 64, rows: 40, order },
    { name: 'uint8 RGBA', dtype: DTypes.uint8, samples: 4, width: 33, rows: 17, order },
    { name: 'uint8 5 samples', dtype: DTypes.uint8, samples: 5, width: 20, rows: 12, order },
    { name: 'uint16 gray', dtype: DTypes.uint16, samples: 1, width: 64, rows: 40, order },
    { name: 'int16 gray', dtype: DTypes.int16, samples: 1, width: 48, rows: 30, order },
    { name: 'uint16 12 bits', dtype: DTypes.uint16, samples: 1, width: 30, rows: 50, order, bits: 12 },
    { name: 'int16 10 bits', dtype: DTypes.int16, samples: 1, width: 30, rows: 20, order, bits: 10 },
  );
}
CASES.push(
  { name: 'uint8 4 bits', dtype: DTypes.uint8, samples: 1, width: 40, rows: 40, order: '<', bits: 4 },
  { name: 'uint8 1 bit', dtype: DTypes.uint8, samples: 1, width: 40, rows: 9, order: '<', bits: 1 },
  { name: 'uint8 1×1', dtype: DTypes.uint8, samples: 1, width: 1, rows: 1, order: '<' },
  { name: 'uint8 RGB 700×3', dtype: DTypes.uint8, samples: 3, width: 700, rows: 3, order: '<' },
  {
    name: 'uint16 256×256, 3 levels',
    dtype: DTypes.uint16,
    samples: 1,
    width: 256,
    rows: 256,
    order: '>',
    args: { resolutions: 3 },
  },
);

describe.skipIf(!available('openjpeg'))('JPEG 2000 segments decoded by opj_decompress', () => {
  it.each(CASES.map((c) => [`${c.name}, ${c.order}`, c] as const))('%s: lossless, bit-exact', async (_name, c) => {
    const codec = await loadCodec(J2K);
    const data = image(c.dtype, c.width, c.rows, c.samples, c.order, c.bits);
    const layout = { width: c.width, rows: c.rows, samples: c.samples, dtype: c.dtype, byteOrder: c.order };
    const args = { ...(c.bits ? { bitspersample: c.bits } : {}), ...c.args };
    const out = codec.encode(data, layout, args);
    expect(header(out)).toMatchObject({ bits: c.bits ?? c.dtype.itemSize * 8, signed: c.dtype.kind === 'int' });
    const decoded = values(opjDecode(dir, out, c.width, c.rows, c.samples, c.dtype.itemSize), c.dtype, '<');
    // opj_decompress writes signed samples of fewer bits than their container masked to those bits.
    const bits = c.bits ?? c.dtype.itemSize * 8;
    const extend = (v: number) => (c.dtype.kind === 'int' && v >= 2 ** (bits - 1) ? v - 2 ** bits : v);
    const masked = bits < c.dtype.itemSize * 8 ? decoded.map((v) => extend(v & (2 ** bits - 1))) : decoded;
    expect(masked).toEqual(values(data, c.dtype, c.order));
  });

  it('the 9/7 wavelet (reversible: false) decodes within a small error', async () => {
    const codec = await loadCodec(J2K);
    const data = image(DTypes.uint8, 64, 64, 3, '<');
    const out = codec.encode(
      data,
      { width: 64, rows: 64, samples: 3, dtype: DTypes.uint8, byteOrder: '<' },
      {
        reversible: false,
      },
    );
    const decoded = opjDecode(dir, out, 64, 64, 3, 1);
    const errors = [...decoded].map((v, i) => Math.abs(v - (data[i] as number)));
    expect(Math.max(...errors)).toBeLessThanOrEqual(4);
    expect(errors.some((e) => e > 0)).toBe(true); // not the reversible path in disguise
  });

  it.skipIf(!available('openjpeg'))('equals what opj_compress writes from the same samples', async () => {
    const codec = await loadCodec(J2K);
    for (const [samples, dtype, width, rows] of [
      [3, DTypes.uint8, 96, 64],
      [1, DTypes.uint16, 128, 80],
    ] as const) {
      const data = image(dtype, width, rows, samples, '<');
      const out = codec.encode(data, { width, rows, samples, dtype, byteOrder: '<' }, {});
      // opj_compress reads raw input planar; `.rawl` is little-endian.
      const planar = new Uint8Array(data.length);
      const plane = width * rows * dtype.itemSize;
      for (let s = 0; s < samples; s++)
        for (let p = 0; p < width * rows; p++)
          for (let b = 0; b < dtype.itemSize; b++)
            planar[s * plane + p * dtype.itemSize + b] = data[(p * samples + s) * dtype.itemSize + b] as number;
      const name = `native-${samples}`;
      writeFileSync(dir.path(`${name}.rawl`), planar);
      const levels = jpeg2000Resolutions(width, rows, 6);
      const format = `${width},${rows},${samples},${dtype.itemSize * 8},u`;
      execFileSync(
        'opj_compress',
        ['-i', dir.path(`${name}.rawl`), '-o', dir.path(`${name}.j2k`), '-F', format, '-n', String(levels)],
        { stdio: 'pipe' },
      );
      const native = new Uint8Array(readFileSync(dir.path(`${name}.j2k`)));
      // The COM marker names the version that wrote it; everything else is the same.
      expect(withoutComment(out)).toEqual(withoutComment(native));
    }
  });
});

/** The codestream without its COM (comment) marker segment. */
function withoutComment(codestream: Uint8Array): Uint8Array {
  const view = new DataView(codestream.buffer, codestream.byteOffset, codestream.byteLength);
  for (let at = 2; at + 4 <= codestream.length && view.getUint16(at) !== 0xff90; at += 2 + view.getUint16(at + 2)) {
    if (view.getUint16(at) === 0xff64) {
      const end = at + 2 + view.getUint16(at + 2);
      return Uint8Array.from([...codestream.subarray(0, at), ...codestream.subarray(end)]);
    }
  }
  return codestream;
}

describe.skipIf(!available('pillow'))('JPEG 2000 segments decoded by Pillow', () => {
  it('uint8 gray, RGB, RGBA and uint16 gray (both byte orders): bit-exact', async () => {
    const codec = await loadCodec(J2K);
    const cases = [
      [DTypes.uint8, 1, '<'],
      [DTypes.uint8, 3, '<'],
      [DTypes.uint8, 4, '<'],
      [DTypes.uint16, 1, '<'],
      [DTypes.uint16, 1, '>'],
    ] as const;
    const inputs = cases.map(([dtype, samples, order]) => image(dtype, 50, 30, samples, order));
    const encoded = cases.map(([dtype, samples, order], i) =>
      codec.encode(inputs[i] as Uint8Array, { width: 50, rows: 30, samples, dtype, byteOrder: order }, {}),
    );
    const decoded = decodeWithPillow(encoded, dir, 'pillow', 'j2k');
    cases.forEach(([dtype, samples, order], i) => {
      const got = decoded[i];
      expect(got?.mode).toBe(dtype.itemSize === 2 ? 'I;16' : ['L', '', 'RGB', 'RGBA'][samples - 1]);
      expect(values(got?.bytes as Uint8Array, dtype, '<')).toEqual(values(inputs[i] as Uint8Array, dtype, order));
    });
  });
});
