// Shared option parsing and reporting for the `countersign log …` commands (not itself a
// command). Flag values that cannot be parsed are usage errors (exit 2); data that parses
// but does not verify is a failed verification (exit 1).
import { readFile } from "node:fs/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";
import {
  TlogError,
  fromBase64,
  fromHex,
  keyIdHex,
  parseVerifierKey,
  parseWitnessKey,
  toBase64,
  type CheckpointPolicy,
  type VerifiedCheckpoint,
} from "../../core/tlog";
import { EXIT_FAILED, UsageError, type CliIO } from "../io";

export const MAX_INPUT_BYTES = 1024 * 1024;

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs in strict mode, with its errors turned into usage errors. */
export function parseCommandArgs<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The flags every checkpoint-verifying command shares. */
export const POLICY_OPTIONS = {
  vkey: { type: "string" },
  origin: { type: "string" },
  "witness-vkey": { type: "string", multiple: true },
  "witness-threshold": { type: "string" },
  json: { type: "boolean", default: false },
} as const;

/** A decimal flag value: a non-negative safe integer without leading zeros. */
export function parseCount(flag: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`--${flag} is required`);
  if (!/^(?:0|[1-9][0-9]*)$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${flag} must be a whole number ≥ 0, got "${value}"`);
  }
  return Number(value);
}

/** A 32-byte hash given as standard base64. */
export function parseBase64Hash(flag: string, value: string | undefined): Uint8Array {
  if (value === undefined) throw new UsageError(`--${flag} is required`);
  const hash = fromBase64(value.trim());
  if (!hash || hash.length !== 32) throw new UsageError(`--${flag} must be base64 of a 32-byte SHA-256 hash`);
  return hash;
}

/** A 32-byte hash given as 64 hex digits (or, unambiguously, as 44 characters of base64). */
export function parseHexHash(flag: string, value: string | undefined): Uint8Array {
  if (value === undefined) throw new UsageError(`--${flag} is required`);
  const text = value.trim();
  const hash = text.length === 64 ? fromHex(text) : fromBase64(text);
  if (!hash || hash.length !== 32) throw new UsageError(`--${flag} must be 64 hex digits (a SHA-256 hash)`);
  return hash;
}

/** A comma-separated list of base64 hashes; absent or empty means an empty proof. */
export function parseHashList(flag: string, value: string | undefined): Uint8Array[] {
  if (value === undefined || value.trim() === "") return [];
  return value.split(",").map((item, i) => {
    const hash = fromBase64(item.trim());
    if (!hash || hash.length !== 32) throw new UsageError(`--${flag}: item ${i + 1} is not base64 of a 32-byte hash`);
    return hash;
  });
}

function parseKey(flag: string, text: string, parse: typeof parseVerifierKey) {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TlogError) throw new UsageError(`--${flag}: ${error.message}`);
    throw error;
  }
}

/** Builds the checkpoint policy from --vkey, --origin, --witness-vkey and --witness-threshold. */
export function parsePolicy(values: {
  vkey?: string;
  origin?: string;
  "witness-vkey"?: string[];
  "witness-threshold"?: string;
}, vkey = values.vkey): CheckpointPolicy {
  if (vkey === undefined) throw new UsageError("--vkey is required");
  const logKey = parseKey("vkey", vkey, parseVerifierKey);
  if (logKey.type !== 0x01) throw new UsageError("--vkey must be the log's Ed25519 (type 0x01) verifier key");
  const witnesses = (values["witness-vkey"] ?? []).map((w) => parseKey("witness-vkey", w, parseWitnessKey));
  const threshold = values["witness-threshold"] === undefined ? witnesses.length : parseCount("witness-threshold", values["witness-threshold"]);
  if (threshold > witnesses.length) {
    throw new UsageError(`--witness-threshold ${threshold} is more than the ${witnesses.length} --witness-vkey given`);
  }
  if (values.origin === "") throw new UsageError("--origin must not be empty");
  return { logKey, witnesses, witnessThreshold: threshold, ...(values.origin === undefined ? {} : { origin: values.origin }) };
}

/** Reads a file (or standard input for "-") as bytes, capped at 1 MiB; failures are usage errors. */
export async function readInput(path: string, io: CliIO, what: string): Promise<Uint8Array> {
  try {
    const bytes = path === "-" ? new TextEncoder().encode(await io.readStdin()) : new Uint8Array(await readFile(path));
    if (bytes.length > MAX_INPUT_BYTES) throw new Error(`larger than ${MAX_INPUT_BYTES} bytes`);
    return bytes;
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A human summary of a verified checkpoint, one fact per line. */
export function describeCheckpoint(verified: VerifiedCheckpoint): string[] {
  const { checkpoint, note, cosignatures } = verified;
  const signer = note.verified.find((v) => v.key.type === 0x01)!.key;
  const lines = [
    `  origin     ${checkpoint.origin}`,
    `  size       ${checkpoint.size}`,
    `  root       ${toBase64(checkpoint.rootHash)}`,
    `  signed by  ${signer.name}+${keyIdHex(signer.keyId)}`,
  ];
  for (const c of cosignatures) {
    lines.push(`  witness    ${c.key.name}+${keyIdHex(c.key.keyId)} at ${new Date(c.timestamp! * 1000).toISOString()}`);
  }
  return lines;
}

/** JSON facts about a verified checkpoint. */
export function checkpointJson(verified: VerifiedCheckpoint) {
  const { checkpoint, cosignatures } = verified;
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: toBase64(checkpoint.rootHash),
    witnesses: cosignatures.map((c) => ({ name: c.key.name, keyId: keyIdHex(c.key.keyId), timestamp: c.timestamp })),
  };
}

/** Reports a TlogError as a failed verification (exit 1); rethrows anything else. */
export function reportFailure(io: CliIO, json: boolean, error: unknown, what: string): number {
  if (!(error instanceof TlogError)) throw error;
  io.out(json ? JSON.stringify({ valid: false, code: error.code, message: error.message }) : `invalid (${error.code}): ${what}: ${error.message}`);
  return EXIT_FAILED;
}
