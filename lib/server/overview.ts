import "server-only";
import { and, eq, gte, inArray, isNull, ne, sql } from "drizzle-orm";
import { requireRole, requireUser, type Ctx } from "./auth/actor";
import { alerts, apiTokens, auditLog, decisionRollupMinute, grants, receipts, sources, users } from "./db/schema";
import { VERDICT_CODES } from "./receipts/schemas";
import { treeSize } from "./tlog/nodes";

export type Overview = { users: number; admins: number; myActiveTokens: number; auditEntries: number };

const count = sql<number>`count(*)::int`;

/** Counts for the home page's next-steps checklist. */
export async function getOverview(ctx: Ctx): Promise<Overview> {
  const actor = requireUser(ctx);
  const [[u], [a], [t], [e]] = await Promise.all([
    ctx.db.select({ n: count }).from(users).where(isNull(users.disabledAt)),
    ctx.db.select({ n: count }).from(users).where(and(isNull(users.disabledAt), sql`'admin' = any(${users.roles})`)),
    ctx.db.select({ n: count }).from(apiTokens).where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt))),
    ctx.db.select({ n: count }).from(auditLog),
  ]);
  return { users: u?.n ?? 0, admins: a?.n ?? 0, myActiveTokens: t?.n ?? 0, auditEntries: e?.n ?? 0 };
}

export type EvidenceSummary = {
  since: string;
  decisions: { total: number; deny: number; silence: number };
  sources: { active: number; quiet: number };
  receiptsNotValid: number;
  alerts: { firing: number; pending: number; unacknowledged: number; critical: number };
  grants: { active: number; pending: number; scheduled: number };
  logSize: number;
};

const DAY_MS = 86_400_000;
const NOT_VALID = VERDICT_CODES.filter((code) => code !== "valid");

/**
 * The last 24 hours at a glance, for every role: decisions (from the minute rollup), sources
 * that went quiet (not seen within their expected interval), receipts that did not verify,
 * open alerts, break-glass grants in force or waiting, and the log's size. Each figure is one
 * indexed query; none scans the events or receipts of the day.
 */
export async function getEvidenceSummary(ctx: Ctx): Promise<EvidenceSummary> {
  requireRole(ctx, "auditor", "oncall", "admin");
  const since = new Date(ctx.now.getTime() - DAY_MS);
  const [[d], [s], [r], [a], [g], logSize] = await Promise.all([
    ctx.db
      .select({
        total: sql<number>`coalesce(sum(${decisionRollupMinute.count}), 0)::int`,
        deny: sql<number>`coalesce(sum(${decisionRollupMinute.count}) filter (where ${decisionRollupMinute.outcome} = 'DENY'), 0)::int`,
        silence: sql<number>`coalesce(sum(${decisionRollupMinute.count}) filter (where ${decisionRollupMinute.outcome} = 'SILENCE'), 0)::int`,
      })
      .from(decisionRollupMinute)
      .where(gte(decisionRollupMinute.minute, since)),
    ctx.db
      .select({
        active: count,
        quiet: sql<number>`(count(*) filter (where ${sources.lastSeenAt} is null
          or ${sources.lastSeenAt} < ${ctx.now.toISOString()}::timestamptz - make_interval(secs => ${sources.expectedIntervalSeconds})))::int`,
      })
      .from(sources)
      .where(isNull(sources.revokedAt)),
    ctx.db.select({ n: count }).from(receipts).where(and(inArray(receipts.verdict, NOT_VALID), gte(receipts.ts, since))),
    ctx.db
      .select({
        firing: sql<number>`(count(*) filter (where ${alerts.state} = 'firing'))::int`,
        pending: sql<number>`(count(*) filter (where ${alerts.state} = 'pending'))::int`,
        unacknowledged: sql<number>`(count(*) filter (where ${alerts.state} = 'firing' and ${alerts.acknowledgedAt} is null))::int`,
        critical: sql<number>`(count(*) filter (where ${alerts.state} = 'firing' and ${alerts.severity} = 'critical'))::int`,
      })
      .from(alerts)
      .where(ne(alerts.state, "resolved")),
    ctx.db
      .select({
        active: sql<number>`(count(*) filter (where ${grants.state} = 'active'))::int`,
        pending: sql<number>`(count(*) filter (where ${grants.state} = 'pending'))::int`,
        scheduled: sql<number>`(count(*) filter (where ${grants.state} = 'approved'))::int`,
      })
      .from(grants)
      .where(inArray(grants.state, ["active", "pending", "approved"])),
    treeSize(ctx.db),
  ]);
  return {
    since: since.toISOString(),
    decisions: { total: d?.total ?? 0, deny: d?.deny ?? 0, silence: d?.silence ?? 0 },
    sources: { active: s?.active ?? 0, quiet: s?.quiet ?? 0 },
    receiptsNotValid: r?.n ?? 0,
    alerts: { firing: a?.firing ?? 0, pending: a?.pending ?? 0, unacknowledged: a?.unacknowledged ?? 0, critical: a?.critical ?? 0 },
    grants: { active: g?.active ?? 0, pending: g?.pending ?? 0, scheduled: g?.scheduled ?? 0 },
    logSize: Number(logSize),
  };
}
