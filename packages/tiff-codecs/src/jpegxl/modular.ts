import { BitWriter, bitsOffset, val, writeU32 } from './bits.js';
import { SymbolList, writeEntropyCode, writeSymbols } from './entropy.js';
import { bucketOf, buildTree, type MaTree, PREDICTOR_GRADIENT, PREDICTOR_ZERO } from './tree.js';

/** Channels of one modular image, row-major `width × height` sample values (integers). */
export interface ModularImage {
  readonly width: number;
  readonly height: number;
  readonly channels: readonly Int32Array[];
}

const packSigned = (r: number): number => (r >= 0 ? 2 * r : -2 * r - 1);

/**
 * Residuals of one channel in one group: gradient prediction (N + W − NW clamped to [min(N, W),
 * max(N, W)]) or none, with the format's edge rules; each residual's context from the tree (by channel
 * and the buckets of W − NW and NW − N). False when a residual would not fit 32 bits.
 */
function residuals(
  ch: Int32Array,
  stride: number,
  rect: Rect,
  c: number,
  predictor: number,
  tree: MaTree,
  cutoffs: Int32Array | undefined,
  list: SymbolList,
): boolean {
  const { x0, y0, w, h } = rect;
  const { contextOf, buckets } = tree;
  const base = c * buckets * buckets;
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * stride + x0;
    const above = row - stride;
    for (let x = 0; x < w; x++) {
      const v = ch[row + x] as number;
      const left = x > 0 ? (ch[row + x - 1] as number) : y > 0 ? (ch[above + x] as number) : 0;
      const top = y > 0 ? (ch[above + x] as number) : left;
      const topLeft = x > 0 && y > 0 ? (ch[above + x - 1] as number) : left;
      let pred = 0;
      if (predictor === PREDICTOR_GRADIENT) {
        const lo = Math.min(top, left);
        const hi = Math.max(top, left);
        pred = Math.min(hi, Math.max(lo, top + left - topLeft));
      }
      const r = v - pred;
      // A residual must fit an int32 (32-bit float samples, stored as their bit patterns, may not).
      if (r < -0x80000000 || r > 0x7fffffff) return false;
      const key = cutoffs
        ? base + bucketOf(left - topLeft, cutoffs) * buckets + bucketOf(topLeft - top, cutoffs)
        : base;
      list.push(contextOf[key] as number, packSigned(r));
    }
  }
  return true;
}

interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly w: number;
  readonly h: number;
}

function writeGroupHeader(w: BitWriter, rct: boolean): void {
  w.bool(true); // use the global tree
  w.bool(true); // weighted predictor header: all default
  writeU32(w, [val(0), val(1), bitsOffset(4, 2), bitsOffset(8, 18)], rct ? 1 : 0);
  if (rct) {
    w.write(2, 0); // transform: RCT
    writeU32(w, [bitsOffset(3), bitsOffset(6, 8), bitsOffset(10, 72), bitsOffset(13, 1096)], 0); // from channel 0
    writeU32(w, [val(6), bitsOffset(2), bitsOffset(4, 2), bitsOffset(6, 10)], 6); // YCoCg, no permutation
  }
}

/**
 * The reversible YCoCg transform (RCT type 6) of the first three channels, which the decoder undoes:
 * Co = R − B, t = B + (Co >> 1), Cg = G − t, Y = t + (Cg >> 1). Correlated colour channels leave
 * smaller residuals.
 */
function forwardYCoCg(channels: readonly Int32Array[]): Int32Array[] {
  const [r, g, b] = channels as [Int32Array, Int32Array, Int32Array];
  const y = new Int32Array(r.length);
  const co = new Int32Array(r.length);
  const cg = new Int32Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const c = (r[i] as number) - (b[i] as number);
    const t = (b[i] as number) + (c >> 1);
    const d = (g[i] as number) - t;
    co[i] = c;
    cg[i] = d;
    y[i] = t + (d >> 1);
  }
  return [y, co, cg, ...channels.slice(3)];
}

/**
 * The sections of a lossless modular frame: [LfGlobal] when the image is one group, else LfGlobal,
 * the (empty) LF groups, the (empty) HfGlobal and one section per group of `groupDim²` pixels.
 */
export function modularSections(
  image: ModularImage,
  groupDim: number,
  rct: boolean,
  cutoffs?: Int32Array,
): Uint8Array[] {
  const { width, height } = image;
  const channels = rct ? forwardYCoCg(image.channels) : image.channels;
  const groupsX = Math.ceil(width / groupDim);
  const groupsY = Math.ceil(height / groupDim);
  const rects: Rect[] = [];
  for (let gy = 0; gy < groupsY; gy++) {
    for (let gx = 0; gx < groupsX; gx++) {
      const x0 = gx * groupDim;
      const y0 = gy * groupDim;
      rects.push({ x0, y0, w: Math.min(groupDim, width - x0), h: Math.min(groupDim, height - y0) });
    }
  }
  const predictors = channels.map(() => PREDICTOR_GRADIENT);
  let tree = buildTree(predictors, cutoffs);
  let lists: SymbolList[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    lists = rects.map((r) => new SymbolList(r.w * r.h * channels.length));
    let fits = true;
    channels.forEach((ch, c) => {
      rects.forEach((rect, g) => {
        if (!residuals(ch, width, rect, c, predictors[c] as number, tree, cutoffs, lists[g] as SymbolList)) {
          predictors[c] = PREDICTOR_ZERO;
          fits = false;
        }
      });
    });
    if (fits) break;
    // Contexts depend only on the tree's shape, which the predictors do not change.
    tree = buildTree(predictors, cutoffs);
  }

  const global = new BitWriter();
  global.bool(true); // LfChannelDequantization: all default
  global.bool(true); // a global MA tree follows
  const treeCodes = writeEntropyCode(global, 6, () => 0, [tree.tokens]);
  writeSymbols(global, treeCodes, tree.tokens);
  const codes = writeEntropyCode(global, tree.contexts, (c) => c, lists);
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
    writeGroupHeader(w, false); // the transform is the global image's
    writeSymbols(w, codes, list);
    sections.push(w.finish());
  }
  return sections;
}
