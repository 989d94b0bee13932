import { cutString } from "./attribute-set";
import type { DecisionRow, GateSeen, NormalizedLogs, RejectedRecord } from "./decision-row";
import { eventKindOf } from "./event-kind";
import { recordFingerprint, scopeDigest, type Sha256Hex } from "./fingerprint";
import { MAX_FIELD_LENGTH } from "./limits";
import type { OtlpAttributes, OtlpLogRecord, OtlpLogsRequest, OtlpResourceLogs, OtlpScopeLogs, OtlpValue } from "./model";
import { type Outcome, outcomeOf } from "./outcome";
import { type RecordTime, recordTime } from "./record-time";
import { summarizeRejections } from "./reject-summary";

export interface NormalizeOptions {
  /** When the request arrived: the time of last resort for records that carry none. */
  receivedAt: Date | number;
  /** Hex SHA-256 for fingerprints; defaults to @noble/hashes (the server should pass node:crypto's). */
  sha256Hex?: Sha256Hex;
}

/** The attributes a field is looked up in: the record's first, then the resource's. */
interface AttributeView {
  record: OtlpAttributes;
  resource: OtlpAttributes;
}

function get(view: AttributeView, key: string): OtlpValue | undefined {
  return view.record[key] ?? view.resource[key];
}

/** Where one record sits: its resource and scope, with their JSON and digest computed once. */
interface Context {
  resourceLogs: OtlpResourceLogs;
  scopeLogs: OtlpScopeLogs;
  resourceJson: string;
  scopeHex: string;
  sha256Hex: Sha256Hex | undefined;
}

/** Running totals while the records of one request are visited. */
interface Tally {
  index: number;
  decisions: DecisionRow[];
  rejected: RejectedRecord[];
  fingerprints: Set<string>;
  gates: Map<string, number>;
  heartbeats: number;
  otherEvents: number;
}

/**
 * Turns a decoded request into decision rows, heartbeat and other-event counts, and the
 * records rejected with their reasons (for partialSuccess). Pure: time comes in as an option.
 */
export function normalizeLogsRequest(request: OtlpLogsRequest, options: NormalizeOptions): NormalizedLogs {
  const receivedAtMs = typeof options.receivedAt === "number" ? options.receivedAt : options.receivedAt.getTime();
  if (!Number.isFinite(receivedAtMs)) throw new TypeError("normalizeLogsRequest: receivedAt must be a valid time");
  const tally: Tally = { index: 0, decisions: [], rejected: [], fingerprints: new Set(), gates: new Map(), heartbeats: 0, otherEvents: 0 };
  for (const resourceLogs of request.resourceLogs) {
    const resourceJson = JSON.stringify(resourceLogs.resource.values);
    for (const scopeLogs of resourceLogs.scopeLogs) {
      const ctx: Context = { resourceLogs, scopeLogs, resourceJson, scopeHex: "", sha256Hex: options.sha256Hex };
      for (const record of scopeLogs.logRecords) visitRecord(record, ctx, tally, receivedAtMs);
    }
  }
  const { index, decisions, rejected, heartbeats, otherEvents } = tally;
  return {
    recordCount: index,
    decisions,
    heartbeats,
    otherEvents,
    duplicates: index - decisions.length - rejected.length - heartbeats - otherEvents,
    rejected,
    rejectedCount: rejected.length,
    errorMessage: summarizeRejections(rejected),
    gates: [...tally.gates].map(([gateId, lastSeenMs]): GateSeen => ({ gateId, lastSeenMs })),
  };
}

function visitRecord(record: OtlpLogRecord, ctx: Context, tally: Tally, receivedAtMs: number): void {
  const recordIndex = tally.index++;
  const view: AttributeView = { record: record.attributes.values, resource: ctx.resourceLogs.resource.values };
  const time = recordTime(record, get(view, "event.timestamp"), receivedAtMs);
  noteGate(tally.gates, view, time, receivedAtMs);
  const kind = eventKindOf(record);
  if (kind.kind === "heartbeat") {
    tally.heartbeats++;
    return;
  }
  if (kind.kind === "other") {
    tally.otherEvents++;
    return;
  }
  const row = toDecisionRow(record, ctx, { recordIndex, eventName: kind.name, time, view });
  if ("code" in row) {
    tally.rejected.push(row);
  } else if (!tally.fingerprints.has(row.fingerprint)) {
    tally.fingerprints.add(row.fingerprint);
    tally.decisions.push(row);
  }
}

interface RecordFacts {
  recordIndex: number;
  eventName: string;
  time: RecordTime;
  view: AttributeView;
}

/** Keeps the latest record time per gate, never later than the receive time (clock skew). */
function noteGate(gates: Map<string, number>, view: AttributeView, time: RecordTime, receivedAtMs: number): void {
  const gateId = gateIdOf(view);
  if (gateId === null) return;
  const ms = Math.min(time.ms, receivedAtMs);
  if (ms > (gates.get(gateId) ?? Number.NEGATIVE_INFINITY)) gates.set(gateId, ms);
}

/** Checks a decision record and builds its row, or says why it is rejected. */
/** Checks a decision record and builds its row, or says why it is rejected. */
function toDecisionRow(record: OtlpLogRecord, ctx: Context, facts: RecordFacts): DecisionRow | RejectedRecord {
  const checked = checkDecision(record, ctx, facts.view);
  if ("code" in checked) return { recordIndex: facts.recordIndex, ...checked };
  if (ctx.scopeHex === "") ctx.scopeHex = scopeDigest(ctx.resourceJson, ctx.resourceLogs.resource, ctx.scopeLogs.scope, ctx.sha256Hex);
  return buildRow(record, ctx, facts, checked);
}

interface Checked {
  surface: string;
  decision: string;
  outcome: Outcome;
}

/** The surface and outcome of a decision record, or the reason it cannot be used. */
function checkDecision(record: OtlpLogRecord, ctx: Context, view: AttributeView): Checked | Omit<RejectedRecord, "recordIndex"> {
  const duplicateKey = record.attributes.duplicateKey ?? ctx.resourceLogs.resource.duplicateKey;
  if (duplicateKey !== null) return { code: "duplicate_attribute", detail: printable(duplicateKey) };
  const surface = text(get(view, "surface")) ?? text(get(view, "tool_name"));
  if (surface === null) return { code: "missing_surface", detail: null };
  if (surface.length > MAX_FIELD_LENGTH) return { code: "field_too_long", detail: printable(surface) };
  const decision = text(get(view, "decision"));
  if (decision === null) return { code: "missing_decision", detail: null };
  const outcome = outcomeOf(decision);
  if (outcome === null) return { code: "unknown_decision", detail: printable(decision) };
  return { surface, decision, outcome };
}

// One object literal with every field, in one place: building rows by spreading partial
// objects costs a measurable share of ingest time.
function buildRow(record: OtlpLogRecord, ctx: Context, { recordIndex, eventName, time, view }: RecordFacts, checked: Checked): DecisionRow {
  const attributesJson = JSON.stringify(record.attributes.values);
  const resource = ctx.resourceLogs.resource;
  const userEmail = fieldAt(view, "user.email");
  const userAccountUuid = fieldAt(view, "user.account_uuid");
  const userId = fieldAt(view, "user.id");
  return {
    fingerprint: recordFingerprint(ctx.scopeHex, record, attributesJson, ctx.sha256Hex),
    recordIndex,
    eventName,
    surface: checked.surface,
    outcome: checked.outcome,
    decision: checked.decision,
    decisionSource: fieldAt(view, "source") ?? fieldAt(view, "decision_source"),
    toolName: fieldAt(view, "tool_name"),
    sessionId: fieldAt(view, "session.id"),
    promptId: fieldAt(view, "prompt.id"),
    toolUseId: fieldAt(view, "tool_use_id") ?? fieldAt(view, "call_id"),
    actor: fieldAt(view, "actor") ?? userEmail ?? userAccountUuid ?? userId,
    userId,
    userEmail,
    userAccountUuid,
    userAccountId: fieldAt(view, "user.account_id"),
    organizationId: fieldAt(view, "organization.id"),
    serviceName: fieldAt(view, "service.name"),
    gateId: gateIdOf(view),
    eventSequence: sequenceOf(get(view, "event.sequence")),
    timeUnixNano: time.unixNano.toString(),
    timeMs: time.ms,
    timeSource: time.source,
    observedTimeUnixNano: record.observedTimeUnixNano === 0n ? null : record.observedTimeUnixNano.toString(),
    severityNumber: record.severityNumber,
    severityText: record.severityText,
    body: record.body,
    traceId: record.traceId || null,
    spanId: record.spanId || null,
    scopeName: ctx.scopeLogs.scope.name,
    scopeVersion: ctx.scopeLogs.scope.version,
    resourceAttributes: resource.values,
    attributes: record.attributes.values,
    resourceAttributesJson: ctx.resourceJson,
    attributesJson,
    truncated: truncatedList(record, resource.truncated),
    droppedAttributes: record.attributes.dropped + resource.dropped,
  };
}

function truncatedList(record: OtlpLogRecord, resourceTruncated: readonly string[]): string[] {
  const out = record.bodyTruncated ? ["body"] : [];
  for (const key of record.attributes.truncated) out.push(`attributes.${key}`);
  for (const key of resourceTruncated) out.push(`resource.${key}`);
  return out;
}

function gateIdOf(view: AttributeView): string | null {
  return fieldAt(view, "gate.id") ?? fieldAt(view, "service.instance.id") ?? fieldAt(view, "service.name");
}

/** A scalar attribute as text: strings as they are ("" counts as absent), numbers and bools printed. */
function text(value: OtlpValue | undefined): string | null {
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function fieldAt(view: AttributeView, key: string): string | null {
  return field(get(view, key));
}

/** Like text(), cut to MAX_FIELD_LENGTH (the full value stays in the attributes). */
function field(value: OtlpValue | undefined): string | null {
  const t = text(value);
  return t === null ? null : cutString(t, MAX_FIELD_LENGTH);
}

function sequenceOf(value: OtlpValue | undefined): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  return typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** A sender's value made safe to echo in errorMessage: control characters replaced, 40 chars. */
function printable(value: string): string {
  const cut = value.length > 40 ? `${cutString(value, 40)}…` : value;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
}
