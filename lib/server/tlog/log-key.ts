import "server-only";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { TlogError, createNoteSigner, formatVerifierKey, generateSignerKey, type NoteSigner } from "@/lib/core/tlog";
import { ConfigError, getConfig, type Config } from "../config";

/** The console's log key: what signs checkpoints, its public verifier key and the log's origin. */
export type LogSigner = { origin: string; vkey: string; signer: NoteSigner };

function readKeyFile(file: string, variable: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && !variable) return undefined;
    throw new ConfigError(`${variable || "the log key file"}: cannot read ${file}: ${(error as Error).message}`);
  }
}

// Generated once (0600) and kept: a new key would start a new log for every monitor.
async function generatedKey(file: string, origin: string): Promise<string> {
  const existing = readKeyFile(file, "");
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { signerKey } = await generateSignerKey(origin);
  try {
    writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: "wx" });
    return signerKey;
  } catch {
    return readKeyFile(file, "COUNTERSIGN_DATA_DIR")!; // another process wrote it first
  }
}

async function signerKeyText(log: Config["log"]): Promise<{ text: string; from: string }> {
  if (log.key.kind === "env") return { text: log.key.signerKey, from: "COUNTERSIGN_LOG_KEY" };
  if (log.key.kind === "file") return { text: readKeyFile(log.key.path, "COUNTERSIGN_LOG_KEY_FILE")!, from: "COUNTERSIGN_LOG_KEY_FILE" };
  return { text: await generatedKey(log.key.path, log.origin ?? log.defaultOrigin), from: log.key.path };
}

/**
 * Loads the log's signer key: COUNTERSIGN_LOG_KEY, COUNTERSIGN_LOG_KEY_FILE, or a key generated
 * once into the data directory. The origin is the key's name; a configured origin must match it.
 */
export async function loadLogSigner(log: Config["log"]): Promise<LogSigner> {
  const { text, from } = await signerKeyText(log);
  let signer: NoteSigner;
  try {
    signer = await createNoteSigner(text);
  } catch (error) {
    if (error instanceof TlogError) throw new ConfigError(`the log key from ${from} is not a signer key: ${error.message}`);
    throw error;
  }
  if (log.origin !== undefined && log.origin !== signer.name) {
    throw new ConfigError(
      `COUNTERSIGN_LOG_ORIGIN is "${log.origin}" but the log key from ${from} is named "${signer.name}": a checkpoint's origin is its key's name. ` +
        "Set COUNTERSIGN_LOG_ORIGIN to the key's name, or give a key with that name (a new key starts a new log for monitors).",
    );
  }
  return { origin: signer.name, vkey: formatVerifierKey(signer.verifierKey), signer };
}

const state = globalThis as unknown as { __countersignLogSigner?: Promise<LogSigner> };

/** The process's log signer, loaded once from the configuration; a failed load is retried. */
export function getLogSigner(): Promise<LogSigner> {
  if (!state.__countersignLogSigner) {
    state.__countersignLogSigner = loadLogSigner(getConfig().log);
    state.__countersignLogSigner.catch(() => {
      state.__countersignLogSigner = undefined;
    });
  }
  return state.__countersignLogSigner;
}
