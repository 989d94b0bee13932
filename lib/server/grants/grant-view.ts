import "server-only";
import type { GrantScope, GrantState } from "@/lib/core/grants";
import type { GrantRow } from "./grant-row";
import type { GrantUseFlag } from "./link-grant-uses";

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** A grant as the list, the API and the console show it (times in RFC 3339). */
export type GrantSummary = {
  id: string;
  state: GrantState;
  operator: string;
  /** The grantee is a console user (and so can retrieve the token). */
  operatorIsUser: boolean;
  scope: GrantScope;
  justification: string;
  ticket: string | null;
  durationSeconds: number;
  startAt: string | null;
  requestedAt: string;
  requestExpiresAt: string;
  requestedBy: { id: string; email: string | null };
  requiredApprovals: number;
  approvals: Array<{ by: string; email: string | null; at: string; comment: string | null }>;
  denial: { by: string; at: string; comment: string } | null;
  nbf: string | null;
  exp: string | null;
  activatedAt: string | null;
  revocation: { by: string; at: string; comment: string } | null;
  expiredAt: string | null;
  useCount: number;
  violationCount: number;
  lastUsedAt: string | null;
  tokenIssuedAt: string | null;
  tokenRetrievedAt: string | null;
};

export type GrantTimelineItem = {
  kind: "requested" | "approval" | "activated" | "denied" | "revoked" | "expired" | "request_expired" | "token_retrieved" | "used";
  at: string;
  actor: { id: string; email: string | null };
  note: string | null;
  /** For "used": the linked receipt and what was wrong with the use; `first` marks the first use. */
  use?: GrantUseView & { first: boolean };
};

export type GrantUseView = {
  receiptId: string;
  receiptIssuer: string;
  receiptRef: string;
  receiptVerdict: string;
  at: string;
  surface: string | null;
  action: string | null;
  actor: string | null;
  decision: string | null;
  violations: GrantUseFlag[];
  linkedAt: string;
};

/** What the caller may do with this grant now (a hint for the console; every service checks again). */
export type GrantPermissions = {
  canApprove: boolean;
  canDeny: boolean;
  canRevoke: boolean;
  canRetrieveToken: boolean;
  /** Why the caller may not review a request it otherwise could (requester, grantee, already acted). */
  reviewBlockedReason: string | null;
};

export type GrantDetail = GrantSummary & {
  timeline: GrantTimelineItem[];
  uses: GrantUseView[];
  overlapping: GrantSummary[];
  permissions: GrantPermissions;
};

const decision = (at: Date | null, by: string | null, comment: string | null) =>
  at ? { by: by ?? "", at: at.toISOString(), comment: comment ?? "" } : null;

/** The summary view of a stored grant. */
export function toGrantSummary(row: GrantRow, violationCount: number): GrantSummary {
  return {
    id: row.id,
    state: row.state as GrantState,
    operator: row.operator,
    operatorIsUser: row.operatorUserId !== null,
    scope: row.scope,
    justification: row.justification,
    ticket: row.ticket,
    durationSeconds: row.durationSeconds,
    startAt: iso(row.startAt),
    requestedAt: row.requestedAt.toISOString(),
    requestExpiresAt: row.requestExpiresAt.toISOString(),
    requestedBy: { id: row.requestedById, email: row.requestedByEmail },
    requiredApprovals: row.requiredApprovals,
    approvals: row.approvals.map((a) => ({ by: a.by, email: a.email, at: new Date(a.at * 1000).toISOString(), comment: a.comment })),
    denial: decision(row.deniedAt, row.deniedBy, row.denialComment),
    nbf: iso(row.nbf),
    exp: iso(row.exp),
    activatedAt: iso(row.activatedAt),
    revocation: decision(row.revokedAt, row.revokedBy, row.revocationReason),
    expiredAt: iso(row.expiredAt),
    useCount: row.useCount,
    violationCount,
    lastUsedAt: iso(row.lastUsedAt),
    tokenIssuedAt: iso(row.tokenIssuedAt),
    tokenRetrievedAt: iso(row.tokenRetrievedAt),
  };
}
