import "server-only";
import { asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db";
import { decisionEvents } from "../db/schema";

export type MatchedDecisionEvent = {
  id: number;
  ts: string;
  surface: string;
  outcome: string;
  decision: string;
  decisionSource: string | null;
  toolName: string | null;
  sessionId: string | null;
  toolUseId: string | null;
  actor: string | null;
  sourceId: string;
  matchedBy: "tool_use_id" | "session_id";
};

const MAX_EVENTS = 20;

/**
 * The decision events a receipt refers to: the same tool use (`request.context.tool_use_id`, or
 * the `idempotency_key`) or, failing that, the same session (`request.context.session_id`),
 * nearest in time first.
 */
export async function matchingDecisionEvents(db: DbOrTx, payload: Record<string, unknown> | null, ts: Date): Promise<MatchedDecisionEvent[]> {
  const { toolUseIds, sessionId } = references(payload);
  const matches: SQL[] = toolUseIds.map((id) => eq(decisionEvents.toolUseId, id));
  if (sessionId) matches.push(eq(decisionEvents.sessionId, sessionId));
  if (matches.length === 0) return [];
  const rows = await db
    .select()
    .from(decisionEvents)
    .where(or(...matches))
    .orderBy(
      asc(sql`case when ${inArray(decisionEvents.toolUseId, toolUseIds.length > 0 ? toolUseIds : [""])} then 0 else 1 end`),
      asc(sql`abs(extract(epoch from ${decisionEvents.ts} - ${ts.toISOString()}::timestamptz))`),
    )
    .limit(MAX_EVENTS);
  return rows.map((row) => ({
    id: row.id,
    ts: row.ts.toISOString(),
    surface: row.surface,
    outcome: row.outcome,
    decision: row.decision,
    decisionSource: row.decisionSource,
    toolName: row.toolName,
    sessionId: row.sessionId,
    toolUseId: row.toolUseId,
    actor: row.actor,
    sourceId: row.sourceId,
    matchedBy: row.toolUseId !== null && toolUseIds.includes(row.toolUseId) ? "tool_use_id" : "session_id",
  }));
}

function references(payload: Record<string, unknown> | null): { toolUseIds: string[]; sessionId?: string } {
  const request = record(payload?.request);
  const context = record(request.context);
  const text = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length <= 512 ? value : undefined);
  const toolUseIds = [text(context.tool_use_id), text(payload?.idempotency_key)].filter((v): v is string => v !== undefined);
  const sessionId = text(context.session_id) ?? text(context["session.id"]);
  return { toolUseIds: [...new Set(toolUseIds)], ...(sessionId && { sessionId }) };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
