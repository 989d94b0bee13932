import { GrantError, type GrantIssue } from "./grant-errors";
import { MIN_DURATION_SECONDS, START_SKEW_SECONDS, type GrantPolicy } from "./grant-policy";
import { normalizeIdentity, WILDCARD } from "./grant-scope";
import type { GrantScope, UnixSeconds } from "./grant-types";

/** A request as a form or the API sends it (shape already parsed at the edge). */
export interface GrantRequestInput {
  operator: string;
  /** Further identifiers of the grantee the server knows (console user id, email). */
  operatorIdentities?: readonly string[];
  scope: { surfaces: readonly string[]; actions: readonly string[] };
  justification: string;
  ticket?: string | null;
  durationSeconds: number;
  startAt?: UnixSeconds | null;
}

/** A request that satisfies the policy: trimmed, deduplicated, normalized. */
export interface ValidGrantRequest {
  operator: string;
  operatorIdentities: string[];
  scope: GrantScope;
  justification: string;
  ticket: string | null;
  durationSeconds: number;
  startAt: UnixSeconds | null;
}

export type GrantRequestResult = { ok: true; value: ValidGrantRequest } | { ok: false; error: GrantError };

const LIMITS = { operator: 256, justification: 2000, ticket: 200, scopeItem: 128, scopeItems: 64 } as const;
// One scope item: no blanks, no control characters, and "*" only as the whole item.
const SCOPE_ITEM = /^[^\s*\p{Cc}]+$/u;
const CONTROL = /\p{Cc}/u;

function trimmed(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function checkOperator(input: GrantRequestInput, issues: GrantIssue[]): string {
  const operator = trimmed(input.operator);
  if (operator === "" || operator.length > LIMITS.operator || CONTROL.test(operator)) {
    issues.push({ path: "operator", code: "INVALID_INPUT", message: `operator must be 1–${LIMITS.operator} printable characters` });
  }
  return operator;
}

function checkScopeList(path: string, raw: unknown, policy: GrantPolicy, issues: GrantIssue[]): string[] {
  const items = Array.isArray(raw) ? raw.map(trimmed) : [];
  if (items.length === 0) {
    issues.push({ path, code: "SCOPE_EMPTY", message: `${path} must name at least one entry` });
    return [];
  }
  if (items.length > LIMITS.scopeItems) {
    issues.push({ path, code: "SCOPE_INVALID", message: `${path} may name at most ${LIMITS.scopeItems} entries` });
  }
  for (const item of items) {
    if (item === WILDCARD) {
      if (!policy.allowWildcards) issues.push({ path, code: "WILDCARD_NOT_ALLOWED", message: `${path}: "*" is not allowed by policy` });
    } else if (item.length > LIMITS.scopeItem || !SCOPE_ITEM.test(item)) {
      issues.push({ path, code: "SCOPE_INVALID", message: `${path}: "${item.slice(0, 40)}" is not a valid name (no blanks, "*" only alone)` });
    }
  }
  return [...new Set(items)];
}

function checkDuration(value: unknown, policy: GrantPolicy, issues: GrantIssue[]): number {
  const path = "durationSeconds";
  if (typeof value !== "number" || !Number.isInteger(value) || value < MIN_DURATION_SECONDS) {
    issues.push({ path, code: "DURATION_INVALID", message: `durationSeconds must be a whole number ≥ ${MIN_DURATION_SECONDS}` });
    return 0;
  }
  if (value > policy.maxDurationSeconds) {
    issues.push({ path, code: "DURATION_OVER_CAP", message: `durationSeconds ${value} exceeds the cap of ${policy.maxDurationSeconds}` });
  }
  return value;
}

function checkStart(value: unknown, policy: GrantPolicy, now: UnixSeconds, issues: GrantIssue[]): UnixSeconds | null {
  const path = "startAt";
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    issues.push({ path, code: "INVALID_INPUT", message: "startAt must be a Unix time in seconds" });
  } else if (value < now - START_SKEW_SECONDS) {
    issues.push({ path, code: "START_IN_PAST", message: "startAt is in the past" });
  } else if (value > now + policy.maxScheduleAheadSeconds) {
    issues.push({ path, code: "START_TOO_FAR", message: `startAt is more than ${policy.maxScheduleAheadSeconds} s ahead` });
  }
  return typeof value === "number" && value > now ? value : null;
}

function checkTexts(input: GrantRequestInput, issues: GrantIssue[]): { justification: string; ticket: string | null } {
  const justification = trimmed(input.justification);
  if (justification === "") {
    issues.push({ path: "justification", code: "JUSTIFICATION_REQUIRED", message: "justification is required" });
  } else if (justification.length > LIMITS.justification) {
    issues.push({ path: "justification", code: "INVALID_INPUT", message: `justification is longer than ${LIMITS.justification} characters` });
  }
  const ticket = trimmed(input.ticket);
  if (ticket.length > LIMITS.ticket || CONTROL.test(ticket)) {
    issues.push({ path: "ticket", code: "INVALID_INPUT", message: `ticket must be at most ${LIMITS.ticket} printable characters` });
  }
  return { justification, ticket: ticket === "" ? null : ticket };
}

/** Checks a grant request against the policy at `now`, reporting every bad field. */
export function validateGrantRequest(input: GrantRequestInput, policy: GrantPolicy, now: UnixSeconds): GrantRequestResult {
  const issues: GrantIssue[] = [];
  const operator = checkOperator(input, issues);
  const { justification, ticket } = checkTexts(input, issues);
  const scope = {
    surfaces: checkScopeList("scope.surfaces", input.scope?.surfaces, policy, issues),
    actions: checkScopeList("scope.actions", input.scope?.actions, policy, issues),
  };
  const durationSeconds = checkDuration(input.durationSeconds, policy, issues);
  const startAt = checkStart(input.startAt, policy, now, issues);
  if (issues.length > 0) return { ok: false, error: GrantError.fromIssues(issues) };
  const identities = [operator, ...(input.operatorIdentities ?? [])].filter((id) => typeof id === "string" && id.trim() !== "");
  const operatorIdentities = [...new Set(identities.map(normalizeIdentity))];
  return { ok: true, value: { operator, operatorIdentities, scope, justification, ticket, durationSeconds, startAt } };
}
