/**
 * JPEG 2000 (34712) through the writer. No TIFF reader here decodes JPEG 2000 inside TIFF (libtiff 4.5
 * and GDAL 3.6 have no such codec, Debian's tifffile has no imagecodecs), so each strip or tile is read
 * back from the file and decoded by opj_decompress (OpenJPEG's native tool, Debian's libopenjp2-tools),
 * then put back where it belongs: bit-exact for every dtype and layout accepted, both byte orders,
 * BigTIFF. The tags are compared with the ones tifffile writes for the same call, its J2K encoder
 * replaced by a stub (imagecodecs is not installed); libtiff reads the directories without a warning.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { entryNumbers, TagCode } from '@tiffkit/tiff-core';
import { afterAll, describe, expect, it } from 'vitest';
import { imwrite, MemorySink, TiffWriter } from '../src/index.js';
import { missing, python, tempDir, tiffinfo } from './helpers/interop.js';
import { parse, tags } from './helpers/read.js';

const REQUIRED = process.env['REQUIRE_INTEROP'] === '1';
const hasOpj = spawnSync('sh', ['-c', 'command -v opj_decompress'], { stdio: 'ignore' }).status === 0;
if (!hasOpj && REQUIRED) throw new Error("opj_decompress (Debian's libopenjp2-tools) is required (REQUIRE_INTEROP=1)");
if (!hasOpj)
  console.warn("NOTICE: opj_decompress (Debian's libopenjp2-tools) is not installed: JPEG 2000 decoding is skipped");

const tmp = tempDir('tiffkit-j2k-');
afterAll(() => tmp.cleanup());

const H = 40;
const W = 72;

interface Case {
  readonly name: string;
  readonly dtype: 'uint8' | 'uint16' | 'int16';
  /** Samples per pixel; planar cases store each in its own segments. */
  readonly samples: number;
  readonly planar?: boolean;
  readonly tile?: readonly [number, number];
  readonly rowsPerStrip?: number;
  readonly byteOrder: '<' | '>';
  readonly bigTiff?: boolean;
  readonly bitsPerSample?: number;
}

const CASES: Case[] = [
  { name: 'uint8 RGB strips', dtype: 'uint8', samples: 3, rowsPerStrip: 16, byteOrder: '<' },
  { name: 'uint8 RGB tiles, BigTIFF', dtype: 'uint8', samples: 3, tile: [16, 32], byteOrder: '>', bigTiff: true },
  { name: 'uint8 RGBA tiles', dtype: 'uint8', samples: 4, tile: [32, 16], byteOrder: '<' },
  { name: 'uint8 gray strips', dtype: 'uint8', samples: 1, rowsPerStrip: 7, byteOrder: '<' },
  { name: 'uint16 gray tiles, big-endian', dtype: 'uint16', samples: 1, tile: [16, 16], byteOrder: '>' },
  { name: 'uint16 gray strips, BigTIFF', dtype: 'uint16', samples: 1, rowsPerStrip: 16, byteOrder: '<', bigTiff: true },
  { name: 'int16 gray strips, big-endian', dtype: 'int16', samples: 1, rowsPerStrip: 13, byteOrder: '>' },
  {
    name: 'uint16 planar RGB tiles, big-endian',
    dtype: 'uint16',
    samples: 3,
    planar: true,
    tile: [16, 32],
    byteOrder: '>',
  },
  { name: 'uint16 12 bits tiles', dtype: 'uint16', samples: 1, tile: [16, 16], byteOrder: '<', bitsPerSample: 12 },
];

/** A smooth picture with noise, in the case's dtype (and bit depth), interleaved. */
function picture(c: Case): Uint8Array | Uint16Array | Int16Array {
  const n = H * W * c.samples;
  const bits = c.bitsPerSample ?? (c.dtype === 'uint8' ? 8 : 16);
  const out = c.dtype === 'uint8' ? new Uint8Array(n) : c.dtype === 'uint16' ? new Uint16Array(n) : new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const [p, s] = [Math.floor(i / c.samples), i % c.samples];
    const v = 0.5 + 0.4 * Math.sin((p % W) / 6 + s) * Math.cos(Math.floor(p / W) / 5) + ((i * 7919) % 13) / 400;
    out[i] = Math.round(v * (2 ** bits - 1)) - (c.dtype === 'int16' ? 2 ** (bits - 1) : 0);
  }
  return out;
}

let decodes = 0;
/** opj_decompress's samples of one segment, pixel-interleaved, little-endian. */
function decodeSegment(codestream: Uint8Array, samples: number, itemSize: number): Uint8Array {
  const name = tmp.path(`segment-${++decodes}`);
  writeFileSync(`${name}.j2k`, codestream);
  execFileSync('opj_decompress', ['-i', `${name}.j2k`, '-o', `${name}.rawl`], { stdio: 'pipe' });
  const planar = readFileSync(`${name}.rawl`);
  const plane = planar.length / samples;
  const out = new Uint8Array(planar.length);
  for (let s = 0; s < samples; s++)
    for (let p = 0; p < plane / itemSize; p++)
      for (let b = 0; b < itemSize; b++)
        out[(p * samples + s) * itemSize + b] = planar[s * plane + p * itemSize + b] as number;
  return out;
}

/** The image as stored (planes, rows, columns, contiguous samples), every segment decoded and put in place. */
async function decodeFile(bytes: Uint8Array, c: Case): Promise<Uint8Array> {
  const [page] = (await parse(bytes)).ifds;
  const item = c.dtype === 'uint8' ? 1 : 2;
  const contig = c.planar ? 1 : c.samples;
  const planes = c.planar ? c.samples : 1;
  const [tl, tw] = c.tile ?? [c.rowsPerStrip as number, W];
  const offsets = entryNumbers(page as never, c.tile ? TagCode.TileOffsets : TagCode.StripOffsets);
  const counts = entryNumbers(page as never, c.tile ? TagCode.TileByteCounts : TagCode.StripByteCounts);
  const across = Math.ceil(W / tw);
  const down = Math.ceil(H / tl);
  const out = new Uint8Array(planes * H * W * contig * item);
  offsets.forEach((offset, i) => {
    const plane = Math.floor(i / (across * down));
    const [y0, x0] = [Math.floor((i % (across * down)) / across) * tl, (i % across) * tw];
    const segment = decodeSegment(bytes.subarray(offset, offset + (counts[i] as number)), contig, item);
    const pixel = contig * item;
    for (let y = 0; y < tl && y0 + y < H; y++) {
      const row = segment.subarray(y * tw * pixel, (y * tw + Math.min(tw, W - x0)) * pixel);
      out.set(row, ((plane * H + y0 + y) * W + x0) * pixel);
    }
  });
  return out;
}

/** The case's values as written and stored: planar cases as [samples, rows, columns], little-endian bytes. */
function stored(c: Case): Uint8Array | Uint16Array | Int16Array {
  const data = picture(c);
  if (!c.planar) return data;
  const planar = new (data.constructor as Uint16ArrayConstructor)(data.length);
  for (let i = 0; i < data.length; i++) planar[(i % c.samples) * H * W + Math.floor(i / c.samples)] = data[i] as number;
  return planar;
}

function shapeOf(c: Case): number[] {
  return c.samples === 1 ? [H, W] : c.planar ? [c.samples, H, W] : [H, W, c.samples];
}

async function write(path: string, c: Case): Promise<Uint8Array> {
  await imwrite(
    path,
    { data: stored(c), shape: shapeOf(c) },
    {
      compression: 'jpeg2000',
      byteorder: c.byteOrder,
      bigtiff: c.bigTiff === true,
      photometric: c.samples === 1 ? 'minisblack' : 'rgb',
      ...(c.planar ? { planarConfig: 'separate' } : {}),
      ...(c.tile ? { tile: c.tile } : { rowsPerStrip: c.rowsPerStrip as number }),
      ...(c.bitsPerSample ? { bitsPerSample: c.bitsPerSample } : {}),
    },
  );
  return new Uint8Array(readFileSync(path));
}

describe('JPEG 2000 files', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: every segment decodes bit-exact', async (_name, c) => {
    const path = tmp.path(`${c.name.replace(/\W+/g, '_')}.tif`);
    const bytes = await write(path, c);
    expect(String.fromCharCode(bytes[0] as number, bytes[1] as number)).toBe(c.byteOrder === '<' ? 'II' : 'MM');
    expect(bytes[c.byteOrder === '<' ? 2 : 3]).toBe(c.bigTiff ? 43 : 42);
    const page = (await parse(bytes)).ifds[0];
    const t = tags(page as never);
    expect(t.get(TagCode.Compression)).toEqual([34712]);
    expect(t.get(TagCode.Predictor)).toBeUndefined();
    expect(t.get(TagCode.BitsPerSample)).toEqual(
      new Array(c.samples).fill(c.bitsPerSample ?? (c.dtype === 'uint8' ? 8 : 16)),
    );
    if (!missing('tiffinfo')) {
      const info = tiffinfo(path, { data: false });
      expect(info.stderr).toBe('');
      expect(info.stdout).toMatch(/Compression Scheme: (JPEG2000|34712)/);
    }
    if (!hasOpj) return;
    expect(await decodeFile(bytes, c)).toEqual(new Uint8Array(stored(c).buffer));
  });
});

/** PSNR in dB of the decoded samples against the written ones (little-endian bytes of `dtype`). */
function psnr(decoded: Uint8Array, expected: Uint8Array, dtype: Case['dtype']): number {
  const [a, b] = [decoded, expected].map((bytes) =>
    dtype === 'uint8' ? bytes : new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2),
  );
  let error = 0;
  for (let i = 0; i < (b as Uint8Array).length; i++) error += ((a?.[i] as number) - (b?.[i] as number)) ** 2;
  const peak = dtype === 'uint8' ? 255 : 65535;
  return 10 * Math.log10((peak * peak * (b as Uint8Array).length) / error);
}

describe('lossy JPEG 2000 files (compressionArgs.level: a PSNR in dB)', () => {
  // Strips without padding: every segment reaches the level, so the whole image does.
  it.each([
    [{ name: 'uint8 RGB', dtype: 'uint8', samples: 3, rowsPerStrip: 8, byteOrder: '<' } as Case, 38],
    [{ name: 'uint16 gray, big-endian', dtype: 'uint16', samples: 1, rowsPerStrip: 20, byteOrder: '>' } as Case, 60],
  ])('$name at $1 dB: smaller than lossless, every strip at that PSNR or better', async (c, level) => {
    const data = { data: stored(c), shape: shapeOf(c) };
    const options = {
      compression: 'jpeg2000',
      byteorder: c.byteOrder,
      rowsPerStrip: c.rowsPerStrip,
      photometric: c.samples === 1 ? 'minisblack' : 'rgb',
    } as const;
    const lossy = new MemorySink();
    await imwrite(lossy, data, { ...options, compressionArgs: { level } });
    const lossless = new MemorySink();
    await imwrite(lossless, data, options);
    const bytes = lossy.toUint8Array();
    expect(bytes.length).toBeLessThan(lossless.toUint8Array().length);
    if (!hasOpj) return;
    const measured = psnr(await decodeFile(bytes, c), new Uint8Array(stored(c).buffer), c.dtype);
    expect(measured).toBeGreaterThanOrEqual(level);
    expect(measured).toBeLessThan(Number.POSITIVE_INFINITY);
  });
});

/** tifffile's tags (all but offsets, byte counts and Software) for the same write, its J2K encoder stubbed. */
const TIFFFILE_TAGS = `
import io, json, sys
import numpy, tifffile
from tifffile import TIFF
TIFF.COMPRESSORS._codecs[34712] = lambda data, level=None, **kw: b'\\xff\\x4f\\xff\\x51'
DROP = {'StripOffsets', 'StripByteCounts', 'TileOffsets', 'TileByteCounts', 'Software'}
def page_tags(path):
    with tifffile.TiffFile(path) as tif:
        return {t.name: (list(t.value) if isinstance(t.value, tuple) else int(t.value) if hasattr(t.value, 'real') and not isinstance(t.value, str) else t.value) for t in tif.pages[0].tags.values() if t.name not in DROP}
out = []
for spec in json.loads(sys.argv[1]):
    data = numpy.zeros(spec['shape'], spec['dtype'])
    buf = io.BytesIO()
    tifffile.imwrite(buf, data, compression='jpeg2000', **spec['kwargs'])
    buf.seek(0)
    out.append({'tifffile': page_tags(buf), 'tiffkit': page_tags(spec['file'])})
print(json.dumps(out, default=str))
`;

describe.skipIf(missing('tifffile'))('tags as tifffile writes them', () => {
  it('matches tifffile for every case it can write (Debian’s 2023.2.3 has no J2K bitspersample)', async () => {
    const cases = CASES.filter((c) => c.bitsPerSample === undefined);
    const specs = [];
    for (const c of cases) {
      const file = tmp.path(`tags-${c.name.replace(/\W+/g, '_')}.tif`);
      await write(file, c);
      specs.push({
        file,
        shape: shapeOf(c),
        dtype: `${c.byteOrder}${{ uint8: 'u1', uint16: 'u2', int16: 'i2' }[c.dtype]}`,
        kwargs: {
          byteorder: c.byteOrder,
          bigtiff: c.bigTiff === true,
          photometric: c.samples === 1 ? 'minisblack' : 'rgb',
          ...(c.planar ? { planarconfig: 'separate' } : {}),
          ...(c.tile ? { tile: c.tile } : { rowsperstrip: c.rowsPerStrip }),
        },
      });
    }
    const out = execFileSync(python as string, ['-c', TIFFFILE_TAGS, JSON.stringify(specs)], { encoding: 'utf8' });
    const pairs = JSON.parse(out) as { tifffile: object; tiffkit: object }[];
    for (const [i, pair] of pairs.entries()) expect(pair.tiffkit, cases[i]?.name).toEqual(pair.tifffile);
  });
});

describe('JPEG 2000 rules, before any byte', () => {
  const gray16 = { data: new Uint16Array(H * W), shape: [H, W] };
  it.each([
    ['int8 data', { data: new Int8Array(H * W), shape: [H, W] }, {}, 'UNSUPPORTED', 'compression'],
    ['contiguous uint16 RGB', { data: new Uint16Array(H * W * 3), shape: [H, W, 3] }, {}, 'UNSUPPORTED', 'compression'],
    ['float32 data', { data: new Float32Array(H * W), shape: [H, W] }, {}, 'UNSUPPORTED', 'compression'],
    [
      'a level that is not a number',
      gray16,
      { compressionArgs: { level: 'high' } },
      'INVALID_OPTION',
      'compressionArgs.level',
    ],
    ['a predictor', gray16, { predictor: true }, 'INCOMPATIBLE_OPTIONS', 'predictor'],
    ['bitsPerSample 8 for uint16', gray16, { bitsPerSample: 8 }, 'INVALID_OPTION', 'bitsPerSample'],
    [
      'compressionArgs.bitspersample 17',
      gray16,
      { compressionArgs: { bitspersample: 17 } },
      'INVALID_OPTION',
      'compressionArgs.bitspersample',
    ],
    [
      'compressionArgs.bitspersample 5 for uint16',
      gray16,
      { compressionArgs: { bitspersample: 5 } },
      'INVALID_OPTION',
      'compressionArgs.bitspersample',
    ],
    [
      'mct: false for RGB',
      { data: new Uint8Array(H * W * 3), shape: [H, W, 3] },
      { compressionArgs: { mct: false } },
      'UNSUPPORTED',
      'compressionArgs.mct',
    ],
    ['an unknown key', gray16, { compressionArgs: { quality: 5 } }, 'INVALID_OPTION', 'compressionArgs.quality'],
  ] as const)('%s is refused', async (_name, data, options, code, option) => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    const before = sink.toUint8Array().slice();
    await expect(writer.write(data as never, { compression: 'jpeg2000', ...options } as never)).rejects.toMatchObject({
      name: 'TiffError',
      code,
      option,
    });
    expect(sink.toUint8Array()).toEqual(before);
    await writer.close();
  });

  it('takes its bit depth from compressionArgs.bitspersample too, and writes it as BitsPerSample', async () => {
    const sink = new MemorySink();
    const data = new Uint16Array(H * W).map((_, i) => i % 1024);
    await imwrite(sink, { data, shape: [H, W] }, { compression: 34712, compressionArgs: { bitspersample: 10 } });
    const [page] = (await parse(sink.toUint8Array())).ifds;
    expect(tags(page as never).get(TagCode.BitsPerSample)).toEqual([10]);
    const offset = entryNumbers(page as never, TagCode.StripOffsets)[0] as number;
    expect(sink.toUint8Array()[offset + 42]).toBe(9); // the codestream's SIZ: precision 10, unsigned
  });
});
