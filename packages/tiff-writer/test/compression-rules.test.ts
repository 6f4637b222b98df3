/** Compression options: defaults, tifffile's rules and the errors for what cannot be combined. */
import { describe, expect, it } from 'vitest';
import { type ImwriteOptions, imwrite, MemorySink, type TiffWarning } from '../src/index.js';
import { parse, tags } from './helpers/read.js';

const u16 = { data: new Uint16Array(3 * 300 * 2048), shape: [3, 300, 2048] };

async function firstTags(data: Parameters<typeof imwrite>[1], options: ImwriteOptions) {
  const sink = new MemorySink();
  await imwrite(sink, data, options);
  return tags((await parse(sink.toUint8Array().slice())).ifds[0] as never);
}

describe('compression defaults', () => {
  it('compressed strips hold about 256 KiB of raw data', async () => {
    const t = await firstTags(u16, { compression: 'zlib', photometric: 'minisblack' });
    expect(t.get(278)).toEqual([64]); // 262144 / (2048 × 2)
    expect((t.get(279) as number[]).length).toBe(5); // ceil(300 / 64)
  });

  it.each([
    [true, 8],
    ['zlib', 8],
    ['ZLIB', 8],
    ['adobe_deflate', 8],
    ['deflate', 32946],
    [8, 8],
    ['lzw', 5],
    ['packbits', 32773],
    ['none', 1],
    [false, 1],
  ] as const)('compression %j is code %i', async (compression, code) => {
    expect((await firstTags({ data: new Uint8Array(64), shape: [8, 8] }, { compression })).get(259)).toEqual([code]);
  });

  it('predictor true picks horizontal for integers and floating point for floats', async () => {
    expect(
      (await firstTags({ data: new Int32Array(64), shape: [8, 8] }, { compression: 'zlib', predictor: true })).get(317),
    ).toEqual([2]);
    expect(
      (await firstTags({ data: new Float64Array(64), shape: [8, 8] }, { compression: 'lzw', predictor: true })).get(
        317,
      ),
    ).toEqual([3]);
    expect(
      (
        await firstTags(
          { data: new Float32Array(64), shape: [8, 8] },
          { compression: 'lzw', predictor: 'floatingpointx2' },
        )
      ).get(317),
    ).toEqual([34894]);
  });

  it('bilevel data compresses with LZW, PackBits and deflate', async () => {
    const bool = { data: new Uint8Array(64).fill(1), shape: [8, 8], dtype: 'bool' } as const;
    for (const compression of ['lzw', 'packbits', 'zlib', 'deflate'] as const) {
      expect((await firstTags(bool, { compression })).has(258)).toBe(false);
    }
  });

  it('warns that libtiff ignores a predictor with PackBits, and writes none', async () => {
    const warnings: TiffWarning[] = [];
    await imwrite(
      new MemorySink(),
      { data: new Uint16Array(64), shape: [8, 8] },
      { compression: 'packbits', predictor: true, onWarning: (w) => warnings.push(w) },
    );
    expect(warnings.map((w) => w.code)).toEqual(['predictor-packbits']);
  });
});

describe('compression errors, before anything is written', () => {
  it.each([
    [
      { compression: 'lerc' as never },
      'UNSUPPORTED',
      'compression',
      /LERC \(34887\) cannot be written: tiffkit has no encoder for it/,
    ],
    [{ compression: ['zlib', 6] as never }, 'INVALID_OPTION', 'compression', /pass the level as compressionArgs/],
    [
      { compression: 'zlib', compressionArgs: { level: 12 } },
      'INVALID_OPTION',
      'compressionArgs.level',
      /compressionArgs\.level=12 is invalid: expected an integer from 0/,
    ],
    [
      { compression: 'zlib', compressionArgs: 'fast' as never },
      'INVALID_OPTION',
      'compressionArgs',
      /compressionArgs="fast"/,
    ],
    [{ compression: 'zlib', predictor: 'floatingpoint' }, 'INVALID_OPTION', 'predictor', /predictor="floatingpoint"/],
    [
      { compression: 'zlib', bitsPerSample: 12 },
      'INCOMPATIBLE_OPTIONS',
      'bitsPerSample',
      /bitsPerSample=12 cannot be used with compression/,
    ],
    [
      { compression: 'zlib', truncate: true },
      'INCOMPATIBLE_OPTIONS',
      'truncate',
      /truncate cannot be used with compression/,
    ],
  ] as const)('%j', async (options, code, option, message) => {
    const sink = new MemorySink();
    const error = await imwrite(sink, { data: new Uint16Array(64), shape: [8, 8] }, options as ImwriteOptions).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'TiffError', code, option });
    expect((error as Error).message).toMatch(message);
  });

  it('empty data cannot be compressed', async () => {
    await expect(
      imwrite(new MemorySink(), null, { shape: [8, 8], dtype: 'uint8', compression: 'zlib' }),
    ).rejects.toMatchObject({
      code: 'INCOMPATIBLE_OPTIONS',
      option: 'compression',
    });
  });

  it('bilevel data does not compress with JPEG', async () => {
    await expect(
      imwrite(new MemorySink(), { data: new Uint8Array(64), shape: [8, 8], dtype: 'bool' }, { compression: 'jpeg' }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      option: 'compression',
    });
  });
});
