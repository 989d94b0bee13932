// Verifier keys ("vkeys") and signer keys in the format of golang.org/x/mod/sumdb/note,
// as C2SP signed-note describes: <name>+<hex key ID>+<base64(type || public key)>.
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, fromBase64, toBase64, utf8 } from "./encoding";
import { TlogError } from "./errors";

/** Signature type 0x01: plain Ed25519 over the note text (C2SP signed-note). */
export const KEY_TYPE_ED25519 = 0x01;
/** Signature type 0x04: timestamped Ed25519 witness cosignature (C2SP tlog-cosignature). */
export const KEY_TYPE_COSIGNATURE_V1 = 0x04;

/** A public key that may have signed a note, identified by name and key ID. */
export type VerifierKey = {
  name: string;
  keyId: number;
  type: typeof KEY_TYPE_ED25519 | typeof KEY_TYPE_COSIGNATURE_V1;
  publicKey: Uint8Array;
};

// Unicode White_Space (as Go's unicode.IsSpace) plus "+".
const FORBIDDEN_IN_NAME = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000+]/;

/** True if `name` may be a key name: non-empty, no Unicode space, no "+". */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !FORBIDDEN_IN_NAME.test(name) && !/[\x00-\x1f]/.test(name);
}

/** Key ID = first 4 bytes (big-endian) of SHA-256(name || 0x0A || type || public key). */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, type), publicKey));
  return new DataView(digest.buffer, digest.byteOffset).getUint32(0);
}

/** Hex spelling of a key ID, 8 lowercase digits. */
export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, "0");
}

/** Formats a verifier key string for a name, signature type and 32-byte Ed25519 public key. */
export function formatVerifierKey(key: Pick<VerifierKey, "name" | "type" | "publicKey">): string {
  if (!isValidKeyName(key.name)) throw new TypeError(`invalid key name ${JSON.stringify(key.name)}`);
  if (key.publicKey.length !== 32) throw new TypeError("an Ed25519 public key is 32 bytes");
  const keyId = noteKeyId(key.name, key.type, key.publicKey);
  return `${key.name}+${keyIdHex(keyId)}+${toBase64(concatBytes(Uint8Array.of(key.type), key.publicKey))}`;
}

function malformed(message: string): never {
  throw new TlogError("KEY_MALFORMED", message);
}

/** Splits "a+b+c" at the first two "+" (the base64 tail may itself contain "+"). */
function splitKey(text: string): [string, string, string] | undefined {
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) return undefined;
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

/**
 * Parses a verifier key string of type 0x01 (Ed25519) or 0x04 (cosignature/v1).
 * Throws TlogError KEY_MALFORMED, including when the key ID does not match the key.
 */
export function parseVerifierKey(text: string): VerifierKey {
  const parts = splitKey(text.trim());
  if (!parts) malformed("a verifier key has the form <name>+<key id>+<base64 key>");
  const [name, idHex, keyBase64] = parts;
  if (!isValidKeyName(name)) malformed("the key name is empty or contains a space or '+'");
  if (!/^[0-9a-f]{8}$/.test(idHex)) malformed("the key ID is not 8 lowercase hex digits");
  const raw = fromBase64(keyBase64);
  if (!raw || raw.length !== 33) malformed("the key is not base64 of a type byte and a 32-byte Ed25519 key");
  const type = raw[0];
  if (type !== KEY_TYPE_ED25519 && type !== KEY_TYPE_COSIGNATURE_V1) malformed(`unsupported key type 0x${type?.toString(16)}`);
  const publicKey = raw.subarray(1);
  const keyId = noteKeyId(name, type, publicKey);
  if (keyIdHex(keyId) !== idHex) malformed("the key ID does not match the name and key");
  return { name, keyId, type, publicKey };
}

/**
 * Parses a witness's verifier key. A 0x04 key is used as is; a plain Ed25519 (0x01) key
 * is taken to mean the same key as a cosignature/v1 signer (its key ID recomputed with
 * type 0x04), as transparency-dev/formats does.
 */
export function parseWitnessKey(text: string): VerifierKey {
  const key = parseVerifierKey(text);
  if (key.type === KEY_TYPE_COSIGNATURE_V1) return key;
  const keyId = noteKeyId(key.name, KEY_TYPE_COSIGNATURE_V1, key.publicKey);
  return { ...key, type: KEY_TYPE_COSIGNATURE_V1, keyId };
}

/** A parsed signer key string: name, key ID and 32-byte Ed25519 seed. */
export type SignerKeyParts = { name: string; keyId: number; type: number; seed: Uint8Array };

/**
 * Parses "PRIVATE+KEY+<name>+<hex id>+<base64(type || seed)>" (Go's note.NewSigner format).
 * The key ID is checked against the derived public key by createNoteSigner().
 */
export function parseSignerKey(text: string): SignerKeyParts {
  const trimmed = text.trim();
  if (!trimmed.startsWith("PRIVATE+KEY+")) malformed("a signer key starts with PRIVATE+KEY+");
  const parts = splitKey(trimmed.slice("PRIVATE+KEY+".length));
  if (!parts) malformed("a signer key has the form PRIVATE+KEY+<name>+<key id>+<base64 key>");
  const [name, idHex, keyBase64] = parts;
  if (!isValidKeyName(name)) malformed("the key name is empty or contains a space or '+'");
  if (!/^[0-9a-f]{8}$/.test(idHex)) malformed("the key ID is not 8 lowercase hex digits");
  const raw = fromBase64(keyBase64);
  if (!raw || raw.length !== 33) malformed("the key is not base64 of a type byte and a 32-byte Ed25519 seed");
  const type = raw[0]!;
  if (type !== KEY_TYPE_ED25519 && type !== KEY_TYPE_COSIGNATURE_V1) malformed(`unsupported key type 0x${type.toString(16)}`);
  return { name, keyId: parseInt(idHex, 16), type, seed: raw.slice(1) };
}
