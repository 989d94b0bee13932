import "server-only";
import type { DecisionRow, Outcome } from "@/lib/core/otlp";
import { COPY_NULL, copyTextField as text, copyTextJson as json } from "../db/copy-text";

/** decision_events columns, in the order decisionCopyLine writes them. */
export const DECISION_COPY_COLUMNS = [
  "source_id", "fingerprint", "ts", "time_unix_nano", "time_source", "received_at", "event_name", "surface", "outcome",
  "decision", "decision_source", "tool_name", "session_id", "prompt_id", "tool_use_id", "actor", "user_id", "user_email",
  "organization_id", "service_name", "gate_id", "event_sequence", "trace_id", "span_id", "resource_attributes", "attributes",
].join(", ");

/** Rows of one (UTC minute, surface, outcome), for decision_rollup_minute. */
export interface RollupCount {
  minute: string;
  surface: string;
  outcome: Outcome;
  count: number;
}

/**
 * One request's decisions, encoded for storage. While the database works only this is kept, not
 * the rows or the decoded request behind them: whatever outlives a round trip is copied by V8's
 * scavenges and promoted, which was the larger part of the console's garbage collection.
 */
export interface DecisionBatch {
  sourceId: string;
  receivedAt: Date;
  rows: number;
  /** The rows as COPY text (the columns DECISION_COPY_COLUMNS), in chunks of about 32 KB. */
  copy: Buffer[];
  /** The first row's unique key besides the source: a retried batch has it stored. */
  first: { fingerprint: string; ts: string };
  rollup: RollupCount[];
}

// Chunks stay far below V8's large-object size, so their text is young garbage once encoded.
const CHUNK_CHARS = 32 * 1024;
const MINUTE_MS = 60_000;

/** Encodes `rows` (at least one) for storage: COPY text, the first row's key and the rollup counts. */
export function encodeDecisionBatch(rows: readonly DecisionRow[], sourceId: string, receivedAt: Date): DecisionBatch {
  const shared: Shared = { source: `${text(sourceId)}\t`, receivedAt: receivedAt.toISOString(), resourceJson: "", resourceField: json(""), ts: isoMillis() };
  const copy: Buffer[] = [];
  const rollup = new Map<string, RollupCount>();
  let chunk = "";
  for (const row of rows) {
    if (row.resourceAttributesJson !== shared.resourceJson) {
      shared.resourceJson = row.resourceAttributesJson;
      shared.resourceField = json(row.resourceAttributesJson);
    }
    chunk += decisionCopyLine(row, shared);
    if (chunk.length >= CHUNK_CHARS) {
      copy.push(Buffer.from(chunk));
      chunk = "";
    }
    countRow(rollup, row);
  }
  if (chunk !== "") copy.push(Buffer.from(chunk));
  const first = rows[0]!;
  return { sourceId, receivedAt, rows: rows.length, copy, first: { fingerprint: first.fingerprint, ts: shared.ts(first.timeMs) }, rollup: [...rollup.values()] };
}

// Rows are counted by UTC minute, which is date_trunc's minute in any whole-minute time zone.
function countRow(rollup: Map<string, RollupCount>, row: DecisionRow): void {
  const minute = Math.floor(row.timeMs / MINUTE_MS) * MINUTE_MS;
  const key = `${minute}\t${row.surface}\t${row.outcome}`;
  const group = rollup.get(key);
  if (group) group.count++;
  else rollup.set(key, { minute: new Date(minute).toISOString(), surface: row.surface, outcome: row.outcome, count: 1 });
}

/** What the rows of one request share, already as COPY text. */
interface Shared {
  /** source_id, then a tab. */
  source: string;
  receivedAt: string;
  /** The last resource's attributes JSON and its field (every row of a resource has the same text). */
  resourceJson: string;
  resourceField: string;
  ts: (ms: number) => string;
}

// One template rather than a list of per-column functions: this runs for every stored row. The
// order is DECISION_COPY_COLUMNS'; the tests compare every column with the INSERT statement's.
function decisionCopyLine(row: DecisionRow, shared: Shared): string {
  const sequence = row.eventSequence === null ? COPY_NULL : String(row.eventSequence);
  return (
    `${shared.source}${text(row.fingerprint)}\t${shared.ts(row.timeMs)}\t${text(row.timeUnixNano)}\t${text(row.timeSource)}\t` +
    `${shared.receivedAt}\t${text(row.eventName)}\t${text(row.surface)}\t${text(row.outcome)}\t${text(row.decision)}\t` +
    `${text(row.decisionSource)}\t${text(row.toolName)}\t${text(row.sessionId)}\t${text(row.promptId)}\t${text(row.toolUseId)}\t` +
    `${text(row.actor)}\t${text(row.userId)}\t${text(row.userEmail)}\t${text(row.organizationId)}\t${text(row.serviceName)}\t` +
    `${text(row.gateId)}\t${sequence}\t${text(row.traceId)}\t${text(row.spanId)}\t${shared.resourceField}\t${json(row.attributesJson)}\n`
  );
}

/**
 * `new Date(ms).toISOString()`, reusing the text up to the second while times share it (a batch's
 * records mostly do): a Date per row costs more than the rest of its line.
 */
function isoMillis(): (ms: number) => string {
  let second = Number.NaN;
  let prefix = "";
  return (ms) => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      prefix = new Date(s * 1000).toISOString().slice(0, -4);
    }
    return `${prefix}${String(ms - s * 1000).padStart(3, "0")}Z`;
  };
}
