import { DTypes } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { BILEVEL_COMPRESSIONS, checkCodecInput, validateCompressionArgs } from '../src/index.js';

const invalid = (option: string) => expect.objectContaining({ code: 'INVALID_OPTION', option });

describe('validateCompressionArgs (planning time, nothing loaded)', () => {
  it('accepts each codec’s levels and absent arguments', () => {
    for (const [code, args] of [
      [1, {}],
      [5, undefined],
      [8, { level: 9 }],
      [32946, { level: 0 }],
      [50000, { level: 19 }],
      [50000, { level: -5 }],
      [34926, {}],
      [34925, { level: 7 }],
      [34925, null],
      [7, { level: 90, outcolorspace: 'rgb' }],
    ] as const) {
      expect(() => validateCompressionArgs(code, args)).not.toThrow();
    }
  });

  it.each([
    [8, { level: 10 }, /compressionArgs\.level=10 is invalid: expected an integer from 0/],
    [50000, { level: 23 }, /compressionArgs\.level=23 is invalid: expected a Zstandard level/],
    [34925, { level: 9 }, /compressionArgs\.level=9 is invalid: expected an LZMA preset, an integer from 0/],
    [7, { level: 0 }, /compressionArgs\.level=0 is invalid: expected a JPEG quality/],
  ] as const)('compression %i refuses %o', (code, args, message) => {
    expect(() => validateCompressionArgs(code, args)).toThrow(invalid('compressionArgs.level'));
    expect(() => validateCompressionArgs(code, args)).toThrow(message);
  });

  it('refuses arguments that are not an object', () => {
    expect(() => validateCompressionArgs(8, 6 as never)).toThrow(invalid('compressionArgs'));
    expect(() => validateCompressionArgs(8, [6] as never)).toThrow(invalid('compressionArgs'));
  });

  it('refuses a compression without encoder as UNSUPPORTED', () => {
    expect(() => validateCompressionArgs(34887, {})).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(() => validateCompressionArgs(34887, {})).toThrow(/LERC \(34887\) cannot be written/);
  });
});

describe('checkCodecInput (planning time, nothing loaded)', () => {
  it('lets Zstandard and LZMA take every dtype, bilevel included (as tifffile ≥ 2024.4.18)', () => {
    for (const code of [50000, 34926, 34925]) {
      for (const dtype of [DTypes.bool, DTypes.uint8, DTypes.int64, DTypes.float16, DTypes.complex128]) {
        expect(() => checkCodecInput(code, { dtype, samples: 1 })).not.toThrow();
      }
    }
    expect([...BILEVEL_COMPRESSIONS].sort((a, b) => a - b)).toEqual([
      1, 5, 8, 32773, 32946, 34925, 34926, 50000, 50013,
    ]);
  });

  it('refuses bilevel data for JPEG, naming what can compress it', () => {
    expect(() => checkCodecInput(7, { dtype: DTypes.bool, samples: 1 })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', option: 'compression' }),
    );
    expect(() => checkCodecInput(7, { dtype: DTypes.bool, samples: 1 })).toThrow(
      /bilevel \(bool\) data cannot be compressed with JPEG: use LZW, PACKBITS, ADOBE_DEFLATE, DEFLATE, PIXTIFF, LZMA, ZSTD/,
    );
  });

  it('keeps JPEG to uint8 with 1 or 3 samples', () => {
    expect(() => checkCodecInput(7, { dtype: DTypes.uint8, samples: 3 })).not.toThrow();
    expect(() => checkCodecInput(7, { dtype: DTypes.uint16, samples: 1 })).toThrow(/JPEG compression needs uint8/);
    expect(() => checkCodecInput(7, { dtype: DTypes.uint8, samples: 4 })).toThrow(/not uint8 with 4/);
  });
});
