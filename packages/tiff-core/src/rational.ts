import { TiffError } from './errors.js';

const U32_MAX = 0xffff_ffffn;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** The exact value of a finite double as a reduced fraction of bigints. */
function exactFraction(x: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exponentBits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (exponentBits === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = exponentBits - 1075;
  }
  if (x < 0) mantissa = -mantissa;
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  const g = gcd(num, den);
  return g === 0n ? [0n, 1n] : [num / g, den / g];
}

/**
 * The closest fraction to num/den with a denominator at most `maxDen`: the continued-fraction
 * algorithm with the tie rule of Python's `Fraction.limit_denominator`, so results match tifffile.
 */
function limitDenominator(num: bigint, den: bigint, maxDen: bigint): [bigint, bigint] {
  if (den <= maxDen) return [num, den];
  let [p0, q0, p1, q1] = [0n, 1n, 1n, 0n];
  let [n, d] = [num, den];
  for (;;) {
    const a = n / d;
    const q2 = q0 + a * q1;
    if (q2 > maxDen) break;
    [p0, q0, p1, q1] = [p1, q1, p0 + a * p1, q2];
    [n, d] = [d, n - a * d];
  }
  const k = (maxDen - q0) / q1;
  // p1/q1 is the better (or equal) approximation iff 2·d·(q0 + k·q1) <= den.
  if (2n * d * (q0 + k * q1) <= den) return [p1, q1];
  return [p0 + k * p1, q0 + k * q1];
}

/**
 * A non-negative number, or a `[numerator, denominator]` pair, as an unsigned 32-bit RATIONAL:
 * the best approximation whose numerator and denominator both fit 32 bits.
 */
export function toRational(value: number | readonly [number, number], option = 'resolution'): [number, number] {
  if (Array.isArray(value)) {
    const [n, d] = value as readonly [number, number];
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || n < 0 || d <= 0) {
      throw new TiffError('INVALID_OPTION', `${option}: [${n}, ${d}] is not a pair of non-negative integers`, {
        option,
      });
    }
    const g = gcd(BigInt(n), BigInt(d));
    const [rn, rd] = [BigInt(n) / g, BigInt(d) / g];
    if (rn > U32_MAX || rd > U32_MAX) {
      throw new TiffError('INVALID_OPTION', `${option}: [${n}, ${d}] does not fit in 32-bit integers`, { option });
    }
    return [Number(rn), Number(rd)];
  }
  const x = value as number;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new TiffError('INVALID_OPTION', `${option}: ${String(x)} is not a finite non-negative number`, { option });
  }
  if (x === 0) return [0, 1];
  if (x >= 2 ** 32) {
    throw new TiffError('INVALID_OPTION', `${option}: ${x} is too large for a 32-bit rational`, { option });
  }
  const [num, den] = exactFraction(x);
  // The denominator bound keeps the numerator within 32 bits too. It is floor((2**32-1) / x) computed
  // exactly, as Python's float floor division does (Math.floor of the rounded quotient can be one too
  // large); at least 1, since above 2**32-1 only whole numbers can fit.
  let maxDen = x <= 1 ? U32_MAX : (U32_MAX * den) / num;
  if (maxDen < 1n) maxDen = 1n;
  const [rn, rd] = limitDenominator(num, den, maxDen);
  if (rn > U32_MAX || rd > U32_MAX) {
    throw new TiffError('INVALID_OPTION', `${option}: ${x} has no 32-bit rational approximation`, { option });
  }
  return [Number(rn), Number(rd)];
}
