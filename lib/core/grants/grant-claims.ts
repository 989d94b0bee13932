import { HARD_MAX_DURATION_SECONDS } from "./grant-policy";
import type { Grant, GrantScope, UnixSeconds } from "./grant-types";

/** The JWS `typ` of a break-glass token (RFC 8725 explicit typing). */
export const GRANT_TOKEN_TYP = "break-glass+jwt";

/** Claims of a break-glass token (DESIGN.md, Contract 4). */
export interface GrantTokenClaims {
  iss: string;
  /** The operator the grant is for. */
  sub: string;
  aud: string | string[];
  /** The grant id; receipts name it in `override.grant`. */
  jti: string;
  iat: UnixSeconds;
  nbf: UnixSeconds;
  exp: UnixSeconds;
  scope: GrantScope;
  /** The requester's justification. */
  reason: string;
  ticket?: string;
  approvals: { by: string; at: UnixSeconds }[];
}

export type ClaimsCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** Builds the token claims of an approved or active grant, in a fixed member order. */
export function grantTokenClaims(grant: Grant, options: { issuer: string; audience: string | string[]; issuedAt: UnixSeconds }): GrantTokenClaims {
  if ((grant.state !== "approved" && grant.state !== "active") || grant.nbf === null || grant.exp === null) {
    throw new TypeError(`grant ${grant.id} is ${grant.state}; only an approved or active grant gets a token`);
  }
  return {
    iss: options.issuer,
    sub: grant.operator,
    aud: options.audience,
    jti: grant.id,
    iat: options.issuedAt,
    nbf: grant.nbf,
    exp: grant.exp,
    scope: { surfaces: [...grant.scope.surfaces], actions: [...grant.scope.actions] },
    reason: grant.justification,
    ...(grant.ticket === null ? {} : { ticket: grant.ticket }),
    approvals: grant.approvals.map((approval) => ({ by: approval.email ?? approval.by, at: approval.at })),
  };
}

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";
const isTime = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every(isText);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function claimProblems(c: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const name of ["iss", "sub", "jti", "reason"] as const) if (!isText(c[name])) problems.push(`"${name}" must be a non-empty string`);
  if (!isText(c.aud) && !isTextList(c.aud)) problems.push('"aud" must be a string or a list of strings');
  for (const name of ["iat", "nbf", "exp"] as const) if (!isTime(c[name])) problems.push(`"${name}" must be a whole NumericDate`);
  if (isTime(c.nbf) && isTime(c.exp) && !(c.exp > c.nbf && c.exp - c.nbf <= HARD_MAX_DURATION_SECONDS)) {
    problems.push(`"exp" must follow "nbf" by at most ${HARD_MAX_DURATION_SECONDS} s`);
  }
  const scope = c.scope;
  if (!isObject(scope) || !isTextList(scope.surfaces) || !isTextList(scope.actions)) {
    problems.push('"scope" must have non-empty "surfaces" and "actions" lists');
  }
  if (c.ticket !== undefined && !isText(c.ticket)) problems.push('"ticket" must be a non-empty string when present');
  const approvals = c.approvals;
  if (!Array.isArray(approvals) || approvals.length === 0 || !approvals.every((a) => isObject(a) && isText(a.by) && isTime(a.at))) {
    problems.push('"approvals" must list at least one {by, at}');
  }
  return problems;
}

/** Checks that a verified payload has every Contract 4 claim with the right type; unknown members are kept. */
export function parseGrantClaims(value: unknown): ClaimsCheck<GrantTokenClaims> {
  if (!isObject(value)) return { ok: false, message: "the claims are not a JSON object" };
  const problems = claimProblems(value);
  if (problems.length > 0) return { ok: false, message: problems.join("; ") };
  return { ok: true, value: value as unknown as GrantTokenClaims };
}
