import { BitWriter, bitsOffset, val, writeU32 } from './bits.js';
import { packSigned, SymbolList, writeEntropyCode, writeSymbols } from './entropy.js';
import { clampedGradient, PREDICTOR_GRADIENT, PREDICTOR_ZERO, predict } from './predict.js';
import { chooseRct, forwardRct, RCT_CANDIDATES } from './rct.js';
import { choosePredictors, clusterContexts, type Rect } from './search.js';
import { bucketOf, buildTree, keysOf, type MaTree } from './tree.js';

/** Channels of one modular image, row-major `width × height` sample values (integers). */
export interface ModularImage {
  readonly width: number;
  readonly height: number;
  readonly channels: readonly Int32Array[];
}

/**
 * Residuals of one channel in one group, each leaf's predictor (gradient is N + W − NW clamped to
 * [min(N, W), max(N, W)]) with the format's edge rules; each residual's context from the tree (by
 * channel and the buckets of W − NW and NW − N). False when a residual would not fit 32 bits.
 */
function residuals(
  ch: Int32Array,
  stride: number,
  rect: Rect,
  c: number,
  tree: MaTree,
  cutoffs: Int32Array | undefined,
  list: SymbolList,
  step = 1,
): boolean {
  const { x0, y0, w, h } = rect;
  const { contextOf, buckets, predictorOf } = tree;
  const base = c * buckets * buckets;
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * stride + x0;
    const above = row - stride;
    for (let x = 0; x < w; x++) {
      const v = ch[row + x] as number;
      const left = x > 0 ? (ch[row + x - 1] as number) : y > 0 ? (ch[above + x] as number) : 0;
      const top = y > 0 ? (ch[above + x] as number) : left;
      const topLeft = x > 0 && y > 0 ? (ch[above + x - 1] as number) : left;
      const key = cutoffs
        ? base + bucketOf(left - topLeft, cutoffs) * buckets + bucketOf(topLeft - top, cutoffs)
        : base;
      const predictor = predictorOf[key] as number;
      let pred: number;
      if (predictor === PREDICTOR_GRADIENT) {
        pred = clampedGradient(left, top, topLeft);
      } else {
        pred = predict(predictor, left, top, topLeft, ch, row + x, stride, x, y, w);
      }
      let r = v - pred;
      if (step > 1) {
        // Lossy: the residual in steps (rounded to the nearest), and the sample replaced by what the
        // decoder will rebuild (prediction + residual × the leaf's multiplier), so that the following
        // predictions and contexts are the decoder's.
        r = r >= 0 ? Math.floor((r + (step >> 1)) / step) : -Math.floor((-r + (step >> 1)) / step);
        ch[row + x] = pred + r * step;
      }
      // A residual must fit an int32 (32-bit float samples, stored as their bit patterns, may not).
      if (r < -0x80000000 || r > 0x7fffffff) return false;
      list.push(contextOf[key] as number, packSigned(r));
    }
  }
  return true;
}

/** A group header: the global tree, default weighted-predictor parameters, and the RCT (`rctType`) if any. */
function writeGroupHeader(w: BitWriter, rctType: number | undefined): void {
  w.bool(true); // use the global tree
  w.bool(true); // weighted predictor header: all default
  writeU32(w, [val(0), val(1), bitsOffset(4, 2), bitsOffset(8, 18)], rctType === undefined ? 0 : 1);
  if (rctType !== undefined) {
    w.write(2, 0); // transform: RCT
    writeU32(w, [bitsOffset(3), bitsOffset(6, 8), bitsOffset(10, 72), bitsOffset(13, 1096)], 0); // from channel 0
    writeU32(w, [val(6), bitsOffset(2), bitsOffset(4, 2), bitsOffset(6, 10)], rctType); // 6: YCoCg, no permutation
  }
}

/** How a modular image is coded: what the effort chooses (see `effortPlan`). */
export interface ModularPlan {
  /** RCT type (0–41) of the first three channels, `'search'` for the cheapest by estimate, or none. */
  readonly rct?: number | 'search';
  /** Cutoffs of W − NW and NW − N for the tree's neighbourhood contexts; none: a leaf per channel. */
  readonly cutoffs?: Int32Array | undefined;
  /**
   * Predictors: gradient everywhere (the zero predictor for a channel whose residuals would not fit
   * 32 bits), or in each leaf the cheapest of these candidates by estimate.
   */
  readonly predictors?: readonly number[];
  /** Merge the histograms of alike contexts into shared prefix codes. */
  readonly cluster?: boolean;
  /**
   * Lossy coding: the quantizer step of each coded channel (after the RCT), 1 for exact; each leaf's
   * multiplier carries its channel's step to the decoder.
   */
  readonly steps?: Int32Array;
}

/** The groups of `groupDim²` samples of a `width × height` image, row by row. */
function groupRects(width: number, height: number, groupDim: number): Rect[] {
  const rects: Rect[] = [];
  for (let gy = 0; gy < Math.ceil(height / groupDim); gy++) {
    for (let gx = 0; gx < Math.ceil(width / groupDim); gx++) {
      const x0 = gx * groupDim;
      const y0 = gy * groupDim;
      rects.push({ x0, y0, w: Math.min(groupDim, width - x0), h: Math.min(groupDim, height - y0) });
    }
  }
  return rects;
}

/** Residual symbols of every group under the plan's tree (gradient falling back to zero per channel). */
function codeGroups(
  channels: readonly Int32Array[],
  width: number,
  rects: readonly Rect[],
  plan: ModularPlan,
): { tree: MaTree; lists: SymbolList[] } {
  const { cutoffs, steps } = plan;
  const keys = keysOf(channels.length, cutoffs);
  const perC = keys / channels.length;
  const multiplierOf = steps
    ? Int32Array.from({ length: keys }, (_, key) => steps[Math.floor(key / perC)] as number)
    : undefined;
  const predictorOf = plan.predictors
    ? choosePredictors(channels, width, rects, cutoffs, plan.predictors)
    : new Int32Array(keys).fill(PREDICTOR_GRADIENT);
  for (;;) {
    // Contexts depend only on the tree's shape, which the predictors do not change.
    const tree = buildTree(channels.length, predictorOf, cutoffs, multiplierOf);
    const lists = rects.map((r) => new SymbolList(r.w * r.h * channels.length));
    let fits = true;
    // Lossy coding rebuilds the samples in place: on copies, since the caller's may be coded again.
    const coded = steps ? channels.map((ch) => ch.slice()) : channels;
    coded.forEach((ch, c) => {
      rects.forEach((rect, g) => {
        if (!residuals(ch, width, rect, c, tree, cutoffs, lists[g] as SymbolList, steps?.[c])) {
          predictorOf.fill(PREDICTOR_ZERO, c * perC, (c + 1) * perC);
          fits = false;
        }
      });
    });
    if (fits) return { tree, lists };
  }
}

/**
 * The sections of a lossless modular frame: [LfGlobal] when the image is one group, else LfGlobal,
 * the (empty) LF groups, the (empty) HfGlobal and one section per group of `groupDim²` pixels.
 */
export function modularSections(image: ModularImage, groupDim: number, plan: ModularPlan): Uint8Array[] {
  const { width, height } = image;
  const rctType = plan.rct === 'search' ? chooseRct(image.channels, width, RCT_CANDIDATES) : plan.rct;
  // Type 0 (no permutation, no operation) leaves the channels as they are: no transform to write.
  const rct = rctType === 0 ? undefined : rctType;
  const channels = rct === undefined ? image.channels : forwardRct(image.channels, rct);
  const rects = groupRects(width, height, groupDim);
  const { tree, lists } = codeGroups(channels, width, rects, plan);

  const global = new BitWriter();
  global.bool(true); // LfChannelDequantization: all default
  global.bool(true); // a global MA tree follows
  const treeCodes = writeEntropyCode(global, 6, () => 0, [tree.tokens]);
  writeSymbols(global, treeCodes, tree.tokens);
  const clusterOf = plan.cluster ? clusterContexts(tree.contexts, lists) : undefined;
  const codes = writeEntropyCode(global, tree.contexts, (c) => (clusterOf ? (clusterOf[c] as number) : c), lists);
  writeGroupHeader(global, rct);
  if (rects.length === 1) {
    writeSymbols(global, codes, lists[0] as SymbolList);
    return [global.finish()];
  }
  const sections: Uint8Array[] = [global.finish()];
  const lfGroups = Math.ceil(width / (groupDim * 8)) * Math.ceil(height / (groupDim * 8));
  for (let i = 0; i <= lfGroups; i++) sections.push(new Uint8Array(0)); // LF groups, then HfGlobal
  for (const list of lists) {
    const w = new BitWriter();
    writeGroupHeader(w, undefined); // the transform is the global image's
    writeSymbols(w, codes, list);
    sections.push(w.finish());
  }
  return sections;
}
