import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A random bearer secret with a readable prefix, e.g. `csk_…` (API) or `csi_…` (ingest). */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/** Secrets are 256-bit random, so a plain SHA-256 is a sufficient one-way hash for lookup. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
