// Turns proof ranges into one batched read of stored subtree hashes, then into proof
// hashes. Sync and storage-agnostic: a server does
//   const plan = planInclusionProof(i, n); plan.assemble(await readNodes(plan.nodes)).
import { HASH_SIZE, emptyRoot, nodeHash } from "./merkle-hash";
import {
  consistencyProofRanges,
  inclusionProofRanges,
  perfectSubtrees,
  type LeafRange,
  type NodeId,
} from "./proof-ranges";

/** Nodes to read (each once, in this order), and how to turn their hashes into range hashes. */
export type RangePlan = {
  nodes: NodeId[];
  assemble(nodeHashes: readonly Uint8Array[]): Uint8Array[];
};

/**
 * Merkle hash of a range from its perfect subtrees' hashes (left to right, sizes
 * decreasing, as perfectSubtrees() gives for proof ranges): folded from the right,
 * H(p1, H(p2, … pk)). An empty list is the empty tree's root.
 */
export function hashRange(subtreeHashes: readonly Uint8Array[]): Uint8Array {
  if (subtreeHashes.length === 0) return emptyRoot();
  let acc = subtreeHashes[subtreeHashes.length - 1]!;
  for (let i = subtreeHashes.length - 2; i >= 0; i--) acc = nodeHash(subtreeHashes[i]!, acc);
  return acc;
}

/** Key of a node, e.g. for a Map or a database lookup: "level/index". */
export function nodeKey(node: NodeId): string {
  return `${node.level}/${node.index}`;
}

/** Plans the hashes of several ranges with one read of their perfect subtrees. */
export function planRangeHashes(ranges: readonly LeafRange[]): RangePlan {
  const perRange = ranges.map((r) => perfectSubtrees(r.start, r.end));
  const position = new Map<string, number>();
  const nodes: NodeId[] = [];
  for (const node of perRange.flat()) {
    const key = nodeKey(node);
    if (!position.has(key)) {
      position.set(key, nodes.length);
      nodes.push(node);
    }
  }
  return {
    nodes,
    assemble(nodeHashes) {
      if (nodeHashes.length !== nodes.length || nodeHashes.some((h) => h.length !== HASH_SIZE)) {
        throw new TypeError(`expected ${nodes.length} node hashes of ${HASH_SIZE} bytes`);
      }
      return perRange.map((list) => hashRange(list.map((n) => nodeHashes[position.get(nodeKey(n))!]!)));
    },
  };
}

/** Plans the inclusion proof of leaf `index` in the tree of `size`. */
export function planInclusionProof(index: number, size: number): RangePlan {
  return planRangeHashes(inclusionProofRanges(index, size));
}

/** Plans the consistency proof from `oldSize` to `newSize`. */
export function planConsistencyProof(oldSize: number, newSize: number): RangePlan {
  return planRangeHashes(consistencyProofRanges(oldSize, newSize));
}

/** Plans the root hash of the tree of `size` (assemble() returns a one-element list). */
export function planTreeRoot(size: number): RangePlan {
  return planRangeHashes([{ start: 0, end: size }]);
}
