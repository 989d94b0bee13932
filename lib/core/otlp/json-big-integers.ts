// A JSON integer literal of 16 or more digits may exceed 2^53 and would be rounded by JSON.parse
// before any code could see it (Node 20 has no reviver `source`). Such literals are quoted first,
// so they reach the decoder as exact decimal strings — which OTLP/JSON allows for 64-bit fields.

/**
 * Cheap test (a fraction of JSON.parse's time): a 16-digit literal right after one of the int64
 * fields of a logs request (time_unix_nano, observed_time_unix_nano, int_value, in either
 * spelling). Only those need exact 64-bit integers; a long literal anywhere else is a double, a
 * 32-bit field (invalid either way) or an unknown field, for which JSON.parse's reading is right.
 */
const HINT = /(?:Nano|nano|intValue|int_value)"\s*:\s*-?\d{16}/;

/**
 * A whole JSON string (skipped as it is), or an integer literal of ≥ 16 digits that is not part
 * of a fraction or exponent. Strings are matched first from each position, so digits inside a
 * string are never touched; the alternation is unambiguous, hence linear.
 */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|(?<![\w.+-])-?\d{16,}(?![\d.eE])/g;

/** Returns `text` with every integer literal of 16+ digits outside strings turned into a string. */
export function quoteLargeIntegers(text: string): string {
  if (!HINT.test(text)) return text;
  return text.replace(TOKEN, (token) => (token.charCodeAt(0) === 34 ? token : `"${token}"`));
}
