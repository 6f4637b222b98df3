/**
 * Peak signal-to-noise ratio of `actual` against `expected` in dB, for samples of peak value `peak`
 * (255 for 8-bit, 2^bits − 1 otherwise); Infinity when they are equal.
 */
export function psnr(actual: ArrayLike<number>, expected: ArrayLike<number>, peak = 255): number {
  if (actual.length !== expected.length)
    throw new Error(`psnr: lengths differ (${actual.length} vs ${expected.length})`);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = (actual[i] as number) - (expected[i] as number);
    sum += d * d;
  }
  return sum === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((peak * peak * actual.length) / sum);
}
