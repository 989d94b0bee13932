import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { verifyConsistencyProof } from "./consistency-proof";
import { fromHex, toHex } from "./encoding";
import { TlogError } from "./errors";
import { rootFromInclusionProof, verifyInclusionProof } from "./inclusion-proof";
import { MemoryTree } from "./memory-tree";
import { emptyRoot, leafHash, nodeHash, rootFromLeafHashes } from "./merkle-hash";

// An independent implementation written from the RFC 9162 §2.1 definitions (MTH, PATH,
// SUBPROOF) over the raw leaf data D[lo:hi], sharing nothing with the code under test.
// MTH is memoized by range only to keep the every-size sweeps fast.
const H = (...parts: number[][]): Uint8Array => sha256(Uint8Array.from(parts.flat()));
const k = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);
const mthMemo = new Map<string, Uint8Array>();
function MTH(lo: number, hi: number): Uint8Array {
  const key = `${lo}:${hi}`;
  let hash = mthMemo.get(key);
  if (!hash) {
    const n = hi - lo;
    if (n === 0) hash = sha256(new Uint8Array(0));
    else if (n === 1) hash = H([0], [...data[lo]!]);
    else hash = H([1], [...MTH(lo, lo + k(n))], [...MTH(lo + k(n), hi)]);
    mthMemo.set(key, hash);
  }
  return hash;
}
function PATH(m: number, lo: number, hi: number): Uint8Array[] {
  const n = hi - lo;
  if (n <= 1) return [];
  const s = k(n);
  return m < s ? [...PATH(m, lo, lo + s), MTH(lo + s, hi)] : [...PATH(m - s, lo + s, hi), MTH(lo, lo + s)];
}
function SUBPROOF(m: number, lo: number, hi: number, b: boolean): Uint8Array[] {
  const n = hi - lo;
  if (m === n) return b ? [] : [MTH(lo, hi)];
  const s = k(n);
  return m <= s
    ? [...SUBPROOF(m, lo, lo + s, b), MTH(lo + s, hi)]
    : [...SUBPROOF(m - s, lo + s, hi, false), MTH(lo, lo + s)];
}
const PROOF = (m: number, n: number): Uint8Array[] => SUBPROOF(m, 0, n, true);

const MAX = 64;
// The sweeps hash a few hundred thousand times; give a loaded machine room.
const SWEEP_TIMEOUT = 120_000;
const BEYOND = MAX + 1; // one more leaf, so "size n + 1" always has a real root
const data = Array.from({ length: BEYOND }, (_, i) => new TextEncoder().encode(`entry ${i}`));
const tree = new MemoryTree();
for (const d of data) tree.append(d);
const roots = Array.from({ length: BEYOND + 1 }, (_, n) => tree.root(n));
const hex = (list: Uint8Array[]): string[] => list.map(toHex);

function code(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof TlogError) return error.code;
    throw error;
  }
}

describe("leaf and node hashes", () => {
  it("prefix 0x00 for leaves and 0x01 for nodes (RFC 9162 §2.1.1)", () => {
    expect(toHex(leafHash(new Uint8Array(0)))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    const a = leafHash(Uint8Array.of(1));
    const b = leafHash(Uint8Array.of(2));
    expect(toHex(nodeHash(a, b))).toBe(toHex(H([1], [...a], [...b])));
    expect(toHex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("matches the transparency-dev/merkle reference roots for sizes 0 to 8", () => {
    const leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
    const roots = [
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];
    const reference = new MemoryTree();
    expect(toHex(reference.root())).toBe(roots[0]);
    leaves.forEach((leaf, i) => {
      reference.append(fromHex(leaf)!);
      expect(toHex(reference.root())).toBe(roots[i + 1]);
      expect(toHex(rootFromLeafHashes(leaves.slice(0, i + 1).map((l) => leafHash(fromHex(l)!))))).toBe(roots[i + 1]);
    });
  });
});

describe(`every tree up to ${MAX} leaves against the RFC definitions`, () => {
  it("roots", () => {
    for (let n = 0; n <= MAX; n++) {
      const expected = toHex(MTH(0, n));
      expect(toHex(tree.root(n)), `size ${n}`).toBe(expected);
      expect(toHex(rootFromLeafHashes(data.slice(0, n).map(leafHash))), `size ${n}`).toBe(expected);
    }
  });

  it("inclusion proofs for every index: generated = PATH, and they verify", { timeout: SWEEP_TIMEOUT }, () => {
    for (let n = 1; n <= MAX; n++) {
      const root = tree.root(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        expect(hex(proof), `PATH(${m}, D[${n}])`).toEqual(hex(PATH(m, 0, n)));
        expect(() => verifyInclusionProof(m, n, leafHash(data[m]!), proof, root)).not.toThrow();
      }
    }
  });

  it("consistency proofs for every pair: generated = PROOF, and they verify", { timeout: SWEEP_TIMEOUT }, () => {
    for (let n = 0; n <= MAX; n++) {
      const newRoot = tree.root(n);
      for (let m = 0; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        const expected = m === 0 || m === n ? [] : PROOF(m, n);
        expect(hex(proof), `PROOF(${m}, D[${n}])`).toEqual(hex(expected));
        expect(() => verifyConsistencyProof(m, n, tree.root(m), newRoot, proof)).not.toThrow();
      }
    }
  });
});

describe("RFC 6962 §2.1.3 worked example (7 leaves d0…d6)", () => {
  // Node names from the RFC figure: a–d and e–f… are leaf and inner hashes.
  const D = data.slice(0, 7);
  const [a, b, c, d, e, f, j] = D.map(leafHash) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const g = nodeHash(a, b);
  const h = nodeHash(c, d);
  const i = nodeHash(e, f);
  const kk = nodeHash(g, h);
  const l = nodeHash(i, j);
  const root = nodeHash(kk, l);

  it("inclusion proofs: b → [a, h, l], d0 → [b, h, l], d3 → [c, g, l], d4 → [f, j, k], d6 → [i, k]", () => {
    expect(toHex(tree.root(7))).toBe(toHex(root));
    expect(hex(tree.inclusionProof(1, 7))).toEqual(hex([a, h, l]));
    expect(hex(tree.inclusionProof(0, 7))).toEqual(hex([b, h, l]));
    expect(hex(tree.inclusionProof(3, 7))).toEqual(hex([c, g, l]));
    expect(hex(tree.inclusionProof(4, 7))).toEqual(hex([f, j, kk]));
    expect(hex(tree.inclusionProof(6, 7))).toEqual(hex([i, kk]));
  });

  it("consistency proofs: 3 → 7 is [c, d, g, l], 4 → 7 is [l], 6 → 7 is [i, j, k]", () => {
    expect(hex(tree.consistencyProof(3, 7))).toEqual(hex([c, d, g, l]));
    expect(hex(tree.consistencyProof(4, 7))).toEqual(hex([l]));
    expect(hex(tree.consistencyProof(6, 7))).toEqual(hex([i, j, kk]));
  });
});

// Every way to damage a valid proof must be caught.
function mutations(proof: Uint8Array[]): [string, Uint8Array[]][] {
  const out: [string, Uint8Array[]][] = [];
  proof.forEach((_, at) => {
    const flipped = proof.map((p, i) => {
      const copy = p.slice();
      if (i === at) copy[at % 32] = copy[at % 32]! ^ (1 << at % 8);
      return copy;
    });
    out.push([`bit flipped in hash ${at}`, flipped]);
    out.push([`hash ${at} dropped`, proof.filter((__, i) => i !== at)]);
    out.push([`hash ${at} truncated`, proof.map((p, i) => (i === at ? p.subarray(0, 31) : p))]);
  });
  if (proof.length > 0) out.push(["truncated", proof.slice(0, -1)]);
  out.push(["extra hash at the end", [...proof, leafHash(Uint8Array.of(9))]]);
  out.push(["extra hash at the start", [leafHash(Uint8Array.of(9)), ...proof]]);
  for (let at = 0; at + 1 < proof.length; at++) {
    if (toHex(proof[at]!) === toHex(proof[at + 1]!)) continue;
    const swapped = [...proof];
    [swapped[at], swapped[at + 1]] = [swapped[at + 1]!, swapped[at]!];
    out.push([`hashes ${at} and ${at + 1} swapped`, swapped]);
  }
  return out;
}

describe("damaged inclusion proofs fail with INCLUSION_PROOF_INVALID", () => {
  it("for every index of every size up to 64", { timeout: SWEEP_TIMEOUT }, () => {
    const escaped: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      const root = roots[n]!;
      for (let m = 0; m < n; m++) {
        const leaf = leafHash(data[m]!);
        const proof = tree.inclusionProof(m, n);
        const attempts: [string, number, number, Uint8Array[], Uint8Array, Uint8Array][] = [];
        for (const [what, bad] of mutations(proof)) attempts.push([what, m, n, bad, root, leaf]);
        for (const other of new Set([0, m - 1, m + 1, n - 1 - m, n - 1, n])) {
          if (other !== m && other >= 0) attempts.push([`index ${other}`, other, n, proof, root, leaf]);
        }
        // A checkpoint binds size and root, so a wrong size comes with that size's real root.
        attempts.push([`size ${n + 1}`, m, n + 1, proof, roots[n + 1]!, leaf]);
        if (m < n - 1) attempts.push([`size ${n - 1}`, m, n - 1, proof, roots[n - 1]!, leaf]);
        attempts.push(["another root", m, n, proof, roots[n - 1]!, leaf]);
        attempts.push(["another leaf", m, n, proof, root, leafHash(Uint8Array.of(7))]);
        for (const [what, index, size, p, r, lh] of attempts) {
          if (code(() => verifyInclusionProof(index, size, lh, p, r)) !== "INCLUSION_PROOF_INVALID") {
            escaped.push(`${what} (leaf ${m} of ${n})`);
          }
        }
      }
    }
    expect(escaped).toEqual([]);
  });

  it("for the empty tree and indices at or past the size", () => {
    expect(code(() => verifyInclusionProof(0, 0, leafHash(data[0]!), [], emptyRoot()))).toBe("INCLUSION_PROOF_INVALID");
    expect(code(() => rootFromInclusionProof(5, 5, leafHash(data[0]!), []))).toBe("INCLUSION_PROOF_INVALID");
  });

  it("a leaf of size 1 is its own root with an empty proof", () => {
    expect(() => verifyInclusionProof(0, 1, leafHash(data[0]!), [], tree.root(1))).not.toThrow();
  });

  it("rejects sizes that are not safe integers as programmer errors", () => {
    expect(() => verifyInclusionProof(0, 2 ** 53, leafHash(data[0]!), [], emptyRoot())).toThrow(TypeError);
    expect(() => verifyInclusionProof(-1, 3, leafHash(data[0]!), [], emptyRoot())).toThrow(TypeError);
  });
});

describe("damaged consistency proofs fail with CONSISTENCY_PROOF_INVALID", () => {
  it("for every pair up to 64", { timeout: SWEEP_TIMEOUT }, () => {
    const escaped: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      const newRoot = roots[n]!;
      for (let m = 1; m < n; m++) {
        const oldRoot = roots[m]!;
        const proof = tree.consistencyProof(m, n);
        const attempts: [string, number, number, Uint8Array[], Uint8Array, Uint8Array][] = [];
        for (const [what, bad] of mutations(proof)) attempts.push([what, m, n, bad, oldRoot, newRoot]);
        // A checkpoint binds size and root, so a wrong size comes with that size's real root.
        attempts.push([`new size ${n + 1}`, m, n + 1, proof, oldRoot, roots[n + 1]!]);
        attempts.push([`old size ${m + 1}`, m + 1, n, proof, roots[m + 1]!, newRoot]);
        if (m > 1) attempts.push([`old size ${m - 1}`, m - 1, n, proof, roots[m - 1]!, newRoot]);
        attempts.push(["wrong old root", m, n, proof, roots[m - 1]!, newRoot]);
        attempts.push(["wrong new root", m, n, proof, oldRoot, roots[n - 1]!]);
        attempts.push(["empty proof", m, n, [], oldRoot, newRoot]);
        for (const [what, a, b, p, r1, r2] of attempts) {
          if (code(() => verifyConsistencyProof(a, b, r1, r2, p)) !== "CONSISTENCY_PROOF_INVALID") {
            escaped.push(`${what} (${m} → ${n})`);
          }
        }
      }
    }
    expect(escaped).toEqual([]);
  });

  it("equal sizes need an empty proof and equal roots", () => {
    const r = tree.root(5);
    expect(() => verifyConsistencyProof(5, 5, r, r, [])).not.toThrow();
    expect(code(() => verifyConsistencyProof(5, 5, r, tree.root(4), []))).toBe("CONSISTENCY_PROOF_INVALID");
    expect(code(() => verifyConsistencyProof(5, 5, r, r, [r]))).toBe("CONSISTENCY_PROOF_INVALID");
  });

  it("from size 0 needs an empty proof and the empty tree's root", () => {
    expect(() => verifyConsistencyProof(0, 9, emptyRoot(), tree.root(9), [])).not.toThrow();
    expect(() => verifyConsistencyProof(0, 0, emptyRoot(), emptyRoot(), [])).not.toThrow();
    expect(code(() => verifyConsistencyProof(0, 9, tree.root(1), tree.root(9), []))).toBe("CONSISTENCY_PROOF_INVALID");
    expect(code(() => verifyConsistencyProof(0, 9, emptyRoot(), tree.root(9), [tree.root(9)]))).toBe(
      "CONSISTENCY_PROOF_INVALID",
    );
  });

  it("a shrinking log never verifies", () => {
    expect(code(() => verifyConsistencyProof(9, 8, tree.root(9), tree.root(8), []))).toBe("CONSISTENCY_PROOF_INVALID");
  });
});
