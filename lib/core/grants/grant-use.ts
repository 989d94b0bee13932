import { scopeCovers } from "./grant-scope";
import type { GrantScope, GrantState, GrantUse, GrantUseViolation, UnixSeconds } from "./grant-types";

/** The parts of a grant that decide whether a use was legitimate. */
export interface GrantUseSubject {
  state: GrantState;
  nbf: UnixSeconds | null;
  exp: UnixSeconds | null;
  revokedAt: UnixSeconds | null;
  scope: GrantScope;
}

export type GrantUseVerdict = { ok: true } | { ok: false; violations: GrantUseViolation[] };

/** Judges one use (from a receipt carrying `override.grant`) against the grant's window, revocation and scope. */
export function classifyGrantUse(grant: GrantUseSubject, use: Pick<GrantUse, "at" | "surface" | "action">): GrantUseVerdict {
  const violations: GrantUseViolation[] = [];
  // Judged by the use's own time, so a receipt that arrives late is judged as of when it was made.
  if (grant.nbf === null || grant.exp === null) violations.push("not_active");
  else if (use.at < grant.nbf || use.at >= grant.exp) violations.push("outside_window");
  if (grant.revokedAt !== null && use.at >= grant.revokedAt) violations.push("revoked");
  if (!scopeCovers(grant.scope, use.surface, use.action)) violations.push("out_of_scope");
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}
