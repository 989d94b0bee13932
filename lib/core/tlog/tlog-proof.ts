// C2SP tlog-proof@v1 (https://c2sp.org/tlog-proof): an offline proof that an entry is in
// a log, as text: header, optional "extra", "index N", inclusion hashes, a blank line,
// then the signed checkpoint verbatim.
import { verifyCheckpoint, type CheckpointPolicy, type VerifiedCheckpoint } from "./checkpoint-verify";
import { fromBase64, fromUtf8, parseDecimal, toBase64 } from "./encoding";
import { TlogError } from "./errors";
import { verifyInclusionProof } from "./inclusion-proof";
import { HASH_SIZE, leafHash } from "./merkle-hash";

const HEADER = "c2sp.org/tlog-proof@v1";
// A tree of at most 2^53 leaves has inclusion paths of at most 53 hashes.
const MAX_PROOF_HASHES = 63;

/** A parsed tlog-proof: where the entry is, the path to the root, and the signed checkpoint. */
export type TlogProof = {
  index: number;
  hashes: Uint8Array[];
  /** The signed checkpoint note, exactly as it appeared. */
  checkpoint: string;
  /** Unauthenticated application data, if any. */
  extra?: Uint8Array;
};

function malformed(message: string): never {
  throw new TlogError("PROOF_MALFORMED", message);
}

/** Parses tlog-proof@v1 text (or its UTF-8 bytes) strictly; the checkpoint is checked when verified. */
export function parseTlogProof(input: string | Uint8Array): TlogProof {
  const text = typeof input === "string" ? input : fromUtf8(input);
  if (text === undefined) malformed("proof is not valid UTF-8");
  const blank = text.indexOf("\n\n");
  if (blank < 0) malformed("proof has no blank line before its checkpoint");
  const lines = text.slice(0, blank).split("\n");
  const checkpoint = text.slice(blank + 2);
  if (lines.shift() !== HEADER) malformed(`proof must start with ${HEADER}`);
  let extra: Uint8Array | undefined;
  if (lines[0]?.startsWith("extra ")) {
    extra = fromBase64(lines.shift()!.slice("extra ".length));
    if (!extra || extra.length === 0) malformed("extra data must be non-empty base64");
  }
  const indexLine = lines.shift() ?? "";
  const index = indexLine.startsWith("index ") ? parseDecimal(indexLine.slice("index ".length)) : undefined;
  if (index === undefined) malformed("proof needs an index line with a decimal index without leading zeros");
  if (lines.length > MAX_PROOF_HASHES) malformed("proof has too many hashes");
  const hashes = lines.map((line) => {
    const hash = fromBase64(line);
    if (!hash || hash.length !== HASH_SIZE) malformed("each inclusion proof line must be base64 of a 32-byte hash");
    return hash;
  });
  if (checkpoint === "") malformed("proof has no checkpoint");
  return { index, hashes, checkpoint, ...(extra ? { extra } : {}) };
}

/** Formats a tlog-proof@v1 text. */
export function formatTlogProof(proof: TlogProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) throw new TypeError("index must be a non-negative safe integer");
  if (proof.hashes.some((h) => h.length !== HASH_SIZE)) throw new TypeError("proof hashes must be 32 bytes");
  if (!proof.checkpoint.endsWith("\n")) throw new TypeError("the checkpoint note must end with a newline");
  const lines = [HEADER];
  if (proof.extra) lines.push(`extra ${toBase64(proof.extra)}`);
  lines.push(`index ${proof.index}`, ...proof.hashes.map(toBase64));
  return `${lines.join("\n")}\n\n${proof.checkpoint}`;
}

/** What a verified tlog-proof establishes. */
export type VerifiedTlogProof = VerifiedCheckpoint & { index: number; leafHash: Uint8Array; extra?: Uint8Array };

/**
 * Verifies that `entry` (the exact logged bytes) is in the log: parses the proof, verifies
 * the checkpoint under `policy` (signature, origin, witnesses), then the inclusion of
 * SHA-256(0x00 || entry) at the proof's index in the checkpoint's tree.
 */
export async function verifyTlogProof(
  entry: Uint8Array,
  proofText: string | Uint8Array,
  policy: CheckpointPolicy,
): Promise<VerifiedTlogProof> {
  const proof = parseTlogProof(proofText);
  const verified = await verifyCheckpoint(proof.checkpoint, policy);
  const hash = leafHash(entry);
  const { size, rootHash } = verified.checkpoint;
  verifyInclusionProof(proof.index, size, hash, proof.hashes, rootHash);
  return { ...verified, index: proof.index, leafHash: hash, ...(proof.extra ? { extra: proof.extra } : {}) };
}
