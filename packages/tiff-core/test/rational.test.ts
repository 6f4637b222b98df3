import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toRational } from '../src/index.js';
import { expectTiffError } from './helpers.js';

const PYTHON = '/usr/bin/python3';

describe('toRational: known tifffile results', () => {
  const cases: [number, [number, number]][] = [
    [0.1, [1, 10]],
    [1 / 3, [1, 3]],
    [2.54, [127, 50]],
    [0.373759, [373759, 1000000]],
    [7411.824413635355, [3395816297, 458162]],
    [4294967295 / 3904515723, [2863315501, 2603014092]],
    [0, [0, 1]],
    [300, [300, 1]],
    [1, [1, 1]],
    [0.5, [1, 2]],
    [72, [72, 1]],
    [4294967295, [4294967295, 1]],
  ];
  for (const [x, expected] of cases) {
    it(`${x} → ${expected[0]}/${expected[1]}`, () => {
      expect(toRational(x)).toEqual(expected);
    });
  }

  it('-0 is 0/1', () => {
    expect(toRational(-0)).toEqual([0, 1]);
  });

  it('tiny values round to 0/1 or the nearest 1/n', () => {
    expect(toRational(1e-20)).toEqual([0, 1]);
    expect(toRational(5e-324)).toEqual([0, 1]);
    expect(toRational(1 / 4294967295)).toEqual([1, 4294967295]);
  });

  it('values just below 2**32 round to whole numbers that fit', () => {
    // The denominator bound floor((2**32 - 1) / x) is 0 here; only n/1 can fit.
    expect(toRational(4294967295.25)).toEqual([4294967295, 1]);
    expectTiffError(() => toRational(4294967295.75), 'INVALID_OPTION');
  });

  it('the denominator bound is floor((2**32-1)/x) computed exactly, as Python does', () => {
    // x is one ulp above (2**32-1)/19999: the exact quotient is just below 19999, so the bound is 19998.
    const x = nextUp((2 ** 32 - 1) / 19999);
    expect(toRational(x)).toEqual([2381678449, 11090]);
  });
});

describe('toRational: pairs', () => {
  it('keeps reduced pairs and reduces others', () => {
    expect(toRational([300, 1])).toEqual([300, 1]);
    expect(toRational([92, 2])).toEqual([46, 1]);
    expect(toRational([0, 7])).toEqual([0, 1]);
    expect(toRational([4294967295, 4294967295])).toEqual([1, 1]);
    expect(toRational([2 ** 33, 4])).toEqual([2 ** 31, 1]);
  });

  it('refuses bad pairs', () => {
    const bad: [number, number][] = [
      [-1, 2],
      [1, 0],
      [1, -2],
      [1.5, 2],
      [1, Number.NaN],
      [2 ** 32, 1],
      [1, 2 ** 32 + 1],
      [2 ** 53, 1],
    ];
    for (const pair of bad) {
      const error = expectTiffError(() => toRational(pair, 'xresolution'), 'INVALID_OPTION');
      expect(error.option).toBe('xresolution');
      expect(error.message).toContain('xresolution');
    }
  });
});

describe('toRational: errors', () => {
  for (const x of [-1, -1e-9, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 32, 1e20]) {
    it(`refuses ${x}`, () => {
      const error = expectTiffError(() => toRational(x), 'INVALID_OPTION');
      expect(error.option).toBe('resolution');
    });
  }

  it('refuses non-numbers', () => {
    expectTiffError(() => toRational('1' as unknown as number), 'INVALID_OPTION');
    expectTiffError(() => toRational(undefined as unknown as number), 'INVALID_OPTION');
  });

  it('names the option it was given', () => {
    const error = expectTiffError(() => toRational(-2, 'resolution[1]'), 'INVALID_OPTION');
    expect(error.option).toBe('resolution[1]');
    expect(error.message).toContain('resolution[1]');
  });
});

/** The next double above a positive finite `x`. */
function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function interopSamples(): number[] {
  const next = random(20240611);
  const samples: number[] = [];
  // Log-uniform in several ranges, 1e-6 .. 1e6.
  for (const [lo, hi] of [
    [1e-6, 1e-3],
    [1e-3, 1],
    [1, 1e3],
    [1e3, 1e6],
    [1e-6, 1e6],
  ] as const) {
    for (let i = 0; i < 36; i++) samples.push(lo * (hi / lo) ** next());
  }
  // Linear in 0..10 (typical resolutions), and decimal-looking values.
  for (let i = 0; i < 10; i++) samples.push(next() * 10);
  for (let i = 0; i < 10; i++) samples.push(Math.round(next() * 1e6) / 1e4);
  // Where the denominator bound is an exact quotient: one ulp either side of (2**32-1)/k.
  for (const k of [3, 7, 19999, 65537, 1000003]) {
    const x = (2 ** 32 - 1) / k;
    samples.push(x, nextUp(x));
  }
  return samples;
}

const PYTHON_SCRIPT = `
import json, sys
from fractions import Fraction
out = []
for x in json.load(sys.stdin):
    if x > 1:
        f = Fraction(x).limit_denominator(min(2**32 - 1, int((2**32 - 1) // abs(x))))
    else:
        f = Fraction(x).limit_denominator(2**32 - 1)
    out.append([f.numerator, f.denominator])
json.dump(out, sys.stdout)
`;

describe('toRational agrees with Python’s Fraction.limit_denominator', () => {
  it('for ~200 pseudo-random values', (context) => {
    if (!existsSync(PYTHON)) {
      if (process.env['REQUIRE_INTEROP'] === '1') throw new Error(`${PYTHON} is missing and REQUIRE_INTEROP=1`);
      console.warn(`skipping the Python interop check: ${PYTHON} not found`);
      context.skip();
      return;
    }
    const samples = interopSamples();
    expect(samples.length).toBeGreaterThanOrEqual(200);
    const output = execFileSync(PYTHON, ['-c', PYTHON_SCRIPT], { input: JSON.stringify(samples), encoding: 'utf8' });
    const expected = JSON.parse(output) as [number, number][];
    expect(expected.length).toBe(samples.length);
    const mismatches = samples
      .map((x, i) => ({ x, ours: toRational(x), python: expected[i] }))
      .filter(({ ours, python }) => ours[0] !== python?.[0] || ours[1] !== python?.[1]);
    expect(mismatches).toEqual([]);
  });
});
