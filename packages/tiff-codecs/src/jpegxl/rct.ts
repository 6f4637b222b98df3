import { hybridToken, packSigned } from './entropy.js';
import { clampedGradient, histogramCost, TOKENS } from './predict.js';

/** RCT type 6 without permutation: the reversible YCoCg transform of R, G, B. */
export const RCT_YCOCG = 6;

/** RCTs the search compares: every permutation of every operation, YCoCg (the default's) first. */
export const RCT_CANDIDATES: readonly number[] = [
  RCT_YCOCG,
  ...Array.from({ length: 42 }, (_, t) => t).filter((t) => t !== RCT_YCOCG),
];

/**
 * The reversible colour transform `type` (0–41) of the first three channels, which the decoder undoes
 * (ISO/IEC 18181-1, H.6.3): `type / 7` permutes the input (which channel comes first, second, third),
 * `type % 7` picks the operation — 6 is YCoCg (Co = first − third, t = third + (Co >> 1), Cg = second
 * − t, Y = t + (Cg >> 1)); otherwise bit 0 subtracts the first from the third, and bits 1–2 subtract
 * the first (1) or the mean of the first and third (2) from the second. Correlated colour channels
 * leave smaller residuals.
 */
export function forwardRct(channels: readonly Int32Array[], type: number): Int32Array[] {
  const perm = Math.floor(type / 7);
  const op = type % 7;
  const first = channels[perm % 3] as Int32Array;
  const second = channels[(perm + 1 + Math.floor(perm / 3)) % 3] as Int32Array;
  const third = channels[(perm + 2 - Math.floor(perm / 3)) % 3] as Int32Array;
  const a = new Int32Array(first.length);
  const b = new Int32Array(first.length);
  const c = new Int32Array(first.length);
  for (let i = 0; i < first.length; i++) {
    const p = first[i] as number;
    const q = second[i] as number;
    const r = third[i] as number;
    if (op === RCT_YCOCG) {
      const co = p - r;
      const t = r + (co >> 1);
      const cg = q - t;
      a[i] = t + (cg >> 1);
      b[i] = co;
      c[i] = cg;
    } else {
      a[i] = p;
      b[i] = op >> 1 === 1 ? q - p : op >> 1 === 2 ? q - ((p + r) >> 1) : q;
      c[i] = op & 1 ? r - p : r;
    }
  }
  return [a, b, c, ...channels.slice(3)];
}

/** Estimated bits of one channel's gradient residuals, with one histogram for the whole image. */
function channelCost(ch: Int32Array, width: number, hist: Float64Array): number {
  hist.fill(0);
  const height = ch.length / width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const left = x > 0 ? (ch[i - 1] as number) : y > 0 ? (ch[i - width] as number) : 0;
      const top = y > 0 ? (ch[i - width] as number) : left;
      const topLeft = x > 0 && y > 0 ? (ch[i - width - 1] as number) : left;
      const t = hybridToken(packSigned((ch[i] as number) - clampedGradient(left, top, topLeft)));
      hist[t] = (hist[t] as number) + 1;
    }
  }
  return histogramCost(hist);
}

/**
 * Names of the three channels RCT `type` makes, equal when two types make the same channel (the
 * first channel is often just an input), so each distinct channel is estimated once.
 */
function channelNames(type: number): string[] {
  const perm = Math.floor(type / 7);
  const op = type % 7;
  const [f, s, t] = [perm % 3, (perm + 1 + Math.floor(perm / 3)) % 3, (perm + 2 - Math.floor(perm / 3)) % 3];
  if (op === RCT_YCOCG) return [`Y${f}${s}${t}`, `Co${f}${s}${t}`, `Cg${f}${s}${t}`];
  const second = op >> 1 === 1 ? `${s}-${f}` : op >> 1 === 2 ? `${s}-${Math.min(f, t)}${Math.max(f, t)}` : `${s}`;
  return [`${f}`, second, op & 1 ? `${t}-${f}` : `${t}`];
}

/**
 * The RCT among `candidates` whose channels cost the least, estimated from the gradient residuals of
 * the whole image with one histogram per channel (the first candidate wins ties).
 */
export function chooseRct(channels: readonly Int32Array[], width: number, candidates: readonly number[]): number {
  let best = candidates[0] as number;
  let bestCost = Number.POSITIVE_INFINITY;
  const hist = new Float64Array(TOKENS);
  const known = new Map<string, number>();
  for (const type of candidates) {
    const names = channelNames(type);
    if (names.some((name) => !known.has(name))) {
      forwardRct(channels, type)
        .slice(0, 3)
        .forEach((ch, c) => {
          const name = names[c] as string;
          if (!known.has(name)) known.set(name, channelCost(ch, width, hist));
        });
    }
    const cost = names.reduce((sum, name) => sum + (known.get(name) as number), 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = type;
    }
  }
  return best;
}
