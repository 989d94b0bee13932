import { setOwn } from "./attribute-set";
import type { OtlpAttributes, OtlpValue } from "./model";
import type { Outcome } from "./outcome";
import type { TimeSource } from "./record-time";

/** One tool decision, normalized from an OTLP log record (docs/connect-a-gate.md, Attribute mapping). */
export interface DecisionRow {
  /** Hex SHA-256 of the record's content; identical for a retried record (idempotency key). */
  fingerprint: string;
  /** Position of the record in the request, counting across all resources and scopes. */
  recordIndex: number;
  /** The decision event name that matched, e.g. "claude_code.tool_decision". */
  eventName: string;
  surface: string;
  outcome: Outcome;
  /** The decision value as sent, e.g. "accept". */
  decision: string;
  /** `source` or `decision_source`, e.g. "config", "hook", "user_permanent". */
  decisionSource: string | null;
  toolName: string | null;
  sessionId: string | null;
  promptId: string | null;
  toolUseId: string | null;
  /** `actor`, else user.email, else user.account_uuid, else user.id. */
  actor: string | null;
  userId: string | null;
  userEmail: string | null;
  userAccountUuid: string | null;
  userAccountId: string | null;
  organizationId: string | null;
  serviceName: string | null;
  /** `gate.id`, else service.instance.id, else service.name. */
  gateId: string | null;
  eventSequence: number | null;
  /** Nanoseconds since the epoch as a decimal string (exact; exceeds 2^53). */
  timeUnixNano: string;
  /** The same instant in milliseconds (floored): `new Date(timeMs)`. */
  timeMs: number;
  timeSource: TimeSource;
  /** observedTimeUnixNano as a decimal string, null when unset. */
  observedTimeUnixNano: string | null;
  severityNumber: number;
  severityText: string;
  body: OtlpValue | null;
  traceId: string | null;
  spanId: string | null;
  scopeName: string;
  scopeVersion: string;
  /** Resource attributes; the same object for every row of one resource — do not mutate. */
  resourceAttributes: OtlpAttributes;
  /** The record's own attributes. Look-ups use record first, then resource. */
  attributes: OtlpAttributes;
  /** JSON.stringify(resourceAttributes), computed once per resource: store it as jsonb text. */
  resourceAttributesJson: string;
  /** JSON.stringify(attributes) (the fingerprint covers it): store it as jsonb text. */
  attributesJson: string;
  /** What was cut to fit the limits: "body", "attributes.<key>", "resource.<key>". */
  truncated: string[];
  /** Attributes not kept (sender-dropped plus over our limits), record and resource together. */
  droppedAttributes: number;
}

/** Why a record could not be used; counted in partialSuccess.rejectedLogRecords. */
export type RejectCode =
  | "missing_surface"
  | "missing_decision"
  | "unknown_decision"
  | "duplicate_attribute"
  | "field_too_long";

export interface RejectedRecord {
  recordIndex: number;
  code: RejectCode;
  /** The offending value or key, when there is one (cut to 40 characters). */
  detail: string | null;
}

/** Latest record time per gate in one request, for "gate went silent" detection. */
export interface GateSeen {
  gateId: string;
  /** The latest record time of the gate, clamped to the receive time (a gate's clock may run ahead). */
  lastSeenMs: number;
}

/** What one request amounts to once normalized. */
export interface NormalizedLogs {
  recordCount: number;
  decisions: DecisionRow[];
  heartbeats: number;
  /** Records that are neither decisions nor heartbeats (tool_result, api_request…): accepted, counted. */
  otherEvents: number;
  /** Decision records identical to an earlier one in the same request: accepted once. */
  duplicates: number;
  rejected: RejectedRecord[];
  rejectedCount: number;
  /** Empty when nothing was rejected; else e.g. "3 log records rejected: 2 missing decision, 1 unknown decision 'maybe'". */
  errorMessage: string;
  gates: GateSeen[];
}

/** The merged attribute view: resource attributes overlaid by the record's (record wins). */
export function mergedAttributes(row: Pick<DecisionRow, "resourceAttributes" | "attributes">): OtlpAttributes {
  const merged: OtlpAttributes = {};
  for (const source of [row.resourceAttributes, row.attributes]) {
    for (const key of Object.keys(source)) setOwn(merged, key, source[key] as OtlpValue);
  }
  return merged;
}
