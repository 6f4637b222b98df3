/**
 * Modular predictors (ISO/IEC 18181-1, H.5) and the estimate of what their residuals cost, which the
 * higher efforts use to pick a predictor per channel or per MA tree leaf.
 */

/** Predictor numbers as the MA tree leaves carry them (the weighted predictor, 6, is not used). */
export const PREDICTOR_ZERO = 0;
export const PREDICTOR_W = 1;
export const PREDICTOR_N = 2;
export const PREDICTOR_AVG_W_N = 3;
export const PREDICTOR_SELECT = 4;
export const PREDICTOR_GRADIENT = 5;
export const PREDICTOR_NE = 7;
export const PREDICTOR_NW = 8;
export const PREDICTOR_WW = 9;
export const PREDICTOR_AVG_W_NW = 10;
export const PREDICTOR_AVG_N_NW = 11;
export const PREDICTOR_AVG_N_NE = 12;
export const PREDICTOR_AVG4 = 13;

/** Candidates of the searches, gradient first so that ties keep it (the default's predictor). */
export const SEARCHED_PREDICTORS: readonly number[] = [
  PREDICTOR_GRADIENT,
  PREDICTOR_W,
  PREDICTOR_N,
  PREDICTOR_AVG_W_N,
  PREDICTOR_SELECT,
  PREDICTOR_NE,
  PREDICTOR_NW,
  PREDICTOR_WW,
  PREDICTOR_AVG_W_NW,
  PREDICTOR_AVG_N_NW,
  PREDICTOR_AVG_N_NE,
  PREDICTOR_AVG4,
  PREDICTOR_ZERO,
];

/** Predictors that look further than W, N and NW (so the caller fetches NE, WW, NN, NEE). */
const needsFarNeighbours = (p: number): boolean =>
  p === PREDICTOR_NE || p === PREDICTOR_WW || p === PREDICTOR_AVG_N_NE || p === PREDICTOR_AVG4;

/** The gradient predictor: N + W − NW, clamped to [min(N, W), max(N, W)]. */
export function clampedGradient(left: number, top: number, topLeft: number): number {
  return Math.min(Math.max(top, left), Math.max(Math.min(top, left), top + left - topLeft));
}

/**
 * Prediction of the sample `ch[i]` at `x`, `y` of a group `w` samples wide (`stride` samples per row
 * of `ch`; only neighbours inside the group are read), given its W, N and NW (every caller has them).
 */
export function predict(
  p: number,
  left: number,
  top: number,
  topLeft: number,
  ch: Int32Array,
  i: number,
  stride: number,
  x: number,
  y: number,
  w: number,
): number {
  if (!needsFarNeighbours(p)) return predictFrom(p, left, top, topLeft, top, left, top, top);
  const topRight = x + 1 < w && y > 0 ? (ch[i - stride + 1] as number) : top;
  return predictFrom(
    p,
    left,
    top,
    topLeft,
    topRight,
    x > 1 ? (ch[i - 2] as number) : left,
    y > 1 ? (ch[i - 2 * stride] as number) : top,
    x + 2 < w && y > 0 ? (ch[i - stride + 2] as number) : topRight,
  );
}

/**
 * Predictor `p` from the neighbours W, N, NW, NE, WW, NN and NEE, each already replaced by the
 * format's fallback where it lies outside the group (a missing neighbour falls back to a nearer one).
 * Divisions truncate toward zero, as the format's (C) integer division does, also for negative
 * samples (YCoCg chroma).
 */
export function predictFrom(
  p: number,
  left: number,
  top: number,
  topLeft: number,
  topRight: number,
  leftLeft: number,
  topTop: number,
  topRightRight: number,
): number {
  switch (p) {
    case PREDICTOR_GRADIENT:
      return clampedGradient(left, top, topLeft);
    case PREDICTOR_ZERO:
      return 0;
    case PREDICTOR_W:
      return left;
    case PREDICTOR_N:
      return top;
    case PREDICTOR_AVG_W_N:
      return Math.trunc((left + top) / 2);
    case PREDICTOR_SELECT:
      // Of W and N, the one nearer the gradient guess W + N − NW (N on a tie).
      return Math.abs(top - topLeft) < Math.abs(left - topLeft) ? left : top;
    case PREDICTOR_NE:
      return topRight;
    case PREDICTOR_NW:
      return topLeft;
    case PREDICTOR_WW:
      return leftLeft;
    case PREDICTOR_AVG_W_NW:
      return Math.trunc((left + topLeft) / 2);
    case PREDICTOR_AVG_N_NW:
      return Math.trunc((top + topLeft) / 2);
    case PREDICTOR_AVG_N_NE:
      return Math.trunc((top + topRight) / 2);
    default:
      // AVG4: a weighted mix of six neighbours, rounded by + 8 before the (truncating) division by 16.
      return Math.trunc((6 * top - 2 * topTop + 7 * left + leftLeft + topRightRight + 3 * topRight + 8) / 16);
  }
}

/** Hybrid-integer tokens (split exponent 4, one bit in the token): at most 72 for 32-bit values. */
export const TOKENS = 72;

/** Raw bits that follow token `t` under that configuration. */
export const rawBitsOf = (t: number): number => (t < 16 ? 0 : ((t - 16) >> 1) + 3);

/**
 * Estimated bits of coding a token histogram with its own code: the empirical entropy plus the raw
 * bits, plus a rough price for the code itself (a few bits per used token), so that splitting or
 * merging histograms is weighed fairly.
 */
export function histogramCost(hist: ArrayLike<number>, offset = 0): number {
  let total = 0;
  let used = 0;
  let bits = 0;
  for (let t = 0; t < TOKENS; t++) {
    const c = hist[offset + t] as number;
    if (c === 0) continue;
    total += c;
    used++;
    bits += c * rawBitsOf(t);
  }
  // An unused histogram still costs its header when it is a code of its own.
  if (total === 0) return 8;
  for (let t = 0; t < TOKENS; t++) {
    const c = hist[offset + t] as number;
    if (c > 0) bits += c * Math.log2(total / c);
  }
  return bits + 4 * used + 8;
}
