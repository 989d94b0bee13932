import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Config } from "../config";
import { AppError } from "../errors";
import { logger } from "../telemetry/logger";

type KeySource = Config["alerts"]["webhookKey"];

const state = globalThis as unknown as { __countersignWebhookKey?: Promise<Uint8Array> };

function decodeKey(text: string, where: string): Uint8Array {
  const trimmed = text.trim();
  const bytes = /^[A-Za-z0-9_-]{43}$/.test(trimmed) ? Buffer.from(trimmed, "base64url") : undefined;
  if (!bytes || bytes.length !== 32) throw new Error(`${where} must hold 32 random bytes, base64url-encoded (43 characters)`);
  return new Uint8Array(bytes);
}

/** The generated key: written once (0600) into the data directory, never into the database. */
function generatedKey(file: string, dataDir: string): Uint8Array {
  try {
    return decodeKey(readFileSync(file, "utf8"), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const text = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, `${text}\n`, { mode: 0o600, flag: "wx" });
    return decodeKey(text, file);
  } catch {
    return decodeKey(readFileSync(file, "utf8"), file); // another process wrote it first
  }
}

async function loadKey(source: KeySource, dataDir: string): Promise<Uint8Array> {
  if (source.kind === "env") return decodeKey(source.value, "COUNTERSIGN_WEBHOOK_KEY");
  if (source.kind === "file") return decodeKey(readFileSync(source.path, "utf8"), source.path);
  return generatedKey(source.path, dataDir);
}

/**
 * The key that encrypts webhook secrets, loaded once per process. An unusable key answers 503
 * (its reason logged, never the key); a later call tries again.
 */
export function configuredWebhookKey(source: KeySource, dataDir: string): Promise<Uint8Array> {
  if (!state.__countersignWebhookKey) {
    state.__countersignWebhookKey = loadKey(source, dataDir).catch((error: unknown) => {
      state.__countersignWebhookKey = undefined;
      logger.error({ reason: (error as Error).message, source: source.kind }, "the webhook secret key is unusable");
      throw new AppError("UNAVAILABLE", "The key that protects webhook secrets is not usable; an operator must fix the configuration.", { retryAfterSeconds: 30 });
    });
  }
  return state.__countersignWebhookKey;
}
