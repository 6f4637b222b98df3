import { inflateSync } from 'node:zlib';
import { DTypes } from '@tiffkit/tiff-core';
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as fflateBackend from '../src/deflate/backend-fflate.js';
import {
  adobeDeflateCodec,
  DEFAULT_DEFLATE_LEVEL,
  deflate,
  deflateBackendName,
  deflateCodec32946,
  deflateLevel,
  getCodec,
  pixtiffCodec,
} from '../src/index.js';
import * as nodeBackend from '../src/node/deflate-backend.js';
import { expectBytes } from './helpers/bytes.js';
import { sampleImage } from './helpers/images.js';
import { randomBytes } from './helpers/random.js';

const backends = [fflateBackend, nodeBackend];
const layout = { width: 64, rows: 64, samples: 1, dtype: DTypes.uint16, byteOrder: '<' as const };

function isZlibHeader(stream: Uint8Array): boolean {
  const cmf = stream[0] as number;
  const flg = stream[1] as number;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0;
}

describe('deflate backends', () => {
  const inputs = [
    new Uint8Array(0),
    Uint8Array.of(42),
    randomBytes(100_000, 1),
    sampleImage(DTypes.uint16, 256 * 256, '<', 3, 256),
    new Uint8Array(1 << 20),
  ];

  it.each(backends.map((b) => [b.deflateBackendName, b] as const))(
    '%s writes zlib-wrapped streams that inflate to the input at every level',
    (_name, backend) => {
      for (const input of inputs) {
        for (let level = 0; level <= 9; level++) {
          const stream = backend.zlibDeflate(input, level);
          expect(isZlibHeader(stream)).toBe(true);
          expectBytes(unzlibSync(stream), input);
          expectBytes(inflateSync(stream), input);
        }
      }
    },
  );

  it('both backends decode to identical bytes, and compress comparably', () => {
    const input = inputs[3] as Uint8Array;
    const a = fflateBackend.zlibDeflate(input, 6);
    const b = nodeBackend.zlibDeflate(input, 6);
    expectBytes(unzlibSync(a), unzlibSync(b));
    expect(Math.abs(a.length - b.length) / b.length).toBeLessThan(0.1);
  });

  it('returns buffers that own their whole ArrayBuffer (safe to transfer to a worker)', () => {
    for (const backend of backends) {
      for (const input of [Uint8Array.of(1, 2, 3), randomBytes(200_000, 2)]) {
        const out = backend.zlibDeflate(input, 6);
        expect(out.byteOffset).toBe(0);
        expect(out.buffer.byteLength).toBe(out.byteLength);
        expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
      }
    }
  });

  it('uses node:zlib under Node (the source-level alias picks the Node module, as the "node" condition does)', () => {
    expect(deflateBackendName).toBe('node:zlib');
  });
});

describe('deflate', () => {
  it('defaults to level 6 and leaves its input untouched', () => {
    const input = randomBytes(5000, 4);
    const copy = input.slice();
    expect(DEFAULT_DEFLATE_LEVEL).toBe(6);
    expect(deflate(input)).toEqual(deflate(input, 6));
    expect(deflate(input, 0)).not.toEqual(deflate(input, 6));
    expect(input).toEqual(copy);
  });

  it.each([-1, 10, 1.5, Number.NaN, '6', Number.POSITIVE_INFINITY])(
    'rejects level %s naming compressionArgs.level',
    (level) => {
      expect(() => deflate(new Uint8Array(1), level as number)).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION', option: 'compressionArgs.level' }),
      );
      expect(() => adobeDeflateCodec.encode(new Uint8Array(1), layout, { level: level as number })).toThrow(
        /compressionArgs\.level=.*0 \(no compression\) to 9/,
      );
    },
  );

  it('accepts undefined and null as the default level', () => {
    expect(deflateLevel(undefined)).toBe(6);
    expect(deflateLevel(null)).toBe(6);
    expect(deflateLevel(0)).toBe(0);
  });

  it('serves codes 8, 32946 and 50013 with the same stream', () => {
    const input = sampleImage(DTypes.uint16, 64 * 64, '<');
    for (const [code, codec, name] of [
      [8, adobeDeflateCodec, 'ADOBE_DEFLATE'],
      [32946, deflateCodec32946, 'DEFLATE'],
      [50013, pixtiffCodec, 'PIXTIFF'],
    ] as const) {
      expect(getCodec(code)).toBe(codec);
      expect(codec.name).toBe(name);
      const stream = codec.encode(input, layout, { level: 9 });
      expect(stream).toEqual(deflate(input, 9));
      expectBytes(unzlibSync(stream), input);
    }
  });
});
