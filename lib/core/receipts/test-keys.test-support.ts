// Test support: small fresh key sets (the shared vectors use the committed keys in fixtures/).
import { generateIssuerKey, type IssuerKeyPair } from "./sign-receipt";
import type { ReceiptAlg } from "./algorithms";

const pairs = new Map<string, Promise<IssuerKeyPair>>();

/** A key pair per (alg, kid), generated once per test run. */
export function testKey(alg: ReceiptAlg, kid: string): Promise<IssuerKeyPair> {
  const id = `${alg} ${kid}`;
  if (!pairs.has(id)) pairs.set(id, generateIssuerKey(alg, { kid }));
  return pairs.get(id)!;
}

export const NOW = new Date("2026-11-22T00:00:00Z");
export const IAT = Math.floor(NOW.getTime() / 1000) - 3600;

/** A schema-valid payload; `over` replaces top-level members. */
export function testPayload(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    v: 1,
    id: "r-1",
    iss: "gate-eu-1",
    iat: IAT,
    request: { actor: "agent:bot", surface: "payments", action: "transfer", target: "acct:1" },
    decision: "DENY",
    reason: "rule:deny",
    policy: { id: "payments", version: "3", digest: `sha256:${"0f".repeat(32)}` },
    ...over,
  };
}
