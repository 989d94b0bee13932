import "server-only";
import { COPY_NULL, copyTextField as text, copyTextJson as json, type DecisionRow } from "@/lib/core/otlp";

/** decision_events columns, in the order decisionCopyLine writes them. */
const COLUMNS = [
  "source_id", "fingerprint", "ts", "time_unix_nano", "time_source", "received_at", "event_name", "surface", "outcome",
  "decision", "decision_source", "tool_name", "session_id", "prompt_id", "tool_use_id", "actor", "user_id", "user_email",
  "organization_id", "service_name", "gate_id", "event_sequence", "trace_id", "span_id", "resource_attributes", "attributes",
] as const;

/** The COPY statement that decisionCopyText feeds. */
export const DECISION_COPY_STATEMENT = `copy decision_events (${COLUMNS.join(", ")}) from stdin`;

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

/** The rows as COPY text for DECISION_COPY_STATEMENT: the values the INSERT in record-decisions.ts stores. */
export function decisionCopyText(rows: readonly DecisionRow[], sourceId: string, receivedAt: Date): string {
  const shared: Shared = { source: `${text(sourceId)}\t`, receivedAt: receivedAt.toISOString(), resourceJson: "", resourceField: json(""), ts: isoMillis() };
  let copy = "";
  for (const row of rows) {
    if (row.resourceAttributesJson !== shared.resourceJson) {
      shared.resourceJson = row.resourceAttributesJson;
      shared.resourceField = json(row.resourceAttributesJson);
    }
    copy += decisionCopyLine(row, shared);
  }
  return copy;
}

// One template rather than a list of per-column functions: this runs for every stored row and
// the template costs a third as much. The order is COLUMNS'; the tests compare every column with the INSERT's.
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
