import { describe, expect, it } from 'vitest';
import {
  decodeIjMetadata,
  encodeIjMetadata,
  type ImageJShape,
  imagejDescription,
  imagejShape,
  parseImagejDescription,
} from '../src/index.js';
import { expectImageJError } from './errors.js';

/** The description for a data shape, the way the writer will ask for it. */
function describeData(
  shape: number[],
  dtype: string,
  metadata: Record<string, unknown> = {},
  colormapped = false,
): string {
  const axes = typeof metadata['axes'] === 'string' ? metadata['axes'] : undefined;
  const mapped = imagejShape(shape, { axes, dtype, colormapped });
  return imagejDescription(mapped.shape, { rgb: mapped.rgb, colormapped, metadata });
}

const GRAY: ImageJShape = [1, 1, 1, 16, 17, 1];

describe('imagejDescription: tifffile-verified texts', () => {
  it('5-D uint16 (51, 5, 2, 196, 171)', () => {
    expect(describeData([51, 5, 2, 196, 171], 'uint16')).toBe(
      'ImageJ=1.11a\nimages=510\nchannels=2\nslices=5\nframes=51\nhyperstack=true\nmode=grayscale\nloop=false\n',
    );
  });

  it('RGB uint8 (196, 171, 3): no mode line', () => {
    expect(describeData([196, 171, 3], 'uint8')).toBe('ImageJ=1.11a\nimages=1\nhyperstack=true\n');
  });

  it('colormapped (196, 171): hyperstack=false, no mode', () => {
    expect(describeData([196, 171], 'uint8', {}, true)).toBe('ImageJ=1.11a\nimages=1\nhyperstack=false\n');
  });

  it('(4, 32, 48) uint16 with axes ZYX, spacing and unit', () => {
    expect(describeData([4, 32, 48], 'uint16', { axes: 'ZYX', spacing: 2.5, unit: 'um' })).toBe(
      'ImageJ=1.11a\nimages=4\nslices=4\nhyperstack=true\nmode=grayscale\nspacing=2.5\nunit=um\n',
    );
  });

  it('3-D uint8 is channels; (2, 16, 17, 3) uint8 is 2 RGB channels', () => {
    expect(describeData([4, 16, 17], 'uint8')).toBe(
      'ImageJ=1.11a\nimages=4\nchannels=4\nhyperstack=true\nmode=grayscale\n',
    );
    expect(describeData([2, 16, 17, 3], 'uint8')).toBe('ImageJ=1.11a\nimages=2\nchannels=2\nhyperstack=true\n');
  });
});

describe('imagejDescription: handled keys', () => {
  it('uses the given version, hyperstack, mode and loop, in any key case', () => {
    const text = imagejDescription([3, 1, 2, 16, 17, 1], {
      rgb: false,
      colormapped: false,
      metadata: { ImageJ: '1.53t', Mode: 'composite', LOOP: true, hyperstack: true },
    });
    expect(text).toBe('ImageJ=1.53t\nimages=6\nchannels=2\nframes=3\nhyperstack=true\nmode=composite\nloop=true\n');
  });

  it('writes loop when given even for one frame, and loop=false by default only for several frames', () => {
    expect(imagejDescription(GRAY, { rgb: false, colormapped: false, metadata: { loop: false } })).toBe(
      'ImageJ=1.11a\nimages=1\nhyperstack=true\nmode=grayscale\nloop=false\n',
    );
    expect(imagejDescription(GRAY, { rgb: false, colormapped: false, metadata: {} })).toBe(
      'ImageJ=1.11a\nimages=1\nhyperstack=true\nmode=grayscale\n',
    );
  });

  it('drops mode when hyperstack is false, and forces hyperstack=false when colormapped', () => {
    expect(
      imagejDescription(GRAY, { rgb: false, colormapped: false, metadata: { hyperstack: false, mode: 'color' } }),
    ).toBe('ImageJ=1.11a\nimages=1\nhyperstack=false\n');
    expect(
      imagejDescription(GRAY, { rgb: false, colormapped: true, metadata: { hyperstack: true, mode: 'color' } }),
    ).toBe('ImageJ=1.11a\nimages=1\nhyperstack=false\n');
  });

  it('writes a user mode for RGB, and no mode line for an empty mode', () => {
    expect(imagejDescription([1, 1, 1, 4, 4, 3], { rgb: true, colormapped: false, metadata: { mode: 'color' } })).toBe(
      'ImageJ=1.11a\nimages=1\nhyperstack=true\nmode=color\n',
    );
    expect(imagejDescription(GRAY, { rgb: false, colormapped: false, metadata: { mode: '' } })).toBe(
      'ImageJ=1.11a\nimages=1\nhyperstack=true\n',
    );
  });

  it('skips recomputed, consumed and binary keys in any case, and undefined values', () => {
    const text = imagejDescription([1, 2, 1, 16, 17, 1], {
      rgb: false,
      colormapped: false,
      metadata: {
        images: 99,
        Channels: 7,
        SLICES: 5,
        frames: 3,
        SCIFIO: '0.1',
        axes: 'ZYX',
        Info: 'text',
        labels: ['a'],
        Ranges: [0, 1],
        luts: [],
        Plot: new Uint8Array(1),
        roi: new Uint8Array(1),
        Overlays: [],
        properties: { a: 'b' },
        unit: undefined,
        spacing: 0.5,
      },
    });
    expect(text).toBe('ImageJ=1.11a\nimages=2\nslices=2\nhyperstack=true\nmode=grayscale\nspacing=0.5\n');
  });
});

describe('imagejDescription: other keys', () => {
  it('lower-cases keys, keeps insertion order and formats values like Python str()', () => {
    const text = imagejDescription(GRAY, {
      rgb: false,
      colormapped: false,
      metadata: {
        Spacing: 3.947368,
        unit: 'um',
        finterval: 0.1,
        fps: 10,
        min: 0,
        max: 1.0,
        xorigin: -1.5,
        tiny: 1e-5,
        Flag: true,
        off: false,
        big: 12345678901234567890n,
        name: 'cells=A',
      },
    });
    expect(text).toBe(
      'ImageJ=1.11a\nimages=1\nhyperstack=true\nmode=grayscale\n' +
        'spacing=3.947368\nunit=um\nfinterval=0.1\nfps=10\nmin=0\nmax=1\nxorigin=-1.5\ntiny=1e-05\n' +
        'flag=true\noff=false\nbig=12345678901234567890\nname=cells=A\n',
    );
  });
});

describe('imagejDescription: unsafe text is rejected (ImageJ parses it with java.util.Properties)', () => {
  const write = (metadata: Record<string, unknown>) =>
    imagejDescription(GRAY, { rgb: false, colormapped: false, metadata });

  it('rejects a line feed or carriage return in a value, naming the key', () => {
    expectImageJError(() => write({ unit: 'um\nslices=99' }), 'INVALID_OPTION', 'metadata.unit', /line break/);
    expectImageJError(() => write({ note: 'a\rb' }), 'INVALID_OPTION', 'metadata.note', /line break/);
    expectImageJError(() => write({ mode: 'composite\n' }), 'INVALID_OPTION', 'metadata.mode', /line break/);
    expectImageJError(() => write({ ImageJ: '1.53\nx=1' }), 'INVALID_OPTION', 'metadata.ImageJ', /line break/);
  });

  it('rejects line breaks, "=", ":", spaces and comment marks in keys', () => {
    expectImageJError(() => write({ 'a\nb': 1 }), 'INVALID_OPTION', 'metadata.a\nb', /line break/);
    expectImageJError(() => write({ 'a\rb': 1 }), 'INVALID_OPTION', 'metadata.a\rb', /line break/);
    expectImageJError(() => write({ 'a=b': 1 }), 'INVALID_OPTION', 'metadata.a=b', /contains '='/);
    expectImageJError(() => write({ 'a:b': 1 }), 'INVALID_OPTION', 'metadata.a:b', /contains ':'/);
    expectImageJError(() => write({ 'my unit': 'um' }), 'INVALID_OPTION', 'metadata.my unit', /contains ' '/);
    expectImageJError(() => write({ '#note': 1 }), 'INVALID_OPTION', 'metadata.#note', /comment/);
    expectImageJError(() => write({ '!note': 1 }), 'INVALID_OPTION', 'metadata.!note', /comment/);
    expectImageJError(() => write({ '': 1 }), 'INVALID_OPTION', 'metadata.', /is empty/);
  });

  it("rejects non-ASCII, telling the user to write 'um'", () => {
    expectImageJError(
      () => write({ unit: 'µm' }),
      'INVALID_OPTION',
      'metadata.unit',
      /non-ASCII character 'µ' \(U\+00B5\).*write 'um'/,
    );
    expectImageJError(() => write({ unit: 'μm' }), 'INVALID_OPTION', 'metadata.unit', /U\+03BC.*write 'um'/);
    expectImageJError(
      () => write({ name: 'Zellkern Ä' }),
      'INVALID_OPTION',
      'metadata.name',
      /non-ASCII character 'Ä' \(U\+00C4\); ImageJ descriptions are ASCII$/,
    );
    expectImageJError(() => write({ größe: 1 }), 'INVALID_OPTION', 'metadata.größe', /non-ASCII/);
    expectImageJError(() => write({ emoji: '😀' }), 'INVALID_OPTION', 'metadata.emoji', /U\+1F600/);
  });

  it('rejects backslashes, NUL and other control characters', () => {
    expectImageJError(() => write({ path: 'C:\\data' }), 'INVALID_OPTION', 'metadata.path', /backslash/);
    expectImageJError(() => write({ unit: 'um\\' }), 'INVALID_OPTION', 'metadata.unit', /backslash/);
    expectImageJError(() => write({ 'a\\b': 1 }), 'INVALID_OPTION', 'metadata.a\\b', /backslash/);
    expectImageJError(() => write({ note: 'a\0b' }), 'INVALID_OPTION', 'metadata.note', /control character U\+0000/);
    expectImageJError(() => write({ note: 'a\tb' }), 'INVALID_OPTION', 'metadata.note', /U\+0009/);
    expectImageJError(() => write({ note: 'a\x7fb' }), 'INVALID_OPTION', 'metadata.note', /U\+007F/);
  });

  it('rejects non-scalar values with a clear error', () => {
    expectImageJError(
      () => write({ list: [1, 2] }),
      'INVALID_OPTION',
      'metadata.list',
      /=\[1, 2\] cannot be written.*string, number or boolean/,
    );
    expectImageJError(() => write({ obj: { a: 1 } }), 'INVALID_OPTION', 'metadata.obj', /\{\.\.\.\} cannot be written/);
    expectImageJError(() => write({ nothing: null }), 'INVALID_OPTION', 'metadata.nothing', /=null cannot be written/);
    expectImageJError(() => write({ when: new Date(0) }), 'INVALID_OPTION', 'metadata.when', /<Date>/);
    expectImageJError(() => write({ ImageJ: ['1'] }), 'INVALID_OPTION', 'metadata.ImageJ', /cannot be written/);
  });

  it('rejects non-boolean hyperstack and loop', () => {
    expectImageJError(
      () => write({ hyperstack: 'false' }),
      'INVALID_OPTION',
      'metadata.hyperstack',
      /"false" must be true or false/,
    );
    expectImageJError(() => write({ Loop: 1 }), 'INVALID_OPTION', 'metadata.Loop', /=1 must be true or false/);
  });

  it('rejects two spellings of one key', () => {
    expectImageJError(
      () => write({ unit: 'um', Unit: 'nm' }),
      'INVALID_OPTION',
      'metadata.Unit',
      /'unit' and 'Unit' would both be written as 'unit='/,
    );
    expectImageJError(
      () => write({ mode: 'color', Mode: 'composite' }),
      'INVALID_OPTION',
      'metadata.Mode',
      /both 'mode' and 'Mode'/,
    );
  });

  it('accepts everything printable ASCII except backslash in values', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
      .filter((c) => c !== '\\')
      .join('');
    expect(write({ text: printable })).toContain(`\ntext=${printable}\n`);
  });
});

describe('imagejDescription: inconsistent arguments', () => {
  it('rejects a shape that is not TZCYXS', () => {
    const bad = [1, 16, 17] as unknown as ImageJShape;
    expectImageJError(
      () => imagejDescription(bad, { rgb: false, colormapped: false, metadata: {} }),
      'INVALID_DATA',
      'shape',
      /not a TZCYXS shape/,
    );
  });

  it('rejects rgb that disagrees with S, and sample counts ImageJ lacks', () => {
    expectImageJError(
      () => imagejDescription(GRAY, { rgb: true, colormapped: false, metadata: {} }),
      'INVALID_DATA',
      'shape',
      /rgb=true does not match the 1 samples/,
    );
    expectImageJError(
      () => imagejDescription([1, 1, 1, 4, 4, 3], { rgb: false, colormapped: false, metadata: {} }),
      'INVALID_DATA',
      'shape',
      /rgb=false does not match the 3 samples/,
    );
    expectImageJError(
      () => imagejDescription([1, 1, 1, 4, 4, 2], { rgb: false, colormapped: false, metadata: {} }),
      'INVALID_DATA',
      'shape',
      /2 samples/,
    );
  });

  it('rejects an RGB image with a colormap', () => {
    expectImageJError(
      () => imagejDescription([1, 1, 1, 4, 4, 3], { rgb: true, colormapped: true, metadata: {} }),
      'INVALID_OPTION',
      'colormap',
      /RGB ImageJ image cannot have a colormap/,
    );
  });
});

describe('description round trip through parseImagejDescription', () => {
  it('parses back every line with its type and regenerates the same text', () => {
    const metadata = { spacing: 3.947368, unit: 'um', finterval: 0.1, tiny: 1e-5, cf: 13, flag: true, name: 'x y' };
    const text = describeData([2, 3, 4, 5, 6], 'uint16', metadata);
    const parsed = parseImagejDescription(`${text}${'\0'.repeat(64)}`);
    expect(parsed).toEqual({
      ImageJ: '1.11a',
      images: 24,
      channels: 4,
      slices: 3,
      frames: 2,
      hyperstack: true,
      mode: 'grayscale',
      loop: false,
      ...metadata,
    });
    const again = imagejDescription([2, 3, 4, 5, 6, 1], { rgb: false, colormapped: false, metadata: parsed });
    expect(again).toBe(text);
  });

  it('round-trips an RGB and a colormapped description', () => {
    for (const [shape, colormapped] of [
      [[2, 8, 9, 3], false],
      [[8, 9], true],
    ] as const) {
      const text = describeData([...shape], 'uint8', {}, colormapped);
      const parsed = parseImagejDescription(text);
      const mapped = imagejShape([...shape], { dtype: 'uint8', colormapped });
      expect(imagejDescription(mapped.shape, { rgb: mapped.rgb, colormapped, metadata: parsed })).toBe(text);
    }
  });
});

describe('README example', () => {
  it('produces the text and payloads the README shows', () => {
    const metadata = {
      axes: 'TZCYX',
      spacing: 2.5,
      unit: 'um',
      finterval: 0.1,
      Labels: ['t0 z0 DAPI', 't0 z0 GFP'],
      Ranges: [0, 4095, 0, 1000],
    };
    const { shape, rgb } = imagejShape([51, 5, 2, 196, 171], { axes: metadata.axes, dtype: 'uint16' });
    expect([shape, rgb]).toEqual([[51, 5, 2, 196, 171, 1], false]);
    expect(imagejDescription(shape, { rgb, colormapped: false, metadata })).toBe(
      'ImageJ=1.11a\nimages=510\nchannels=2\nslices=5\nframes=51\nhyperstack=true\nmode=grayscale\n' +
        'loop=false\nspacing=2.5\nunit=um\nfinterval=0.1\n',
    );
    expect(parseImagejDescription('ImageJ=1.11a\nimages=4\nslices=4\nspacing=2.5\nunit=um\n\0\0')).toEqual({
      ImageJ: '1.11a',
      images: 4,
      slices: 4,
      spacing: 2.5,
      unit: 'um',
    });
    const ij = encodeIjMetadata(metadata, '<');
    expect(decodeIjMetadata(ij?.data ?? new Uint8Array(), ij?.byteCounts ?? [], '<')).toEqual({
      Labels: metadata.Labels,
      Ranges: metadata.Ranges,
    });
  });
});
