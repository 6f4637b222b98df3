/** The `compressionArgs` key table: the writable names and their keys, checked against the codecs. */
import { Compression, TiffError } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import {
  COMPRESSION_ARG_KEYS,
  checkCompressionArgKeys,
  codecRules,
  compressionArgKeys,
  validateCompressionArgs,
} from '../src/index.js';

describe('COMPRESSION_ARG_KEYS', () => {
  const writable = new Set(Object.keys(COMPRESSION_ARG_KEYS));

  it.each(Object.entries(Compression))('lists %s exactly when tiffkit has rules for it', (name, code) => {
    let rules: unknown;
    try {
      rules = codecRules(code);
    } catch (error) {
      expect(error).toBeInstanceOf(TiffError);
      expect((error as TiffError).code).toBe('UNSUPPORTED');
    }
    expect(writable.has(name)).toBe(rules !== undefined);
  });

  it('accepts every listed key with a valid value, for every listed codec', () => {
    const valid: Record<string, unknown> = { level: 5, lossless: true, method: 3, outcolorspace: 'rgb' };
    Object.assign(valid, { reversible: false, resolutions: 3, mct: true, bitspersample: 12 });
    for (const [name, keys] of Object.entries(COMPRESSION_ARG_KEYS)) {
      const code = Compression[name as keyof typeof Compression];
      // JPEG 2000's level is a PSNR: 1–1000 asks for lossy, which tiffkit cannot write; 0 is lossless.
      const args = Object.fromEntries(keys.map((k) => [k, name === 'JPEG2000' && k === 'level' ? 0 : valid[k]]));
      expect(() => validateCompressionArgs(code, args), name).not.toThrow();
    }
  });

  it('maps codes to keys, nothing for codes without an encoder', () => {
    expect(compressionArgKeys(Compression.WEBP)).toEqual(['level', 'lossless', 'method']);
    expect(compressionArgKeys(Compression.LZW)).toEqual([]);
    expect(compressionArgKeys(Compression.CCITTRLE)).toBeUndefined();
    expect(compressionArgKeys(12345)).toBeUndefined();
  });
});

describe('checkCompressionArgKeys', () => {
  it('names the unknown key, its value and the keys the codec takes', () => {
    expect(() => checkCompressionArgKeys(Compression.ADOBE_DEFLATE, { levle: 9 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        option: 'compressionArgs.levle',
        message: "compressionArgs.levle=9 is invalid: unknown key; ADOBE_DEFLATE takes 'level'",
      }),
    );
    expect(() => checkCompressionArgKeys(Compression.PACKBITS, { level: 9 })).toThrow(
      /compressionArgs\.level=9 is invalid: unknown key; PACKBITS takes no compressionArgs/,
    );
  });

  it('refuses keys inherited from Object.prototype as any other unknown key', () => {
    expect(() => checkCompressionArgKeys(Compression.ZSTD, JSON.parse('{"__proto__": 1}'))).toThrow(
      expect.objectContaining({ option: 'compressionArgs.__proto__' }),
    );
    expect(() => checkCompressionArgKeys(Compression.ZSTD, { constructor: 1 })).toThrow(
      expect.objectContaining({ option: 'compressionArgs.constructor' }),
    );
  });

  it('is part of validateCompressionArgs', () => {
    expect(() => validateCompressionArgs(Compression.ZSTD, { level: 3, levle: 3 })).toThrow(
      expect.objectContaining({ option: 'compressionArgs.levle' }),
    );
  });
});
