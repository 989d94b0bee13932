import { formatCheckpoint, parseCheckpoint, type Checkpoint } from "./checkpoint";
import { TlogError } from "./errors";
import { KEY_TYPE_COSIGNATURE_V1, KEY_TYPE_ED25519, type VerifierKey } from "./note-keys";
import type { NoteSigner } from "./note-sign";
import { signNote } from "./note-sign";
import { verifyNote, type VerifiedNote, type VerifiedSignature } from "./note-verify";
import { keyLabel } from "./signed-note";

/** Whom to trust for a checkpoint: the log's key, its origin, and optionally witnesses. */
export type CheckpointPolicy = {
  logKey: VerifierKey;
  /** Expected origin line; defaults to the log key's name. */
  origin?: string;
  /** Witness cosigner keys (type 0x04, see parseWitnessKey()). */
  witnesses?: readonly VerifierKey[];
  /** How many distinct witnesses must have cosigned (default 0). */
  witnessThreshold?: number;
};

/** A checkpoint whose log signature, origin and witness quorum have been verified. */
export type VerifiedCheckpoint = {
  checkpoint: Checkpoint;
  note: VerifiedNote;
  /** Valid witness cosignatures, one per witness, with their timestamps. */
  cosignatures: VerifiedSignature[];
};

function checkPolicy(policy: CheckpointPolicy): void {
  if (policy.logKey.type !== KEY_TYPE_ED25519) throw new TypeError("the log key must be a plain Ed25519 (0x01) key");
  const witnesses = policy.witnesses ?? [];
  if (witnesses.some((w) => w.type !== KEY_TYPE_COSIGNATURE_V1)) throw new TypeError("witness keys must be cosignature (0x04) keys");
  const threshold = policy.witnessThreshold ?? 0;
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > witnesses.length) {
    throw new TypeError(`witness threshold must be an integer from 0 to ${witnesses.length}`);
  }
}

/**
 * Verifies a signed checkpoint: the log key's signature (C2SP signed-note), then the
 * checkpoint text, then the origin (ORIGIN_MISMATCH), then at least `witnessThreshold`
 * distinct valid witness cosignatures (WITNESS_THRESHOLD_NOT_MET). Any failing signature
 * by a known key rejects the note.
 */
export async function verifyCheckpoint(input: string | Uint8Array, policy: CheckpointPolicy): Promise<VerifiedCheckpoint> {
  checkPolicy(policy);
  const witnesses = policy.witnesses ?? [];
  const note = await verifyNote(input, [policy.logKey, ...witnesses]);
  if (!note.verified.some((v) => sameKey(v.key, policy.logKey))) {
    throw new TlogError("NOTE_NO_KNOWN_SIGNATURE", `the checkpoint is not signed by the log key ${keyLabel(policy.logKey)}`);
  }
  const checkpoint = parseCheckpoint(note.text);
  const origin = policy.origin ?? policy.logKey.name;
  if (checkpoint.origin !== origin) {
    throw new TlogError("ORIGIN_MISMATCH", `checkpoint origin is ${JSON.stringify(checkpoint.origin)}, expected ${JSON.stringify(origin)}`);
  }
  const cosignatures = note.verified.filter((v) => v.key.type === KEY_TYPE_COSIGNATURE_V1);
  const threshold = policy.witnessThreshold ?? 0;
  if (cosignatures.length < threshold) {
    throw new TlogError("WITNESS_THRESHOLD_NOT_MET", `${cosignatures.length} of the required ${threshold} witnesses cosigned the checkpoint`);
  }
  return { checkpoint, note, cosignatures };
}

function sameKey(a: VerifierKey, b: VerifierKey): boolean {
  return a.name === b.name && a.keyId === b.keyId && a.type === b.type;
}

/** Formats and signs a checkpoint with the log's signer: the server's tree-head step. */
export async function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): Promise<string> {
  return signNote(formatCheckpoint(checkpoint), [signer]);
}
