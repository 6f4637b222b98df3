/**
 * `compressionArgs` at run time: a key the codec does not read is refused before any byte, naming the
 * key and the keys it takes (the types refuse it too; these calls stand for untyped JavaScript callers).
 */
import { describe, expect, it } from 'vitest';
import { imwrite, MemorySink, TiffError, TiffWriter, type WriteOptions } from '../src/index.js';
import { parse, tags } from './helpers/read.js';

const gray = { data: new Uint8Array(64).fill(7), shape: [8, 8] };
const rgb = { data: new Uint8Array(8 * 8 * 3).fill(90), shape: [8, 8, 3] };

/** Options as an untyped caller passes them. */
const untyped = (options: Record<string, unknown>) => options as WriteOptions;

async function refusal(data: typeof gray, options: WriteOptions): Promise<TiffError> {
  const sink = new MemorySink();
  const writer = await TiffWriter.open(sink);
  const before = sink.toUint8Array().slice();
  const error = await writer.write(data, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  // Nothing was written for the refused call, and the writer is still usable.
  expect(sink.toUint8Array()).toEqual(before);
  await writer.write(gray);
  await writer.close();
  expect(error).toBeInstanceOf(TiffError);
  return error as TiffError;
}

describe('compressionArgs keys', () => {
  it.each([
    ['zlib', gray, { levle: 9 }, 'compressionArgs.levle', "ADOBE_DEFLATE takes 'level'"],
    ['deflate', gray, { quality: 5 }, 'compressionArgs.quality', "DEFLATE takes 'level'"],
    ['zstd', gray, { lvl: 3 }, 'compressionArgs.lvl', "ZSTD takes 'level'"],
    ['lzma', gray, { preset: 3 }, 'compressionArgs.preset', "LZMA takes 'level'"],
    ['png', gray, { compression: 9 }, 'compressionArgs.compression', "PNG takes 'level'"],
    ['lzw', gray, { level: 9 }, 'compressionArgs.level', 'LZW takes no compressionArgs'],
    ['packbits', gray, { axis: -2 }, 'compressionArgs.axis', 'PACKBITS takes no compressionArgs'],
    ['webp', rgb, { quality: 80 }, 'compressionArgs.quality', "WEBP takes 'level', 'lossless', 'method'"],
    ['jpeg', rgb, { subsampling: [2, 2] }, 'compressionArgs.subsampling', "JPEG takes 'level', 'outcolorspace'"],
    ['jpeg2000', gray, { codecformat: 0 }, 'compressionArgs.codecformat', "JPEG2000 takes 'level', 'reversible'"],
    ['jpegxl', rgb, { quality: 90 }, 'compressionArgs.quality', "JPEGXL takes 'level', 'effort', 'distance'"],
  ] as const)('%s refuses %j', async (compression, data, args, option, accepted) => {
    const error = await refusal(data, untyped({ compression, compressionArgs: args }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.option).toBe(option);
    expect(error.message).toContain(`${option}=`);
    expect(error.message).toContain('unknown key');
    expect(error.message).toContain(accepted);
  });

  it.each([
    ['zlib', gray, { level: 10 }, 'compressionArgs.level'],
    ['zstd', gray, { level: 23 }, 'compressionArgs.level'],
    ['webp', rgb, { lossless: 'yes' }, 'compressionArgs.lossless'],
    ['jpeg', rgb, { level: 0 }, 'compressionArgs.level'],
    ['jpeg', rgb, { outcolorspace: 'cmyk' }, 'compressionArgs.outcolorspace'],
    ['jpegxl', gray, { effort: 0 }, 'compressionArgs.effort'],
  ] as const)('%s refuses the value %j', async (compression, data, args, option) => {
    const error = await refusal(data, untyped({ compression, compressionArgs: args }));
    expect([error.code, error.option]).toEqual(['INVALID_OPTION', option]);
  });

  it.each([
    ['zlib', gray, { level: 1 }, 8],
    ['zstd', gray, { level: 19 }, 50000],
    ['lzma', gray, { level: 0 }, 34925],
    ['png', gray, { level: 9 }, 34933],
    ['webp', rgb, { level: 90, lossless: true, method: 0 }, 50001],
    ['jpeg', rgb, { level: 95, outcolorspace: 'RGB' }, 7],
    ['jpeg2000', rgb, { level: 0, reversible: true, resolutions: 3, mct: true, bitspersample: 8 }, 34712],
    ['jpegxl', gray, { level: 101, effort: 7, decodingspeed: 0, usecontainer: true }, 50002],
  ] as const)('%s takes %j', async (compression, data, args, code) => {
    const sink = new MemorySink();
    await imwrite(sink, data, untyped({ compression, compressionArgs: args }));
    const first = (await parse(sink.toUint8Array().slice())).ifds[0];
    expect(tags(first as never).get(259)).toEqual([code]);
  });

  it('are ignored without compression, as tifffile ignores them', async () => {
    const sink = new MemorySink();
    await imwrite(sink, gray, untyped({ compressionArgs: { level: 9, anything: true } }));
    const first = (await parse(sink.toUint8Array().slice())).ifds[0];
    expect(tags(first as never).get(259)).toEqual([1]);
  });
});
