import { describe, expect, it } from 'vitest';
import { describeValue, invalidOption, TiffError } from '../src/index.js';

describe('TiffError', () => {
  it('is an Error named TiffError with a code', () => {
    const error = new TiffError('CORRUPT_TIFF', 'bad IFD');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(TiffError);
    expect(error.name).toBe('TiffError');
    expect(error.code).toBe('CORRUPT_TIFF');
    expect(error.message).toBe('bad IFD');
    expect(error.option).toBeUndefined();
    expect('cause' in error).toBe(false);
    expect(String(error)).toBe('TiffError: bad IFD');
    expect(error.stack).toContain('bad IFD');
  });

  it('carries option and cause', () => {
    const cause = new RangeError('inner');
    const error = new TiffError('SINK_ERROR', 'write failed', { option: 'path', cause });
    expect(error.option).toBe('path');
    expect(error.cause).toBe(cause);
  });

  it('keeps a falsy but defined cause', () => {
    expect(new TiffError('SINK_ERROR', 'x', { cause: 0 }).cause).toBe(0);
    expect(new TiffError('SINK_ERROR', 'x', { cause: null }).cause).toBeNull();
  });
});

describe('invalidOption', () => {
  it('names the option, shows the value and what is accepted', () => {
    const error = invalidOption('rowsPerStrip', -3, 'a positive integer');
    expect(error).toBeInstanceOf(TiffError);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.option).toBe('rowsPerStrip');
    expect(error.message).toBe('rowsPerStrip=-3 is invalid: expected a positive integer');
  });

  it('renders the value with describeValue', () => {
    expect(invalidOption('compression', 'lzw2', "'lzw'").message).toBe(
      'compression="lzw2" is invalid: expected \'lzw\'',
    );
    expect(invalidOption('shape', [1, 2], 'three numbers').message).toBe(
      'shape=[1, 2] is invalid: expected three numbers',
    );
  });
});

describe('describeValue', () => {
  class Widget {}

  const cases: [string, unknown, string][] = [
    ['a string, quoted', 'abc', '"abc"'],
    ['a string with quotes, escaped', 'a"b', '"a\\"b"'],
    ['an 80-char string, whole', 'x'.repeat(80), JSON.stringify('x'.repeat(80))],
    ['a long string, cut to 77 chars and ...', 'y'.repeat(81), JSON.stringify(`${'y'.repeat(77)}...`)],
    ['a number', 42, '42'],
    ['NaN', Number.NaN, 'NaN'],
    ['-Infinity', Number.NEGATIVE_INFINITY, '-Infinity'],
    ['a bigint', 12n, '12n'],
    ['a boolean', false, 'false'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
    ['a typed array', new Uint16Array(3), 'Uint16Array(3)'],
    ['a Float64Array', new Float64Array(0), 'Float64Array(0)'],
    ['a DataView', new DataView(new ArrayBuffer(5)), 'DataView(5)'],
    ['a short array', [1, 'a', null], '[1, "a", null]'],
    ['a nested array', [[1], []], '[[1], []]'],
    ['a long array, first 8 then ...', [1, 2, 3, 4, 5, 6, 7, 8, 9], '[1, 2, 3, 4, 5, 6, 7, 8, ...]'],
    ['an 8-element array, whole', [1, 2, 3, 4, 5, 6, 7, 8], '[1, 2, 3, 4, 5, 6, 7, 8]'],
    ['a plain object', { a: 1 }, '{...}'],
    ['a null-prototype object', Object.create(null), '{...}'],
    ['a class instance', new Widget(), '<Widget>'],
    ['a Map', new Map(), '<Map>'],
    ['a Date', new Date(0), '<Date>'],
  ];
  for (const [label, value, expected] of cases) {
    it(label, () => {
      expect(describeValue(value)).toBe(expected);
    });
  }
});
