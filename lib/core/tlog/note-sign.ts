import { ed25519PublicKeyOf, ed25519Sign, importEd25519Seed } from "./ed25519";
import { TlogError } from "./errors";
import {
  KEY_TYPE_ED25519,
  formatVerifierKey,
  isValidKeyName,
  keyIdHex,
  noteKeyId,
  parseSignerKey,
  type VerifierKey,
} from "./note-keys";
import { formatNote, type NoteSignature } from "./signed-note";
import { concatBytes, toBase64, utf8 } from "./encoding";

/** Something that can add one signature line to a note. */
export type NoteSigner = {
  name: string;
  keyId: number;
  /** The matching verifier key (type, public key), e.g. to publish as a vkey string. */
  verifierKey: VerifierKey;
  /** Signature bytes (without the key ID) over the note text's UTF-8 bytes. */
  sign(text: Uint8Array): Promise<Uint8Array>;
};

/** A plain Ed25519 (type 0x01) note signer from a private key and its public key. */
export function noteSignerFromCryptoKey(name: string, privateKey: CryptoKey, publicKey: Uint8Array): NoteSigner {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new TypeError("an Ed25519 public key is 32 bytes");
  const keyId = noteKeyId(name, KEY_TYPE_ED25519, publicKey);
  return {
    name,
    keyId,
    verifierKey: { name, keyId, type: KEY_TYPE_ED25519, publicKey },
    sign: (text) => ed25519Sign(privateKey, text),
  };
}

/** A plain Ed25519 note signer from a 32-byte seed (the RFC 8032 private key). */
export async function noteSignerFromSeed(name: string, seed: Uint8Array): Promise<NoteSigner> {
  const privateKey = await importEd25519Seed(seed);
  return noteSignerFromCryptoKey(name, privateKey, await ed25519PublicKeyOf(privateKey));
}

/**
 * A note signer from a Go-style signer key "PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || seed)>".
 * Throws TlogError KEY_MALFORMED when the string is malformed or its key ID is not its key's.
 */
export async function createNoteSigner(signerKey: string): Promise<NoteSigner> {
  const parts = parseSignerKey(signerKey);
  if (parts.type !== KEY_TYPE_ED25519) throw new TlogError("KEY_MALFORMED", "a log signer key must be of type 0x01");
  const signer = await noteSignerFromSeed(parts.name, parts.seed);
  if (signer.keyId !== parts.keyId) throw new TlogError("KEY_MALFORMED", "the key ID does not match the key");
  return signer;
}

/** Formats a Go-style signer key and its verifier key for a name and 32-byte seed. */
export async function formatSignerKey(name: string, seed: Uint8Array): Promise<{ signerKey: string; verifierKey: string }> {
  const signer = await noteSignerFromSeed(name, seed);
  const encoded = toBase64(concatBytes(Uint8Array.of(KEY_TYPE_ED25519), seed));
  return {
    signerKey: `PRIVATE+KEY+${name}+${keyIdHex(signer.keyId)}+${encoded}`,
    verifierKey: formatVerifierKey(signer.verifierKey),
  };
}

/** Generates a new log key: a random seed, returned as signer and verifier key strings. */
export async function generateSignerKey(name: string): Promise<{ signerKey: string; verifierKey: string }> {
  return formatSignerKey(name, crypto.getRandomValues(new Uint8Array(32)));
}

/** Signs a note text with each signer, after any signatures already given, and formats it. */
export async function signNote(text: string, signers: readonly NoteSigner[], existing: readonly NoteSignature[] = []): Promise<string> {
  if (!text.endsWith("\n")) throw new TypeError("note text must end with a newline");
  const bytes = utf8(text);
  const added = await Promise.all(
    signers.map(async (s) => ({ name: s.name, keyId: s.keyId, signature: await s.sign(bytes) })),
  );
  // A signer replaces an older signature by the same key rather than adding a second one.
  const kept = existing.filter((e) => !signers.some((s) => s.name === e.name && s.keyId === e.keyId));
  return formatNote({ text, signatures: [...kept, ...added] });
}
