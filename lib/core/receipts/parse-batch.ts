import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from "./limits";
import { endOfString } from "./strict-json";
import { decodeUtf8Strict, utf8Exceeds } from "./utf8";

/** One receipt cut from a batch body. `bytes` are the exact received bytes of the item. */
export interface BatchItem {
  /** Position in the batch, from 0. */
  index: number;
  /** 1-based line number, for newline-separated bodies. */
  line?: number;
  text: string;
  bytes: Uint8Array;
}

export type BatchErrorCode = "unsupported_media_type" | "too_large" | "too_many_items" | "malformed_batch";

/** A batch body that cannot be split into receipts; `code` is stable (415, 413, 413, 400 over HTTP). */
export class BatchError extends Error {
  override name = "BatchError";
  constructor(readonly code: BatchErrorCode, message: string) {
    super(message);
  }
}

type Layout = "lines" | "flattened" | "array";

const LAYOUTS: Readonly<Record<string, Layout>> = {
  "application/jose": "lines",
  "text/plain": "lines",
  "application/jose+json": "flattened",
  "application/json": "array",
};

const encoder = new TextEncoder();

/**
 * Splits a body into receipts by media type: `application/jose` or `text/plain` — compact receipts,
 * one per line; `application/jose+json` — one flattened JSON receipt; `application/json` — an array
 * of compact strings and/or flattened objects. Without a media type the layout is sniffed.
 */
export function parseBatch(body: string | Uint8Array, contentType?: string): BatchItem[] {
  const layout = contentType === undefined ? undefined : LAYOUTS[mediaType(contentType)];
  if (contentType !== undefined && !layout) {
    throw new BatchError("unsupported_media_type", `unsupported media type ${JSON.stringify(mediaType(contentType))}`);
  }
  const tooLarge = typeof body === "string" ? utf8Exceeds(body, MAX_BATCH_BYTES) : body.byteLength > MAX_BATCH_BYTES;
  if (tooLarge) throw new BatchError("too_large", `batch exceeds ${MAX_BATCH_BYTES} bytes`);
  const text = typeof body === "string" ? body : decodeUtf8Strict(body);
  if (text === undefined) throw new BatchError("malformed_batch", "body is not valid UTF-8");
  const items = split(text, layout ?? sniff(text));
  if (items.length === 0) throw new BatchError("malformed_batch", "body holds no receipts");
  if (items.length > MAX_BATCH_ITEMS) throw new BatchError("too_many_items", `more than ${MAX_BATCH_ITEMS} receipts in one batch`);
  return items.map(({ text: item, line }, index) => ({ index, ...(line && { line }), text: item, bytes: encoder.encode(item) }));
}

function split(text: string, layout: Layout): Array<{ text: string; line?: number }> {
  if (layout === "lines") return splitLines(text);
  const trimmed = trimJsonSpace(text);
  if (layout === "flattened") {
    if (!trimmed.startsWith("{")) throw new BatchError("malformed_batch", "expected one flattened JWS JSON object");
    return [{ text: trimmed }];
  }
  return arrayItems(trimmed).map((item) => ({ text: item }));
}

function sniff(text: string): Layout {
  const first = trimJsonSpace(text)[0];
  return first === "[" ? "array" : first === "{" ? "flattened" : "lines";
}

/** Lines without their terminator (LF or CRLF); blank lines are skipped. */
function splitLines(text: string): Array<{ text: string; line: number }> {
  const items: Array<{ text: string; line: number }> = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim().length > 0) items.push({ text: line, line: i + 1 });
    if (items.length > MAX_BATCH_ITEMS) throw new BatchError("too_many_items", `more than ${MAX_BATCH_ITEMS} receipts in one batch`);
  });
  return items;
}

/**
 * The items of a JSON array: a string item is its value (a compact receipt); any other item is its
 * exact source text, so a flattened receipt keeps the bytes the gate sent, whitespace included.
 */
function arrayItems(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BatchError("malformed_batch", "body is not valid JSON");
  }
  if (!Array.isArray(parsed)) throw new BatchError("malformed_batch", "expected a JSON array of receipts");
  if (parsed.length > MAX_BATCH_ITEMS) throw new BatchError("too_many_items", `more than ${MAX_BATCH_ITEMS} receipts in one batch`);
  const spans = arrayElementSpans(text);
  if (spans.length !== parsed.length) throw new BatchError("malformed_batch", "could not delimit the array's items");
  return spans.map(([start, end], i) => (typeof parsed[i] === "string" ? (parsed[i] as string) : text.slice(start, end)));
}

/** [start, end) of each element of the top-level array in a JSON text already known to be valid. */
export function arrayElementSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (depth === 1 && start < 0 && !isJsonSpace(c) && c !== "," && c !== "]") start = i;
    if (c === '"') i = endOfString(text, i);
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    const atElementEnd = depth === 1 && start >= 0 && (c === '"' || c === "}" || c === "]" || isScalarEnd(text, i));
    if (atElementEnd) {
      spans.push([start, i + 1]);
      start = -1;
    }
  }
  return spans;
}

/** True when position `i` is the last character of a number, true, false or null. */
function isScalarEnd(text: string, i: number): boolean {
  const c = text[i]!;
  if (c === '"' || c === "," || c === "]" || c === "}" || c === "{" || c === "[" || isJsonSpace(c)) return false;
  const next = text[i + 1];
  return next === undefined || next === "," || next === "]" || isJsonSpace(next);
}

function isJsonSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

function trimJsonSpace(text: string): string {
  return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
}

function mediaType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}
