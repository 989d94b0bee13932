// What the log's console panels check in the browser, with lib/core/tlog alone: the served
// checkpoint's signature under the log key, then the proof against that checkpoint.
import {
  TlogError,
  bytesEqual,
  fromBase64,
  fromHex,
  leafHash,
  parseVerifierKey,
  toBase64,
  verifyCheckpoint,
  verifyConsistencyProof,
  verifyInclusionProof,
  type VerifiedCheckpoint,
} from "@/lib/core/tlog";

/** The answer of GET /api/v1/log/proof/inclusion. */
export type InclusionProofJson = { index: number; size: number; leafHash: string; hashes: string[]; checkpoint: string };
/** The answer of GET /api/v1/log/proof/consistency. */
export type ConsistencyProofJson = { from: number; to: number; hashes: string[]; checkpoint: string };

export type BrowserCheck = { ok: true; size: number; root: string } | { ok: false; code: string; message: string };

function hashes(list: string[]): Uint8Array[] {
  return list.map((h) => {
    const hash = fromBase64(h);
    if (!hash) throw new TlogError("PROOF_MALFORMED", "a proof hash is not base64");
    return hash;
  });
}

function failure(error: unknown): BrowserCheck {
  if (error instanceof TlogError) return { ok: false, code: error.code, message: error.message };
  throw error;
}

async function checkpointOf(note: string, vkey: string, size: number): Promise<VerifiedCheckpoint> {
  const verified = await verifyCheckpoint(note, { logKey: parseVerifierKey(vkey) });
  if (verified.checkpoint.size !== size) throw new TlogError("CHECKPOINT_MALFORMED", `the checkpoint has size ${verified.checkpoint.size}, not ${size}`);
  return verified;
}

/** Checks that `entry` (the receipt's exact bytes) is at the proof's index in a tree signed by the log key. */
export async function checkInclusion(vkey: string, entry: Uint8Array, proof: InclusionProofJson): Promise<BrowserCheck> {
  try {
    const { checkpoint } = await checkpointOf(proof.checkpoint, vkey, proof.size);
    const leaf = leafHash(entry);
    const served = fromHex(proof.leafHash);
    if (!served || !bytesEqual(served, leaf)) throw new TlogError("INCLUSION_PROOF_INVALID", "the log holds other bytes at this index than this receipt's");
    verifyInclusionProof(proof.index, proof.size, leaf, hashes(proof.hashes), checkpoint.rootHash);
    return { ok: true, size: proof.size, root: toBase64(checkpoint.rootHash) };
  } catch (error) {
    return failure(error);
  }
}

/** Checks that the newer saved checkpoint extends the older one, with the served consistency proof. */
export async function checkConsistency(vkey: string, older: { size: number; note: string }, newer: { size: number; note: string }, proof: ConsistencyProofJson): Promise<BrowserCheck> {
  try {
    const [old, latest] = await Promise.all([checkpointOf(older.note, vkey, older.size), checkpointOf(newer.note, vkey, newer.size)]);
    const served = await checkpointOf(proof.checkpoint, vkey, newer.size);
    if (!bytesEqual(served.checkpoint.rootHash, latest.checkpoint.rootHash)) {
      throw new TlogError("CONSISTENCY_PROOF_INVALID", "the log signed two different roots for the same size");
    }
    verifyConsistencyProof(older.size, newer.size, old.checkpoint.rootHash, latest.checkpoint.rootHash, hashes(proof.hashes));
    return { ok: true, size: newer.size, root: toBase64(latest.checkpoint.rootHash) };
  } catch (error) {
    return failure(error);
  }
}
