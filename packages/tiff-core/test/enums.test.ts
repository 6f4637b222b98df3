import { describe, expect, it } from 'vitest';
import {
  Compression,
  ExtraSample,
  enumName,
  Photometric,
  PlanarConfig,
  Predictor,
  parseEnum,
  ResolutionUnit,
  SubfileType,
} from '../src/index.js';
import { expectTiffError } from './helpers.js';

const UNIT_ALIASES = { in: 2, cm: 3, mm: 4, um: 5, µm: 5 };

describe('parseEnum', () => {
  it('accepts a code', () => {
    expect(parseEnum(Photometric, 1, 'photometric')).toBe(1);
    expect(parseEnum(Photometric, 32844, 'photometric')).toBe(32844);
    expect(parseEnum(Compression, 50000, 'compression')).toBe(50000);
    expect(parseEnum(ExtraSample, 0, 'extraSamples')).toBe(0);
  });

  it('accepts a member name in any case', () => {
    expect(parseEnum(Photometric, 'minisblack', 'photometric')).toBe(1);
    expect(parseEnum(Photometric, 'MINISBLACK', 'photometric')).toBe(1);
    expect(parseEnum(Photometric, 'MinIsBlack', 'photometric')).toBe(1);
    expect(parseEnum(Photometric, 'rgb', 'photometric')).toBe(2);
    expect(parseEnum(Compression, 'adobe_deflate', 'compression')).toBe(8);
    expect(parseEnum(Compression, 'Zstd', 'compression')).toBe(50000);
    expect(parseEnum(PlanarConfig, 'separate', 'planarConfig')).toBe(2);
    expect(parseEnum(Predictor, 'floatingpoint', 'predictor')).toBe(3);
  });

  it('accepts aliases in any case', () => {
    expect(parseEnum(ResolutionUnit, 'cm', 'resolutionUnit', UNIT_ALIASES)).toBe(3);
    expect(parseEnum(ResolutionUnit, 'CM', 'resolutionUnit', UNIT_ALIASES)).toBe(3);
    expect(parseEnum(ResolutionUnit, 'µm', 'resolutionUnit', UNIT_ALIASES)).toBe(5);
    expect(parseEnum(ResolutionUnit, 'inch', 'resolutionUnit', UNIT_ALIASES)).toBe(2);
    expect(parseEnum(Compression, 'ZLIB', 'compression', { zlib: 8 })).toBe(8);
    expect(parseEnum(PlanarConfig, 'contiguous', 'planarConfig', { contiguous: 1, planar: 2 })).toBe(1);
  });

  it('member names win over aliases', () => {
    expect(parseEnum(PlanarConfig, 'contig', 'planarConfig', { contig: 2 })).toBe(1);
  });

  it('refuses unknown codes and names, naming the option and listing what is accepted', () => {
    const error = expectTiffError(() => parseEnum(PlanarConfig, 3, 'planarConfig', { planar: 2 }), 'INVALID_OPTION');
    expect(error.option).toBe('planarConfig');
    expect(error.message).toBe(
      "planarConfig=3 is invalid: expected one of 'contig', 'separate', 'planar' or its TIFF code (1, 2)",
    );
    const named = expectTiffError(() => parseEnum(ResolutionUnit, 'furlong', 'resolutionUnit'), 'INVALID_OPTION');
    expect(named.message).toContain('resolutionUnit="furlong"');
    for (const name of ['none', 'inch', 'centimeter', 'millimeter', 'micrometer']) {
      expect(named.message).toContain(`'${name}'`);
    }
  });

  it('refuses values of other types', () => {
    for (const value of [undefined, null, true, '1', 1.5, Number.NaN, {}, [1]]) {
      expectTiffError(() => parseEnum(PlanarConfig, value, 'planarConfig'), 'INVALID_OPTION');
    }
  });

  it('does not mistake Object.prototype members for aliases or names', () => {
    for (const value of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
      expectTiffError(() => parseEnum(Photometric, value, 'photometric'), 'INVALID_OPTION');
      expectTiffError(() => parseEnum(ResolutionUnit, value, 'resolutionUnit', UNIT_ALIASES), 'INVALID_OPTION');
    }
  });
});

describe('enumName', () => {
  it('names a code', () => {
    expect(enumName(Photometric, 1)).toBe('MINISBLACK');
    expect(enumName(Compression, 8)).toBe('ADOBE_DEFLATE');
    expect(enumName(ResolutionUnit, 3)).toBe('CENTIMETER');
    expect(enumName(SubfileType, 1)).toBe('REDUCEDIMAGE');
  });

  it('the first member wins when codes are shared', () => {
    expect(enumName({ A: 1, B: 1 }, 1)).toBe('A');
  });

  it('is undefined for unknown codes', () => {
    expect(enumName(Photometric, 7)).toBeUndefined();
    expect(enumName(Compression, 0)).toBeUndefined();
  });
});

describe('enum tables', () => {
  it('hold the TIFF codes', () => {
    expect(Photometric).toMatchObject({ MINISWHITE: 0, MINISBLACK: 1, RGB: 2, PALETTE: 3, SEPARATED: 5, YCBCR: 6 });
    expect(PlanarConfig).toEqual({ CONTIG: 1, SEPARATE: 2 });
    expect(ExtraSample).toEqual({ UNSPECIFIED: 0, ASSOCALPHA: 1, UNASSALPHA: 2 });
    expect(ResolutionUnit).toEqual({ NONE: 1, INCH: 2, CENTIMETER: 3, MILLIMETER: 4, MICROMETER: 5 });
    expect(Predictor).toMatchObject({ NONE: 1, HORIZONTAL: 2, FLOATINGPOINT: 3 });
    expect(Compression).toMatchObject({ NONE: 1, LZW: 5, JPEG: 7, ADOBE_DEFLATE: 8, PACKBITS: 32773, DEFLATE: 32946 });
    expect(Compression).toMatchObject({ ZSTD: 50000, WEBP: 50001, JPEGXL: 50002, LERC: 34887, LZMA: 34925 });
  });
});
