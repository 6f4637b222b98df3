/**
 * The image codecs tiff-codecs loads on demand, written through the writer: WebP (lossless and lossy)
 * and PNG, in strips and tiles, decoded by GDAL (an independent reader; tifffile 2023.2.3 has no
 * imagecodecs). The codec is loaded by the first write that asks for it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { TagCode } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { imwrite, MemorySink, TiffWriter } from '../src/index.js';
import { type InteropCase, interopSuite } from './helpers/cases.js';
import { missing, readWithGdal } from './helpers/interop.js';
import { parse, tags } from './helpers/read.js';

const H = 48;
const W = 64;

/** A smooth picture with texture: compresses, and shows a lossy codec's error. */
function picture(samples: number, bytes: 1 | 2): Uint8Array | Uint16Array {
  const max = bytes === 1 ? 255 : 65535;
  const out = bytes === 1 ? new Uint8Array(H * W * samples) : new Uint16Array(H * W * samples);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (let s = 0; s < samples; s++) {
        const v = 0.5 + 0.4 * Math.sin((x + 3 * s) / 7) * Math.cos(y / 5) + 0.1 * (((x * 13 + y * 7 + s) % 11) / 11);
        out[(y * W + x) * samples + s] = Math.round(v * max);
      }
  return out;
}

/** GDAL's decoding of a file, as the writer's dtype (GDAL writes little-endian samples, pixel-interleaved). */
function gdalValues(path: string, bytes: 1 | 2): Uint8Array | Uint16Array {
  const raw = readWithGdal(path, `${path}.raw`);
  const copy = Uint8Array.from(raw);
  return bytes === 1 ? copy : new Uint16Array(copy.buffer);
}

/**
 * No TIFF reader here decodes PNG inside TIFF: each strip or tile is decoded by GDAL as the PNG file it
 * is, and put back where it belongs in the image.
 */
async function pngSegments(path: string, c: CodecCase): Promise<Uint8Array | Uint16Array> {
  const file = new Uint8Array(readFileSync(path));
  const [page] = (await parse(file)).ifds;
  const t = tags(page as never);
  const offsets = (t.get(c.tiled ? TagCode.TileOffsets : TagCode.StripOffsets) ?? []) as number[];
  const counts = (t.get(c.tiled ? TagCode.TileByteCounts : TagCode.StripByteCounts) ?? []) as number[];
  const [tl, tw] = c.tiled ? [16, 32] : [16, W];
  const out = c.bytes === 1 ? new Uint8Array(H * W * c.samples) : new Uint16Array(H * W * c.samples);
  const across = Math.ceil(W / tw);
  offsets.forEach((offset, i) => {
    const png = `${path}.${i}.png`;
    writeFileSync(png, file.subarray(offset, offset + (counts[i] as number)));
    const segment = gdalValues(png, c.bytes);
    const [y0, x0] = [Math.floor(i / across) * tl, (i % across) * tw];
    for (let y = 0; y < tl && y0 + y < H; y++) {
      const row = segment.subarray(y * tw * c.samples, (y + 1) * tw * c.samples);
      out.set(row.subarray(0, Math.min(tw, W - x0) * c.samples), ((y0 + y) * W + x0) * c.samples);
    }
  });
  return out;
}

function psnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] as number) - (b[i] as number)) ** 2;
  return 10 * Math.log10((255 * 255) / (sum / a.length));
}

interface CodecCase {
  readonly name: string;
  readonly compression: 'webp' | 'png';
  readonly samples: number;
  readonly bytes: 1 | 2;
  readonly args?: Record<string, unknown>;
  readonly tiled: boolean;
  /** Lossy: the least PSNR (dB) GDAL's decoding must reach. */
  readonly minPsnr?: number;
}

const CASES: CodecCase[] = [];
for (const tiled of [false, true]) {
  CASES.push(
    { name: 'WebP lossless RGB', compression: 'webp', samples: 3, bytes: 1, args: { lossless: true }, tiled },
    { name: 'WebP lossless RGBA', compression: 'webp', samples: 4, bytes: 1, args: { lossless: true }, tiled },
    { name: 'WebP lossy RGB', compression: 'webp', samples: 3, bytes: 1, args: { level: 90 }, tiled, minPsnr: 30 },
    { name: 'PNG uint8 gray', compression: 'png', samples: 1, bytes: 1, tiled },
    { name: 'PNG uint8 RGB', compression: 'png', samples: 3, bytes: 1, tiled },
    { name: 'PNG uint8 RGBA', compression: 'png', samples: 4, bytes: 1, tiled },
    { name: 'PNG uint16 gray', compression: 'png', samples: 1, bytes: 2, args: { level: 9 }, tiled },
  );
}

const cases: InteropCase[] = CASES.map((c) => ({
  name: `${c.name}, ${c.tiled ? 'tiles' : 'strips'}`,
  // libtiff 4.5 has no PNG codec: it reads the directory, then says it cannot decode the data.
  ...(c.compression === 'png' ? { libtiffRejects: /34933 (strip|tile) decoding is not implemented/ } : {}),
  write: async (path) => {
    const data = picture(c.samples, c.bytes);
    const shape = c.samples === 1 ? [H, W] : [H, W, c.samples];
    await imwrite(
      path,
      { data, shape },
      {
        compression: c.compression,
        ...(c.args ? { compressionArgs: c.args } : {}),
        ...(c.samples === 1 ? { photometric: 'minisblack' } : { photometric: 'rgb' }),
        ...(c.tiled ? { tile: [16, 32] } : { rowsPerStrip: 16 }),
      },
    );
    if (missing('gdal')) return;
    const decoded = c.compression === 'png' ? await pngSegments(path, c) : gdalValues(path, c.bytes);
    expect(decoded.length).toBe(data.length);
    if (c.minPsnr === undefined) expect(decoded).toEqual(data);
    else expect(psnr(decoded, data)).toBeGreaterThan(c.minPsnr);
  },
  tiffinfo: (stdout) => expect(stdout).toMatch(c.compression === 'webp' ? /Compression Scheme: (WEBP|50001)/ : /34933/),
}));

interopSuite('image codecs loaded on demand', cases);

describe('image codec rules, before any byte', () => {
  it.each([
    ['WebP of uint16 data', { data: new Uint16Array(H * W * 3), shape: [H, W, 3] }, { compression: 'webp' }],
    ['WebP of grey data', { data: new Uint8Array(H * W), shape: [H, W] }, { compression: 'webp' }],
    ['PNG of float32 data', { data: new Float32Array(H * W), shape: [H, W] }, { compression: 'png' }],
    ['PNG of bilevel data', { data: new Uint8Array(H * W), shape: [H, W], dtype: 'bool' }, { compression: 'png' }],
  ] as const)('%s is refused', async (_name, data, options) => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    const before = sink.toUint8Array().slice();
    await expect(writer.write(data as never, options)).rejects.toMatchObject({ name: 'TiffError' });
    expect(sink.toUint8Array()).toEqual(before);
    await writer.write({ data: new Uint8Array(16), shape: [4, 4] });
    await writer.close();
  });

  it('refuses a bad codec argument before any byte, naming it', async () => {
    const sink = new MemorySink();
    await expect(
      imwrite(
        sink,
        { data: new Uint8Array(64 * 3), shape: [8, 8, 3] },
        { compression: 'webp', compressionArgs: { level: 101 } },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'compressionArgs.level' });
  });

  it('writes the Compression code and no predictor, which image codecs refuse (as tifffile)', async () => {
    const sink = new MemorySink();
    await imwrite(sink, { data: picture(3, 1), shape: [H, W, 3] }, { compression: 'webp' });
    const [page] = (await parse(sink.toUint8Array())).ifds;
    expect(tags(page as never).get(TagCode.Compression)).toEqual([50001]);
    expect(tags(page as never).get(TagCode.Predictor)).toBeUndefined();
    await expect(
      imwrite(new MemorySink(), { data: picture(3, 1), shape: [H, W, 3] }, { compression: 'png', predictor: true }),
    ).rejects.toMatchObject({ code: 'INCOMPATIBLE_OPTIONS', option: 'predictor' });
  });
});
