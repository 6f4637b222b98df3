import { hybridToken, packSigned, type SymbolList } from './entropy.js';
import { histogramCost, PREDICTOR_GRADIENT, predictFrom, TOKENS } from './predict.js';
import { bucketOf } from './tree.js';

/** A rectangle of a channel: one group. */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly w: number;
  readonly h: number;
}

/**
 * The predictor of every MA tree leaf key (channel × buckets², as `buildTree` numbers them) that
 * minimises the estimated coded size of its residuals, among `candidates` (the first wins ties). One
 * pass over the samples codes every candidate's residual into token histograms; a candidate whose
 * residual would not fit 32 bits somewhere in a leaf is out for it (the zero predictor always fits,
 * since samples are 32-bit).
 */
export function choosePredictors(
  channels: readonly Int32Array[],
  stride: number,
  rects: readonly Rect[],
  cutoffs: Int32Array | undefined,
  candidates: readonly number[],
): Int32Array {
  const buckets = cutoffs ? cutoffs.length + 1 : 1;
  const perC = buckets * buckets;
  const keys = channels.length * perC;
  const n = candidates.length;
  const hist = new Float64Array(keys * n * TOKENS);
  const invalid = new Uint8Array(keys * n);
  channels.forEach((ch, c) => {
    for (const { x0, y0, w, h } of rects) {
      for (let y = 0; y < h; y++) {
        const row = (y0 + y) * stride + x0;
        for (let x = 0; x < w; x++) {
          const i = row + x;
          const left = x > 0 ? (ch[i - 1] as number) : y > 0 ? (ch[i - stride] as number) : 0;
          const top = y > 0 ? (ch[i - stride] as number) : left;
          const topLeft = x > 0 && y > 0 ? (ch[i - stride - 1] as number) : left;
          const key = cutoffs
            ? c * perC + bucketOf(left - topLeft, cutoffs) * buckets + bucketOf(topLeft - top, cutoffs)
            : c;
          const topRight = x + 1 < w && y > 0 ? (ch[i - stride + 1] as number) : top;
          const leftLeft = x > 1 ? (ch[i - 2] as number) : left;
          const topTop = y > 1 ? (ch[i - 2 * stride] as number) : top;
          const topRightRight = x + 2 < w && y > 0 ? (ch[i - stride + 2] as number) : topRight;
          const v = ch[i] as number;
          for (let k = 0; k < n; k++) {
            const p = candidates[k] as number;
            const r = v - predictFrom(p, left, top, topLeft, topRight, leftLeft, topTop, topRightRight);
            if (r < -0x80000000 || r > 0x7fffffff) invalid[key * n + k] = 1;
            else {
              const at = (key * n + k) * TOKENS + hybridToken(packSigned(r));
              hist[at] = (hist[at] as number) + 1;
            }
          }
        }
      }
    }
  });
  const chosen = new Int32Array(keys).fill(PREDICTOR_GRADIENT);
  for (let key = 0; key < keys; key++) {
    let bestCost = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const cost = invalid[key * n + k] ? Number.POSITIVE_INFINITY : histogramCost(hist, (key * n + k) * TOKENS);
      if (cost < bestCost) {
        bestCost = cost;
        chosen[key] = candidates[k] as number;
      }
    }
  }
  return chosen;
}

/**
 * Clusters of contexts whose residuals are alike enough to share one prefix code: greedy merging of
 * the pair that saves the most estimated bits (a code's own price included), until no merge saves
 * any. Returns each context's cluster, numbered densely in order of first use (the format refuses a
 * context map that leaves a cluster unused).
 */
export function clusterContexts(contexts: number, lists: readonly SymbolList[]): Int32Array {
  const hists = Array.from({ length: contexts }, () => new Float64Array(TOKENS));
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const hist = hists[list.contexts[i] as number] as Float64Array;
      const t = list.tokens[i] as number;
      hist[t] = (hist[t] as number) + 1;
    }
  }
  const alive = hists.map((_, c) => c);
  const parent = Int32Array.from(alive);
  const cost = hists.map((h) => histogramCost(h));
  const merged = new Float64Array(TOKENS);
  const gain = (a: number, b: number): number => {
    const ha = hists[a] as Float64Array;
    const hb = hists[b] as Float64Array;
    for (let t = 0; t < TOKENS; t++) merged[t] = (ha[t] as number) + (hb[t] as number);
    return (cost[a] as number) + (cost[b] as number) - histogramCost(merged);
  };
  // Savings of every live pair, kept up to date after each merge (only the merged row changes).
  const pairGain = new Map<number, number>();
  const pairKey = (a: number, b: number): number => (a < b ? a * contexts + b : b * contexts + a);
  for (let i = 0; i < alive.length; i++) {
    for (let j = i + 1; j < alive.length; j++) pairGain.set(pairKey(i, j), gain(i, j));
  }
  for (;;) {
    let best = -1;
    let bestGain = 0;
    // The map's order is the insertion order, so ties resolve the same way on every run.
    for (const [key, g] of pairGain) {
      if (g > bestGain) {
        bestGain = g;
        best = key;
      }
    }
    if (best < 0) break;
    const a = Math.floor(best / contexts);
    const b = best % contexts;
    const ha = hists[a] as Float64Array;
    const hb = hists[b] as Float64Array;
    for (let t = 0; t < TOKENS; t++) ha[t] = (ha[t] as number) + (hb[t] as number);
    cost[a] = histogramCost(ha);
    parent[b] = a;
    alive.splice(alive.indexOf(b), 1);
    for (const other of alive) {
      pairGain.delete(pairKey(b, other));
      if (other !== a) pairGain.set(pairKey(a, other), gain(a, other));
    }
  }
  const root = (c: number): number => {
    let r = c;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  const clusterOf = new Int32Array(contexts);
  const numbering = new Map<number, number>();
  for (let c = 0; c < contexts; c++) {
    const r = root(c);
    if (!numbering.has(r)) numbering.set(r, numbering.size);
    clusterOf[c] = numbering.get(r) as number;
  }
  return clusterOf;
}
