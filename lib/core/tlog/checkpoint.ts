// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) note text: origin, tree size,
// base64 root hash, then optional non-empty extension lines, each ending in "\n".
import { fromBase64, parseDecimal, toBase64 } from "./encoding";
import { TlogError } from "./errors";
import { HASH_SIZE } from "./merkle-hash";

/** A log's tree head as its checkpoint states it. */
export type Checkpoint = {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Opaque extension lines, without their newlines (not recommended by the spec). */
  extensions: string[];
};

function malformed(message: string): never {
  throw new TlogError("CHECKPOINT_MALFORMED", message);
}

/** Parses a checkpoint's note text strictly; throws TlogError CHECKPOINT_MALFORMED. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith("\n")) malformed("checkpoint text must end with a newline");
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) malformed("checkpoint needs an origin, a size and a root hash line");
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin === "") malformed("checkpoint origin is empty");
  const size = parseDecimal(sizeLine);
  if (size === undefined) malformed("checkpoint size must be a decimal number without leading zeros, below 2^53");
  const rootHash = fromBase64(rootLine);
  if (!rootHash || rootHash.length !== HASH_SIZE) malformed("checkpoint root hash must be base64 of 32 bytes");
  if (extensions.some((line) => line === "")) malformed("checkpoint extension lines must not be empty");
  return { origin, size, rootHash, extensions };
}

/** Formats a checkpoint's note text (the part a log signs). */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint;
  if (origin === "" || /[\x00-\x1f]/.test(origin)) throw new TypeError("origin must be one non-empty line without control characters");
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError("size must be a non-negative safe integer");
  if (rootHash.length !== HASH_SIZE) throw new TypeError("root hash must be 32 bytes");
  if (extensions.some((line) => line === "" || /[\x00-\x1f]/.test(line))) throw new TypeError("extension lines must be non-empty single lines");
  return [origin, String(size), toBase64(rootHash), ...extensions].map((line) => `${line}\n`).join("");
}
