import { MAX_NAME_LENGTH } from "./limits";

/** The columns a receipt is stored and searched by; null where the payload lacks a usable value. */
export interface ReceiptFields {
  iss: string | null;
  id: string | null;
  iat: number | null;
  surface: string | null;
  action: string | null;
  actor: string | null;
  target: string | null;
  decision: string | null;
  policyId: string | null;
  policyVersion: string | null;
  policyDigest: string | null;
  idempotencyKey: string | null;
  overrideGrant: string | null;
}

/**
 * Extracts the storage fields from a payload — a verified one, or the unverified payload of a
 * rejected receipt; ill-typed or over-long values become null rather than failing.
 */
export function receiptFields(payload: unknown): ReceiptFields {
  const p = asRecord(payload);
  const request = asRecord(p.request);
  const policy = asRecord(p.policy);
  return {
    iss: name(p.iss),
    id: name(p.id),
    iat: typeof p.iat === "number" && Number.isSafeInteger(p.iat) && p.iat >= 0 ? p.iat : null,
    surface: name(request.surface),
    action: name(request.action),
    actor: name(request.actor),
    target: name(request.target),
    decision: name(p.decision),
    policyId: name(policy.id),
    policyVersion: name(policy.version),
    policyDigest: name(policy.digest),
    idempotencyKey: name(p.idempotency_key),
    overrideGrant: name(asRecord(p.override).grant),
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function name(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= MAX_NAME_LENGTH ? value : null;
}
