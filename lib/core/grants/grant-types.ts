/** Every time in this domain is a Unix time in whole seconds (a JWT NumericDate). */
export type UnixSeconds = number;

/**
 * pending: waiting for approvals · approved: approved, scheduled start still ahead ·
 * active: inside its window · denied, expired, revoked, request_expired: final.
 */
export type GrantState = "pending" | "approved" | "active" | "denied" | "expired" | "revoked" | "request_expired";

export const FINAL_GRANT_STATES: readonly GrantState[] = ["denied", "expired", "revoked", "request_expired"];

/** What a grant allows: surfaces and actions; "*" means any, only where policy allows it. */
export interface GrantScope {
  surfaces: string[];
  actions: string[];
}

/** Who performs a step; `isAdminNow` is the admin role as read at the moment of the step. */
export interface GrantActor {
  id: string;
  email?: string | null;
  roles: readonly string[];
  isAdminNow: boolean;
}

/** The scheduler and the receipt pipeline act as this actor. */
export const SYSTEM_ACTOR: GrantActor = { id: "system", email: null, roles: [], isAdminNow: false };

export interface GrantApproval {
  by: string;
  email: string | null;
  at: UnixSeconds;
  comment: string | null;
}

export interface GrantDecision {
  by: string;
  at: UnixSeconds;
  comment: string;
}

export interface Grant {
  id: string;
  state: GrantState;
  /** The grantee as it appears in the token's `sub`: a console user or an agent/operator id. */
  operator: string;
  /** Every known identifier of the grantee (normalized): operator, user id, email. */
  operatorIdentities: string[];
  requestedBy: { id: string; email: string | null };
  scope: GrantScope;
  justification: string;
  ticket: string | null;
  durationSeconds: number;
  startAt: UnixSeconds | null;
  requestedAt: UnixSeconds;
  requestExpiresAt: UnixSeconds;
  requiredApprovals: number;
  approvals: GrantApproval[];
  denial: GrantDecision | null;
  /** The window, fixed by the approval that completes the quorum: [nbf, exp). */
  nbf: UnixSeconds | null;
  exp: UnixSeconds | null;
  activatedAt: UnixSeconds | null;
  revocation: GrantDecision | null;
  expiredAt: UnixSeconds | null;
  useCount: number;
  lastUsedAt: UnixSeconds | null;
}

/** One use of a grant, as read from a receipt whose payload carries `override.grant`. */
export interface GrantUse {
  at: UnixSeconds;
  surface: string;
  action: string;
  receiptId?: string | null;
}

export type GrantUseViolation = "outside_window" | "out_of_scope" | "revoked" | "not_active";

export type GrantTimelineKind =
  | "requested"
  | "approval"
  | "activated"
  | "denied"
  | "used"
  | "revoked"
  | "expired"
  | "request_expired";

/** One step of a grant's history, for the timeline and the audit log. */
export interface GrantTimelineEntry {
  kind: GrantTimelineKind;
  at: UnixSeconds;
  actor: string;
  note: string | null;
  use?: GrantUse & { violations: GrantUseViolation[] };
}
