import "server-only";
import { createHash } from "node:crypto";
import { BatchError, parseBatch, receiptFields, verifyReceipt, type BatchItem, type VerdictCode } from "@/lib/core/receipts";
import type { Ctx } from "../auth/actor";
import { AppError, unauthenticated } from "../errors";
import { consoleTrust } from "../issuers/trust-set-cache";
import { touchSource, type IngestSource } from "../sources";
import { logger } from "../telemetry/logger";
import { metrics } from "../telemetry/metrics";
import { newReceiptRow, storableFields, type NewReceiptRow } from "./receipt-row";
import { storeReceipts, type StoreStatus } from "./store-receipts";

/** The answer for one receipt of a request, in input order (DESIGN.md, Interfaces). */
export type IngestResult = {
  status: StoreStatus | "rejected";
  /** The stored row's id; null for a rejected receipt, which is not stored. */
  id: string | null;
  verdict: VerdictCode;
  /** The transparency-log index, once the log sequencer has given it one. */
  logIndex: number | null;
  /** For verdicts other than `valid`: the profile step that failed and why. */
  step?: number;
  message?: string;
};

const BATCH_ERRORS: Record<BatchError["code"], AppError["code"]> = {
  unsupported_media_type: "UNSUPPORTED_MEDIA_TYPE",
  too_large: "LIMIT_EXCEEDED",
  too_many_items: "LIMIT_EXCEEDED",
  malformed_batch: "BAD_REQUEST",
};

/**
 * Verifies and stores the receipts of one ingest request from an authenticated source (the
 * `IngestSource` is the credential: only `requireIngestSource` makes one). Every receipt gets a
 * result; one bad receipt never fails the others. Receipts without a decodable payload naming
 * `iss` and `id` cannot be deduplicated or attributed: they are answered `rejected`, not stored.
 */
export async function ingestReceipts(ctx: Ctx, source: IngestSource, body: Uint8Array, contentType: string | undefined): Promise<{ results: IngestResult[] }> {
  if (!source?.id) throw unauthenticated("Send the source's ingest token as `Authorization: Bearer <token>`.");
  const items = splitBody(body, contentType);
  const { trust, keyIds } = await consoleTrust(ctx.db).catch(unavailable);
  // The item's text: parseBatch already decoded the body as strict UTF-8, and `bytes` are that text encoded again.
  const verdicts = await Promise.all(items.map((item) => verifyReceipt(item.text, trust, ctx.now)));
  const results: IngestResult[] = new Array(items.length);
  const rows: NewReceiptRow[] = [];
  const positions: number[] = [];
  verdicts.forEach((verdict, i) => {
    const fields = storableFields(receiptFields(verdict.payload));
    if (fields.iss === null || fields.id === null) {
      const step = "step" in verdict ? verdict.step : undefined;
      const message = "message" in verdict ? verdict.message : "iss or id holds U+0000 or an unpaired surrogate, which cannot be stored";
      results[i] = { status: "rejected", id: null, verdict: verdict.verdict, logIndex: null, ...(step && { step }), message };
      return;
    }
    const bytes = items[i]!.bytes;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    rows.push(newReceiptRow({ bytes, sha256, verdict, fields: { ...fields, iss: fields.iss, id: fields.id }, keyIds, sourceId: source.id, now: ctx.now }));
    positions.push(i);
  });
  const outcomes = await storeReceipts(ctx.db, rows).catch(unavailable);
  outcomes.forEach((outcome, j) => {
    const verdict = outcome.verdict as VerdictCode;
    const detail = verdict === "valid" ? {} : { ...(outcome.step !== null && { step: outcome.step }), ...(outcome.message !== null && { message: outcome.message }) };
    results[positions[j]!] = { status: outcome.status, id: outcome.id, verdict, logIndex: outcome.logIndex, ...detail };
  });
  await touchSource(ctx.db, source.id, ctx.now).catch((error: unknown) => logger.warn({ err: error }, "could not update last-seen"));
  countResults(results);
  return { results };
}

function splitBody(body: Uint8Array, contentType: string | undefined): BatchItem[] {
  try {
    return parseBatch(body, contentType || undefined);
  } catch (error) {
    if (error instanceof BatchError) throw new AppError(BATCH_ERRORS[error.code], `The receipts could not be read: ${error.message}.`, { reason: error.code.toUpperCase() });
    throw error;
  }
}

// Nothing was acknowledged: the gate keeps its receipts and retries (DESIGN.md: never 200, 503).
function unavailable(error: unknown): never {
  if (error instanceof AppError) throw error;
  logger.warn({ err: error }, "receipt ingest: database unavailable");
  throw new AppError("UNAVAILABLE", "The database is unavailable; nothing was stored. Retry shortly.", { retryAfterSeconds: 2 });
}

function countResults(results: IngestResult[]): void {
  const counts = new Map<string, number>();
  for (const { status, verdict } of results) counts.set(`${status} ${verdict}`, (counts.get(`${status} ${verdict}`) ?? 0) + 1);
  for (const [key, n] of counts) {
    const [status, verdict] = key.split(" ") as [string, string];
    metrics.receipts.inc({ status, verdict }, n);
  }
}
