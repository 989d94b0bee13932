/** Stable codes for every way log data can fail verification or parsing. */
export type TlogErrorCode =
  | "INCLUSION_PROOF_INVALID"
  | "CONSISTENCY_PROOF_INVALID"
  | "NOTE_MALFORMED"
  | "NOTE_SIGNATURE_INVALID"
  | "NOTE_NO_KNOWN_SIGNATURE"
  | "KEY_MALFORMED"
  | "KEY_AMBIGUOUS"
  | "CHECKPOINT_MALFORMED"
  | "ORIGIN_MISMATCH"
  | "WITNESS_THRESHOLD_NOT_MET"
  | "PROOF_MALFORMED";

/** Untrusted log data (proofs, notes, keys, checkpoints) that did not verify or parse. */
export class TlogError extends Error {
  override name = "TlogError";
  readonly code: TlogErrorCode;

  constructor(code: TlogErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
