import { GrantError, type GrantErrorCode } from "./grant-errors";
import type { GrantPolicy } from "./grant-policy";
import { validateGrantRequest, type GrantRequestInput } from "./grant-request";
import { normalizeIdentity, scopeHasWildcard } from "./grant-scope";
import type { Grant, GrantActor, GrantTimelineEntry, GrantUse, UnixSeconds } from "./grant-types";
import { classifyGrantUse } from "./grant-use";

export type GrantEvent =
  | { type: "request"; id: string; input: GrantRequestInput }
  | { type: "approve"; comment?: string | null }
  | { type: "deny"; comment: string }
  | { type: "activate" }
  | { type: "use"; use: GrantUse }
  | { type: "revoke"; reason: string }
  | { type: "expire" }
  | { type: "expire_request" };

/** The moment, the policy in force at that moment, and who acts (SYSTEM_ACTOR for the scheduler). */
export interface GrantContext {
  now: UnixSeconds;
  policy: GrantPolicy;
  actor: GrantActor;
}

export type GrantTransition = { ok: true; grant: Grant; entries: GrantTimelineEntry[] } | { ok: false; error: GrantError };

const fail = (code: GrantErrorCode, message: string): GrantTransition => ({ ok: false, error: new GrantError(code, message) });
function entry(kind: GrantTimelineEntry["kind"], at: UnixSeconds, actor: string, note: string | null = null): GrantTimelineEntry {
  return { kind, at, actor, note };
}

/** The admin role must be held now (re-read by the server), not only when the session began. */
export function isAdminNow(actor: GrantActor): boolean {
  return actor.isAdminNow === true && actor.roles.includes("admin");
}

/** Whether the actor is the requester or the grantee, under any of their identifiers. */
export function isRequesterOrGrantee(grant: Grant, actor: GrantActor): boolean {
  const ids = [grant.requestedBy.id, grant.requestedBy.email, ...grant.operatorIdentities];
  const blocked = new Set(ids.filter((id): id is string => !!id).map(normalizeIdentity));
  return [actor.id, actor.email].some((id) => !!id && blocked.has(normalizeIdentity(id)));
}

// Distinct reviewers: a second account with the same e-mail counts as the same person.
function hasActed(grant: Grant, actor: GrantActor): boolean {
  const mine = new Set([actor.id, actor.email].filter((id): id is string => !!id).map(normalizeIdentity));
  const reviewers = [...grant.approvals.flatMap((a) => [a.by, a.email]), grant.denial?.by];
  return reviewers.some((id) => !!id && mine.has(normalizeIdentity(id)));
}

function request(id: string, input: GrantRequestInput, ctx: GrantContext): GrantTransition {
  const { actor, now, policy } = ctx;
  if (!actor.roles.includes("admin") && !actor.roles.includes("oncall")) {
    return fail("NOT_PERMITTED", "only an admin or on-call user may request a grant");
  }
  const checked = validateGrantRequest(input, policy, now);
  if (!checked.ok) return checked;
  const grant: Grant = {
    id, state: "pending", ...checked.value,
    requestedBy: { id: actor.id, email: actor.email ?? null },
    requestedAt: now, requestExpiresAt: now + policy.pendingTtlSeconds, requiredApprovals: policy.requiredApprovals,
    approvals: [], denial: null, nbf: null, exp: null, activatedAt: null, revocation: null, expiredAt: null, useCount: 0, lastUsedAt: null,
  };
  return { ok: true, grant, entries: [entry("requested", now, actor.id, grant.justification)] };
}

/** Checks shared by approve and deny: who reviews, and whether the request is still open. */
function checkReview(grant: Grant, ctx: GrantContext): GrantTransition | null {
  if (!isAdminNow(ctx.actor)) return fail("NOT_ADMIN", "only an admin may review a grant request");
  if (isRequesterOrGrantee(grant, ctx.actor)) return fail("SELF_APPROVAL", "the requester or the grantee may not review this request");
  if (hasActed(grant, ctx.actor)) return fail("ALREADY_ACTED", "you have already reviewed this request");
  if (grant.state === "request_expired" || (grant.state === "pending" && ctx.now >= grant.requestExpiresAt)) {
    return fail("REQUEST_EXPIRED", "the request expired before it was decided");
  }
  if (grant.state !== "pending") return fail("INVALID_TRANSITION", `a ${grant.state} grant cannot be reviewed`);
  return null;
}

function approve(grant: Grant, comment: string | null, ctx: GrantContext): GrantTransition {
  const refused = checkReview(grant, ctx);
  if (refused) return refused;
  const { now, policy, actor } = ctx;
  if (grant.durationSeconds > policy.maxDurationSeconds) {
    return fail("DURATION_OVER_CAP", `the duration exceeds the current cap of ${policy.maxDurationSeconds} s`);
  }
  if (!policy.allowWildcards && scopeHasWildcard(grant.scope)) return fail("WILDCARD_NOT_ALLOWED", 'policy no longer allows "*" in a scope');
  const approvals = [...grant.approvals, { by: actor.id, email: actor.email ?? null, at: now, comment: comment?.trim() || null }];
  const entries = [entry("approval", now, actor.id, comment?.trim() || null)];
  if (approvals.length < Math.max(grant.requiredApprovals, policy.requiredApprovals)) {
    return { ok: true, grant: { ...grant, approvals }, entries };
  }
  // The quorum fixes the window; duration counts from activation, never from the request.
  const nbf = Math.max(now, grant.startAt ?? now);
  const active = nbf <= now;
  if (active) entries.push(entry("activated", now, actor.id));
  const state = active ? "active" : "approved";
  return { ok: true, grant: { ...grant, approvals, state, nbf, exp: nbf + grant.durationSeconds, activatedAt: active ? now : null }, entries };
}

function deny(grant: Grant, comment: string, ctx: GrantContext): GrantTransition {
  const refused = checkReview(grant, ctx);
  if (refused) return refused;
  const text = typeof comment === "string" ? comment.trim() : "";
  if (text === "") return fail("COMMENT_REQUIRED", "a denial needs a comment");
  const denial = { by: ctx.actor.id, at: ctx.now, comment: text };
  return { ok: true, grant: { ...grant, state: "denied", denial }, entries: [entry("denied", ctx.now, ctx.actor.id, text)] };
}

function activate(grant: Grant, ctx: GrantContext): GrantTransition {
  if (grant.state !== "approved" || grant.nbf === null || grant.exp === null) {
    return fail("INVALID_TRANSITION", `a ${grant.state} grant cannot become active`);
  }
  if (ctx.now < grant.nbf) return fail("NOT_YET_STARTED", "the grant's start has not been reached");
  if (ctx.now >= grant.exp) return fail("GRANT_EXPIRED", "the grant's window has already ended");
  return { ok: true, grant: { ...grant, state: "active", activatedAt: ctx.now }, entries: [entry("activated", ctx.now, ctx.actor.id)] };
}

function recordUse(grant: Grant, used: GrantUse, ctx: GrantContext): GrantTransition {
  // A use is a fact reported by a receipt: it is recorded in every state, and flagged.
  const verdict = classifyGrantUse({ ...grant, revokedAt: grant.revocation?.at ?? null }, used);
  const violations = verdict.ok ? [] : verdict.violations;
  const lastUsedAt = Math.max(grant.lastUsedAt ?? used.at, used.at);
  const recorded: GrantTimelineEntry = { ...entry("used", used.at, ctx.actor.id), use: { ...used, violations } };
  return { ok: true, grant: { ...grant, useCount: grant.useCount + 1, lastUsedAt }, entries: [recorded] };
}

function revoke(grant: Grant, reason: string, ctx: GrantContext): GrantTransition {
  const { actor, now } = ctx;
  const isRequester = normalizeIdentity(actor.id) === normalizeIdentity(grant.requestedBy.id);
  if (!isAdminNow(actor) && !isRequester) return fail("NOT_PERMITTED", "only an admin or the requester may revoke a grant");
  const text = typeof reason === "string" ? reason.trim() : "";
  if (text === "") return fail("REASON_REQUIRED", "a revocation needs a reason");
  if (grant.state !== "pending" && grant.state !== "approved" && grant.state !== "active") {
    return fail("INVALID_TRANSITION", `a ${grant.state} grant cannot be revoked`);
  }
  const revocation = { by: actor.id, at: now, comment: text };
  return { ok: true, grant: { ...grant, state: "revoked", revocation }, entries: [entry("revoked", now, actor.id, text)] };
}

function expire(grant: Grant, ctx: GrantContext): GrantTransition {
  if ((grant.state !== "active" && grant.state !== "approved") || grant.exp === null) {
    return fail("INVALID_TRANSITION", `a ${grant.state} grant cannot expire`);
  }
  if (ctx.now < grant.exp) return fail("NOT_DUE", "the grant has not reached its expiry");
  // Recorded at exp, the moment it stopped being valid, even if the scheduler runs late.
  return { ok: true, grant: { ...grant, state: "expired", expiredAt: grant.exp }, entries: [entry("expired", grant.exp, ctx.actor.id)] };
}

function expireRequest(grant: Grant, ctx: GrantContext): GrantTransition {
  if (grant.state !== "pending") return fail("INVALID_TRANSITION", `a ${grant.state} grant is not a pending request`);
  if (ctx.now < grant.requestExpiresAt) return fail("NOT_DUE", "the request has not reached its deadline");
  return { ok: true, grant: { ...grant, state: "request_expired" }, entries: [entry("request_expired", grant.requestExpiresAt, ctx.actor.id)] };
}

/** Applies one lifecycle event to a grant (null before the request) and returns the new grant or a typed refusal. */
export function applyGrantEvent(grant: Grant | null, event: GrantEvent, ctx: GrantContext): GrantTransition {
  if (!Number.isInteger(ctx.now)) throw new TypeError("ctx.now must be a Unix time in whole seconds");
  if (event.type === "request") {
    if (grant !== null) throw new TypeError("a request event creates a grant; pass null");
    return request(event.id, event.input, ctx);
  }
  if (grant === null) throw new TypeError(`a ${event.type} event needs an existing grant`);
  switch (event.type) {
    case "approve": return approve(grant, event.comment ?? null, ctx);
    case "deny": return deny(grant, event.comment, ctx);
    case "activate": return activate(grant, ctx);
    case "use": return recordUse(grant, event.use, ctx);
    case "revoke": return revoke(grant, event.reason, ctx);
    case "expire": return expire(grant, ctx);
    case "expire_request": return expireRequest(grant, ctx);
  }
}
