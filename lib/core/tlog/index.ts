// Transparency log core: RFC 9162 Merkle proofs, proof planning for a subtree store,
// C2SP signed notes, checkpoints, cosignatures and tlog-proof@v1. Pure and isomorphic.
export { TlogError, type TlogErrorCode } from "./errors";
export { bytesEqual, fromBase64, fromHex, toBase64, toHex } from "./encoding";

export { HASH_SIZE, emptyRoot, leafHash, nodeHash, rootFromLeafHashes } from "./merkle-hash";
export { rootFromInclusionProof, verifyInclusionProof } from "./inclusion-proof";
export { verifyConsistencyProof } from "./consistency-proof";
export {
  childrenOf,
  completedNodes,
  consistencyProofRanges,
  inclusionProofRanges,
  perfectSubtrees,
  type LeafRange,
  type NodeId,
} from "./proof-ranges";
export {
  hashRange,
  nodeKey,
  planConsistencyProof,
  planInclusionProof,
  planRangeHashes,
  planTreeRoot,
  type RangePlan,
} from "./proof-plan";
export { MemoryTree } from "./memory-tree";

export {
  KEY_TYPE_COSIGNATURE_V1,
  KEY_TYPE_ED25519,
  formatVerifierKey,
  isValidKeyName,
  keyIdHex,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
  parseWitnessKey,
  type SignerKeyParts,
  type VerifierKey,
} from "./note-keys";
export { MAX_NOTE_BYTES, MAX_NOTE_SIGNATURES, formatNote, parseNote, type Note, type NoteSignature } from "./signed-note";
export {
  createNoteSigner,
  formatSignerKey,
  generateSignerKey,
  noteSignerFromCryptoKey,
  noteSignerFromSeed,
  signNote,
  type NoteSigner,
} from "./note-sign";
export { verifyNote, type VerifiedNote, type VerifiedSignature } from "./note-verify";
export { checkCosignature, cosignedMessage, cosignerFromSeed } from "./cosignature";

export { formatCheckpoint, parseCheckpoint, type Checkpoint } from "./checkpoint";
export { signCheckpoint, verifyCheckpoint, type CheckpointPolicy, type VerifiedCheckpoint } from "./checkpoint-verify";
export { formatTlogProof, parseTlogProof, verifyTlogProof, type TlogProof, type VerifiedTlogProof } from "./tlog-proof";
