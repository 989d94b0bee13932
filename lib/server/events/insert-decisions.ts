import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DecisionRow } from "@/lib/core/otlp";
import type { DbOrTx } from "../db";
import { rowsOf } from "../db/migrate";

// Scalar columns as jsonb_to_recordset reads them; attributes are spliced in as raw JSON text
// (already serialized once by the normalizer) to avoid a second stringify of the largest part.
function rowJson(row: DecisionRow): string {
  const scalars = JSON.stringify({
    fingerprint: row.fingerprint,
    ts: new Date(row.timeMs).toISOString(),
    time_unix_nano: row.timeUnixNano,
    time_source: row.timeSource,
    event_name: row.eventName,
    surface: row.surface,
    outcome: row.outcome,
    decision: row.decision,
    decision_source: row.decisionSource,
    tool_name: row.toolName,
    session_id: row.sessionId,
    prompt_id: row.promptId,
    tool_use_id: row.toolUseId,
    actor: row.actor,
    user_id: row.userId,
    user_email: row.userEmail,
    organization_id: row.organizationId,
    service_name: row.serviceName,
    gate_id: row.gateId,
    event_sequence: row.eventSequence,
    trace_id: row.traceId,
    span_id: row.spanId,
  });
  return `${scalars.slice(0, -1)},"resource_attributes":${row.resourceAttributesJson},"attributes":${row.attributesJson}}`;
}

/** Stores rows with one INSERT … ON CONFLICT DO NOTHING statement plus the rollup (PGlite's path). */
export async function insertDecisions(db: DbOrTx, sourceId: string, rows: DecisionRow[], receivedAt: Date): Promise<number> {
  const payload = `[${rows.map(rowJson).join(",")}]`;
  const input = sql`
    select * from jsonb_to_recordset(${payload}::jsonb) as x(
      fingerprint text, ts timestamptz, time_unix_nano text, time_source text, event_name text, surface text,
      outcome text, decision text, decision_source text, tool_name text, session_id text, prompt_id text,
      tool_use_id text, actor text, user_id text, user_email text, organization_id text, service_name text,
      gate_id text, event_sequence bigint, trace_id text, span_id text, resource_attributes jsonb, attributes jsonb)`;
  return rowsOf<{ inserted: number }>(await db.execute(insertDecisionsFrom(input, sourceId, receivedAt)))[0]?.inserted ?? 0;
}

/**
 * The statement that inserts the decision columns of `input` (a query) with ON CONFLICT DO
 * NOTHING, so rows already stored (a retried batch) are skipped, and adds only the rows inserted
 * to the per-minute rollup; it answers with `inserted`, their count.
 */
export function insertDecisionsFrom(input: SQL, sourceId: string, receivedAt: Date): SQL {
  return sql`
    with input as (${input}), inserted as (
      insert into decision_events (source_id, fingerprint, ts, time_unix_nano, time_source, received_at, event_name,
        surface, outcome, decision, decision_source, tool_name, session_id, prompt_id, tool_use_id, actor, user_id,
        user_email, organization_id, service_name, gate_id, event_sequence, trace_id, span_id, resource_attributes, attributes)
      select ${sourceId}::uuid, fingerprint, ts, time_unix_nano, time_source, ${receivedAt.toISOString()}::timestamptz, event_name,
        surface, outcome, decision, decision_source, tool_name, session_id, prompt_id, tool_use_id, actor, user_id,
        user_email, organization_id, service_name, gate_id, event_sequence, trace_id, span_id, resource_attributes, attributes
      from input
      on conflict (source_id, fingerprint, ts) do nothing
      returning ts, surface, outcome
    ), rolled as (
      insert into decision_rollup_minute (minute, surface, outcome, source_id, count)
      select date_trunc('minute', ts), surface, outcome, ${sourceId}::uuid, count(*)::int
      from inserted group by 1, 2, 3 order by 1, 2, 3
      on conflict (minute, surface, outcome, source_id)
        do update set count = decision_rollup_minute.count + excluded.count
      returning 1
    )
    select (select count(*) from inserted)::int as inserted`;
}
