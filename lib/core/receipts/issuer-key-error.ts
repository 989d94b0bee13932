/** Stable codes for keys that cannot be trusted or registered. */
export type KeyProblemCode =
  | "not_a_jwks"
  | "too_many_keys"
  | "invalid_key"
  | "symmetric_key"
  | "private_key_material"
  | "missing_kid"
  | "duplicate_kid"
  | "unsupported_key"
  | "weak_rsa_key"
  | "invalid_time"
  | "issuer_mismatch"
  | "invalid_issuer"
  | "duplicate_issuer";

/** One reason a key (by position and kid when known) was refused. */
export interface KeyProblem {
  code: KeyProblemCode;
  /** Position of the key in its list, when the problem is about one key. */
  index?: number;
  kid?: string;
  message: string;
}

/** Keys were refused; `problems` lists every one found, `code` is the first. */
export class IssuerKeyError extends Error {
  override name = "IssuerKeyError";
  readonly code: KeyProblemCode;
  readonly problems: readonly KeyProblem[];

  constructor(problems: readonly KeyProblem[]) {
    const first = problems[0];
    if (!first) throw new TypeError("IssuerKeyError needs at least one problem");
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(`${first.message}${more}`);
    this.code = first.code;
    this.problems = problems;
  }
}
