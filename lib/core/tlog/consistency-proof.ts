import { bytesEqual } from "./encoding";
import { TlogError } from "./errors";
import { assertTreeSize } from "./inclusion-proof";
import { HASH_SIZE, emptyRoot, nodeHash } from "./merkle-hash";

function fail(message: string): never {
  throw new TlogError("CONSISTENCY_PROOF_INVALID", message);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * Verifies that the tree of `oldSize` with `oldRoot` is a prefix of the tree of `newSize`
 * with `newRoot`, per RFC 9162 §2.1.4.2. Throws TlogError CONSISTENCY_PROOF_INVALID.
 *
 * The RFC defines the algorithm for 0 < oldSize < newSize. Edge cases, as in Go's
 * transparency-dev/merkle and documented in docs/transparency-log.md:
 * - oldSize > newSize never verifies (a log never shrinks);
 * - oldSize = newSize verifies only with an empty proof and equal roots;
 * - oldSize = 0 verifies only with an empty proof and oldRoot = SHA-256("") (the empty tree).
 */
export function verifyConsistencyProof(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  assertTreeSize("oldSize", oldSize);
  assertTreeSize("newSize", newSize);
  if (oldSize > newSize) fail(`old size ${oldSize} is larger than new size ${newSize}`);
  if (oldSize === newSize || oldSize === 0) {
    if (proof.length !== 0) fail("proof must be empty when the old tree is empty or the sizes are equal");
    const expectedOld = oldSize === 0 ? emptyRoot() : newRoot;
    if (!bytesEqual(oldRoot, expectedOld)) fail("old root hash does not match");
    return;
  }
  const { fr, sr, sn } = walkConsistencyPath(oldSize, newSize, oldRoot, proof);
  if (sn !== 0) fail("proof has fewer hashes than the path to the root");
  if (!bytesEqual(fr, oldRoot)) fail("proof does not lead to the old root hash");
  if (!bytesEqual(sr, newRoot)) fail("proof does not lead to the new root hash");
}

/** RFC 9162 §2.1.4.2 steps 1–6 for 0 < oldSize < newSize. */
function walkConsistencyPath(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  proof: readonly Uint8Array[],
): { fr: Uint8Array; sr: Uint8Array; sn: number } {
  if (proof.length === 0) fail("proof is empty");
  if (proof.some((p) => p.length !== HASH_SIZE)) fail("a proof hash is not 32 bytes");
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) fail("proof has more hashes than the tree has levels");
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return { fr, sr, sn };
}
