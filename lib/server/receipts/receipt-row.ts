import "server-only";
import type { ReceiptFields, ReceiptVerdict } from "@/lib/core/receipts";
import { keyRef } from "../issuers/trust-set-cache";

// How far past its arrival a receipt's iat may lie and still be its time (the verifier's skew).
const IAT_SKEW_MS = 300_000;

// U+0000 and unpaired surrogates: valid in a JSON string, but not storable as Postgres text.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

/** A claimed value as a column value: null when Postgres text cannot hold it exactly. */
export function storableText(value: unknown, max = 512): string | null {
  return typeof value === "string" && value.length <= max && !UNSTORABLE.test(value) ? value : null;
}

/** The fields as Postgres can hold them (a receipt whose iss or id is unstorable cannot be stored). */
export function storableFields(fields: ReceiptFields): ReceiptFields {
  const clean = { ...fields };
  for (const [name, value] of Object.entries(clean)) {
    if (typeof value === "string") (clean as Record<string, unknown>)[name] = storableText(value);
  }
  return clean;
}

/** The verdict part of a receipt row; `keyId` is the registered key step 6 chose, when one was. */
export function verdictColumns(verdict: ReceiptVerdict, keyIds: ReadonlyMap<string, string>, now: Date) {
  const iss = verdict.payload?.iss;
  const kid = verdict.header?.kid;
  const keyId = typeof iss === "string" && typeof kid === "string" ? (keyIds.get(keyRef(iss, kid)) ?? null) : null;
  if (verdict.verdict === "valid") return { verdict: "valid", failedStep: null, verdictMessage: null, keyId, verifiedAt: now };
  return { verdict: verdict.verdict, failedStep: verdict.step, verdictMessage: verdict.message.slice(0, 2000).replace(UNSTORABLE_ALL, "\uFFFD"), keyId, verifiedAt: now };
}

/**
 * The time a receipt is sorted and filtered by: its iat, unless it has none or claims a time
 * after its own arrival (a receipt dated 2100 must not head the explorer forever).
 */
export function receiptTime(iat: number | null, receivedAt: Date): Date {
  return iat !== null && iat * 1000 <= receivedAt.getTime() + IAT_SKEW_MS ? new Date(iat * 1000) : receivedAt;
}

export type NewReceiptRow = ReturnType<typeof newReceiptRow>;

/** Everything stored for one receipt that has an issuer and an id. */
export function newReceiptRow(input: {
  bytes: Uint8Array;
  sha256: string;
  verdict: ReceiptVerdict;
  fields: ReceiptFields & { iss: string; id: string };
  keyIds: ReadonlyMap<string, string>;
  sourceId: string;
  now: Date;
}) {
  const { verdict, fields } = input;
  const { alg, kid } = verdict.header ?? {};
  return {
    iss: fields.iss,
    receiptId: fields.id,
    raw: input.bytes,
    sha256: input.sha256,
    format: verdict.format ?? "compact",
    kid: storableText(kid),
    alg: storableText(alg, 32),
    ...verdictColumns(verdict, input.keyIds, input.now),
    iat: fields.iat,
    ts: receiptTime(fields.iat, input.now),
    surface: fields.surface,
    action: fields.action,
    actor: fields.actor,
    target: fields.target,
    decision: fields.decision,
    policyId: fields.policyId,
    policyVersion: fields.policyVersion,
    policyDigest: fields.policyDigest,
    idempotencyKey: fields.idempotencyKey,
    overrideGrant: fields.overrideGrant,
    sourceId: input.sourceId,
    receivedAt: input.now,
  };
}
