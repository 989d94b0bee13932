// Which tree nodes a proof needs, for a server that stores the hashes of perfect
// subtrees. Pure index arithmetic: no hashing, no storage. Ranges are [start, end) of
// leaf indices; a NodeId (level, index) is the perfect subtree over leaves
// [index·2^level, (index+1)·2^level).
import { assertTreeSize } from "./inclusion-proof";
import { splitPoint } from "./merkle-hash";

/** Leaves [start, end) of a subtree whose hash a proof lists. */
export type LeafRange = { start: number; end: number };

/** A perfect subtree: level 0 is a leaf, level L covers 2^L leaves. */
export type NodeId = { level: number; index: number };

function pathRanges(m: number, start: number, end: number, out: LeafRange[]): void {
  if (end - start <= 1) return;
  const k = splitPoint(end - start);
  if (m < k) {
    pathRanges(m, start, start + k, out);
    out.push({ start: start + k, end });
  } else {
    pathRanges(m - k, start + k, end, out);
    out.push({ start, end: start + k });
  }
}

/**
 * Ranges whose hashes form the inclusion proof of leaf `index` in a tree of `size`
 * (RFC 9162 §2.1.3.1 PATH), in proof order: the leaf's sibling first, the root's child last.
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  assertTreeSize("index", index);
  assertTreeSize("size", size);
  if (index >= size) throw new TypeError(`index ${index} is outside a tree of size ${size}`);
  const out: LeafRange[] = [];
  pathRanges(index, 0, size, out);
  return out;
}

function subproofRanges(m: number, start: number, end: number, complete: boolean, out: LeafRange[]): void {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push({ start, end });
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproofRanges(m, start, start + k, complete, out);
    out.push({ start: start + k, end });
  } else {
    subproofRanges(m - k, start + k, end, false, out);
    out.push({ start, end: start + k });
  }
}

/**
 * Ranges whose hashes form the consistency proof from size `oldSize` to `newSize`
 * (RFC 9162 §2.1.4.1 PROOF), in proof order. Empty when oldSize is 0 or equals newSize.
 */
export function consistencyProofRanges(oldSize: number, newSize: number): LeafRange[] {
  assertTreeSize("oldSize", oldSize);
  assertTreeSize("newSize", newSize);
  if (oldSize > newSize) throw new TypeError(`old size ${oldSize} is larger than new size ${newSize}`);
  const out: LeafRange[] = [];
  if (oldSize > 0 && oldSize < newSize) subproofRanges(oldSize, 0, newSize, true, out);
  return out;
}

/** Largest level L with 2^L dividing start and 2^L ≤ room. */
function largestAlignedLevel(start: number, room: number): number {
  let level = 0;
  let width = 1;
  while (start % (width * 2) === 0 && width * 2 <= room) {
    level++;
    width *= 2;
  }
  return level;
}

/**
 * Splits [start, end) into the fewest aligned perfect subtrees, left to right. For every
 * range a proof names (and for [0, size)), the sizes strictly decrease, so hashRange()
 * of their hashes is the range's Merkle hash.
 */
export function perfectSubtrees(start: number, end: number): NodeId[] {
  assertTreeSize("start", start);
  assertTreeSize("end", end);
  if (start > end) throw new TypeError(`range start ${start} is after its end ${end}`);
  const out: NodeId[] = [];
  let at = start;
  while (at < end) {
    const level = largestAlignedLevel(at, end - at);
    const width = 2 ** level;
    out.push({ level, index: at / width });
    at += width;
  }
  return out;
}

/**
 * Nodes that become complete when leaf `newSize - 1` is appended, from the leaf up:
 * (0, newSize-1), then each parent whose right child just completed. Storing these on
 * every append keeps every perfect subtree hash available to proofs.
 */
export function completedNodes(newSize: number): NodeId[] {
  assertTreeSize("newSize", newSize);
  if (newSize === 0) throw new TypeError("newSize must be at least 1");
  const out: NodeId[] = [{ level: 0, index: newSize - 1 }];
  let width = 2;
  while (newSize % width === 0) {
    out.push({ level: out.length, index: newSize / width - 1 });
    width *= 2;
  }
  return out;
}

/** The two children of a node above level 0, whose hashes make its hash. */
export function childrenOf(node: NodeId): [NodeId, NodeId] {
  if (node.level < 1) throw new TypeError("a leaf has no children");
  const level = node.level - 1;
  return [
    { level, index: node.index * 2 },
    { level, index: node.index * 2 + 1 },
  ];
}
