import "server-only";
import { createHmac } from "node:crypto";

export const TIMESTAMP_HEADER = "X-Countersign-Timestamp";
export const SIGNATURE_HEADER = "X-Countersign-Signature";

/**
 * Signature headers for a body: HMAC-SHA256 keyed with the secret's UTF-8 bytes over
 * `<unix seconds>.<raw body>`, hex, as `v1=<hex>` (docs/alerting.md has a receiver's check).
 */
export function signatureHeaders(secret: string, body: string, at: Date): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const mac = createHmac("sha256", Buffer.from(secret, "utf8")).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `v1=${mac}` };
}
