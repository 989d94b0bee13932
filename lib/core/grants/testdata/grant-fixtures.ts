import { resolveGrantPolicy, type GrantPolicy } from "../grant-policy";
import type { GrantRequestInput } from "../grant-request";
import { applyGrantEvent, type GrantEvent, type GrantTransition } from "../grant-state";
import { SYSTEM_ACTOR, type Grant, type GrantActor } from "../grant-types";

/** 2026-11-27T07:46:40Z, a frozen "now" for every grant test. */
export const T0 = 1795765600;
export const HOUR = 3600;

export const policy: GrantPolicy = resolveGrantPolicy();

export const oncall: GrantActor = { id: "u-oncall", email: "oncall@example.com", roles: ["oncall"], isAdminNow: false };
export const oncall2: GrantActor = { id: "u-oncall-2", email: "oncall2@example.com", roles: ["oncall"], isAdminNow: false };
export const alice: GrantActor = { id: "u-alice", email: "alice@example.com", roles: ["admin"], isAdminNow: true };
export const bob: GrantActor = { id: "u-bob", email: "bob@example.com", roles: ["admin"], isAdminNow: true };
export const auditor: GrantActor = { id: "u-audit", email: "audit@example.com", roles: ["auditor"], isAdminNow: false };
export const system = SYSTEM_ACTOR;

export function requestInput(overrides: Partial<GrantRequestInput> = {}): GrantRequestInput {
  return {
    operator: "agent:billing-bot",
    scope: { surfaces: ["payments"], actions: ["transfer", "refund"] },
    justification: "INC-4711: refunds stuck behind a mis-scoped deny rule",
    ticket: "INC-4711",
    durationSeconds: HOUR,
    ...overrides,
  };
}

/** Applies an event that must succeed and returns the new grant. */
export function step(grant: Grant | null, event: GrantEvent, actor: GrantActor, now: number, p: GrantPolicy = policy): Grant {
  const result = applyGrantEvent(grant, event, { now, policy: p, actor });
  if (!result.ok) throw new Error(`expected ${event.type} to succeed, got ${result.error.code}: ${result.error.message}`);
  return result.grant;
}

/** The error code of a transition that must be refused. */
export function refusal(result: GrantTransition): string {
  if (result.ok) throw new Error(`expected a refusal, got state ${result.grant.state}`);
  return result.error.code;
}

export function pendingGrant(overrides: Partial<GrantRequestInput> = {}, p: GrantPolicy = policy): Grant {
  return step(null, { type: "request", id: "g-1", input: requestInput(overrides) }, oncall, T0, p);
}

export function activeGrant(): Grant {
  return step(pendingGrant(), { type: "approve", comment: "ok, INC-4711 confirmed" }, alice, T0 + 60);
}
