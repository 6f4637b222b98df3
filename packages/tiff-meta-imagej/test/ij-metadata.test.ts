import { describe, expect, it } from 'vitest';
import { decodeIjMetadata, encodeIjMetadata, IJ_METADATA_BYTE_COUNTS_TAG, IJ_METADATA_TAG } from '../src/index.js';
import { expectImageJError } from './errors.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ramp = Uint8Array.from({ length: 256 }, (_, i) => i);
const zeros = new Uint8Array(256);

/** Three LUTs in the three accepted forms: flat 768 bytes, rows of 256, and a (3, 256) array-like. */
const redLut = Uint8Array.from([...ramp, ...zeros, ...zeros]);
const greenLut = [Array.from(zeros), Array.from(ramp), Array.from(zeros)];
const grayLut = { data: Uint8Array.from([...ramp, ...ramp, ...ramp]), shape: [3, 256] };

/** The case tifffile verified: Info 'info text', 3 labels, 6 ranges, 3 LUTs, 1 property. */
const VERIFIED = {
  Info: 'info text',
  Labels: ['a', 'b', 'c'],
  Ranges: [0, 255, 1, 10.5, -1, 0.5],
  LUTs: [redLut, greenLut, grayLut],
  Properties: { k: 'v' },
};

describe('encodeIjMetadata: the tifffile-verified layout', () => {
  it('uses the tag codes ImageJ reads', () => {
    expect([IJ_METADATA_BYTE_COUNTS_TAG, IJ_METADATA_TAG]).toEqual([50838, 50839]);
  });

  it('little-endian: byte counts, reversed magic and type codes, UTF-16LE, packed float64 LE', () => {
    const encoded = encodeIjMetadata(VERIFIED, '<');
    expect(encoded?.byteCounts).toEqual([44, 18, 2, 2, 2, 48, 768, 768, 768, 2, 2]);
    const data = encoded?.data ?? new Uint8Array();
    expect(data.byteLength).toBe(44 + 18 + 6 + 48 + 3 * 768 + 4);
    expect(Buffer.from(data.subarray(0, 44)).toString('latin1')).toBe(
      'JIJI' + 'ofni\x01\0\0\0' + 'lbal\x03\0\0\0' + 'gnar\x01\0\0\0' + 'stul\x03\0\0\0' + 'porp\x02\0\0\0',
    );
    expect(hex(data.subarray(44, 62))).toBe('69006e0066006f0020007400650078007400');
    expect(hex(data.subarray(62, 68))).toBe('610062006300');
    expect(hex(data.subarray(68, 116))).toBe(
      '0000000000000000' +
        '0000000000e06f40' +
        '000000000000f03f' +
        '0000000000002540' +
        '000000000000f0bf' +
        '000000000000e03f',
    );
    expect(data.subarray(116, 116 + 768)).toEqual(redLut);
    expect(data.subarray(116 + 768, 116 + 2 * 768)).toEqual(Uint8Array.from([...zeros, ...ramp, ...zeros]));
    expect(data.subarray(116 + 2 * 768, 116 + 3 * 768)).toEqual(grayLut.data);
    expect(hex(data.subarray(2420))).toBe('6b007600');
  });

  it('big-endian: IJIJ magic, type codes as spelled, UTF-16BE, float64 BE', () => {
    const encoded = encodeIjMetadata(VERIFIED, '>');
    expect(encoded?.byteCounts).toEqual([44, 18, 2, 2, 2, 48, 768, 768, 768, 2, 2]);
    const data = encoded?.data ?? new Uint8Array();
    expect(Buffer.from(data.subarray(0, 44)).toString('latin1')).toBe(
      'IJIJ' + 'info\0\0\0\x01' + 'labl\0\0\0\x03' + 'rang\0\0\0\x01' + 'luts\0\0\0\x03' + 'prop\0\0\0\x02',
    );
    expect(hex(data.subarray(44, 62))).toBe('0069006e0066006f00200074006500780074');
    expect(hex(data.subarray(62, 68))).toBe('006100620063');
    expect(hex(data.subarray(68, 84))).toBe('0000000000000000406fe00000000000');
    expect(hex(data.subarray(2420))).toBe('006b0076');
  });

  it('writes every type in the fixed order, with Plot/ROI raw and one entry per overlay', () => {
    const metadata = {
      properties: { a: 'b' },
      overlays: [Uint8Array.of(6), Uint8Array.of(7, 8)],
      roi: Uint8Array.of(4, 5),
      plot: Uint8Array.of(1, 2, 3),
      luts: redLut,
      ranges: Float64Array.of(2),
      labels: ['x'],
      info: 'i',
    };
    const le = encodeIjMetadata(metadata, '<');
    expect(le?.byteCounts).toEqual([68, 2, 2, 8, 768, 3, 2, 1, 2, 2, 2]);
    expect(Buffer.from(le?.data.subarray(0, 68) ?? []).toString('latin1')).toBe(
      'JIJI' +
        'ofni\x01\0\0\0' +
        'lbal\x01\0\0\0' +
        'gnar\x01\0\0\0' +
        'stul\x01\0\0\0' +
        'tolp\x01\0\0\0' +
        ' ior\x01\0\0\0' +
        'revo\x02\0\0\0' +
        'porp\x02\0\0\0',
    );
    const be = encodeIjMetadata(metadata, '>');
    const codes = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      Buffer.from(be?.data.subarray(4 + 8 * i, 8 + 8 * i) ?? []).toString('latin1'),
    );
    expect(codes.join('')).toBe('infolablranglutsplotroi overprop');
    const tail = be?.data.subarray(68 + 2 + 2 + 8 + 768) ?? new Uint8Array();
    expect(hex(tail)).toBe('010203' + '0405' + '06' + '0708' + '0061' + '0062');
  });

  it('formats property values like the description and accepts a Map', () => {
    const encoded = encodeIjMetadata(
      {
        Properties: new Map<string, unknown>([
          ['n', 2.5],
          ['ok', true],
          ['i', 3],
        ]),
      },
      '<',
    );
    expect(decodeIjMetadata(encoded?.data ?? new Uint8Array(), encoded?.byteCounts ?? [], '<')).toEqual({
      Properties: { n: '2.5', ok: 'true', i: '3' },
    });
  });

  it('reads a strided (3, 256) LUT, e.g. a transposed (256, 3) buffer', () => {
    const interleaved = Uint8Array.from({ length: 768 }, (_, i) => (i % 3 === 0 ? Math.floor(i / 3) : 0));
    const encoded = encodeIjMetadata({ LUTs: [{ data: interleaved, shape: [3, 256], stride: [1, 3] }] }, '<');
    expect(encoded?.data.subarray(12)).toEqual(redLut);
    const offset = encodeIjMetadata(
      { LUTs: [{ data: Uint8Array.from([9, ...redLut]), shape: [3, 256], offset: 1 }] },
      '>',
    );
    expect(offset?.data.subarray(12)).toEqual(redLut);
  });

  it('returns undefined without binary keys or when all of them are empty or undefined', () => {
    expect(encodeIjMetadata({}, '<')).toBeUndefined();
    expect(encodeIjMetadata({ unit: 'um', spacing: 2 }, '<')).toBeUndefined();
    expect(
      encodeIjMetadata(
        {
          Info: '',
          Labels: [],
          Ranges: [],
          LUTs: [],
          Plot: new Uint8Array(0),
          ROI: undefined,
          Overlays: [],
          Properties: {},
        },
        '>',
      ),
    ).toBeUndefined();
  });

  it('leaves empty keys out of the header instead of writing records without entries', () => {
    const encoded = encodeIjMetadata({ Info: 'x', Labels: [] }, '<');
    expect(encoded?.byteCounts).toEqual([12, 2]);
  });
});

describe('encodeIjMetadata: errors name the metadata key', () => {
  const encode = (metadata: Record<string, unknown>) => encodeIjMetadata(metadata, '<');

  it('rejects an invalid byte order', () => {
    expectImageJError(
      () => encodeIjMetadata({ Info: 'x' }, 'II' as '<'),
      'INVALID_OPTION',
      'byteOrder',
      /expected '<' or '>'/,
    );
  });

  it('rejects two spellings of one key', () => {
    expectImageJError(
      () => encode({ Info: 'a', info: 'b' }),
      'INVALID_OPTION',
      'metadata.info',
      /both 'Info' and 'info'/,
    );
  });

  it('rejects wrong value types', () => {
    expectImageJError(() => encode({ Info: 3 }), 'INVALID_OPTION', 'metadata.Info', /=3 is invalid: expected a string/);
    expectImageJError(() => encode({ Labels: 'a' }), 'INVALID_OPTION', 'metadata.Labels', /an array of strings/);
    expectImageJError(() => encode({ Labels: ['a', 2] }), 'INVALID_OPTION', 'metadata.Labels[1]', /=2 is invalid/);
    expectImageJError(() => encode({ Ranges: [0, '1'] }), 'INVALID_OPTION', 'metadata.Ranges', /array of numbers/);
    expectImageJError(() => encode({ Ranges: 5 }), 'INVALID_OPTION', 'metadata.Ranges', /array of numbers/);
    expectImageJError(() => encode({ Plot: [1, 2] }), 'INVALID_OPTION', 'metadata.Plot', /Uint8Array/);
    expectImageJError(() => encode({ ROI: 'roi' }), 'INVALID_OPTION', 'metadata.ROI', /Uint8Array/);
    expectImageJError(
      () => encode({ Overlays: [Uint8Array.of(1), [2]] }),
      'INVALID_OPTION',
      'metadata.Overlays[1]',
      /one serialised ROI/,
    );
    expectImageJError(() => encode({ Overlays: 'x' }), 'INVALID_OPTION', 'metadata.Overlays', /one serialised ROI/);
    expectImageJError(
      () => encode({ Properties: ['a', 'b'] }),
      'INVALID_OPTION',
      'metadata.Properties',
      /plain object or Map/,
    );
    expectImageJError(
      () => encode({ Properties: new Date() }),
      'INVALID_OPTION',
      'metadata.Properties',
      /plain object or Map/,
    );
    expectImageJError(
      () => encode({ Properties: { a: null } }),
      'INVALID_OPTION',
      'metadata.Properties.a',
      /=null is invalid/,
    );
    expectImageJError(
      () => encode({ Properties: new Map([[1, 'a']]) }),
      'INVALID_OPTION',
      'metadata.Properties key',
      /=1 is invalid/,
    );
  });

  it('rejects invalid LUTs', () => {
    expectImageJError(
      () => encode({ LUTs: [new Uint8Array(767)] }),
      'INVALID_OPTION',
      'metadata.LUTs[0]',
      /is not a LUT: give 768 bytes/,
    );
    expectImageJError(() => encode({ LUTs: 'gray' }), 'INVALID_OPTION', 'metadata.LUTs', /is not a LUT/);
    expectImageJError(
      () => encode({ LUTs: [{ data: new Uint8Array(768), shape: [256, 3] }] }),
      'INVALID_OPTION',
      'metadata.LUTs[0]',
      /shape \[256, 3\]: a LUT is \[3, 256\]/,
    );
    const tooBright = Array.from({ length: 768 }, (_, i) => (i === 300 ? 256 : 0));
    expectImageJError(
      () => encode({ LUTs: [tooBright] }),
      'INVALID_OPTION',
      'metadata.LUTs[0]',
      /\[1\]\[44\]=256 is not a LUT value/,
    );
    const fraction = [Array(256).fill(0), Array(256).fill(0.5), Array(256).fill(0)];
    expectImageJError(() => encode({ LUTs: [fraction] }), 'INVALID_OPTION', 'metadata.LUTs[0]', /\[1\]\[0\]=0.5/);
    expectImageJError(
      () => encode({ LUTs: [Array(768).fill(-1)] }),
      'INVALID_OPTION',
      'metadata.LUTs[0]',
      /=-1 is not a LUT value/,
    );
  });

  it('rejects strings with unpaired surrogates', () => {
    expectImageJError(
      () => encode({ Info: 'a\ud800' }),
      'INVALID_OPTION',
      'metadata.Info',
      /unpaired UTF-16 surrogate at index 1/,
    );
    expectImageJError(() => encode({ Labels: ['ok', '\udc00'] }), 'INVALID_OPTION', 'metadata.Labels[1]', /index 0/);
    expectImageJError(
      () => encode({ Properties: { k: 'x\udbff' } }),
      'INVALID_OPTION',
      'metadata.Properties.k',
      /surrogate/,
    );
  });
});

describe('IJMetadata round trip', () => {
  const metadata = {
    Info: 'Line one\nline two: µm, Zellkern ä, 😀 = emoji\r\n',
    Labels: ['ch0 = DAPI', '', 'naïve\tlabel', '𝔘𝔫𝔦'],
    Ranges: [0, 4095.5, -1e-300, 1e300],
    LUTs: [redLut, greenLut],
    Plot: Uint8Array.of(0, 1, 2, 255),
    ROI: Uint8Array.of(73, 111, 117, 116),
    Overlays: [Uint8Array.of(1), Uint8Array.of(2, 3)],
    Properties: { 'key with spaces': 'value\nwith = line', µ: 'micro', __proto__x: 'y' },
  };

  it.each(['<', '>'] as const)('decodes what it encodes (%s)', (order) => {
    const encoded = encodeIjMetadata(metadata, order);
    expect(encoded).toBeDefined();
    const decoded = decodeIjMetadata(encoded?.data ?? new Uint8Array(), encoded?.byteCounts ?? [], order);
    expect(decoded).toEqual({
      ...metadata,
      LUTs: [redLut, Uint8Array.from([...zeros, ...ramp, ...zeros])],
    });
  });

  it('a single Overlay Uint8Array becomes one entry', () => {
    const encoded = encodeIjMetadata({ Overlays: Uint8Array.of(5, 6) }, '<');
    expect(encoded?.byteCounts).toEqual([12, 2]);
    expect(decodeIjMetadata(encoded?.data ?? new Uint8Array(), encoded?.byteCounts ?? [], '<')).toEqual({
      Overlays: [Uint8Array.of(5, 6)],
    });
  });

  it('decodes a payload inside a larger buffer (a subarray of the file)', () => {
    const encoded = encodeIjMetadata({ Info: 'abc' }, '>');
    const file = new Uint8Array(100);
    file.set(encoded?.data ?? [], 37);
    expect(decodeIjMetadata(file.subarray(37, 37 + 18), [12, 6], '>')).toEqual({ Info: 'abc' });
  });

  it('stores a "__proto__" property as data', () => {
    const encoded = encodeIjMetadata({ Properties: Object.fromEntries([['__proto__', 'p']]) }, '<');
    const decoded = decodeIjMetadata(encoded?.data ?? new Uint8Array(), encoded?.byteCounts ?? [], '<');
    expect(Object.keys(decoded.Properties ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(decoded.Properties)).toBe(Object.prototype);
  });
});

describe('decodeIjMetadata: structure checks', () => {
  const good = encodeIjMetadata({ Info: 'ab', Ranges: [1, 2], Properties: { k: 'v' } }, '<');
  const data = good?.data ?? new Uint8Array();
  const counts = good?.byteCounts ?? [];

  it('is the expected payload', () => {
    expect(counts).toEqual([28, 4, 16, 2, 2]);
  });

  it('rejects a wrong byte order argument, magic or header size', () => {
    expectImageJError(() => decodeIjMetadata(data, counts, 'x' as '<'), 'INVALID_OPTION', 'byteOrder', /expected/);
    expectImageJError(
      () => decodeIjMetadata(data, counts, '>'),
      'INVALID_DATA',
      'IJMetadata',
      /magic "JIJI" is not 'IJIJ'/,
    );
    expectImageJError(() => decodeIjMetadata(data, [], '<'), 'INVALID_DATA', 'IJMetadata', /header size undefined/);
    expectImageJError(() => decodeIjMetadata(data, [8], '<'), 'INVALID_DATA', 'IJMetadata', /header size 8/);
    expectImageJError(() => decodeIjMetadata(data, [27, 4], '<'), 'INVALID_DATA', 'IJMetadata', /header size 27/);
    expectImageJError(
      () => decodeIjMetadata(data.subarray(0, 20), counts, '<'),
      'INVALID_DATA',
      'IJMetadata',
      /within 20 bytes/,
    );
  });

  it('rejects byte counts that end early or run past the payload', () => {
    expectImageJError(
      () => decodeIjMetadata(data, counts.slice(0, 3), '<'),
      'INVALID_DATA',
      'IJMetadata',
      /end before entry 3/,
    );
    expectImageJError(
      () => decodeIjMetadata(data, [28, 4, 16, 2, 200], '<'),
      'INVALID_DATA',
      'IJMetadata',
      /entry 4 \(200 bytes at 50\) runs past/,
    );
    expectImageJError(() => decodeIjMetadata(data, [28, 4, 16, 2, -2], '<'), 'INVALID_DATA', 'IJMetadata', /entry 4/);
  });

  it('rejects odd UTF-16 lengths, ragged Ranges and unpaired Properties', () => {
    const info = encodeIjMetadata({ Info: 'ab' }, '<')?.data ?? new Uint8Array();
    expectImageJError(
      () => decodeIjMetadata(info, [12, 3], '<'),
      'INVALID_DATA',
      'IJMetadata',
      /Info string has an odd byte length \(3\)/,
    );
    const ranges = encodeIjMetadata({ Ranges: [1] }, '<')?.data ?? new Uint8Array();
    expectImageJError(() => decodeIjMetadata(ranges, [12, 6], '<'), 'INVALID_DATA', 'IJMetadata', /Ranges has 6 bytes/);
    const props = Uint8Array.from(data);
    props.set([1], 24); // prop count 2 → 1
    expectImageJError(
      () => decodeIjMetadata(props, [28, 4, 16, 2], '<'),
      'INVALID_DATA',
      'IJMetadata',
      /Properties has 1 strings/,
    );
  });

  it('skips record types it does not know, and their entries', () => {
    const unknown = Uint8Array.from(data);
    unknown.set(
      [...'zzzz'].map((c) => c.charCodeAt(0)),
      12,
    ); // the Ranges record
    expect(decodeIjMetadata(unknown, counts, '<')).toEqual({ Info: 'ab', Properties: { k: 'v' } });
  });

  it('concatenates several Ranges entries and several Info entries', () => {
    // Built by hand: magic, 'info' × 2 entries, 'rang' × 2 entries (little-endian, codes reversed).
    const bytes = new Uint8Array(20 + 2 + 2 + 8 + 8);
    const view = new DataView(bytes.buffer);
    bytes.set(
      [...'JIJIofni'].map((c) => c.charCodeAt(0)),
      0,
    );
    view.setUint32(8, 2, true);
    bytes.set(
      [...'gnar'].map((c) => c.charCodeAt(0)),
      12,
    );
    view.setUint32(16, 2, true);
    bytes.set([0x61, 0, 0x62, 0], 20);
    view.setFloat64(24, 1, true);
    view.setFloat64(32, 2, true);
    expect(decodeIjMetadata(bytes, [20, 2, 2, 8, 8], '<')).toEqual({ Info: 'ab', Ranges: [1, 2] });
  });
});
