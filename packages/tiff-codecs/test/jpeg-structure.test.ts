import { TiffError } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { forwardDctQuantize, quantReciprocals } from '../src/jpeg/dct.js';
import { huffmanCodes } from '../src/jpeg/huffman.js';
import { encodeJpeg, type JpegEncodeOptions, JpegEncoder } from '../src/jpeg/index.js';
import { CHROMA_AC, CHROMA_DC, LUMA_AC, LUMA_DC, LUMA_QUANT, scaleQuantTable, ZIGZAG } from '../src/jpeg/tables.js';
import { decodeJpegJs, noiseImage, parseJpeg, random, smoothImage } from './jpeg-helpers.js';

const SOF0 = 0xc0;
const DHT = 0xc4;
const DQT = 0xdb;
const SOS = 0xda;
const APP14 = 0xee;

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
}

function segment(stream: Uint8Array, marker: number): Uint8Array {
  const found = parseJpeg(stream).segments.find((s) => s.marker === marker);
  if (!found) throw new Error(`no marker 0x${marker.toString(16)}`);
  return found.body;
}

/** SOF0 as numbers: precision, lines, samples per line, and per component [id, h, v, tq]. */
function frameHeader(stream: Uint8Array) {
  const sof = segment(stream, SOF0);
  const components: number[][] = [];
  for (let i = 0; i < (sof[5] as number); i++) {
    const at = 6 + 3 * i;
    components.push([
      sof[at] as number,
      (sof[at + 1] as number) >> 4,
      (sof[at + 1] as number) & 15,
      sof[at + 2] as number,
    ]);
  }
  return { precision: sof[0], height: u16(sof, 1), width: u16(sof, 3), components };
}

/** The code of `symbol` as a bit string. */
function codeOf(table: ReturnType<typeof huffmanCodes>, symbol: number): string {
  return (table.code[symbol] as number).toString(2).padStart(table.size[symbol] as number, '0');
}

describe('JPEG stream structure', () => {
  it('writes SOI, DQT, SOF0, DHT, SOS, entropy data and EOI, in that order, for gray', () => {
    const stream = encodeJpeg(smoothImage(37, 19, 1), { width: 37, height: 19, components: 1 });
    const { segments } = parseJpeg(stream);
    expect(segments.map((s) => s.marker)).toEqual([0xd8, DQT, SOF0, DHT, SOS, 0xd9]);
    expect(frameHeader(stream)).toEqual({ precision: 8, height: 19, width: 37, components: [[1, 1, 1, 0]] });
    // One quantisation table (Pq 0, Tq 0, 64 values) and two Huffman tables (DC 0, AC 0).
    expect(segment(stream, DQT).length).toBe(65);
    const dht = segment(stream, DHT);
    expect(dht[0]).toBe(0x00);
    expect(dht[1 + 16 + 12]).toBe(0x10);
    expect(dht.length).toBe(1 + 16 + 12 + 1 + 16 + 162);
    expect(Array.from(segment(stream, SOS))).toEqual([1, 1, 0x00, 0, 63, 0]);
  });

  it.each([[[1, 1]], [[2, 1]], [[2, 2]], [[4, 1]]] as const)(
    'YCbCr %j: SOF0 sampling factors and tables',
    (subsampling) => {
      const width = 45;
      const height = 21;
      const stream = encodeJpeg(smoothImage(width, height, 3), { width, height, components: 3, subsampling });
      const { segments, entropy } = parseJpeg(stream);
      expect(segments.map((s) => s.marker)).toEqual([0xd8, DQT, SOF0, DHT, SOS, 0xd9]);
      expect(frameHeader(stream)).toEqual({
        precision: 8,
        height,
        width,
        components: [
          [1, subsampling[0], subsampling[1], 0],
          [2, 1, 1, 1],
          [3, 1, 1, 1],
        ],
      });
      expect(segment(stream, DQT).length).toBe(2 * 65);
      expect(Array.from(segment(stream, SOS))).toEqual([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
      expect(entropy.length).toBeGreaterThan(0);
      const decoded = decodeJpegJs(stream);
      expect([decoded.width, decoded.height]).toEqual([width, height]);
    },
  );

  it("'rgb' stores three full-resolution components, an Adobe APP14 marker with transform 0 and one table set", () => {
    const stream = encodeJpeg(smoothImage(20, 10, 3), { width: 20, height: 10, components: 3, colorspace: 'rgb' });
    const { segments } = parseJpeg(stream);
    expect(segments.map((s) => s.marker)).toEqual([0xd8, APP14, DQT, SOF0, DHT, SOS, 0xd9]);
    expect(Array.from(segment(stream, APP14))).toEqual([0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, 0]);
    expect(frameHeader(stream).components).toEqual([
      [1, 1, 1, 0],
      [2, 1, 1, 0],
      [3, 1, 1, 0],
    ]);
    expect(segment(stream, DQT).length).toBe(65);
  });

  it('YCbCr streams carry no APP14, so decoders apply the default YCbCr→RGB conversion', () => {
    const stream = encodeJpeg(smoothImage(8, 8, 3), { width: 8, height: 8, components: 3 });
    expect(parseJpeg(stream).segments.some((s) => s.marker === APP14)).toBe(false);
  });

  it('stuffs a zero byte after every 0xFF of the entropy-coded data', () => {
    // Noise at quality 100 yields long, dense codes, so 0xFF bytes are certain to occur.
    const width = 64;
    const height = 64;
    const pixels = noiseImage(width, height, 1, 7);
    const stream = encodeJpeg(pixels, { width, height, components: 1, quality: 100 });
    const { entropy } = parseJpeg(stream);
    let stuffed = 0;
    for (let i = 0; i < entropy.length; i++) {
      if (entropy[i] === 0xff) {
        expect(entropy[i + 1]).toBe(0);
        stuffed++;
        i++;
      }
    }
    expect(stuffed).toBeGreaterThan(10);
    expect(decodeJpegJs(stream, 1).data.length).toBe(width * height);
  });

  it('writes frame sizes up to the 16-bit limit into SOF0', () => {
    const stream = encodeJpeg(new Uint8Array(65535), { width: 65535, height: 1, components: 1 });
    expect(frameHeader(stream)).toMatchObject({ height: 1, width: 65535 });
  });
});

describe('JPEG tables', () => {
  it('orders coefficients in the zig-zag sequence of T.81 Figure A.6', () => {
    expect(Array.from(ZIGZAG.subarray(0, 16))).toEqual([0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5]);
    expect(Array.from(ZIGZAG.subarray(58))).toEqual([61, 54, 47, 55, 62, 63]);
    expect(new Set(ZIGZAG).size).toBe(64);
  });

  it('scales Annex K tables by the IJG quality rule', () => {
    expect(Array.from(scaleQuantTable(LUMA_QUANT, 50))).toEqual(LUMA_QUANT);
    expect(Array.from(scaleQuantTable(LUMA_QUANT, 100))).toEqual(new Array(64).fill(1));
    expect(scaleQuantTable(LUMA_QUANT, 75)[0]).toBe(8); // 16 × 50 / 100
    expect(scaleQuantTable(LUMA_QUANT, 25)[0]).toBe(32); // 16 × 200 / 100
    expect(Math.max(...scaleQuantTable(LUMA_QUANT, 1))).toBe(255); // clamped for 8-bit DQT
  });

  it('writes the scaled table in zig-zag order into DQT', () => {
    const stream = encodeJpeg(new Uint8Array(64), { width: 8, height: 8, components: 1, quality: 50 });
    const dqt = segment(stream, DQT);
    expect(dqt[0]).toBe(0);
    expect(Array.from(dqt.subarray(1, 11))).toEqual([16, 11, 12, 14, 12, 10, 16, 14, 13, 14]);
  });

  it('derives the Annex K Huffman codes (Tables K.3–K.6) from BITS and HUFFVAL', () => {
    const lumaDc = huffmanCodes(LUMA_DC);
    expect([0, 1, 5, 6, 11].map((s) => codeOf(lumaDc, s))).toEqual(['00', '010', '110', '1110', '111111110']);
    const chromaDc = huffmanCodes(CHROMA_DC);
    expect([0, 1, 2, 3, 11].map((s) => codeOf(chromaDc, s))).toEqual(['00', '01', '10', '110', '11111111110']);
    const lumaAc = huffmanCodes(LUMA_AC);
    expect([0x00, 0x01, 0x02, 0x03, 0x04, 0x11, 0xf0].map((s) => codeOf(lumaAc, s))).toEqual([
      '1010',
      '00',
      '01',
      '100',
      '1011',
      '1100',
      '11111111001',
    ]);
    const chromaAc = huffmanCodes(CHROMA_AC);
    expect([0x00, 0x01, 0x02, 0x03, 0x11, 0xf0].map((s) => codeOf(chromaAc, s))).toEqual([
      '00',
      '01',
      '100',
      '1010',
      '1011',
      '1111111010',
    ]);
  });

  it('AC tables cover every run/size symbol of baseline data exactly once', () => {
    const expected = [0x00, 0xf0];
    for (let run = 0; run < 16; run++) for (let size = 1; size <= 10; size++) expected.push((run << 4) | size);
    for (const table of [LUMA_AC, CHROMA_AC]) {
      expect([...table.values].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      expect(table.bits.reduce((a, b) => a + b, 0)).toBe(162);
    }
  });
});

describe('forward DCT', () => {
  /** T.81 A.3.3, computed directly. */
  function referenceDct(block: Float64Array): Float64Array {
    const out = new Float64Array(64);
    for (let v = 0; v < 8; v++) {
      for (let u = 0; u < 8; u++) {
        let sum = 0;
        for (let y = 0; y < 8; y++) {
          for (let x = 0; x < 8; x++) {
            sum +=
              (block[y * 8 + x] as number) *
              Math.cos(((2 * x + 1) * u * Math.PI) / 16) *
              Math.cos(((2 * y + 1) * v * Math.PI) / 16);
          }
        }
        out[v * 8 + u] = 0.25 * (u === 0 ? Math.SQRT1_2 : 1) * (v === 0 ? Math.SQRT1_2 : 1) * sum;
      }
    }
    return out;
  }

  it('equals the T.81 definition (divisor 1, before rounding) to within rounding', () => {
    const next = random(3);
    const ones = quantReciprocals(new Uint8Array(64).fill(1));
    const ws = new Float64Array(64);
    const out = new Int32Array(64);
    for (let trial = 0; trial < 20; trial++) {
      // A block embedded in a wider band, to exercise the stride.
      const band = new Float32Array(24 * 8);
      const block = new Float64Array(64);
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const value = Math.floor(next() * 256) - 128;
          band[y * 24 + 8 + x] = value;
          block[y * 8 + x] = value;
        }
      }
      const last = forwardDctQuantize(band, 8, 24, ws, ones, out);
      const reference = referenceDct(block);
      let lastNonZero = 0;
      for (let k = 0; k < 64; k++) {
        const expected = reference[ZIGZAG[k] as number] as number;
        expect(Math.abs((out[k] as number) - expected)).toBeLessThanOrEqual(0.5 + 1e-6);
        if (out[k] !== 0) lastNonZero = k;
      }
      expect(last).toBe(lastNonZero);
    }
  });

  it('keeps a flat block to its DC term', () => {
    const band = new Float32Array(64).fill(50);
    const out = new Int32Array(64);
    const last = forwardDctQuantize(
      band,
      0,
      8,
      new Float64Array(64),
      quantReciprocals(new Uint8Array(64).fill(1)),
      out,
    );
    expect(out[0]).toBe(400); // 8 × mean
    expect(last).toBe(0);
    expect(out.subarray(1).every((c) => c === 0)).toBe(true);
  });
});

describe('JpegEncoder', () => {
  it('gives the same bytes as encodeJpeg, call after call, with independent output buffers', () => {
    const options = { components: 3, quality: 80, subsampling: [2, 1] } as const;
    const encoder = new JpegEncoder(options);
    const a = smoothImage(40, 24, 3);
    const b = noiseImage(17, 9, 3);
    const first = encoder.encode(a, 40, 24);
    const second = encoder.encode(b, 17, 9);
    expect(encoder.encode(a, 40, 24)).toEqual(first);
    expect(first).toEqual(encodeJpeg(a, { ...options, width: 40, height: 24 }));
    expect(second).toEqual(encodeJpeg(b, { ...options, width: 17, height: 9 }));
    expect(first.buffer).not.toBe(second.buffer);
  });

  it('exposes the resolved configuration (defaults: quality 75, YCbCr 2×2 for RGB, gray for 1 component)', () => {
    expect(new JpegEncoder({ components: 3 }).config).toEqual({
      components: 3,
      quality: 75,
      colorspace: 'ycbcr',
      subsampling: [2, 2],
    });
    expect(new JpegEncoder({ components: 1 }).config).toMatchObject({ colorspace: 'gray', subsampling: [1, 1] });
    expect(new JpegEncoder({ components: 3, colorspace: 'rgb' }).config.subsampling).toEqual([1, 1]);
  });
});

describe('JPEG option validation', () => {
  function rejects(options: Partial<JpegEncodeOptions> & Record<string, unknown>, option: string, accepted: RegExp) {
    const pixels = new Uint8Array(64 * 3);
    try {
      encodeJpeg(pixels, { width: 8, height: 8, components: 3, ...options } as JpegEncodeOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(TiffError);
      expect((error as TiffError).option).toBe(option);
      expect((error as TiffError).message).toMatch(accepted);
      return (error as TiffError).code;
    }
    throw new Error('no error');
  }

  it.each([0, 101, 50.5, Number.NaN, '90'])('rejects quality %s as compressionArgs.level', (quality) => {
    expect(rejects({ quality } as never, 'compressionArgs.level', /compressionArgs\.level=.*1 to 100/)).toBe(
      'INVALID_OPTION',
    );
  });

  it.each([[[3, 1]], [[1, 2]], [[2]], [[2, 2, 2]], ['2,2']])('rejects subsampling %j', (subsampling) => {
    expect(rejects({ subsampling } as never, 'subsampling', /\[1, 1\], \[2, 1\], \[2, 2\] or \[4, 1\]/)).toBe(
      'INVALID_OPTION',
    );
  });

  it('rejects subsampling for colour spaces without chroma, but accepts [1, 1]', () => {
    expect(rejects({ colorspace: 'rgb', subsampling: [2, 2] }, 'subsampling', /\[1, 1\] or none/)).toBe(
      'INVALID_OPTION',
    );
    expect(() =>
      encodeJpeg(new Uint8Array(64), { width: 8, height: 8, components: 1, subsampling: [1, 1] }),
    ).not.toThrow();
  });

  it('rejects colour spaces that do not fit the number of components, and other component counts', () => {
    expect(rejects({ colorspace: 'gray' }, 'colorspace', /'ycbcr' or 'rgb'/)).toBe('INVALID_OPTION');
    expect(rejects({ colorspace: 'lab' } as never, 'colorspace', /'ycbcr' or 'rgb'/)).toBe('INVALID_OPTION');
    expect(rejects({ components: 1, colorspace: 'rgb' }, 'colorspace', /'gray'/)).toBe('INVALID_OPTION');
    expect(rejects({ components: 4 } as never, 'components', /1 \(grayscale\) or 3 \(RGB\)/)).toBe('INVALID_OPTION');
  });

  it('rejects frame sizes JPEG cannot hold, and pixel buffers of the wrong length', () => {
    expect(rejects({ width: 0 }, 'width', /1 to 65535/)).toBe('INVALID_OPTION');
    expect(rejects({ height: 65536 }, 'height', /1 to 65535/)).toBe('INVALID_OPTION');
    expect(rejects({ width: 2.5 }, 'width', /1 to 65535/)).toBe('INVALID_OPTION');
    const encoder = new JpegEncoder({ components: 3 });
    expect(() => encoder.encode(new Uint8Array(10), 8, 8)).toThrow(/needs 192 bytes, got 10/);
    expect(() => encoder.encode(new Uint16Array(192) as never, 8, 8)).toThrow(TiffError);
  });
});
