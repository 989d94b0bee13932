import "server-only";
import { and, asc, eq, isNotNull, ne } from "drizzle-orm";
import { decodeReceipt, VERDICT_DESCRIPTIONS, type VerdictCode } from "@/lib/core/receipts";
import { requireRole, type Ctx } from "../auth/actor";
import { issuerKeys, receipts, sources, tlogNodes } from "../db/schema";
import { AppError, notFound } from "../errors";
import { EntityId } from "../issuers/schemas";
import { matchingDecisionEvents, type MatchedDecisionEvent } from "./matching-events";
import { receiptLeaf } from "./receipt-leaf";
import { toReceiptSummary, type ReceiptSummary } from "./receipt-view";

export type ReceiptDetail = ReceiptSummary & {
  format: string;
  sha256: string;
  /** The exact bytes received, as UTF-8 text (a stored receipt always decoded as UTF-8). */
  raw: string;
  header: Record<string, unknown> | null;
  payload: Record<string, unknown> | null;
  message: string | null;
  verdictDescription: string;
  verifiedAt: string;
  policyDigest: string | null;
  idempotencyKey: string | null;
  key: { id: string; issuerId: string; kid: string; alg: string | null; thumbprint: string; validFrom: string | null; validUntil: string | null; revokedAt: string | null; revokedReason: string | null } | null;
  source: { id: string; name: string };
  /** Every other receipt with the same (iss, id): present only when the issuer equivocated. */
  sameIdentity: Array<{ id: string; sha256: string; receivedAt: string; verdict: string; decision: string | null; equivocationOf: string | null }>;
  decisionEvents: MatchedDecisionEvent[];
};

/** One receipt with its decoded content, verdict, key, raw bytes and the decision events that match it. */
export async function getReceipt(ctx: Ctx, id: string): Promise<ReceiptDetail> {
  requireRole(ctx, "auditor", "admin", "oncall");
  if (!EntityId.safeParse(id).success) throw new AppError("VALIDATION", "The receipt id is not valid.", { fields: { id: "expected an id" } });
  const [row] = await ctx.db
    .select({ receipt: receipts, key: issuerKeys, source: { id: sources.id, name: sources.name }, logIndex: tlogNodes.idx })
    .from(receipts)
    .innerJoin(sources, eq(sources.id, receipts.sourceId))
    .leftJoin(issuerKeys, eq(issuerKeys.id, receipts.keyId))
    .leftJoin(tlogNodes, receiptLeaf)
    .where(eq(receipts.id, id));
  if (!row) throw notFound("The receipt");
  const { receipt, key } = row;
  const decoded = decodeReceipt(receipt.raw);
  const header = decoded.ok ? decoded.jws.header : (decoded.rejection.header ?? null);
  const payload = decoded.ok ? decoded.jws.payload : (decoded.rejection.payload ?? null);
  const sameIdentity = await ctx.db
    .select({ id: receipts.id, sha256: receipts.sha256, receivedAt: receipts.receivedAt, verdict: receipts.verdict, decision: receipts.decision, equivocationOf: receipts.equivocationOf })
    .from(receipts)
    .where(and(eq(receipts.iss, receipt.iss), eq(receipts.receiptId, receipt.receiptId), ne(receipts.id, receipt.id)))
    .orderBy(asc(isNotNull(receipts.equivocationOf)), asc(receipts.receivedAt), asc(receipts.id));
  return {
    ...toReceiptSummary({ ...receipt, logIndex: row.logIndex }),
    format: receipt.format,
    sha256: receipt.sha256,
    raw: new TextDecoder().decode(receipt.raw),
    header,
    payload,
    message: receipt.verdictMessage,
    verdictDescription: VERDICT_DESCRIPTIONS[receipt.verdict as VerdictCode] ?? receipt.verdict,
    verifiedAt: receipt.verifiedAt.toISOString(),
    policyDigest: receipt.policyDigest,
    idempotencyKey: receipt.idempotencyKey,
    key: key
      ? {
          id: key.id,
          issuerId: key.issuerId,
          kid: key.kid,
          alg: key.alg,
          thumbprint: key.thumbprint,
          validFrom: key.validFrom?.toISOString() ?? null,
          validUntil: key.validUntil?.toISOString() ?? null,
          revokedAt: key.revokedAt?.toISOString() ?? null,
          revokedReason: key.revokedReason,
        }
      : null,
    source: row.source,
    sameIdentity: sameIdentity.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
    decisionEvents: await matchingDecisionEvents(ctx.db, payload, receipt.ts),
  };
}
