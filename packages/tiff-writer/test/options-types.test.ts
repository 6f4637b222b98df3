/**
 * What the option types accept and refuse. The assertions are checked by the compiler (`pnpm lint`
 * runs `tsc` over the tests): each `@ts-expect-error` fails the build when the line it marks compiles,
 * so a type that grows lax (a name union widened to `string`) is caught. The calls sit in functions that
 * are never run; vitest only runs the few run-time checks at the end.
 */
import type { CompressionName, DeflateArgs, Jpeg2000Args, JpegArgs, JpegXlArgs, WebpArgs } from '@tiffkit/tiff-codecs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  Compression,
  type CompressionArgsFor,
  imwrite,
  MemorySink,
  Photometric,
  type TiffWarning,
  type TiffWarningCode,
  TiffWriter,
  type WriteOptions,
} from '../src/index.js';

const data = { data: new Uint8Array(16), shape: [4, 4] };

async function enumNames(writer: TiffWriter): Promise<void> {
  // Names in lower and upper case, codes, and the exported constants.
  await writer.write(data, { photometric: 'minisblack', planarConfig: 'CONTIG', resolutionUnit: 'cm' });
  await writer.write(data, { photometric: Photometric.MINISBLACK, resolutionUnit: 'µm', predictor: 'HORIZONTAL' });
  await writer.write(data, { extraSamples: ['unassalpha', 'ASSOCALPHA', 2], planarConfig: 'planar' });
  const code: number = 1; // a code read from a file
  await writer.write(data, { photometric: code, compression: code, predictor: code, resolutionUnit: code });
  // @ts-expect-error a misspelt photometric name
  await writer.write(data, { photometric: 'minisblak' });
  // @ts-expect-error mixed case is accepted at run time, not by the types
  await writer.write(data, { photometric: 'MinIsBlack' });
  // @ts-expect-error a misspelt planar configuration
  await writer.write(data, { planarConfig: 'contigous' });
  // @ts-expect-error a misspelt extra sample
  await writer.write(data, { extraSamples: ['unasalpha'] });
  // @ts-expect-error a misspelt unit
  await writer.write(data, { resolutionUnit: 'inches' });
  // @ts-expect-error a misspelt predictor
  await writer.write(data, { predictor: 'horizontl' });
  // @ts-expect-error a byte order that does not exist
  await TiffWriter.open(new MemorySink(), { byteorder: 'big' });
}

async function dtypes(writer: TiffWriter): Promise<void> {
  await writer.write(null, { shape: [2, 2], dtype: 'uint16' });
  await writer.write(null, { shape: [2, 2], dtype: 'FLOAT32' });
  await writer.write(null, { shape: [2, 2], dtype: '<u2' });
  await writer.write(null, { shape: [2, 2], dtype: '>f8' });
  await writer.write(null, { shape: [2, 2], dtype: '?' });
  await writer.write(null, { shape: [2, 2], dtype: 'H' });
  // @ts-expect-error no such dtype
  await writer.write(null, { shape: [2, 2], dtype: 'uint17' });
  // @ts-expect-error no such NumPy code
  await writer.write(null, { shape: [2, 2], dtype: '<u3' });
}

async function compressions(writer: TiffWriter): Promise<void> {
  await writer.write(data, { compression: 'zlib' });
  await writer.write(data, { compression: 'ZSTD' });
  await writer.write(data, { compression: Compression.LZW });
  await writer.write(data, { compression: true });
  await writer.write(data, { compression: null });
  // @ts-expect-error a misspelt codec
  await writer.write(data, { compression: 'zlibb' });
  // @ts-expect-error a scheme tiffkit cannot write is not offered by name (its code is a number, refused at run time)
  await writer.write(data, { compression: 'ccittrle' });
}

async function compressionArgs(writer: TiffWriter): Promise<void> {
  await writer.write(data, { compression: 'zlib', compressionArgs: { level: 9 } });
  await writer.write(data, { compression: 'webp', compressionArgs: { level: 90, lossless: true, method: 6 } });
  await writer.write(data, { compression: 'jpeg', compressionArgs: { level: 90, outcolorspace: 'rgb' } });
  await writer.write(data, { compression: Compression.ZSTD, compressionArgs: { level: -5 } });
  await imwrite(new MemorySink(), data, { compression: 'lzma', compressionArgs: { level: 7 }, bigtiff: true });
  // @ts-expect-error a misspelt key
  await writer.write(data, { compression: 'zlib', compressionArgs: { levle: 9 } });
  // @ts-expect-error a misspelt key through imwrite
  await imwrite(new MemorySink(), data, { compression: 'zstd', compressionArgs: { levle: 9 } });
  // @ts-expect-error a WebP key with zlib
  await writer.write(data, { compression: 'zlib', compressionArgs: { lossless: true } });
  // @ts-expect-error a key by code: 8 is zlib
  await writer.write(data, { compression: 8, compressionArgs: { lossless: true } });
  // @ts-expect-error LZW takes no arguments
  await writer.write(data, { compression: 'lzw', compressionArgs: { level: 9 } });
  // @ts-expect-error a value of the wrong type
  await writer.write(data, { compression: 'webp', compressionArgs: { lossless: 'yes' } });
  // @ts-expect-error JPEG's outcolorspace is ycbcr or rgb
  await writer.write(data, { compression: 'jpeg', compressionArgs: { outcolorspace: 'cmyk' } });
  // @ts-expect-error subIfds need TiffWriter.open and several writes
  await imwrite(new MemorySink(), data, { subIfds: 1 });
}

describe('option types', () => {
  it('map each compression to its arguments', () => {
    expectTypeOf<CompressionArgsFor<'zlib'>>().toEqualTypeOf<DeflateArgs>();
    expectTypeOf<CompressionArgsFor<'ZLIB'>>().toEqualTypeOf<DeflateArgs>();
    expectTypeOf<CompressionArgsFor<true>>().toEqualTypeOf<DeflateArgs>();
    expectTypeOf<CompressionArgsFor<50001>>().toEqualTypeOf<WebpArgs>();
    expectTypeOf<CompressionArgsFor<'jpeg'>>().toEqualTypeOf<JpegArgs>();
    expectTypeOf<CompressionArgsFor<'jpeg2000'>>().toEqualTypeOf<Jpeg2000Args>();
    expectTypeOf<CompressionArgsFor<34712>>().toEqualTypeOf<Jpeg2000Args>();
    expectTypeOf<CompressionArgsFor<'jpegxl'>>().toEqualTypeOf<JpegXlArgs>();
    expectTypeOf<CompressionArgsFor<50002>>().toEqualTypeOf<JpegXlArgs>();
    expectTypeOf<WriteOptions<'webp'>['compressionArgs']>().toEqualTypeOf<WebpArgs | undefined>();
    expectTypeOf<'zlib' | 'ZLIB' | 'deflate' | 'png'>().toExtend<CompressionName>();
    expectTypeOf<TiffWarning['code']>().toEqualTypeOf<TiffWarningCode>();
  });

  it('are checked by the compiler, not run', () => {
    // Referenced so that `noUnusedLocals` keeps them; their bodies are what tsc checks.
    expect([enumNames, dtypes, compressions, compressionArgs].every((f) => typeof f === 'function')).toBe(true);
  });
});
