import "server-only";
import { sql } from "drizzle-orm";
import type { DecisionRow } from "@/lib/core/otlp";
import type { DbOrTx } from "../db";
import { postgresClientOf } from "../db/client";
import { rowsOf } from "../db/migrate";
import { logger } from "../telemetry/logger";
import { copyDecisions } from "./copy-decisions";

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

/**
 * Stores one request's decisions and bumps the per-minute rollup, atomically: rows already
 * stored (a retried batch) are skipped and not counted again. Returns how many rows were new.
 * On PostgreSQL the rows go in with COPY; should that fail (a concurrent identical batch stored
 * some of them first), it is rolled back and the batch goes through the INSERT statement instead.
 */
export async function recordDecisions(db: DbOrTx, sourceId: string, rows: DecisionRow[], receivedAt: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const client = postgresClientOf(db);
  if (client !== null) {
    try {
      return await copyDecisions(client, sourceId, rows, receivedAt);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.info({ reason, rows: rows.length }, "ingest: COPY rolled back; storing the batch with INSERT … ON CONFLICT");
    }
  }
  return insertDecisions(db, sourceId, rows, receivedAt);
}

/** The one-statement path (PGlite, and PostgreSQL when COPY fails): INSERT … ON CONFLICT DO NOTHING plus the rollup. */
export async function insertDecisions(db: DbOrTx, sourceId: string, rows: DecisionRow[], receivedAt: Date): Promise<number> {
  const payload = `[${rows.map(rowJson).join(",")}]`;
  const result = await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${payload}::jsonb) as x(
        fingerprint text, ts timestamptz, time_unix_nano text, time_source text, event_name text, surface text,
        outcome text, decision text, decision_source text, tool_name text, session_id text, prompt_id text,
        tool_use_id text, actor text, user_id text, user_email text, organization_id text, service_name text,
        gate_id text, event_sequence bigint, trace_id text, span_id text, resource_attributes jsonb, attributes jsonb)
    ), inserted as (
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
    select (select count(*) from inserted)::int as inserted`);
  return rowsOf<{ inserted: number }>(result)[0]?.inserted ?? 0;
}
