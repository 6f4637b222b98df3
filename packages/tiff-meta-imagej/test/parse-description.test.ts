import { describe, expect, it } from 'vitest';
import { parseImagejDescription } from '../src/index.js';
import { expectImageJError } from './errors.js';

describe('parseImagejDescription', () => {
  it('types values as tifffile does: int, float, bool in any case, else string', () => {
    const parsed = parseImagejDescription(
      'ImageJ=1.53t\nimages=510\nspacing=2.5\ntiny=1e-05\nneg=-3\nlead=.5\nexp=1E+3\nhyperstack=TRUE\nloop=false\n' +
        'unit=um\nmode=composite\nversionlike=1.2.3\nempty=\n',
    );
    expect(parsed).toEqual({
      ImageJ: '1.53t',
      images: 510,
      spacing: 2.5,
      tiny: 1e-5,
      neg: -3,
      lead: 0.5,
      exp: 1000,
      hyperstack: true,
      loop: false,
      unit: 'um',
      mode: 'composite',
      versionlike: '1.2.3',
      empty: '',
    });
  });

  it('keeps the ImageJ version a string even when it looks like a number', () => {
    expect(parseImagejDescription('ImageJ=1.53\n')).toEqual({ ImageJ: '1.53' });
  });

  it('reads nan and inf (what the writer emits for non-finite numbers)', () => {
    const parsed = parseImagejDescription('ImageJ=1.11a\na=nan\nb=inf\nc=-inf\nd=Infinity\ne=NaN\n');
    expect(parsed['a']).toBeNaN();
    expect(parsed['e']).toBeNaN();
    expect([parsed['b'], parsed['c'], parsed['d']]).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it('splits at the first "=", trims, skips lines without "=", keeps the last repeated key', () => {
    expect(parseImagejDescription('ImageJ=1.11a\r\n  name = a=b \nno equals here\n\nunit=um\nunit=nm\rx=1')).toEqual({
      ImageJ: '1.11a',
      name: 'a=b',
      unit: 'nm',
      x: 1,
    });
  });

  it('stores a "__proto__" line as data', () => {
    const parsed = parseImagejDescription('ImageJ=1.11a\n__proto__=x\n');
    expect(Object.keys(parsed)).toEqual(['ImageJ', '__proto__']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('rejects text that is not an ImageJ description', () => {
    expectImageJError(
      () => parseImagejDescription('{"shape": [1, 2]}'),
      'INVALID_DATA',
      'description',
      /must start with "ImageJ="/,
    );
    expectImageJError(() => parseImagejDescription(''), 'INVALID_DATA', 'description', /not an ImageJ description/);
    expectImageJError(
      () => parseImagejDescription(42 as unknown as string),
      'INVALID_DATA',
      'description',
      /must be a string, got 42/,
    );
  });
});
