// C2SP signed-note (https://c2sp.org/signed-note): a UTF-8 text ending in "\n", a blank
// line, then one or more lines "— <key name> <base64(key ID || signature)>".
import { concatBytes, fromBase64, fromUtf8, toBase64, utf8 } from "./encoding";
import { TlogError } from "./errors";
import { isValidKeyName, keyIdHex } from "./note-keys";

/** One signature line: who (name and key ID) and the signature bytes after the key ID. */
export type NoteSignature = { name: string; keyId: number; signature: Uint8Array };

/** A parsed note: its signed text (with the final newline) and its signature lines. */
export type Note = { text: string; signatures: NoteSignature[] };

/** Most signature lines accepted in one note; the spec asks for at least 16 (Go allows 100). */
export const MAX_NOTE_SIGNATURES = 100;
/** Largest note accepted, in bytes: room for 100 post-quantum signatures. */
export const MAX_NOTE_BYTES = 1024 * 1024;

const SIGNATURE_PREFIX = "\u2014 ";
// Lone UTF-16 surrogates cannot be encoded as UTF-8, so a string holding one is not a note.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function malformed(message: string): never {
  throw new TlogError("NOTE_MALFORMED", message);
}

function decodeInput(input: string | Uint8Array): string {
  if (typeof input === "string") {
    if (LONE_SURROGATE.test(input)) malformed("note is not valid UTF-8");
    if (input.length > MAX_NOTE_BYTES) malformed("note is too large");
    return input;
  }
  if (input.length > MAX_NOTE_BYTES) malformed("note is too large");
  const text = fromUtf8(input);
  if (text === undefined) malformed("note is not valid UTF-8");
  return text;
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) malformed("a signature line must start with an em dash and a space");
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(" ");
  const name = space < 0 ? rest : rest.slice(0, space);
  const raw = space < 0 ? undefined : fromBase64(rest.slice(space + 1));
  if (!isValidKeyName(name)) malformed("a signature line has an invalid key name");
  if (!raw || raw.length < 5) malformed(`the signature of ${name} is not base64 of a key ID and a signature`);
  const keyId = new DataView(raw.buffer, raw.byteOffset).getUint32(0);
  return { name, keyId, signature: raw.slice(4) };
}

/**
 * Parses a signed note strictly: valid UTF-8, no control characters but "\n", text ending
 * in "\n", a blank line, then 1 to 100 well-formed signature lines each ending in "\n".
 * Throws TlogError NOTE_MALFORMED. Parsing verifies nothing: see verifyNote().
 */
export function parseNote(input: string | Uint8Array): Note {
  const note = decodeInput(input);
  if (/[\x00-\x09\x0b-\x1f]/.test(note)) malformed("note contains a control character");
  const split = note.lastIndexOf("\n\n");
  if (split < 0) malformed("note has no blank line before its signatures");
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === "" || !block.endsWith("\n")) malformed("note signatures must end with a newline");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_NOTE_SIGNATURES) malformed(`note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  return { text, signatures: lines.map(parseSignatureLine) };
}

/** The base64 a signature line carries: key ID (big-endian) then signature bytes. */
export function encodeSignature(signature: NoteSignature): string {
  const id = new Uint8Array(4);
  new DataView(id.buffer).setUint32(0, signature.keyId);
  return toBase64(concatBytes(id, signature.signature));
}

/** Formats a note: text, blank line, one "— name base64" line per signature. */
export function formatNote(note: Note): string {
  if (!note.text.endsWith("\n")) throw new TypeError("note text must end with a newline");
  if (note.signatures.length === 0) throw new TypeError("a note needs at least one signature");
  const lines = note.signatures.map((s) => {
    if (!isValidKeyName(s.name)) throw new TypeError(`invalid key name ${JSON.stringify(s.name)}`);
    return `${SIGNATURE_PREFIX}${s.name} ${encodeSignature(s)}\n`;
  });
  return `${note.text}\n${lines.join("")}`;
}

/** "name+keyid" label of a signature or key, for messages. */
export function keyLabel(key: { name: string; keyId: number }): string {
  return `${key.name}+${keyIdHex(key.keyId)}`;
}

/** UTF-8 bytes of the signed text, exactly what every signature covers. */
export function signedBytes(note: Note): Uint8Array {
  return utf8(note.text);
}
