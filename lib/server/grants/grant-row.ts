import "server-only";
import type { Grant, GrantState, UnixSeconds } from "@/lib/core/grants";
import type { grants } from "../db/schema";

export type GrantRow = typeof grants.$inferSelect;

/** A Date as the grant domain counts time: whole Unix seconds. */
export const toSeconds = (date: Date): UnixSeconds => Math.floor(date.getTime() / 1000);
const seconds = (date: Date | null): UnixSeconds | null => (date === null ? null : toSeconds(date));
const date = (value: UnixSeconds | null): Date | null => (value === null ? null : new Date(value * 1000));

/** The stored grant as lib/core/grants sees it. */
export function rowToGrant(row: GrantRow): Grant {
  return {
    id: row.id,
    state: row.state as GrantState,
    operator: row.operator,
    operatorIdentities: row.operatorIdentities,
    requestedBy: { id: row.requestedById, email: row.requestedByEmail },
    scope: row.scope,
    justification: row.justification,
    ticket: row.ticket,
    durationSeconds: row.durationSeconds,
    startAt: seconds(row.startAt),
    requestedAt: toSeconds(row.requestedAt),
    requestExpiresAt: toSeconds(row.requestExpiresAt),
    requiredApprovals: row.requiredApprovals,
    approvals: row.approvals,
    denial: row.deniedAt ? { by: row.deniedBy ?? "", at: toSeconds(row.deniedAt), comment: row.denialComment ?? "" } : null,
    nbf: seconds(row.nbf),
    exp: seconds(row.exp),
    activatedAt: seconds(row.activatedAt),
    revocation: row.revokedAt ? { by: row.revokedBy ?? "", at: toSeconds(row.revokedAt), comment: row.revocationReason ?? "" } : null,
    expiredAt: seconds(row.expiredAt),
    useCount: row.useCount,
    lastUsedAt: seconds(row.lastUsedAt),
  };
}

/** The columns a lifecycle step may change, from the grant lib/core/grants returned. */
export function grantColumns(grant: Grant) {
  return {
    state: grant.state,
    approvals: grant.approvals,
    deniedAt: date(grant.denial?.at ?? null),
    deniedBy: grant.denial?.by ?? null,
    denialComment: grant.denial?.comment ?? null,
    nbf: date(grant.nbf),
    exp: date(grant.exp),
    activatedAt: date(grant.activatedAt),
    revokedAt: date(grant.revocation?.at ?? null),
    revokedBy: grant.revocation?.by ?? null,
    revocationReason: grant.revocation?.comment ?? null,
    expiredAt: date(grant.expiredAt),
    useCount: grant.useCount,
    lastUsedAt: date(grant.lastUsedAt),
  };
}

/** Every column of a new grant. */
export function newGrantColumns(grant: Grant, operatorUserId: string | null, now: Date): typeof grants.$inferInsert {
  return {
    id: grant.id,
    operator: grant.operator,
    operatorIdentities: grant.operatorIdentities,
    operatorUserId,
    requestedById: grant.requestedBy.id,
    requestedByEmail: grant.requestedBy.email,
    scope: grant.scope,
    justification: grant.justification,
    ticket: grant.ticket,
    durationSeconds: grant.durationSeconds,
    startAt: date(grant.startAt),
    requestedAt: new Date(grant.requestedAt * 1000),
    requestExpiresAt: new Date(grant.requestExpiresAt * 1000),
    requiredApprovals: grant.requiredApprovals,
    ...grantColumns(grant),
    updatedAt: now,
  };
}
