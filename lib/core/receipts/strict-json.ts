export type JsonObject = Record<string, unknown>;

/** The outcome of parsing a JSON text that must be one object with unique member names. */
export type JsonObjectResult =
  | { ok: true; value: JsonObject }
  | { ok: false; fault: "syntax" | "not_object" | "duplicate_member"; message: string };

/**
 * Parses a JSON text that must be one object with no duplicate member names at any depth.
 * `JSON.parse` silently keeps the last of two equal names, so duplicates are found by a scan.
 */
export function parseJsonObject(text: string): JsonObjectResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, fault: "syntax", message: "not valid JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, fault: "not_object", message: "not a JSON object" };
  }
  const duplicate = findDuplicateMember(text);
  if (duplicate !== undefined) {
    return { ok: false, fault: "duplicate_member", message: `duplicate member name ${JSON.stringify(duplicate)}` };
  }
  return { ok: true, value: value as JsonObject };
}

interface Frame {
  names: Set<string> | undefined; // undefined for arrays
  expectName: boolean;
}

/**
 * Returns the first member name that occurs twice in one object of a JSON text already known to
 * be valid, comparing names after unescaping (`"a"` and `"\u0061"` are the same name).
 */
export function findDuplicateMember(text: string): string | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = endOfString(text, i);
      const top = stack[stack.length - 1];
      if (top?.names && top.expectName) {
        const raw = text.slice(i + 1, end);
        const name = raw.includes("\\") ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.names.has(name)) return name;
        top.names.add(name);
        top.expectName = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) stack.push({ names: new Set(), expectName: true });
    else if (c === 0x5b /* [ */) stack.push({ names: undefined, expectName: false });
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.names) top.expectName = true;
    }
  }
  return undefined;
}

/** Index of the quote closing the JSON string that opens at `start` (jumps with indexOf: most text is inside strings). */
export function endOfString(text: string, start: number): number {
  let i = start;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}
