import { decodeBase64 } from "./base64";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lowercase hex of bytes (trace and span ids). */
export function bytesToHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number]!;
  return out;
}

const HEX_ID = /^[0-9a-fA-F]*$/;

/**
 * A trace or span id from OTLP/JSON as lowercase hex, or null when it is not one. The spec says
 * hex; some exporters send protobuf's generic JSON mapping (base64) instead, which the length
 * tells apart: 16 bytes are 32 hex characters but 22–24 base64 characters.
 */
export function jsonIdToHex(text: string, byteLength: number): string | null {
  if (text === "") return "";
  if (text.length === byteLength * 2 && HEX_ID.test(text)) return text.toLowerCase();
  const bytes = decodeBase64(text);
  return bytes?.length === byteLength ? bytesToHex(bytes) : null;
}
