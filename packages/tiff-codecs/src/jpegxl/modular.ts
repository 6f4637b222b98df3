import { BitWriter, bitsOffset, val, writeU32 } from './bits.js';
import { SymbolList, writeEntropyCode, writeSymbols } from './entropy.js';

/** Predictors of the MA tree leaves this encoder writes (ISO/IEC 18181-1 modular predictors). */
const PREDICTOR_ZERO = 0;
const PREDICTOR_GRADIENT = 5;

/** Channels of one modular image, row-major `width × height` sample values (integers). */
export interface ModularImage {
  readonly width: number;
  readonly height: number;
  readonly channels: readonly Int32Array[];
}

const packSigned = (r: number): number => (r >= 0 ? 2 * r : -2 * r - 1);

/** Gradient prediction (N + W − NW clamped to [min(N, W), max(N, W)]) with the edge rules of the format. */
function residuals(
  ch: Int32Array,
  stride: number,
  rect: Rect,
  predictor: number,
  list: SymbolList,
  context: number,
): boolean {
  const { x0, y0, w, h } = rect;
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * stride + x0;
    const above = row - stride;
    for (let x = 0; x < w; x++) {
      const v = ch[row + x] as number;
      let pred = 0;
      if (predictor === PREDICTOR_GRADIENT) {
        const left = x > 0 ? (ch[row + x - 1] as number) : y > 0 ? (ch[above + x] as number) : 0;
        const top = y > 0 ? (ch[above + x] as number) : left;
        const topLeft = x > 0 && y > 0 ? (ch[above + x - 1] as number) : left;
        const lo = Math.min(top, left);
        const hi = Math.max(top, left);
        pred = Math.min(hi, Math.max(lo, top + left - topLeft));
      }
      const r = v - pred;
      // A residual must fit an int32 (32-bit float samples, stored as their bit patterns, may not).
      if (r < -0x80000000 || r > 0x7fffffff) return false;
      list.push(context, packSigned(r));
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

/**
 * The MA tree: one leaf per channel (splits on property 0, the channel index), so each channel has
 * its own context and predictor. Returns the tree's tokens and each channel's context (leaf index in
 * the order the decoder meets the leaves: breadth first).
 */
function buildTree(predictors: readonly number[]): { tokens: SymbolList; contextOf: number[] } {
  const tokens = new SymbolList();
  const contextOf: number[] = [];
  const queue: [number, number][] = [[0, predictors.length - 1]];
  let leaf = 0;
  while (queue.length > 0) {
    const [lo, hi] = queue.shift() as [number, number];
    if (lo === hi) {
      tokens.push(1, 0); // property 0 + 1 = 0: a leaf
      tokens.push(2, predictors[lo] as number);
      tokens.push(3, 0); // offset 0
      tokens.push(4, 0); // multiplier log 0
      tokens.push(5, 0); // multiplier bits 0 (multiplier 1)
      contextOf[lo] = leaf++;
      continue;
    }
    const mid = (lo + hi) >> 1;
    tokens.push(1, 1); // property 0 (channel) + 1
    tokens.push(0, packSigned(mid)); // channel > mid goes to the first child
    queue.push([mid + 1, hi], [lo, mid]);
  }
  return { tokens, contextOf };
}

function writeGroupHeader(w: BitWriter): void {
  w.bool(true); // use the global tree
  w.bool(true); // weighted predictor header: all default
  writeU32(w, [val(0), val(1), bitsOffset(4, 2), bitsOffset(8, 18)], 0); // no transforms
}

/**
 * The sections of a lossless modular frame: [LfGlobal] when the image is one group, else LfGlobal,
 * the (empty) LF groups, the (empty) HfGlobal and one section per group of `groupDim²` pixels.
 */
export function modularSections(image: ModularImage, groupDim: number): Uint8Array[] {
  const { width, height, channels } = image;
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
  // Contexts depend only on the number of channels, not on the predictors.
  const { contextOf } = buildTree(predictors);
  let lists: SymbolList[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    lists = rects.map((r) => new SymbolList(r.w * r.h * channels.length));
    let fits = true;
    channels.forEach((ch, c) => {
      rects.forEach((rect, g) => {
        const ok = residuals(ch, width, rect, predictors[c] as number, lists[g] as SymbolList, contextOf[c] as number);
        if (!ok) {
          predictors[c] = PREDICTOR_ZERO;
          fits = false;
        }
      });
    });
    if (fits) break;
  }
  // The predictors may have changed: the tree's tokens are made again with the final ones.
  const tree = buildTree(predictors).tokens;

  const global = new BitWriter();
  global.bool(true); // LfChannelDequantization: all default
  global.bool(true); // a global MA tree follows
  const treeCodes = writeEntropyCode(global, 6, () => 0, [tree]);
  writeSymbols(global, treeCodes, tree);
  const codes = writeEntropyCode(global, channels.length, (c) => c, lists);
  writeGroupHeader(global);
  if (rects.length === 1) {
    writeSymbols(global, codes, lists[0] as SymbolList);
    return [global.finish()];
  }
  const sections: Uint8Array[] = [global.finish()];
  const lfGroups = Math.ceil(width / (groupDim * 8)) * Math.ceil(height / (groupDim * 8));
  for (let i = 0; i <= lfGroups; i++) sections.push(new Uint8Array(0)); // LF groups, then HfGlobal
  for (const list of lists) {
    const w = new BitWriter();
    writeGroupHeader(w);
    writeSymbols(w, codes, list);
    sections.push(w.finish());
  }
  return sections;
}
