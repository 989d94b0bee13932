const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
const STRICT_ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Why a base64url segment is not strict. */
export type Base64urlFault = "alphabet" | "length" | "trailing_bits";

/** Checks strict base64url without decoding: alphabet, length, and zero unused trailing bits. */
export function base64urlFault(text: string): Base64urlFault | undefined {
  if (!STRICT_ALPHABET.test(text)) return "alphabet";
  const rest = text.length % 4;
  if (rest === 1) return "length";
  // 2 or 3 leftover characters carry 4 or 2 unused bits, which must be zero: otherwise several
  // strings decode to the same bytes.
  const last = rest === 0 ? 0 : VALUES[text.charCodeAt(text.length - 1)]!;
  return (last & (rest === 2 ? 0x0f : rest === 3 ? 0x03 : 0)) === 0 ? undefined : "trailing_bits";
}

/**
 * Decodes strict base64url (RFC 4648 §5, RFC 7515 §2): only `[A-Za-z0-9_-]`, no padding, no
 * whitespace, and unused trailing bits zero, so each byte string has exactly one encoding.
 */
export function decodeBase64urlStrict(text: string): Uint8Array | Base64urlFault {
  const fault = base64urlFault(text);
  return fault ?? decodeChecked(text);
}

/** Decodes text already checked by `base64urlFault`, four characters at a time. */
function decodeChecked(text: string): Uint8Array {
  const length = text.length;
  const out = new Uint8Array((length * 3) >> 2);
  let o = 0;
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    const n = (VALUES[text.charCodeAt(i)]! << 18) | (VALUES[text.charCodeAt(i + 1)]! << 12)
      | (VALUES[text.charCodeAt(i + 2)]! << 6) | VALUES[text.charCodeAt(i + 3)]!;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (length - i >= 2) {
    const n = (VALUES[text.charCodeAt(i)]! << 18) | (VALUES[text.charCodeAt(i + 1)]! << 12)
      | (length - i === 3 ? VALUES[text.charCodeAt(i + 2)]! << 6 : 0);
    out[o++] = n >> 16;
    if (length - i === 3) out[o++] = (n >> 8) & 0xff;
  }
  return out;
}

/** Encodes bytes as base64url without padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}
