import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, pythonNumber, pythonStr } from '../src/python-str.js';

describe('pythonNumber (Python str() of numbers)', () => {
  it.each([
    [3.947368, '3.947368'],
    [2.5, '2.5'],
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [0.00012, '0.00012'],
    [1.5e-7, '1.5e-07'],
    [-2.25e-10, '-2.25e-10'],
    [123456789.125, '123456789.125'],
    [1 / 3, '0.3333333333333333'],
    [-0.5, '-0.5'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [1e16, '1e+16'],
    [1.5e17, '1.5e+17'],
    // Beyond 2**53 a double is written as the float it is (the shaped JSON's rule too).
    [2 ** 53 - 1, '9007199254740991'],
    [2 ** 53 + 2, '9007199254740994.0'],
    [9999999999999998, '9999999999999998.0'],
    [10, '10'],
    [-3, '-3'],
    [0, '0'],
    [-0, '-0.0'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
  ])('%s → %s', (value, text) => {
    expect(pythonNumber(value)).toBe(text);
  });
});

describe('pythonFloatRepr (integral values keep the .0 Python floats show)', () => {
  it.each([
    [10, '10.0'],
    [1e15, '1000000000000000.0'],
    [123.0, '123.0'],
    [-0, '-0.0'],
    [0, '0.0'],
    [1e22, '1e+22'],
    [1.25e100, '1.25e+100'],
    [Number.NaN, 'nan'],
  ])('%s → %s', (value, text) => {
    expect(pythonFloatRepr(value)).toBe(text);
  });
});

describe('pythonStr', () => {
  it('formats every scalar kind', () => {
    expect(pythonStr('um')).toBe('um');
    expect(pythonStr(true)).toBe('true');
    expect(pythonStr(false)).toBe('false');
    expect(pythonStr(123456789012345678901234567890n)).toBe('123456789012345678901234567890');
    expect(pythonStr(0.1)).toBe('0.1');
  });
});
