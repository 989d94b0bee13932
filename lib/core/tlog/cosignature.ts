// C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), Ed25519 flavour: a witness
// signs "cosignature/v1\ntime <T>\n" + the checkpoint text; the signature line carries
// key ID || u64 big-endian T || Ed25519 signature, under key type 0x04.
import { ed25519PublicKeyOf, ed25519Sign, ed25519Verify, importEd25519Seed } from "./ed25519";
import { concatBytes, utf8 } from "./encoding";
import { KEY_TYPE_COSIGNATURE_V1, isValidKeyName, noteKeyId, type VerifierKey } from "./note-keys";
import type { NoteSigner } from "./note-sign";

/** The exact bytes an Ed25519 cosignature/v1 covers for a checkpoint text and timestamp. */
export function cosignedMessage(checkpointText: string, timestamp: number): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new TypeError("timestamp must be a non-negative safe integer");
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

/**
 * Checks one cosignature (the bytes after the key ID) by a 0x04 key over a checkpoint text.
 * Returns its timestamp (POSIX seconds) when valid, undefined otherwise. Timestamps past
 * 2^53 − 1 are treated as invalid: no real witness clock reaches them.
 */
export async function checkCosignature(key: VerifierKey, checkpointText: string, signature: Uint8Array): Promise<number | undefined> {
  if (key.type !== KEY_TYPE_COSIGNATURE_V1 || signature.length !== 8 + 64) return undefined;
  const timestamp = new DataView(signature.buffer, signature.byteOffset).getBigUint64(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const message = cosignedMessage(checkpointText, Number(timestamp));
  return (await ed25519Verify(key.publicKey, message, signature.subarray(8))) ? Number(timestamp) : undefined;
}

/**
 * A witness cosigner (key type 0x04) from a 32-byte seed that stamps every cosignature
 * with the given time (POSIX seconds): used to cosign checkpoints in tests and tools.
 */
export async function cosignerFromSeed(name: string, seed: Uint8Array, timestamp: number): Promise<NoteSigner> {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new TypeError("timestamp must be a non-negative safe integer");
  const privateKey = await importEd25519Seed(seed);
  const publicKey = await ed25519PublicKeyOf(privateKey);
  const keyId = noteKeyId(name, KEY_TYPE_COSIGNATURE_V1, publicKey);
  const stamp = new Uint8Array(8);
  new DataView(stamp.buffer).setBigUint64(0, BigInt(timestamp));
  return {
    name,
    keyId,
    verifierKey: { name, keyId, type: KEY_TYPE_COSIGNATURE_V1, publicKey },
    async sign(text) {
      const message = cosignedMessage(new TextDecoder().decode(text), timestamp);
      return concatBytes(stamp, await ed25519Sign(privateKey, message));
    },
  };
}
