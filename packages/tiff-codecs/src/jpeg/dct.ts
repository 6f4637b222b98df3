import { ZIGZAG } from './tables.js';

/*
 * Forward DCT after Arai, Agui and Nakajima (1988): a 1-D 8-point DCT in 5 multiplications whose
 * outputs come out scaled by a per-frequency constant. Applied to rows then columns, the result is
 * F(u,v) · 8 · a(u) · a(v), with F the T.81 DCT (A.3.3) and a(0) = 1, a(k) = √2·cos(kπ/16). Those constants
 * are folded into the quantiser divisors, so the transform proper needs no further scaling.
 */

const C4 = Math.SQRT1_2; // cos(4π/16)
const C6 = Math.cos((6 * Math.PI) / 16); // 0.3826...: the term shared by the odd-part rotation
const C2_MINUS_C6 = Math.cos((2 * Math.PI) / 16) - Math.cos((6 * Math.PI) / 16); // 0.5411...
const C2_PLUS_C6 = Math.cos((2 * Math.PI) / 16) + Math.cos((6 * Math.PI) / 16); // 1.3065...

const INTEGER_BIAS = 16384;
const ROUNDING_BIAS = INTEGER_BIAS + 0.5;

/** a(k) of the header comment. */
export function aanScale(k: number): number {
  return k === 0 ? 1 : Math.SQRT2 * Math.cos((k * Math.PI) / 16);
}

/**
 * Reciprocal divisors (natural order) for a quantisation table given in natural order: multiplying
 * the fast DCT's output by these and rounding gives the T.81 quantised coefficients Sq(u,v).
 */
export function quantReciprocals(table: Uint8Array): Float64Array {
  const reciprocals = new Float64Array(64);
  for (let n = 0; n < 64; n++) {
    reciprocals[n] = 1 / ((table[n] as number) * 8 * aanScale(n & 7) * aanScale(n >> 3));
  }
  return reciprocals;
}

/** UNZIGZAG[n] is the zig-zag position of natural index n. */
const UNZIGZAG = new Uint8Array(64);
for (let k = 0; k < 64; k++) UNZIGZAG[ZIGZAG[k] as number] = k;

/**
 * Transform the 8×8 block at `offset` of `src` (row length `stride`, samples already level-shifted),
 * quantise it with `reciprocals` and store the result in zig-zag order in `out`. `ws` is 64 doubles of
 * scratch. Returns the zig-zag index of the last non-zero coefficient (0 when all AC are zero).
 */
export function forwardDctQuantize(
  src: Float32Array,
  offset: number,
  stride: number,
  ws: Float64Array,
  reciprocals: Float64Array,
  out: Int32Array,
): number {
  // Rows.
  for (let r = 0, s = offset; r < 64; r += 8, s += stride) {
    const d0 = src[s] as number;
    const d1 = src[s + 1] as number;
    const d2 = src[s + 2] as number;
    const d3 = src[s + 3] as number;
    const d4 = src[s + 4] as number;
    const d5 = src[s + 5] as number;
    const d6 = src[s + 6] as number;
    const d7 = src[s + 7] as number;
    const t0 = d0 + d7;
    const t7 = d0 - d7;
    const t1 = d1 + d6;
    const t6 = d1 - d6;
    const t2 = d2 + d5;
    const t5 = d2 - d5;
    const t3 = d3 + d4;
    const t4 = d3 - d4;
    // Even part.
    const e0 = t0 + t3;
    const e3 = t0 - t3;
    const e1 = t1 + t2;
    const e2 = t1 - t2;
    ws[r] = e0 + e1;
    ws[r + 4] = e0 - e1;
    const m = (e2 + e3) * C4;
    ws[r + 2] = e3 + m;
    ws[r + 6] = e3 - m;
    // Odd part.
    const o0 = t4 + t5;
    const o1 = t5 + t6;
    const o2 = t6 + t7;
    const z5 = (o0 - o2) * C6;
    const z2 = C2_MINUS_C6 * o0 + z5;
    const z4 = C2_PLUS_C6 * o2 + z5;
    const z3 = o1 * C4;
    const z11 = t7 + z3;
    const z13 = t7 - z3;
    ws[r + 5] = z13 + z2;
    ws[r + 3] = z13 - z2;
    ws[r + 1] = z11 + z4;
    ws[r + 7] = z11 - z4;
  }
  // Columns, quantised as they come out and stored at their zig-zag positions. Rounding by truncating
  // a biased positive value (|x| < 2048 for 8-bit data) has no data-dependent branch, which on noisy
  // blocks is several times faster than Math.round or a sign test.
  for (let c = 0; c < 8; c++) {
    const d0 = ws[c] as number;
    const d1 = ws[c + 8] as number;
    const d2 = ws[c + 16] as number;
    const d3 = ws[c + 24] as number;
    const d4 = ws[c + 32] as number;
    const d5 = ws[c + 40] as number;
    const d6 = ws[c + 48] as number;
    const d7 = ws[c + 56] as number;
    const t0 = d0 + d7;
    const t7 = d0 - d7;
    const t1 = d1 + d6;
    const t6 = d1 - d6;
    const t2 = d2 + d5;
    const t5 = d2 - d5;
    const t3 = d3 + d4;
    const t4 = d3 - d4;
    const e0 = t0 + t3;
    const e3 = t0 - t3;
    const e1 = t1 + t2;
    const e2 = t1 - t2;
    const m = (e2 + e3) * C4;
    const o0 = t4 + t5;
    const o1 = t5 + t6;
    const o2 = t6 + t7;
    const z5 = (o0 - o2) * C6;
    const z2 = C2_MINUS_C6 * o0 + z5;
    const z4 = C2_PLUS_C6 * o2 + z5;
    const z3 = o1 * C4;
    const z11 = t7 + z3;
    const z13 = t7 - z3;
    out[UNZIGZAG[c] as number] = (((e0 + e1) * (reciprocals[c] as number) + ROUNDING_BIAS) | 0) - INTEGER_BIAS;
    out[UNZIGZAG[c + 8] as number] = (((z11 + z4) * (reciprocals[c + 8] as number) + ROUNDING_BIAS) | 0) - INTEGER_BIAS;
    out[UNZIGZAG[c + 16] as number] = (((e3 + m) * (reciprocals[c + 16] as number) + ROUNDING_BIAS) | 0) - INTEGER_BIAS;
    out[UNZIGZAG[c + 24] as number] =
      (((z13 - z2) * (reciprocals[c + 24] as number) + ROUNDING_BIAS) | 0) - INTEGER_BIAS;
    out[UNZIGZAG[c + 32] as number] =
      (((e0 - e1) * (reciprocals[c + 32] as number) + ROUNDING_BIAS) | 0) - INTEGER_BIAS;
    out[UNZIGZAG[c + 40] as number] =
      (((z13 + z2) * (reciprocals[c + 40] as number) + ROUNDING_BIAS) | 0) - INTEGER_BIAS;
    out[UNZIGZAG[c + 48] as number] = (((e3 - m) * (reciprocals[c + 48] as number) + ROUNDING_BIAS) | 0) - INTEGER_BIAS;
    out[UNZIGZAG[c + 56] as number] =
      (((z11 - z4) * (reciprocals[c + 56] as number) + ROUNDING_BIAS) | 0) - INTEGER_BIAS;
  }
  let last = 63;
  while (last > 0 && out[last] === 0) last--;
  return last;
}
