/** No grant, whatever the configuration, lasts longer than a day. */
export const HARD_MAX_DURATION_SECONDS = 24 * 60 * 60;
/** Shorter grants are a typo, not an emergency. */
export const MIN_DURATION_SECONDS = 60;
/** A scheduled start may be this far in the past (clock skew between browser and server). */
export const START_SKEW_SECONDS = 120;

/** Rules an admin configures for break-glass grants. */
export interface GrantPolicy {
  /** Distinct admins, other than requester and grantee, needed to approve. */
  requiredApprovals: number;
  /** Cap on a grant's duration; never above HARD_MAX_DURATION_SECONDS. */
  maxDurationSeconds: number;
  /** A request nobody decided on expires after this. */
  pendingTtlSeconds: number;
  /** Whether a scope may contain "*". */
  allowWildcards: boolean;
  /** How far ahead a scheduled start may be. */
  maxScheduleAheadSeconds: number;
}

export const DEFAULT_GRANT_POLICY: Readonly<GrantPolicy> = Object.freeze({
  requiredApprovals: 1,
  maxDurationSeconds: 4 * 60 * 60,
  pendingTtlSeconds: 60 * 60,
  allowWildcards: false,
  maxScheduleAheadSeconds: 7 * 24 * 60 * 60,
});

function assertWholeNumber(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`grant policy: ${name} must be a whole number in [${min}, ${max}], got ${value}`);
  }
}

/** Fills defaults and rejects an impossible configuration (a programmer or config error: TypeError). */
export function resolveGrantPolicy(partial: Partial<GrantPolicy> = {}): GrantPolicy {
  const policy: GrantPolicy = { ...DEFAULT_GRANT_POLICY, ...partial };
  assertWholeNumber("requiredApprovals", policy.requiredApprovals, 1, 10);
  assertWholeNumber("maxDurationSeconds", policy.maxDurationSeconds, MIN_DURATION_SECONDS, HARD_MAX_DURATION_SECONDS);
  assertWholeNumber("pendingTtlSeconds", policy.pendingTtlSeconds, 60, 7 * 24 * 60 * 60);
  assertWholeNumber("maxScheduleAheadSeconds", policy.maxScheduleAheadSeconds, 0, 90 * 24 * 60 * 60);
  if (typeof policy.allowWildcards !== "boolean") throw new TypeError("grant policy: allowWildcards must be a boolean");
  return policy;
}
