// PostgreSQL's COPY text format (sql-copy.html, "Text Format"): fields separated by a tab, rows
// ended by a newline, NULL written as \N, and a backslash, tab, newline or carriage return inside
// a value written as \\, \t, \n, \r. Every other character, other control characters included,
// stands for itself. Escaping the backslash also means no value can read as the `\.` end marker.

const SPECIAL = /[\0\\\t\n\r]/;
const ESCAPABLE = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** The COPY text for SQL NULL. */
export const COPY_NULL = "\\N";

/**
 * One value as a COPY text field: `\N` for null, else the text with its specials escaped.
 * Throws a TypeError for U+0000, which no Postgres text value can hold (the decoders replace it).
 */
export function copyTextField(value: string | null): string {
  if (value === null) return COPY_NULL;
  if (!SPECIAL.test(value)) return value;
  if (value.includes("\0")) throw new TypeError("COPY text cannot carry U+0000");
  return value.replace(ESCAPABLE, (c) => ESCAPES[c]!);
}

/**
 * JSON text from JSON.stringify as a COPY text field. Such text holds no raw control characters
 * (JSON escapes them), so only its backslashes need doubling, found faster than copyTextField's scan.
 */
export function copyTextJson(json: string): string {
  return json.includes("\\") ? json.replaceAll("\\", "\\\\") : json;
}
