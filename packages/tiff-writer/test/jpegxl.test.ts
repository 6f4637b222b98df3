/**
 * JPEG XL (50002) through the writer: strips and tiles, both byte orders, BigTIFF. No TIFF reader here
 * decodes JPEG XL (tifffile 2023.2.3 has no imagecodecs, libtiff 4.5 and GDAL 3.6 no JXL codec), so
 * every strip or tile is decoded by libjxl's `djxl` as the codestream it is and put back in place; the
 * tags are compared with what tifffile writes for the same call (its JPEG XL encoder replaced by a stub).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { TagCode } from '@tiffkit/tiff-core';
import { afterAll, describe, expect, it } from 'vitest';
import { imwrite, MemorySink, TiffWriter } from '../src/index.js';
import { missing, python, tempDir } from './helpers/interop.js';
import { parse, tags } from './helpers/read.js';

const H = 40;
const W = 72;
const tmp = tempDir('tiffkit-jxl-');
afterAll(() => tmp.cleanup());

function djxlAvailable(): boolean {
  if (spawnSync('sh', ['-c', 'command -v djxl'], { stdio: 'ignore' }).status === 0) return true;
  if (process.env['REQUIRE_INTEROP'] === '1')
    throw new Error("djxl (Debian's libjxl-tools) is required (REQUIRE_INTEROP=1)");
  console.warn("NOTICE: djxl (Debian's libjxl-tools) is not installed: JPEG XL interop tests are skipped");
  return false;
}

type Kind = 'uint8' | 'uint16' | 'float32';
const ARRAYS = { uint8: Uint8Array, uint16: Uint16Array, float32: Float32Array };

function picture(kind: Kind, samples: number): Uint8Array | Uint16Array | Float32Array {
  const out = new ARRAYS[kind](H * W * samples);
  for (let i = 0; i < out.length; i++) {
    const v = 0.5 + 0.4 * Math.sin(i / 23) * Math.cos(i / 301) + 0.1 * (((i * 7919) % 13) / 13);
    out[i] = kind === 'float32' ? v * 100 - 30 : Math.floor(v * (kind === 'uint8' ? 255 : 65535));
  }
  return out;
}

/** One segment decoded by djxl: PGM/PPM for integers (big-endian 16-bit), PFM (bottom row first) for floats. */
function decodeSegment(jxl: Uint8Array, name: string, kind: Kind, samples: number): number[] {
  const input = tmp.path(`${name}.jxl`);
  const output = tmp.path(`${name}.${kind === 'float32' ? 'pfm' : samples === 1 ? 'pgm' : 'ppm'}`);
  writeFileSync(input, jxl);
  execFileSync('djxl', [input, output, '--quiet']);
  const bytes = readFileSync(output);
  let at = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[at] as number))) at++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(bytes[at] as number))) field += String.fromCharCode(bytes[at++] as number);
    fields.push(field);
  }
  const [, w, h, max] = fields.map(Number) as [number, number, number, number];
  const view = new DataView(bytes.buffer, bytes.byteOffset + at + 1);
  const perRow = w * samples;
  return Array.from({ length: w * h * samples }, (_, i) => {
    if (kind !== 'float32') return max > 255 ? view.getUint16(2 * i) : view.getUint8(i);
    const [y, x] = [Math.floor(i / perRow), i % perRow];
    return view.getFloat32(((h - 1 - y) * perRow + x) * 4, max < 0);
  });
}

/** The image as djxl decodes the file's segments, each put back where it belongs. */
async function decodeFile(file: Uint8Array, kind: Kind, samples: number, tiled: boolean): Promise<number[]> {
  const [page] = (await parse(file)).ifds;
  const t = tags(page as never);
  const offsets = t.get(tiled ? TagCode.TileOffsets : TagCode.StripOffsets) as number[];
  const counts = t.get(tiled ? TagCode.TileByteCounts : TagCode.StripByteCounts) as number[];
  const [tl, tw] = tiled ? [16, 32] : [16, W];
  const across = Math.ceil(W / tw);
  const out = new Array<number>(H * W * samples).fill(Number.NaN);
  offsets.forEach((offset, i) => {
    const values = decodeSegment(file.subarray(offset, offset + (counts[i] as number)), `seg${i}`, kind, samples);
    const rows = values.length / (tw * samples);
    const [y0, x0] = [Math.floor(i / across) * tl, (i % across) * tw];
    for (let y = 0; y < rows && y0 + y < H; y++) {
      for (let x = 0; x < tw && x0 + x < W; x++) {
        for (let s = 0; s < samples; s++)
          out[((y0 + y) * W + x0 + x) * samples + s] = values[(y * tw + x) * samples + s] as number;
      }
    }
  });
  return out;
}

const CASES = [
  { name: 'uint8 RGB, strips', kind: 'uint8', samples: 3, tiled: false, byteorder: '<', bigtiff: false },
  { name: 'uint8 RGB, tiles', kind: 'uint8', samples: 3, tiled: true, byteorder: '<', bigtiff: false },
  { name: 'uint16 gray, big-endian strips', kind: 'uint16', samples: 1, tiled: false, byteorder: '>', bigtiff: false },
  {
    name: 'uint16 RGB, big-endian BigTIFF tiles',
    kind: 'uint16',
    samples: 3,
    tiled: true,
    byteorder: '>',
    bigtiff: true,
  },
  { name: 'float32 gray, tiles', kind: 'float32', samples: 1, tiled: true, byteorder: '<', bigtiff: false },
  {
    name: 'float32 gray, big-endian BigTIFF strips',
    kind: 'float32',
    samples: 1,
    tiled: false,
    byteorder: '>',
    bigtiff: true,
  },
] as const;

function options(c: (typeof CASES)[number]) {
  return {
    byteorder: c.byteorder,
    bigtiff: c.bigtiff,
    compression: 'jpegxl',
    photometric: c.samples === 1 ? 'minisblack' : 'rgb',
    ...(c.tiled ? { tile: [16, 32] } : { rowsPerStrip: 16 }),
  } as const;
}

describe.skipIf(!djxlAvailable())('JPEG XL written by the writer, decoded by djxl', () => {
  it.each(CASES)('$name: bit-exact', async (c) => {
    const data = picture(c.kind, c.samples);
    const sink = new MemorySink();
    await imwrite(sink, { data, shape: c.samples === 1 ? [H, W] : [H, W, c.samples] }, options(c));
    const file = sink.toUint8Array();
    expect([...file.subarray(0, 2)]).toEqual(c.byteorder === '<' ? [0x49, 0x49] : [0x4d, 0x4d]);
    expect(await decodeFile(file, c.kind, c.samples, c.tiled)).toEqual(Array.from(data));
  });

  it('bitsPerSample 12 of uint16: BitsPerSample 12, a 12-bit codestream (tifffile: bitspersample for JXL)', async () => {
    const data = Uint16Array.from(picture('uint16', 1), (v) => v >> 4);
    const sink = new MemorySink();
    await imwrite(sink, { data, shape: [H, W] }, { compression: 'jpegxl', bitsPerSample: 12, rowsPerStrip: H });
    const file = sink.toUint8Array();
    const t = tags((await parse(file)).ifds[0] as never);
    expect([t.get(TagCode.BitsPerSample), t.get(TagCode.Compression)]).toEqual([[12], [50002]]);
    const [offset, count] = [
      (t.get(TagCode.StripOffsets) as number[])[0],
      (t.get(TagCode.StripByteCounts) as number[])[0],
    ];
    // djxl 0.7 writes a 12-bit image's samples scaled to 16 bits: scaled back, each value comes out as stored.
    const decoded = decodeSegment(file.subarray(offset, (offset as number) + (count as number)), 'bits12', 'uint16', 1);
    expect(decoded.map((d) => Math.round((d * 4095) / 65535))).toEqual(Array.from(data));
  });

  it('compressionArgs.effort reaches the encoder: effort 9 tiles smaller than effort 1, bit-exact, any workers', async () => {
    const data = picture('uint8', 3);
    const write = async (effort: number, maxWorkers: number) => {
      const sink = new MemorySink();
      await imwrite(
        sink,
        { data, shape: [H, W, 3] },
        { compression: 'jpegxl', compressionArgs: { effort }, tile: [16, 32], maxWorkers },
      );
      return sink.toUint8Array();
    };
    const [fast, small, smallPooled] = [await write(1, 0), await write(9, 0), await write(9, 2)];
    expect(small.length).toBeLessThan(fast.length);
    expect(smallPooled).toEqual(small);
    expect(await decodeFile(small, 'uint8', 3, true)).toEqual(Array.from(data));
  });

  it('lossy compressionArgs (level 90 = distance 1): near-lossless tiles, each uint16 sample within 256', async () => {
    const data = picture('uint16', 1);
    const sink = new MemorySink();
    await imwrite(
      sink,
      { data, shape: [H, W] },
      { compression: 'jpegxl', compressionArgs: { level: 90 }, tile: [16, 32] },
    );
    const file = sink.toUint8Array();
    const lossless = new MemorySink();
    await imwrite(lossless, { data, shape: [H, W] }, { compression: 'jpegxl', tile: [16, 32] });
    expect(file.length).toBeLessThan(lossless.toUint8Array().length);
    const decoded = await decodeFile(file, 'uint16', 1, true);
    const worst = decoded.reduce((m, v, i) => Math.max(m, Math.abs(v - (data[i] as number))), 0);
    expect(worst).toBeLessThanOrEqual(256);
    expect(worst).toBeGreaterThan(16);
  });

  it('same bytes with 1 and 2 workers as in the calling thread', async () => {
    const data = picture('uint16', 3);
    const files = [];
    for (const maxWorkers of [0, 1, 2]) {
      const sink = new MemorySink();
      await imwrite(sink, { data, shape: [H, W, 3] }, { compression: 'jpegxl', tile: [16, 32], maxWorkers });
      files.push(sink.toUint8Array());
    }
    expect(files[1]).toEqual(files[0]);
    expect(files[2]).toEqual(files[0]);
  });
});

/** tifffile's tags for the same call, its JPEG XL compressor replaced by a stub (no imagecodecs here). */
const TIFFFILE_TAGS = `
import json, sys, numpy, tifffile
spec = json.loads(sys.argv[1])
tifffile.TIFF.COMPRESSORS._codecs[50002] = lambda data, **kw: b'JXL-STUB'
data = numpy.zeros(spec['shape'], spec['dtype'])
kw = {k: v for k, v in spec['kwargs'].items()}
tifffile.imwrite(spec['path'], data, compression=50002, metadata=None, software=False, **kw)
with tifffile.TiffFile(spec['path']) as tif:
    print(json.dumps({str(t.code): (list(t.value) if isinstance(t.value, tuple) else (t.value if isinstance(t.value, (int, str)) else int(t.value))) for t in tif.pages[0].tags.values()}))
`;

describe.skipIf(missing('tifffile'))('tags as tifffile writes them for JPEG XL', () => {
  const COMPARED = [256, 257, 258, 259, 262, 277, 284, 317, 322, 323, 338, 339];
  it.each([
    ['uint8 RGB tiles', 'uint8', [H, W, 3], { photometric: 'rgb', tile: [16, 32] }],
    ['uint16 gray strips', 'uint16', [H, W], { rowsperstrip: 16 }],
    ['float32 gray', 'float32', [H, W], {}],
    ['uint8 RGBA', 'uint8', [H, W, 4], { photometric: 'rgb', extrasamples: ['unassalpha'] }],
    ['uint16 gray + alpha', 'uint16', [H, W, 2], { photometric: 'minisblack', extrasamples: ['unassalpha'] }],
    ['float16 RGB', 'float16', [H, W, 3], { photometric: 'rgb' }],
  ] as const)('%s', async (name, dtype, shape, kwargs) => {
    const path = tmp.path(`tifffile-${name.replace(/\W+/g, '_')}.tif`);
    const out = execFileSync(python as string, ['-c', TIFFFILE_TAGS, JSON.stringify({ path, dtype, shape, kwargs })], {
      encoding: 'utf8',
    });
    const theirs = JSON.parse(out) as Record<string, unknown>;
    const sink = new MemorySink();
    const ours = {
      ...('photometric' in kwargs ? { photometric: kwargs.photometric } : {}),
      ...('tile' in kwargs ? { tile: kwargs.tile } : {}),
      ...('rowsperstrip' in kwargs ? { rowsPerStrip: kwargs.rowsperstrip } : {}),
      ...('extrasamples' in kwargs ? { extraSamples: kwargs.extrasamples } : {}),
    };
    const size = shape.reduce((a, b) => a * b, 1);
    // float16 travels in a Uint16Array with its dtype named.
    const input =
      dtype === 'float16' ? { data: new Uint16Array(size), shape, dtype } : { data: new ARRAYS[dtype](size), shape };
    await imwrite(sink, input, { compression: 'jpegxl', metadata: null, software: false, ...ours } as never);
    const mine = tags((await parse(sink.toUint8Array())).ifds[0] as never);
    for (const code of COMPARED) {
      const value = mine.get(code);
      const expected = theirs[String(code)];
      expect([code, Array.isArray(value) && value.length === 1 ? value[0] : value]).toEqual([
        code,
        Array.isArray(expected) && expected.length === 1 ? expected[0] : expected,
      ]);
    }
  });
});

describe('JPEG XL rules, before any byte', () => {
  it.each([
    [
      'lossy level with float32',
      { data: picture('float32', 1), shape: [H, W] },
      { level: 90 },
      'UNSUPPORTED',
      'compressionArgs',
    ],
    [
      'a distance with float32',
      { data: picture('float32', 1), shape: [H, W] },
      { distance: 1 },
      'UNSUPPORTED',
      'compressionArgs',
    ],
    ['int16 data', { data: new Int16Array(H * W), shape: [H, W] }, {}, 'UNSUPPORTED', 'compression'],
    ['5 samples', { data: new Uint8Array(H * W * 5), shape: [H, W, 5] }, {}, 'UNSUPPORTED', 'compression'],
    [
      'bit depth 8 of uint16',
      { data: new Uint16Array(H * W), shape: [H, W] },
      { bits: 8 },
      'INVALID_OPTION',
      'bitsPerSample',
    ],
    [
      'bit depth of float32',
      { data: new Float32Array(H * W), shape: [H, W] },
      { bits: 24 },
      'INVALID_OPTION',
      'bitsPerSample',
    ],
  ] as const)('%s is refused', async (_name, data, args, code, option) => {
    const { bits, ...compressionArgs } = args as { bits?: number };
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    const before = sink.toUint8Array().slice();
    const options = {
      compression: 'jpegxl',
      compressionArgs,
      ...(bits ? { bitsPerSample: bits } : {}),
      ...(data.shape.length === 3 && data.shape[2] === 5 ? { planarConfig: 'contig', photometric: 'minisblack' } : {}),
    };
    await expect(writer.write(data as never, options as never)).rejects.toMatchObject({
      name: 'TiffError',
      code,
      option,
    });
    expect(sink.toUint8Array()).toEqual(before);
    await writer.close();
  });
});

describe('samples beyond bitsPerSample (JPEG XL and JPEG 2000)', () => {
  it('keep their low bits, as packed integers do: the write never fails half-way', async () => {
    const sink = new MemorySink();
    const writer = await TiffWriter.open(sink);
    const data = new Uint16Array(2 * 64 * 64).fill(300);
    data[data.length - 1] = 1000; // beyond 9 bits, in the last tile
    for (const compression of ['jpegxl', 'jpeg2000'] as const) {
      await writer.write(
        { data, shape: [2, 64, 64] },
        { compression, bitsPerSample: 9, tile: [32, 32], photometric: 'minisblack' },
      );
    }
    await writer.write({ data: new Uint8Array(16), shape: [4, 4] }); // the writer is still usable
    await writer.close();
    const file = await parse(sink.toUint8Array());
    expect(file.ifds.map((ifd) => tags(ifd).get(TagCode.BitsPerSample))).toEqual([[9], [9], [9], [9], [8]]);
  });
});
