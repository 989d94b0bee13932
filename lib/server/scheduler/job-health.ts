import "server-only";
import { asc } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import { schedulerJobs } from "../db/schema";

export type JobHealth = {
  name: string;
  intervalSeconds: number;
  lastStartedAt: string | null;
  lastSucceededAt: string | null;
  lastDurationMs: number | null;
  lastError: string | null;
  runs: number;
  failures: number;
  instance: string | null;
  /** The last run failed. */
  failing: boolean;
  /** No successful run for three intervals (or three failures and none ever succeeded). */
  stalled: boolean;
};

/** The background jobs' own health, for the console and for the stalled-evaluator alert. */
export async function listJobHealth(ctx: Ctx): Promise<JobHealth[]> {
  requireRole(ctx, "admin", "oncall", "auditor");
  const rows = await ctx.db.select().from(schedulerJobs).orderBy(asc(schedulerJobs.name));
  return rows.map((row) => {
    const limitMs = 3 * row.intervalSeconds * 1000;
    return {
      name: row.name,
      intervalSeconds: row.intervalSeconds,
      lastStartedAt: row.lastStartedAt?.toISOString() ?? null,
      lastSucceededAt: row.lastSucceededAt?.toISOString() ?? null,
      lastDurationMs: row.lastDurationMs,
      lastError: row.lastError,
      runs: row.runs,
      failures: row.failures,
      instance: row.lastInstance,
      failing: row.lastError !== null,
      stalled: row.lastSucceededAt ? ctx.now.getTime() - row.lastSucceededAt.getTime() > limitMs : row.failures >= 3,
    };
  });
}
