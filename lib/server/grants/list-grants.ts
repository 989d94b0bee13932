import "server-only";
import { and, arrayContains, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { normalizeIdentity } from "@/lib/core/grants";
import { requireRole, type Ctx } from "../auth/actor";
import type { DbOrTx } from "../db";
import { grants, grantUses } from "../db/schema";
import { AppError } from "../errors";
import { parseInput } from "../http/parse-input";
import type { GrantRow } from "./grant-row";
import { toGrantSummary, type GrantSummary } from "./grant-view";
import { ListGrantsInput } from "./schemas";

/** Grants, newest request first, filtered by state and operator; keyset-paged by (requested at, id). */
export async function listGrants(ctx: Ctx, rawInput: ListGrantsInput = {}): Promise<{ items: GrantSummary[]; nextCursor: string | null }> {
  requireRole(ctx, "admin", "oncall", "auditor");
  const input = parseInput(ListGrantsInput, rawInput);
  const filters: SQL[] = [];
  if (input.state) filters.push(inArray(grants.state, input.state));
  if (input.operator) filters.push(arrayContains(grants.operatorIdentities, [normalizeIdentity(input.operator)]));
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor);
    filters.push(or(lt(grants.requestedAt, at), and(eq(grants.requestedAt, at), lt(grants.id, id)))!);
  }
  const rows = await ctx.db
    .select()
    .from(grants)
    .where(and(...filters))
    .orderBy(desc(grants.requestedAt), desc(grants.id))
    .limit(input.limit + 1);
  const items = await summaries(ctx.db, rows.slice(0, input.limit));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last.requestedAt, last.id) : null };
}

/** Summaries with each grant's count of flagged uses. */
export async function summaries(db: DbOrTx, rows: GrantRow[]): Promise<GrantSummary[]> {
  if (rows.length === 0) return [];
  const counts = await db
    .select({ grantId: grantUses.grantId, n: sql<number>`count(*)::int` })
    .from(grantUses)
    .where(and(inArray(grantUses.grantId, rows.map((r) => r.id)), sql`cardinality(${grantUses.violations}) > 0`))
    .groupBy(grantUses.grantId);
  const flagged = new Map(counts.map((c) => [c.grantId, Number(c.n)]));
  return rows.map((row) => toGrantSummary(row, flagged.get(row.id) ?? 0));
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString("base64url");
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error("bad cursor");
    return [date, id];
  } catch {
    throw new AppError("VALIDATION", "The cursor is not valid: use the nextCursor of a previous page.", { fields: { cursor: "not valid" } });
  }
}
