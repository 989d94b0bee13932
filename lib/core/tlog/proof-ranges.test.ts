import { describe, expect, it } from "vitest";
import { toHex } from "./encoding";
import { MemoryTree } from "./memory-tree";
import { leafHash, rootFromLeafHashes } from "./merkle-hash";
import { hashRange, planInclusionProof, planRangeHashes, planTreeRoot } from "./proof-plan";
import {
  childrenOf,
  completedNodes,
  consistencyProofRanges,
  inclusionProofRanges,
  perfectSubtrees,
  type LeafRange,
} from "./proof-ranges";

const MAX = 64;
const leaves = Array.from({ length: MAX }, (_, i) => leafHash(Uint8Array.of(i, 0xaa)));
const rangeRoot = (r: LeafRange): string => toHex(rootFromLeafHashes(leaves.slice(r.start, r.end)));
const subtreeHash = (level: number, index: number): Uint8Array =>
  rootFromLeafHashes(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));

describe("perfectSubtrees", () => {
  it("covers any range exactly with aligned perfect subtrees, as few as possible", () => {
    for (let start = 0; start <= MAX; start++) {
      for (let end = start; end <= MAX; end++) {
        const nodes = perfectSubtrees(start, end);
        let at = start;
        for (const { level, index } of nodes) {
          expect(index * 2 ** level).toBe(at);
          at += 2 ** level;
        }
        expect(at).toBe(end);
        // Minimal: no two neighbours of one level could merge into their parent.
        nodes.forEach((n, i) => {
          const next = nodes[i + 1];
          if (next && next.level === n.level) expect(n.index % 2).toBe(1);
        });
      }
    }
  });

  it("splits every proof range and every tree into decreasing subtrees whose fold is the range hash", () => {
    for (let n = 1; n <= MAX; n++) {
      const ranges = [{ start: 0, end: n }, ...Array.from({ length: n }, (_, m) => inclusionProofRanges(m, n)).flat()];
      for (let m = 0; m <= n; m++) ranges.push(...consistencyProofRanges(m, n));
      for (const r of ranges) {
        const nodes = perfectSubtrees(r.start, r.end);
        nodes.slice(1).forEach((node, i) => expect(node.level).toBeLessThan(nodes[i]!.level));
        expect(toHex(hashRange(nodes.map((x) => subtreeHash(x.level, x.index)))), `[${r.start}, ${r.end})`).toBe(rangeRoot(r));
      }
    }
  });

  it("leaves at most one range per proof that is not itself a perfect subtree", () => {
    for (let n = 1; n <= MAX; n++) {
      const proofs = Array.from({ length: n }, (_, m) => inclusionProofRanges(m, n));
      for (let m = 1; m < n; m++) proofs.push(consistencyProofRanges(m, n));
      for (const ranges of proofs) {
        expect(ranges.filter((r) => perfectSubtrees(r.start, r.end).length > 1).length).toBeLessThanOrEqual(1);
      }
    }
  });

  it("handles sizes near 2^53 without losing precision", () => {
    const size = Number.MAX_SAFE_INTEGER;
    const nodes = perfectSubtrees(0, size);
    expect(nodes).toHaveLength(53);
    expect(nodes[0]).toEqual({ level: 52, index: 0 });
    expect(nodes.at(-1)).toEqual({ level: 0, index: size - 1 });
    expect(inclusionProofRanges(size - 1, size)).toHaveLength(52);
  });
});

describe("proof ranges", () => {
  it("list the RFC 6962 example's sibling ranges for leaf b in 7 leaves: a, h = [2,4), l = [4,7)", () => {
    expect(inclusionProofRanges(1, 7)).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 4 },
      { start: 4, end: 7 },
    ]);
    expect(consistencyProofRanges(3, 7)).toEqual([
      { start: 2, end: 3 },
      { start: 3, end: 4 },
      { start: 0, end: 2 },
      { start: 4, end: 7 },
    ]);
  });

  it("are empty where the proof is", () => {
    expect(inclusionProofRanges(0, 1)).toEqual([]);
    expect(consistencyProofRanges(0, 5)).toEqual([]);
    expect(consistencyProofRanges(5, 5)).toEqual([]);
  });

  it("refuse impossible requests as programmer errors", () => {
    expect(() => inclusionProofRanges(3, 3)).toThrow(TypeError);
    expect(() => consistencyProofRanges(4, 3)).toThrow(TypeError);
    expect(() => perfectSubtrees(4, 3)).toThrow(TypeError);
    expect(() => inclusionProofRanges(0.5, 3)).toThrow(TypeError);
  });

  it("need O(log n) stored nodes: at most 2·log2(n) + 1 reads for any inclusion proof", () => {
    for (const n of [2 ** 20 - 1, 2 ** 20 + 1, 1_234_567, 2 ** 40 + 12345]) {
      for (const m of [0, 1, Math.floor(n / 2), n - 2, n - 1]) {
        expect(planInclusionProof(m, n).nodes.length).toBeLessThanOrEqual(2 * Math.log2(n) + 1);
      }
      expect(planTreeRoot(n).nodes.length).toBeLessThanOrEqual(Math.log2(n) + 1);
    }
  });
});

describe("completedNodes", () => {
  it("names exactly the perfect subtrees whose last leaf is the new one, from the leaf up", () => {
    for (let n = 1; n <= MAX; n++) {
      const expected = [];
      for (let level = 0; 2 ** level <= n; level++) {
        if (n % 2 ** level === 0) expected.push({ level, index: n / 2 ** level - 1 });
      }
      expect(completedNodes(n), `size ${n}`).toEqual(expected);
    }
  });

  it("each completed parent's children are already stored", () => {
    const stored = new Set<string>();
    for (let n = 1; n <= MAX; n++) {
      for (const node of completedNodes(n)) {
        if (node.level > 0) for (const child of childrenOf(node)) expect(stored.has(`${child.level}/${child.index}`)).toBe(true);
        stored.add(`${node.level}/${node.index}`);
      }
    }
  });
});

describe("range plans", () => {
  it("read each node once and assemble the proof the memory tree serves", () => {
    const tree = new MemoryTree();
    for (const leaf of leaves) tree.appendLeafHash(leaf);
    const plan = planRangeHashes([{ start: 0, end: 64 }, { start: 0, end: 32 }, { start: 32, end: 48 }]);
    expect(plan.nodes).toEqual([
      { level: 6, index: 0 },
      { level: 5, index: 0 },
      { level: 4, index: 2 },
    ]);
    expect(plan.assemble(tree.readNodes(plan.nodes)).map(toHex)).toEqual([
      rangeRoot({ start: 0, end: 64 }),
      rangeRoot({ start: 0, end: 32 }),
      rangeRoot({ start: 32, end: 48 }),
    ]);
    expect(() => plan.assemble(tree.readNodes(plan.nodes.slice(1)))).toThrow(TypeError);
  });
});
