import { leafHash, nodeHash } from "./merkle-hash";
import { nodeKey, planConsistencyProof, planInclusionProof, planTreeRoot, type RangePlan } from "./proof-plan";
import { childrenOf, completedNodes, type NodeId } from "./proof-ranges";

/**
 * An in-memory log that stores perfect subtree hashes exactly as a server's sequencer
 * would (completedNodes() on each append) and answers proofs through the same plans.
 * A reference for tests and tools, not a production store.
 */
export class MemoryTree {
  readonly #nodes = new Map<string, Uint8Array>();
  #size = 0;

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /** Appends the exact bytes of an entry; returns its index. */
  append(data: Uint8Array): number {
    return this.appendLeafHash(leafHash(data));
  }

  /** Appends an already computed leaf hash; returns its index. */
  appendLeafHash(hash: Uint8Array): number {
    const index = this.#size;
    for (const node of completedNodes(index + 1)) {
      if (node.level === 0) {
        this.#nodes.set(nodeKey(node), hash);
      } else {
        const [left, right] = childrenOf(node);
        this.#nodes.set(nodeKey(node), nodeHash(this.#read(left), this.#read(right)));
      }
    }
    this.#size = index + 1;
    return index;
  }

  /** Stored hashes of the given perfect subtrees. */
  readNodes(nodes: readonly NodeId[]): Uint8Array[] {
    return nodes.map((node) => this.#read(node));
  }

  /** Root hash at `size` (default: the current size). */
  root(size = this.#size): Uint8Array {
    return this.#run(planTreeRoot(this.#checkSize(size)))[0]!;
  }

  /** Inclusion proof of leaf `index` in the tree of `size`. */
  inclusionProof(index: number, size = this.#size): Uint8Array[] {
    return this.#run(planInclusionProof(index, this.#checkSize(size)));
  }

  /** Consistency proof from `oldSize` to `newSize`. */
  consistencyProof(oldSize: number, newSize = this.#size): Uint8Array[] {
    return this.#run(planConsistencyProof(oldSize, this.#checkSize(newSize)));
  }

  #run(plan: RangePlan): Uint8Array[] {
    return plan.assemble(this.readNodes(plan.nodes));
  }

  #checkSize(size: number): number {
    if (size > this.#size) throw new TypeError(`size ${size} is beyond the log's ${this.#size} leaves`);
    return size;
  }

  #read(node: NodeId): Uint8Array {
    const hash = this.#nodes.get(nodeKey(node));
    if (!hash) throw new TypeError(`node ${nodeKey(node)} is not stored`);
    return hash;
  }
}
