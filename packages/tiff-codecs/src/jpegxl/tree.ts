import { SymbolList } from './entropy.js';

/** MA tree properties used: the channel index, W − NW and NW − N (the FFV1-like local differences). */
const PROPERTY_CHANNEL = 0;
const PROPERTY_W_NW = 10;
const PROPERTY_NW_N = 11;

type TreeNode =
  | { readonly leaf: true; readonly key: number }
  | {
      readonly leaf: false;
      readonly property: number;
      readonly value: number;
      readonly above: TreeNode;
      readonly below: TreeNode;
    };

/** Bucket of `v` among ascending `cutoffs`: how many cutoffs lie below it. */
export function bucketOf(v: number, cutoffs: Int32Array): number {
  let b = 0;
  while (b < cutoffs.length && v > (cutoffs[b] as number)) b++;
  return b;
}

/** A balanced split of buckets lo…hi on `property`: "value > cutoff" leads to the higher buckets. */
function splitBuckets(
  property: number,
  cutoffs: ArrayLike<number>,
  lo: number,
  hi: number,
  make: (bucket: number) => TreeNode,
): TreeNode {
  if (lo === hi) return make(lo);
  const mid = (lo + hi) >> 1;
  return {
    leaf: false,
    property,
    value: cutoffs[mid] as number,
    above: splitBuckets(property, cutoffs, mid + 1, hi, make),
    below: splitBuckets(property, cutoffs, lo, mid, make),
  };
}

/** The MA tree, as tokens in the decoder's (breadth-first) order, and the context of every leaf key. */
export interface MaTree {
  readonly tokens: SymbolList;
  /** Context (leaf index, breadth first) by key: channel × buckets² + bucket(W − NW) × buckets + bucket(NW − N). */
  readonly contextOf: Int32Array;
  readonly contexts: number;
  /** Buckets per property (1 when the tree does not split on W − NW and NW − N). */
  readonly buckets: number;
  /** Predictor of every leaf, by key. */
  readonly predictorOf: Int32Array;
}

/** Leaf keys of a tree over `channels` channels with `cutoffs`: channel × buckets² (see `MaTree.contextOf`). */
export const keysOf = (channels: number, cutoffs: Int32Array | undefined): number =>
  channels * (cutoffs ? cutoffs.length + 1 : 1) ** 2;

/**
 * One subtree per channel (splits on the channel index); below it, when `cutoffs` is given, splits on
 * W − NW and then NW − N at those cutoffs, so flat and busy neighbourhoods get histograms of their own.
 * Each leaf predicts with `predictorOf[key]` (its key as in `MaTree.contextOf`) and scales its
 * residuals by `multiplierOf[key]` (1 when absent: lossless).
 */
export function buildTree(
  channels: number,
  predictorOf: Int32Array,
  cutoffs: Int32Array | undefined,
  multiplierOf?: Int32Array,
): MaTree {
  const buckets = cutoffs ? cutoffs.length + 1 : 1;
  const channelCutoffs = Array.from({ length: channels - 1 }, (_, c) => c);
  const root = splitBuckets(PROPERTY_CHANNEL, channelCutoffs, 0, channels - 1, (c) => {
    const leaf = (b10: number, b11: number): TreeNode => ({ leaf: true, key: (c * buckets + b10) * buckets + b11 });
    if (!cutoffs) return leaf(0, 0);
    return splitBuckets(PROPERTY_W_NW, cutoffs, 0, buckets - 1, (b10) =>
      splitBuckets(PROPERTY_NW_N, cutoffs, 0, buckets - 1, (b11) => leaf(b10, b11)),
    );
  });
  const tokens = new SymbolList();
  const contextOf = new Int32Array(channels * buckets * buckets);
  let contexts = 0;
  const queue: TreeNode[] = [root];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as TreeNode;
    if (node.leaf) {
      tokens.push(1, 0); // property + 1 = 0: a leaf
      tokens.push(2, predictorOf[node.key] as number);
      tokens.push(3, 0); // offset 0
      // Multiplier (bits + 1) << log: the lossy quantizer step (any integer, so log 0), else 1.
      tokens.push(4, 0);
      tokens.push(5, (multiplierOf?.[node.key] ?? 1) - 1);
      contextOf[node.key] = contexts++;
    } else {
      tokens.push(1, node.property + 1);
      tokens.push(0, node.value >= 0 ? 2 * node.value : -2 * node.value - 1);
      queue.push(node.above, node.below);
    }
  }
  return { tokens, contextOf, contexts, buckets, predictorOf };
}
