import "server-only";
import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import { decisionEvents } from "../db/schema";
import { AppError, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { toEventView, type EventView } from "./event-view";
import { ListEventsInput } from "./schemas";

type Cursor = { ts: Date; id: number };

function encodeCursor(row: { ts: Date; id: number }): string {
  return Buffer.from(`${row.ts.getTime()}:${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): Cursor {
  const [ms, id] = Buffer.from(cursor, "base64url").toString().split(":").map(Number);
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(id)) throw new AppError("VALIDATION", "The cursor is not valid.", { fields: { cursor: "not valid" } });
  return { ts: new Date(ms!), id: id! };
}

/** Decision events, newest first, filtered; keyset-paged on (ts, id) so deep pages stay fast. */
export async function listEvents(ctx: Ctx, rawInput: ListEventsInput): Promise<{ items: EventView[]; nextCursor: string | null }> {
  requireRole(ctx, "oncall", "auditor", "admin");
  const input = parseInput(ListEventsInput, rawInput);
  const e = decisionEvents;
  const filters: Array<SQL | undefined> = [
    input.from ? gte(e.ts, input.from) : undefined,
    input.to ? lte(e.ts, input.to) : undefined,
    input.surface !== undefined ? eq(e.surface, input.surface) : undefined,
    input.outcome ? eq(e.outcome, input.outcome) : undefined,
    input.source ? eq(e.sourceId, input.source) : undefined,
    input.decisionSource !== undefined ? eq(e.decisionSource, input.decisionSource) : undefined,
    input.session !== undefined ? eq(e.sessionId, input.session) : undefined,
    input.actor !== undefined ? eq(e.actor, input.actor) : undefined,
    input.gate !== undefined ? eq(e.gateId, input.gate) : undefined,
  ];
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    // A row comparison is an index condition on (ts desc, id desc): deep pages cost what page one does.
    filters.push(sql`(${e.ts}, ${e.id}) < (${cursor.ts.toISOString()}::timestamptz, ${cursor.id})`);
  }
  const rows = await ctx.db
    .select()
    .from(e)
    .where(and(...filters))
    // "nulls last" matches the indexes drizzle created (ts desc nulls last, id desc nulls last).
    .orderBy(sql`${e.ts} desc nulls last`, sql`${e.id} desc nulls last`)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return { items: page.map(toEventView), nextCursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]!) : null };
}

/** One decision event with all of its attributes. */
export async function getEvent(ctx: Ctx, id: string): Promise<EventView> {
  requireRole(ctx, "oncall", "auditor", "admin");
  const numeric = Number(id);
  if (!Number.isSafeInteger(numeric) || numeric <= 0) throw notFound("The event");
  const [row] = await ctx.db.select().from(decisionEvents).where(eq(decisionEvents.id, numeric));
  if (!row) throw notFound("The event");
  return toEventView(row);
}
