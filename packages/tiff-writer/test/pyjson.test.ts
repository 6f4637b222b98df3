import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, pythonJsonDumps } from '../src/formats/shaped/pyjson.js';
import { missing, python } from './helpers/interop.js';

describe('pythonJsonDumps formats like json.dumps', () => {
  it.each([
    [
      { shape: [2, 3, 16, 17], axes: 'TCYX', comment: 'x', num: 1.5, flag: true, lst: [1, 2], u: 'µm' },
      '{"shape": [2, 3, 16, 17], "axes": "TCYX", "comment": "x", "num": 1.5, "flag": true, "lst": [1, 2], "u": "\\u00b5m"}',
    ],
    [
      [1e-5, 1e16, 1.5e300, -2.5e-7, 0.0001, 123.456, 2 ** 53 - 1, 2 ** 53 + 2],
      '[1e-05, 1e+16, 1.5e+300, -2.5e-07, 0.0001, 123.456, 9007199254740991, 9007199254740994.0]',
    ],
    [[Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0], '[NaN, Infinity, -Infinity, -0.0]'],
    [
      'quote " backslash \\ tab \t newline \n del \u007f nul \u0000 emoji 😀',
      '"quote \\" backslash \\\\ tab \\t newline \\n del \\u007f nul \\u0000 emoji \\ud83d\\ude00"',
    ],
    [{ nested: { a: null, b: [] }, empty: {} }, '{"nested": {"a": null, "b": []}, "empty": {}}'],
    [new Map([['k', 1n]]), '{"k": 1}'],
    [new Float32Array([0.5, 2]), '[0.5, 2]'],
  ])('%j', (value, expected) => {
    expect(pythonJsonDumps(value)).toBe(expected);
  });

  it('skips undefined properties and refuses what JSON cannot hold', () => {
    expect(pythonJsonDumps({ a: undefined, b: 1 })).toBe('{"b": 1}');
    expect(() => pythonJsonDumps({ f: () => 1 })).toThrow(/metadata\.f=.*not JSON-serialisable/);
    expect(() => pythonJsonDumps({ d: new Date(0) })).toThrow(/metadata\.d/);
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(() => pythonJsonDumps(circular)).toThrow(/circular/);
  });
});

describe.skipIf(missing('tifffile'))('pythonFloatRepr equals Python repr(float)', () => {
  it('for 2000 floats across magnitudes', () => {
    const values: number[] = [];
    let seed = 12345;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const mantissa = seed / 2 ** 31 - 0.5;
      values.push(mantissa * 10 ** ((i % 40) - 20));
    }
    values.push(
      0.1,
      0.2 + 0.1,
      1 / 3,
      5e-324,
      1.7976931348623157e308,
      1e-4,
      9.999999999999999e-5,
      1e15 + 0.5,
      2 ** 60,
      1e16,
      1e22,
    );
    const script = 'import json,sys; print(json.dumps([repr(float(v)) for v in json.loads(sys.stdin.read())]))';
    const expected = JSON.parse(
      execFileSync(python as string, ['-c', script], { input: JSON.stringify(values) }).toString(),
    ) as string[];
    expect(values.map(pythonFloatRepr)).toEqual(expected);
  });
});
