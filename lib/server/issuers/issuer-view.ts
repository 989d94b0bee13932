import "server-only";
import type { issuerKeys, issuers } from "../db/schema";

export type KeyStatus = "active" | "revoked" | "expired" | "not_yet_valid";

export type IssuerKeyView = {
  id: string;
  kid: string;
  alg: string | null;
  kty: string;
  crv: string | null;
  thumbprint: string;
  validFrom: string | null;
  validUntil: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  revokedBy: string | null;
  origin: string;
  createdAt: string;
  status: KeyStatus;
  receiptCount: number;
};

export type IssuerView = {
  id: string;
  iss: string;
  name: string;
  jwksUrl: string | null;
  refreshedAt: string | null;
  refreshError: string | null;
  createdAt: string;
  keys: IssuerKeyView[];
};

type KeyRow = typeof issuerKeys.$inferSelect;

/** Whether a key may sign receipts dated `now` (receipts dated earlier are judged at their own iat). */
export function keyStatus(row: Pick<KeyRow, "validFrom" | "validUntil" | "revokedAt">, now: Date): KeyStatus {
  if (row.revokedAt && row.revokedAt <= now) return "revoked";
  if (row.validUntil && row.validUntil <= now) return "expired";
  if (row.validFrom && row.validFrom > now) return "not_yet_valid";
  return "active";
}

export function toKeyView(row: KeyRow, now: Date, receiptCount = 0): IssuerKeyView {
  return {
    id: row.id,
    kid: row.kid,
    alg: row.alg,
    kty: row.kty,
    crv: row.crv,
    thumbprint: row.thumbprint,
    validFrom: row.validFrom?.toISOString() ?? null,
    validUntil: row.validUntil?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason,
    revokedBy: row.revokedBy,
    origin: row.origin,
    createdAt: row.createdAt.toISOString(),
    status: keyStatus(row, now),
    receiptCount,
  };
}

export function toIssuerView(row: typeof issuers.$inferSelect, keys: IssuerKeyView[]): IssuerView {
  return {
    id: row.id,
    iss: row.iss,
    name: row.name,
    jwksUrl: row.jwksUrl,
    refreshedAt: row.refreshedAt?.toISOString() ?? null,
    refreshError: row.refreshError,
    createdAt: row.createdAt.toISOString(),
    keys,
  };
}
