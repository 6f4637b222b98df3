/**
 * Round trips through an independent decoder (jpeg-js's, which handles baseline with chroma subsampling
 * and the Adobe transform flag).
 */
import { describe, expect, it } from 'vitest';
import { encodeJpeg, type JpegColorspace } from '../src/jpeg/index.js';
import { psnr } from './helpers/psnr.js';
import { decodeJpegJs, noiseImage, smoothImage } from './jpeg-helpers.js';

interface Case {
  readonly name: string;
  readonly components: 1 | 3;
  readonly colorspace?: JpegColorspace;
  readonly subsampling?: readonly [number, number];
}

const CASES: readonly Case[] = [
  { name: 'gray', components: 1 },
  { name: 'ycbcr 1×1', components: 3, subsampling: [1, 1] },
  { name: 'ycbcr 2×1', components: 3, subsampling: [2, 1] },
  { name: 'ycbcr 2×2', components: 3, subsampling: [2, 2] },
  { name: 'ycbcr 4×1', components: 3, subsampling: [4, 1] },
  { name: 'rgb', components: 3, colorspace: 'rgb' },
];

const SIZES = [
  [37, 19],
  [1, 1],
  [300, 7],
  [7, 300],
  [16, 16],
  [33, 17],
  [64, 48],
] as const;

function roundTrip(pixels: Uint8Array, width: number, height: number, c: Case, quality: number) {
  const stream = encodeJpeg(pixels, { width, height, quality, ...c });
  const decoded = decodeJpegJs(stream, c.components, c.colorspace);
  expect([decoded.width, decoded.height]).toEqual([width, height]);
  return { stream, psnr: psnr(pixels, decoded.data) };
}

describe.each(CASES)('jpeg-js decodes $name', (c) => {
  it.each(SIZES)('smooth %i×%i at quality 90 with PSNR ≥ 30 dB', (width, height) => {
    const { psnr: db } = roundTrip(smoothImage(width, height, c.components), width, height, c, 90);
    expect(db).toBeGreaterThanOrEqual(30);
  });

  it('noise 45×29: decodes at every quality, PSNR and size grow with quality', () => {
    const pixels = noiseImage(45, 29, c.components, 11);
    const results = [10, 50, 75, 90, 100].map((q) => roundTrip(pixels, 45, 29, c, q));
    for (let i = 1; i < results.length; i++) {
      expect((results[i] as { stream: Uint8Array }).stream.length).toBeGreaterThan(
        (results[i - 1] as { stream: Uint8Array }).stream.length,
      );
      expect((results[i] as { psnr: number }).psnr).toBeGreaterThan((results[i - 1] as { psnr: number }).psnr);
    }
    // Noise has no redundancy for JPEG to exploit: at quality 100, only the colour conversion, chroma
    // subsampling and rounding remain.
    const best = (results[4] as { psnr: number }).psnr;
    const subsampled = c.subsampling !== undefined && (c.subsampling[0] > 1 || c.subsampling[1] > 1);
    expect(best).toBeGreaterThanOrEqual(subsampled ? 13 : 38);
  });

  it('higher quality gives larger output and a better PSNR on smooth content', () => {
    const pixels = smoothImage(64, 48, c.components);
    const low = roundTrip(pixels, 64, 48, c, 30);
    const high = roundTrip(pixels, 64, 48, c, 95);
    expect(high.stream.length).toBeGreaterThan(low.stream.length);
    expect(high.psnr).toBeGreaterThan(low.psnr);
  });
});

describe('JPEG reconstruction details', () => {
  it('reproduces flat gray exactly, including edge blocks', () => {
    const pixels = new Uint8Array(13 * 11).fill(100);
    const stream = encodeJpeg(pixels, { width: 13, height: 11, components: 1, quality: 75 });
    expect(decodeJpegJs(stream, 1).data).toEqual(pixels);
  });

  it.each([[[1, 1]], [[2, 2]], [[4, 1]]] as const)(
    'reproduces a flat colour within ±2 with YCbCr %j',
    (subsampling) => {
      const pixels = new Uint8Array(21 * 9 * 3);
      for (let i = 0; i < pixels.length; i += 3) pixels.set([200, 100, 50], i);
      const stream = encodeJpeg(pixels, { width: 21, height: 9, components: 3, quality: 90, subsampling });
      const { data } = decodeJpegJs(stream);
      for (let i = 0; i < data.length; i++)
        expect(Math.abs((data[i] as number) - (pixels[i] as number))).toBeLessThanOrEqual(2);
    },
  );

  it("'rgb' keeps channels apart: pure red stays red (no YCbCr conversion on either side)", () => {
    const pixels = new Uint8Array(16 * 8 * 3);
    for (let i = 0; i < pixels.length; i += 3) pixels[i] = 255;
    const stream = encodeJpeg(pixels, { width: 16, height: 8, components: 3, colorspace: 'rgb', quality: 95 });
    const { data } = decodeJpegJs(stream, 3, 'rgb');
    expect(psnr(pixels, data)).toBeGreaterThan(45);
  });

  it('replicates the last column and row into padding, so edge pixels do not ring', () => {
    // A bright right/bottom edge next to the padding: zero-padding would pull it down, repetition keeps it.
    const width = 9;
    const height = 9;
    const pixels = new Uint8Array(width * height).fill(20);
    for (let i = 0; i < height; i++) pixels[i * width + width - 1] = 235;
    pixels.fill(235, (height - 1) * width);
    const { data } = decodeJpegJs(encodeJpeg(pixels, { width, height, components: 1, quality: 90 }), 1);
    expect(psnr(pixels, data)).toBeGreaterThan(30);
  });

  it('chroma subsampling shrinks the output of colour content', () => {
    const pixels = smoothImage(128, 64, 3);
    const sizes = (
      [
        [1, 1],
        [2, 1],
        [2, 2],
      ] as const
    ).map(
      (subsampling) => encodeJpeg(pixels, { width: 128, height: 64, components: 3, quality: 90, subsampling }).length,
    );
    expect(sizes[1]).toBeLessThan(sizes[0] as number);
    expect(sizes[2]).toBeLessThan(sizes[1] as number);
  });
});
