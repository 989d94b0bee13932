import "server-only";
import { and, asc, eq, gt, gte, isNull, lt, lte, ne, sql, type SQL } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import { alertEvents, alertSilences, alerts } from "../db/schema";
import { AppError, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { entityId } from "./entity-id";
import { toAlertView, type AlertView } from "./alert-view";
import { ListAlertsInput } from "./schemas";
import { toSilenceView, type SilenceView } from "./silence-view";

export type AlertEventView = { at: string; type: string; actor: string; note: string | null; details: Record<string, unknown> };
export type AlertDetail = { alert: AlertView; timeline: AlertEventView[] };

function encodeCursor(row: { startsAt: Date; id: string }): string {
  return Buffer.from(`${row.startsAt.getTime()}:${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { startsAt: Date; id: string } {
  const [ms, id] = Buffer.from(cursor, "base64url").toString().split(":");
  if (!Number.isSafeInteger(Number(ms)) || !id || !/^[0-9a-f-]{36}$/.test(id)) throw new AppError("VALIDATION", "The cursor is not valid.", { fields: { cursor: "not valid" } });
  return { startsAt: new Date(Number(ms)), id };
}

/** Silences active now: an alert they match is shown as silenced. */
export async function activeSilences(ctx: Ctx): Promise<SilenceView[]> {
  const rows = await ctx.db
    .select()
    .from(alertSilences)
    .where(and(isNull(alertSilences.endedAt), lte(alertSilences.startsAt, ctx.now), gt(alertSilences.endsAt, ctx.now)));
  return rows.map((row) => toSilenceView(row, ctx.now));
}

/** Alerts newest first, filtered by state, kind, surface, outcome, source and start time; keyset-paged. */
export async function listAlerts(ctx: Ctx, rawInput: ListAlertsInput = {}): Promise<{ items: AlertView[]; nextCursor: string | null }> {
  requireRole(ctx, "oncall", "auditor", "admin");
  const input = parseInput(ListAlertsInput, rawInput);
  const a = alerts;
  const filters: Array<SQL | undefined> = [
    input.state === "open" ? ne(a.state, "resolved") : input.state ? eq(a.state, input.state) : undefined,
    input.kind ? eq(a.kind, input.kind) : undefined,
    input.surface !== undefined ? eq(a.surface, input.surface) : undefined,
    input.outcome ? eq(a.outcome, input.outcome) : undefined,
    input.source ? eq(a.sourceId, input.source) : undefined,
    input.from ? gte(a.startsAt, input.from) : undefined,
    input.to ? lt(a.startsAt, input.to) : undefined,
  ];
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    filters.push(sql`(${a.startsAt}, ${a.id}) < (${cursor.startsAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(a)
    .where(and(...filters))
    .orderBy(sql`${a.startsAt} desc nulls last`, sql`${a.id} desc nulls last`)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const silences = await activeSilences(ctx);
  return { items: page.map((row) => toAlertView(row, ctx.now, silences)), nextCursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]!) : null };
}

/** One alert with its timeline (pending, firing, escalations, acknowledgement, resolution). */
export async function getAlert(ctx: Ctx, id: string): Promise<AlertDetail> {
  requireRole(ctx, "oncall", "auditor", "admin");
  entityId(id, "The alert");
  const [row] = await ctx.db.select().from(alerts).where(eq(alerts.id, id));
  if (!row) throw notFound("The alert");
  const events = await ctx.db.select().from(alertEvents).where(eq(alertEvents.alertId, id)).orderBy(asc(alertEvents.at), asc(alertEvents.id));
  return {
    alert: toAlertView(row, ctx.now, await activeSilences(ctx)),
    timeline: events.map((e) => ({ at: e.at.toISOString(), type: e.type, actor: e.actor, note: e.note, details: e.details })),
  };
}
