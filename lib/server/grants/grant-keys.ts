import "server-only";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { generateGrantKey, GrantKeyError, loadGrantKeyRing, type GrantKeyRing } from "@/lib/core/grants";
import { ConfigError, type Config } from "../config";
import { AppError } from "../errors";
import { logger } from "../telemetry/logger";

type KeySource = Config["grants"]["keys"];

// Per process and per source, shared across Next.js bundles.
const state = globalThis as unknown as { __countersignGrantKeys?: Map<string, Promise<GrantKeyRing>> };

function readJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GrantKeyError(`${where} is not JSON (expected a JWKS of private Ed25519 keys)`);
  }
}

/** The generated ring: written once (0600) into the data directory; never in the database. */
async function generatedRingJson(file: string, dataDir: string): Promise<unknown> {
  try {
    return readJson(readFileSync(file, "utf8"), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const ring = { keys: [await generateGrantKey()] };
  try {
    writeFileSync(file, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    return ring;
  } catch {
    return readJson(readFileSync(file, "utf8"), file); // another process wrote it first
  }
}

async function loadRing(source: KeySource, dataDir: string): Promise<GrantKeyRing> {
  if (source.kind === "env") return loadGrantKeyRing(readJson(source.json, "COUNTERSIGN_GRANT_KEYS"));
  if (source.kind === "file") return loadGrantKeyRing(readJson(readFileSync(source.path, "utf8"), source.path));
  return loadGrantKeyRing(await generatedRingJson(source.path, dataDir));
}

const SOURCE_VARIABLE: Record<KeySource["kind"], string> = {
  env: "COUNTERSIGN_GRANT_KEYS",
  file: "COUNTERSIGN_GRANT_KEYS_FILE",
  generated: "the generated grant key file (COUNTERSIGN_DATA_DIR)",
};

/** Loads the ring once at start, so a broken key configuration stops the start naming its variable. */
export async function checkGrantKeyRing(source: KeySource, dataDir: string): Promise<void> {
  try {
    await loadRing(source, dataDir);
  } catch (error) {
    throw new ConfigError(`${SOURCE_VARIABLE[source.kind]}: the break-glass grant keys are unusable: ${(error as Error).message}`);
  }
}

/**
 * The grant key ring (the newest key signs, all are published), loaded once per process. An
 * unusable ring answers 503 and is logged with its reason; a later call tries again.
 */
export function configuredGrantKeyRing(source: KeySource, dataDir: string): Promise<GrantKeyRing> {
  const cache = (state.__countersignGrantKeys ??= new Map());
  const key = source.kind === "env" ? "env" : `${source.kind}:${source.path}`;
  let ring = cache.get(key);
  if (!ring) {
    ring = loadRing(source, dataDir).catch((error: unknown) => {
      cache.delete(key);
      const reason = error instanceof GrantKeyError ? error.message : (error as Error).message;
      logger.error({ reason, source: source.kind }, "break-glass grant keys are unusable");
      throw new AppError("UNAVAILABLE", "The console's grant signing keys are not usable; an operator must fix the key configuration.", { retryAfterSeconds: 30 });
    });
    cache.set(key, ring);
  }
  return ring;
}
