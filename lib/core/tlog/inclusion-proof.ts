import { bytesEqual } from "./encoding";
import { TlogError } from "./errors";
import { HASH_SIZE, nodeHash } from "./merkle-hash";

function fail(message: string): never {
  throw new TlogError("INCLUSION_PROOF_INVALID", message);
}

/** Throws TypeError unless n is a non-negative safe integer (a programmer's mistake). */
export function assertTreeSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`${name} must be a non-negative safe integer`);
}

/**
 * Root implied by an inclusion proof, per RFC 9162 §2.1.3.2 steps 1–5; throws
 * INCLUSION_PROOF_INVALID when the proof has the wrong shape for (index, size).
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  assertTreeSize("index", index);
  assertTreeSize("size", size);
  // Also covers size 0: no index is inside an empty tree.
  if (index >= size) fail(`index ${index} is outside a tree of size ${size}`);
  if (leafHash.length !== HASH_SIZE) fail("leaf hash is not 32 bytes");
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (p.length !== HASH_SIZE) fail("a proof hash is not 32 bytes");
    if (sn === 0) fail("proof has more hashes than the tree has levels");
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) fail("proof has fewer hashes than the path to the root");
  return r;
}

/**
 * Verifies an RFC 9162 §2.1.3.2 inclusion proof of the leaf at `index` in the tree of
 * `size` with `root`. Throws TlogError INCLUSION_PROOF_INVALID on any mismatch.
 * An index ≥ size (so every index of the empty tree) never verifies.
 */
export function verifyInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!bytesEqual(computed, root)) fail("proof does not lead to the expected root hash");
}
