import { normalizeIdentity, scopesIntersect } from "./grant-scope";
import type { Grant, UnixSeconds } from "./grant-types";

/** A half-open time interval [start, end). */
export interface GrantWindow {
  start: UnixSeconds;
  end: UnixSeconds;
}

/**
 * The time a grant is, or could still become, valid; null if it never can or never was.
 * A pending request is bounded by the latest moment approval could activate it.
 */
export function grantWindow(grant: Grant): GrantWindow | null {
  if (grant.nbf !== null && grant.exp !== null) {
    const end = grant.revocation ? Math.min(grant.exp, grant.revocation.at) : grant.exp;
    return end > grant.nbf ? { start: grant.nbf, end } : null;
  }
  if (grant.state !== "pending") return null;
  const start = grant.startAt ?? grant.requestedAt;
  return { start, end: Math.max(start, grant.requestExpiresAt) + grant.durationSeconds };
}

function sameOperator(a: Grant, b: Grant): boolean {
  const ids = new Set(a.operatorIdentities.map(normalizeIdentity));
  ids.add(normalizeIdentity(a.operator));
  return [b.operator, ...b.operatorIdentities].some((id) => ids.has(normalizeIdentity(id)));
}

/** Whether two grants give the same operator overlapping scope at overlapping times (shown to reviewers). */
export function overlaps(a: Grant, b: Grant): boolean {
  if (a.id === b.id || !sameOperator(a, b) || !scopesIntersect(a.scope, b.scope)) return false;
  const wa = grantWindow(a);
  const wb = grantWindow(b);
  return wa !== null && wb !== null && wa.start < wb.end && wb.start < wa.end;
}
