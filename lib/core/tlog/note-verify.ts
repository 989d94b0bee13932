import { checkCosignature } from "./cosignature";
import { ed25519Verify } from "./ed25519";
import { bytesEqual } from "./encoding";
import { TlogError } from "./errors";
import { KEY_TYPE_ED25519, type VerifierKey } from "./note-keys";
import { keyLabel, parseNote, signedBytes, type Note, type NoteSignature } from "./signed-note";

/** A signature from a known key that verified; cosignatures also carry their timestamp. */
export type VerifiedSignature = { key: VerifierKey; signature: NoteSignature; timestamp?: number };

/** A note whose text may now be trusted, with what vouched for it. */
export type VerifiedNote = {
  text: string;
  note: Note;
  /** One entry per known key that signed (repeated lines by one key count once). */
  verified: VerifiedSignature[];
  /** Signatures by keys not given to verifyNote(): ignored, as the spec requires. */
  unknown: NoteSignature[];
};

/** Removes exact duplicate keys; throws KEY_AMBIGUOUS if two different keys share name and ID. */
function distinctKeys(keys: readonly VerifierKey[]): VerifierKey[] {
  const out: VerifierKey[] = [];
  for (const key of keys) {
    const twin = out.find((k) => k.name === key.name && k.keyId === key.keyId);
    if (!twin) out.push(key);
    else if (twin.type !== key.type || !bytesEqual(twin.publicKey, key.publicKey)) {
      throw new TlogError("KEY_AMBIGUOUS", `two different keys are both named ${keyLabel(key)}`);
    }
  }
  return out;
}

async function checkSignature(key: VerifierKey, note: Note, signature: NoteSignature): Promise<VerifiedSignature | undefined> {
  if (key.type === KEY_TYPE_ED25519) {
    return (await ed25519Verify(key.publicKey, signedBytes(note), signature.signature)) ? { key, signature } : undefined;
  }
  const timestamp = await checkCosignature(key, note.text, signature.signature);
  return timestamp === undefined ? undefined : { key, signature, timestamp };
}

/**
 * Parses and verifies a C2SP signed note against known keys. Signatures by unknown keys
 * (name and key ID not both matching a known key) are ignored. Every signature by a
 * known key must verify, or the whole note is rejected (NOTE_SIGNATURE_INVALID); at
 * least one must exist (NOTE_NO_KNOWN_SIGNATURE). Malformed input: NOTE_MALFORMED.
 */
export async function verifyNote(input: string | Uint8Array, keys: readonly VerifierKey[]): Promise<VerifiedNote> {
  const known = distinctKeys(keys);
  const note = parseNote(input);
  const verified: VerifiedSignature[] = [];
  const unknown: NoteSignature[] = [];
  for (const signature of note.signatures) {
    const key = known.find((k) => k.name === signature.name && k.keyId === signature.keyId);
    if (!key) {
      const seen = unknown.some((u) => u.name === signature.name && bytesEqual(u.signature, signature.signature));
      if (!seen) unknown.push(signature);
      continue;
    }
    const result = await checkSignature(key, note, signature);
    if (!result) throw new TlogError("NOTE_SIGNATURE_INVALID", `the signature by ${keyLabel(key)} does not verify`);
    if (!verified.some((v) => v.key === key)) verified.push(result);
  }
  if (verified.length === 0) {
    const names = known.map(keyLabel).join(", ") || "none given";
    throw new TlogError("NOTE_NO_KNOWN_SIGNATURE", `the note has no signature by a known key (known: ${names})`);
  }
  return { text: note.text, note, verified, unknown };
}
