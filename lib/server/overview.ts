import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { requireUser, type Ctx } from "./auth/actor";
import { apiTokens, auditLog, users } from "./db/schema";

export type Overview = { users: number; admins: number; myActiveTokens: number; auditEntries: number };

/** Counts for the home page's next-steps checklist. */
export async function getOverview(ctx: Ctx): Promise<Overview> {
  const actor = requireUser(ctx);
  const count = sql<number>`count(*)::int`;
  const [[u], [a], [t], [e]] = await Promise.all([
    ctx.db.select({ n: count }).from(users).where(isNull(users.disabledAt)),
    ctx.db.select({ n: count }).from(users).where(and(isNull(users.disabledAt), sql`'admin' = any(${users.roles})`)),
    ctx.db.select({ n: count }).from(apiTokens).where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt))),
    ctx.db.select({ n: count }).from(auditLog),
  ]);
  return { users: u?.n ?? 0, admins: a?.n ?? 0, myActiveTokens: t?.n ?? 0, auditEntries: e?.n ?? 0 };
}
