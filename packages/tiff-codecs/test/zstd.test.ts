import { DTypes } from '@tiffkit/tiff-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Codec, loadCodec, zstdFromZlib, zstdLevel } from '../src/index.js';
import { loadZstdBackend } from '../src/zstd/codec.js';
import { expectBytes } from './helpers/bytes.js';
import { unzstd } from './helpers/decode-cli.js';
import { sampleImage } from './helpers/images.js';
import { available } from './helpers/interop.js';
import { randomBytes } from './helpers/random.js';

const layout = { width: 256, rows: 64, samples: 1, dtype: DTypes.uint16, byteOrder: '<' as const };
const image = sampleImage(DTypes.uint16, 256 * 64, '<', 5, 256);

describe('zstdLevel', () => {
  it('defaults to 3, maps 0 to 3 and keeps -131072…22', () => {
    expect(zstdLevel(undefined)).toBe(3);
    expect(zstdLevel(null)).toBe(3);
    expect(zstdLevel(0)).toBe(3);
    expect(zstdLevel(-131072)).toBe(-131072);
    expect(zstdLevel(1)).toBe(1);
    expect(zstdLevel(22)).toBe(22);
  });

  it.each([23, -131073, 1.5, '3', Number.NaN, true])('refuses %s naming compressionArgs.level', (level) => {
    expect(() => zstdLevel(level)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'compressionArgs.level' }),
    );
    expect(() => zstdLevel(level)).toThrow(
      /compressionArgs\.level=.* is invalid: expected a Zstandard level, an integer from -131072/,
    );
  });
});

describe('zstdFromZlib (Node ≥ 22.15 zlib)', () => {
  it('is undefined when zlib has no zstdCompressSync (Node 20)', () => {
    expect(zstdFromZlib({ constants: { Z_OK: 0 } })).toBeUndefined();
    expect(zstdFromZlib({ constants: {}, zstdCompressSync: () => new Uint8Array(0) })).toBeUndefined();
  });

  it('passes the level as ZSTD_c_compressionLevel and returns a buffer the caller owns', () => {
    const calls: unknown[] = [];
    const pool = new Uint8Array(64);
    pool.set([9, 8, 7], 10);
    const compress = zstdFromZlib({
      constants: { ZSTD_c_compressionLevel: 100 },
      zstdCompressSync: (data, options) => {
        calls.push([data.length, options]);
        return pool.subarray(10, 13); // a slice of a shared pool, as Node's small Buffers are
      },
    });
    const out = compress?.(Uint8Array.of(1, 2), 7);
    expect(calls).toEqual([[2, { params: { 100: 7 } }]]);
    expect(out).toEqual(Uint8Array.of(9, 8, 7));
    expect(out?.buffer.byteLength).toBe(3);
  });
});

describe('ZSTD codec', () => {
  let codec: Codec;
  beforeAll(async () => {
    codec = await loadCodec(50000);
  });

  it('uses the WebAssembly encoder on Node 20 (no zstd in its zlib)', async () => {
    const { name } = await loadZstdBackend();
    const nodeHasZstd =
      typeof ((await import('node:zlib')) as Record<string, unknown>)['zstdCompressSync'] === 'function';
    expect(name).toBe(nodeHasZstd ? 'node:zlib' : '@bokuweb/zstd-wasm');
  });

  it('writes one frame (magic 28 B5 2F FD) and compresses', () => {
    const out = codec.encode(image, layout, {});
    expect([...out.subarray(0, 4)]).toEqual([0x28, 0xb5, 0x2f, 0xfd]);
    expect(out.length).toBeLessThanOrEqual(image.length + 64); // the sample image is mostly noise
    const ramp = Uint8Array.from({ length: 1 << 18 }, (_, i) => (i >> 6) & 0xff);
    expect(codec.encode(ramp, { ...layout, width: 1 << 18, rows: 1 }, {}).length).toBeLessThan(ramp.length / 20);
    const flat = new Uint8Array(1 << 20).fill(7);
    expect(codec.encode(flat, { ...layout, width: 1 << 19, rows: 1 }, {}).length).toBeLessThan(200);
  });

  it('does not modify its input', () => {
    const copy = image.slice();
    codec.encode(image, layout, { level: 9 });
    expect(image).toEqual(copy);
  });

  it('gives smaller output at higher levels on the same data', () => {
    const sizes = [1, 9, 19].map((level) => codec.encode(image, layout, { level }).length);
    expect(sizes[1]).toBeLessThanOrEqual(sizes[0] as number);
    expect(sizes[2]).toBeLessThanOrEqual(sizes[1] as number);
  });

  it('refuses a bad level when encoding too', () => {
    expect(() => codec.encode(image, layout, { level: 30 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });

  it('serves ZSTD_DEPRECATED (34926) with the same stream', async () => {
    const old = await loadCodec(34926);
    expect(old.code).toBe(34926);
    expect(old.encode(image, layout, { level: 5 })).toEqual(codec.encode(image, layout, { level: 5 }));
  });

  describe.skipIf(!available('zstd'))('decoded by the zstd command', () => {
    it.each([-5, 1, 3, 9, 19, 22])('level %i: bit-exact', (level) => {
      expectBytes(unzstd(codec.encode(image, layout, { level })), image, `level ${level}`);
    });

    it('empty, one-byte and incompressible segments', () => {
      for (const data of [new Uint8Array(0), Uint8Array.of(42), randomBytes(300_000, 3)]) {
        expectBytes(unzstd(codec.encode(data, layout, {})), data, `${data.length} bytes`);
      }
    });
  });
});
