// Evidence bundle format (countersign-evidence-bundle/v1): JSON Lines, so a bundle of any size
// is written and verified one line at a time. Line 1 is the header (log key, the ONE signed
// checkpoint every proof is against, the issuers' trust file); then one line per receipt (its
// exact bytes and its C2SP tlog-proof@v1); last, an end line with the count, so a cut-off file
// is detected. Parsing is strict: every line is one JSON object of a known shape.

/** The format name written in every header. */
export const BUNDLE_FORMAT = "countersign-evidence-bundle/v1";
/** Longest line accepted: a 1 MiB receipt in base64 plus its proof fits with room to spare. */
export const MAX_BUNDLE_LINE_CHARS = 4 * 1024 * 1024;

/** Line 1: what every entry is verified against. */
export type BundleHeader = {
  format: typeof BUNDLE_FORMAT;
  /** When the console wrote the bundle (RFC 3339); informational. */
  createdAt: string;
  /** The log's origin, as in the checkpoint. */
  origin: string;
  /** The log's verifier key (C2SP signed-note), which signed `checkpoint`. */
  vkey: string;
  /** The signed checkpoint note, verbatim; every entry's proof carries the same text. */
  checkpoint: string;
  /** The issuers' keys: a JWKS whose keys carry iss and validity members (Contract 2). */
  trust: { keys: Array<Record<string, unknown>> };
  /** How the receipts were chosen (the export's filters or ids); informational. */
  selection: Record<string, unknown>;
};

/** One receipt: its log index, the console's id for it, its exact bytes and its proof. */
export type BundleEntry = { index: number; id: string; receipt: string; proof: string };

/** The last line: how many entries the writer wrote. */
export type BundleEnd = { end: true; receipts: number };

export type BundleLine = { kind: "header"; header: BundleHeader } | { kind: "entry"; entry: BundleEntry } | { kind: "end"; end: BundleEnd };

/** Stable codes for a bundle that cannot be read as one. */
export type BundleErrorCode = "BUNDLE_MALFORMED" | "BUNDLE_UNSUPPORTED";

/** A bundle line that is not valid JSON of the expected shape, or of another format. */
export class BundleError extends Error {
  override name = "BundleError";
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const malformed = (message: string): never => {
  throw new BundleError("BUNDLE_MALFORMED", message);
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Formats the header line (with its newline). */
export function formatBundleHeader(header: Omit<BundleHeader, "format">): string {
  return `${JSON.stringify({ format: BUNDLE_FORMAT, ...header })}\n`;
}

/** Formats one entry line (with its newline). */
export function formatBundleEntry(entry: BundleEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** Formats the end line (with its newline). */
export function formatBundleEnd(receipts: number): string {
  return `${JSON.stringify({ end: true, receipts })}\n`;
}

function parseJsonLine(line: string): Record<string, unknown> {
  if (line.length > MAX_BUNDLE_LINE_CHARS) malformed(`the line is longer than ${MAX_BUNDLE_LINE_CHARS} characters`);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    malformed("the line is not JSON");
  }
  if (!isObject(value)) malformed("the line is not a JSON object");
  return value as Record<string, unknown>;
}

function toHeader(value: Record<string, unknown>): BundleHeader {
  if (value.format !== BUNDLE_FORMAT) throw new BundleError("BUNDLE_UNSUPPORTED", `not a ${BUNDLE_FORMAT} bundle (format ${JSON.stringify(value.format)})`);
  for (const name of ["createdAt", "origin", "vkey", "checkpoint"] as const) {
    if (typeof value[name] !== "string") malformed(`the header's ${name} is not a string`);
  }
  const trust = value.trust;
  if (!isObject(trust) || !Array.isArray(trust.keys)) malformed("the header's trust is not a JWKS ({\"keys\": [...]})");
  if (value.selection !== undefined && !isObject(value.selection)) malformed("the header's selection is not an object");
  return { ...(value as BundleHeader), selection: (value.selection as Record<string, unknown> | undefined) ?? {} };
}

function toEntry(value: Record<string, unknown>): BundleEntry {
  if (!isIndex(value.index)) malformed("the entry's index is not a non-negative whole number");
  for (const name of ["id", "receipt", "proof"] as const) {
    if (typeof value[name] !== "string") malformed(`the entry's ${name} is not a string`);
  }
  return { index: value.index as number, id: value.id as string, receipt: value.receipt as string, proof: value.proof as string };
}

/**
 * Parses one line of a bundle: the header when `first`, else an entry or the end line. Throws
 * BundleError (BUNDLE_MALFORMED, or BUNDLE_UNSUPPORTED for another format's header).
 */
export function parseBundleLine(line: string, first: boolean): BundleLine {
  const value = parseJsonLine(line);
  if (first) return { kind: "header", header: toHeader(value) };
  if ("end" in value) {
    if (value.end !== true || !isIndex(value.receipts)) malformed("the end line is not {\"end\": true, \"receipts\": N}");
    return { kind: "end", end: { end: true, receipts: value.receipts as number } };
  }
  return { kind: "entry", entry: toEntry(value) };
}
