import { base64urlFault, decodeBase64urlStrict } from "./base64url";
import { MAX_RECEIPT_BYTES } from "./limits";
import { parseJsonObject, type JsonObject } from "./strict-json";
import { decodeUtf8Strict, utf8Exceeds } from "./utf8";
import { reject, type ProtectedHeader, type ReceiptFormat, type RejectedReceipt } from "./verdicts";

/** A receipt after profile steps 1–3: well-formed, nothing about it trusted yet. */
export interface DecodedJws {
  format: ReceiptFormat;
  /** The whole receipt as text (for compact, exactly `protected.payload.signature`). */
  text: string;
  /** The three base64url segments exactly as received. */
  protectedB64: string;
  payloadB64: string;
  signatureB64: string;
  header: ProtectedHeader;
  payload: JsonObject;
}

export type DecodeResult = { ok: true; jws: DecodedJws } | { ok: false; rejection: RejectedReceipt };

const FLATTENED_MEMBERS: ReadonlySet<string> = new Set(["protected", "payload", "signature", "header"]);

/** Profile steps 1–3: size cap, serialization and strict base64url, JSON objects without duplicates. */
export function decodeReceipt(raw: string | Uint8Array): DecodeResult {
  const tooBig = typeof raw === "string" ? utf8Exceeds(raw, MAX_RECEIPT_BYTES) : raw.byteLength > MAX_RECEIPT_BYTES;
  if (tooBig) return fail(reject("oversized", `receipt exceeds ${MAX_RECEIPT_BYTES} bytes`));
  const text = typeof raw === "string" ? raw : decodeUtf8Strict(raw);
  if (text === undefined) return fail(malformed(2, "receipt is not valid UTF-8"));
  const format: ReceiptFormat = /^[ \t\r\n]*\{/.test(text) ? "json" : "compact";
  const segments = format === "json" ? flattenedSegments(text) : compactSegments(text);
  if (!Array.isArray(segments)) return fail(segments);
  return decodeSegments(text, format, segments);
}

function decodeSegments(text: string, format: ReceiptFormat, [protectedB64, payloadB64, signatureB64]: Segments): DecodeResult {
  const names = ["protected header", "payload", "signature"] as const;
  for (const [i, segment] of [protectedB64, payloadB64, signatureB64].entries()) {
    const fault = base64urlFault(segment); // the signature is only checked here; jose decodes it
    if (fault) return fail(malformed(2, `${names[i]} is not strict base64url (${FAULT_TEXT[fault]})`, format));
  }
  const header = parseSegmentObject(protectedB64, "protected header");
  if (!header.ok) return fail(malformed(3, header.message, format));
  const payload = parseSegmentObject(payloadB64, "payload");
  if (!payload.ok) return fail(malformed(3, payload.message, format, header.value));
  return {
    ok: true,
    jws: { format, text, protectedB64, payloadB64, signatureB64, header: header.value, payload: payload.value },
  };
}

type Segments = [string, string, string];

const FAULT_TEXT = {
  alphabet: "a character outside [A-Za-z0-9_-], padding or whitespace",
  length: "impossible length",
  trailing_bits: "non-zero trailing bits, not the canonical encoding",
} as const;

function compactSegments(text: string): Segments | RejectedReceipt {
  const parts = text.split(".");
  if (parts.length !== 3) return malformed(2, `compact serialization needs exactly 3 segments, found ${parts.length}`);
  return parts as Segments;
}

function flattenedSegments(text: string): Segments | RejectedReceipt {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return malformed(2, `JSON serialization: ${parsed.message}`, "json");
  const jws = parsed.value;
  if ("signatures" in jws) return malformed(2, "general JSON serialization is not accepted; use flattened", "json");
  const unknown = Object.keys(jws).find((name) => !FLATTENED_MEMBERS.has(name));
  if (unknown !== undefined) return malformed(2, `unexpected member ${JSON.stringify(unknown)} in flattened JWS`, "json");
  if (jws.header !== undefined && !isEmptyObject(jws.header)) {
    return malformed(2, "unprotected header values are not accepted; put them in the protected header", "json");
  }
  const { protected: p, payload, signature } = jws;
  if (typeof p !== "string") return malformed(2, "flattened JWS needs a string \"protected\" member", "json");
  if (typeof payload !== "string") return malformed(2, "flattened JWS needs a string \"payload\" member", "json");
  if (typeof signature !== "string") return malformed(2, "flattened JWS needs a string \"signature\" member", "json");
  return [p, payload, signature];
}

function parseSegmentObject(segment: string, name: string) {
  const text = segmentText(segment);
  if (text === undefined) return { ok: false as const, message: `${name} is not valid UTF-8` };
  const parsed = parseJsonObject(text);
  return parsed.ok ? parsed : { ok: false as const, message: `${name}: ${parsed.message}` };
}

const ASCII = /^[\x00-\x7f]*$/;

/** The UTF-8 text of a segment already checked as strict base64url; undefined if not UTF-8. */
function segmentText(segment: string): string | undefined {
  // atob is native in browsers and Node; ASCII (the usual payload) needs no UTF-8 decoding.
  const binary = atob(segment.replace(/-/g, "+").replace(/_/g, "/"));
  if (ASCII.test(binary)) return binary;
  return decodeUtf8Strict(decodeBase64urlStrict(segment) as Uint8Array);
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function malformed(step: 2 | 3, message: string, format?: ReceiptFormat, header?: ProtectedHeader): RejectedReceipt {
  return reject("malformed", message, { step, ...(format && { format }), ...(header && { header }) });
}

function fail(rejection: RejectedReceipt): DecodeResult {
  return { ok: false, rejection };
}
