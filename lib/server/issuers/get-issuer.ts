import "server-only";
import { asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import type { DbOrTx } from "../db";
import { issuerKeys, issuers, receipts } from "../db/schema";
import { AppError, notFound } from "../errors";
import { toIssuerView, toKeyView, type IssuerView } from "./issuer-view";
import { EntityId } from "./schemas";

/** Every registered issuer with its keys and how many stored receipts each key judged (any role). */
export async function listIssuers(ctx: Ctx): Promise<IssuerView[]> {
  requireRole(ctx, "admin", "auditor", "oncall");
  const rows = await ctx.db.select().from(issuers).orderBy(asc(issuers.iss));
  return withKeys(ctx.db, rows, ctx.now);
}

/** One issuer with its keys (any role). */
export async function getIssuer(ctx: Ctx, issuerId: string): Promise<IssuerView> {
  requireRole(ctx, "admin", "auditor", "oncall");
  const [row] = await ctx.db.select().from(issuers).where(eq(issuers.id, assertId(issuerId)));
  if (!row) throw notFound("The issuer");
  return (await withKeys(ctx.db, [row], ctx.now))[0]!;
}

/** Refuses an id that is not a UUID with 422 before it reaches a query. */
export function assertId(id: string, field = "id"): string {
  if (!EntityId.safeParse(id).success) throw new AppError("VALIDATION", `The ${field} is not valid.`, { fields: { [field]: "expected an id" } });
  return id;
}

async function withKeys(db: DbOrTx, rows: Array<typeof issuers.$inferSelect>, now: Date): Promise<IssuerView[]> {
  if (rows.length === 0) return [];
  const keys = await db
    .select()
    .from(issuerKeys)
    .where(inArray(issuerKeys.issuerId, rows.map((r) => r.id)))
    .orderBy(asc(issuerKeys.createdAt), asc(issuerKeys.kid));
  const counts = keys.length === 0 ? [] : await db
    .select({ keyId: receipts.keyId, n: sql<number>`count(*)::int` })
    .from(receipts)
    .where(inArray(receipts.keyId, keys.map((k) => k.id)))
    .groupBy(receipts.keyId)
    .having(isNotNull(receipts.keyId));
  const countOf = new Map(counts.map((c) => [c.keyId, Number(c.n)]));
  return rows.map((row) =>
    toIssuerView(row, keys.filter((k) => k.issuerId === row.id).map((k) => toKeyView(k, now, countOf.get(k.id) ?? 0))),
  );
}
