import "server-only";
import type { receipts } from "../db/schema";

/** A receipt as lists show it. Payload fields are as the receipt claims; trust them only when `verdict` is `valid`. */
export type ReceiptSummary = {
  id: string;
  iss: string;
  receiptId: string;
  ts: string;
  iat: number | null;
  receivedAt: string;
  verdict: string;
  step: number | null;
  kid: string | null;
  alg: string | null;
  surface: string | null;
  action: string | null;
  actor: string | null;
  target: string | null;
  decision: string | null;
  policyId: string | null;
  policyVersion: string | null;
  overrideGrant: string | null;
  equivocationOf: string | null;
  logIndex: number | null;
  sourceId: string;
};

/** A receipt row without its bytes, with its log index (from its leaf, when it has one). */
export type ReceiptRow = Omit<typeof receipts.$inferSelect, "raw"> & { logIndex: number | null };

export function toReceiptSummary(row: ReceiptRow): ReceiptSummary {
  return {
    id: row.id,
    iss: row.iss,
    receiptId: row.receiptId,
    ts: row.ts.toISOString(),
    iat: row.iat,
    receivedAt: row.receivedAt.toISOString(),
    verdict: row.verdict,
    step: row.failedStep,
    kid: row.kid,
    alg: row.alg,
    surface: row.surface,
    action: row.action,
    actor: row.actor,
    target: row.target,
    decision: row.decision,
    policyId: row.policyId,
    policyVersion: row.policyVersion,
    overrideGrant: row.overrideGrant,
    equivocationOf: row.equivocationOf,
    logIndex: row.logIndex,
    sourceId: row.sourceId,
  };
}
