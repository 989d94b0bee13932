// Test support for the issuer and receipt services: gate keys, payloads, an ingest helper.
import { expect } from "vitest";
import { signReceipt, type IssuerKeyPair } from "@/lib/core/receipts";
import type { Ctx } from "../auth/actor";
import { AppError } from "../errors";
import type { IngestSource } from "../sources";
import { ingestReceipts } from "./ingest-receipts";

export const DIGEST = `sha256:${"ab".repeat(32)}`;

/** A schema-valid receipt payload; `over` replaces top-level members. */
export function payload(iss: string, id: string, iat: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    v: 1,
    id,
    iss,
    iat,
    request: { actor: "agent:billing-bot", surface: "payments", action: "transfer", target: "acct:123", context: {} },
    decision: "PERMIT",
    reason: "rule:allow",
    policy: { id: "payments", version: "7", digest: DIGEST },
    ...over,
  };
}

/** Signs a payload with a generated key pair. */
export function sign(key: IssuerKeyPair, body: Record<string, unknown>): Promise<string> {
  return signReceipt(body, key.privateJwk, { alg: key.alg, kid: key.kid });
}

/** Sends receipts as one newline-separated `application/jose` request. */
export async function ingestLines(ctx: Ctx, source: IngestSource, receipts: string[]) {
  return (await ingestReceipts(ctx, source, new TextEncoder().encode(receipts.join("\n")), "application/jose")).results;
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Seconds since the epoch for an ISO time. */
export function seconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
