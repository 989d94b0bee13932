import "server-only";
import { sql } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import { refreshHourlyRollup } from "../drift/rollup-hour";
import { parseInput } from "../http/parse-input";
import { enqueueNotifications } from "../webhooks/enqueue-notifications";
import { alertConfig } from "./alert-config";
import { evaluateGrantAlerts } from "./evaluate-grant-alerts";
import { evaluateJobAlerts } from "./evaluate-job-alerts";
import { evaluateRateAlerts } from "./evaluate-rate-alerts";
import { evaluateReceiptAlerts } from "./evaluate-receipt-alerts";
import { evaluateSilenceAlerts } from "./evaluate-silence-alerts";
import { EvaluateAlertsInput } from "./schemas";

/** The scheduler job that evaluates alerts; job_stalled for it is raised by the webhook job. */
export const EVALUATE_JOB = "drift-evaluate";

export type EvaluationSummary = {
  at: string;
  durationMs: number;
  streams: number;
  sources: number;
  rateTransitions: number;
  silenceTransitions: number;
  eventChanges: number;
  baselinesRefreshed: boolean;
  notificationsQueued: number;
};

/** Serializes everything that writes alerts (the evaluator, the webhook job, a manual run). */
export async function lockAlerts(ctx: Ctx): Promise<void> {
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext('countersign:alerts'))`);
}

/**
 * One full evaluation, in one transaction: hourly rollup, silent sources, every rate stream,
 * break-glass uses, receipt findings, stalled jobs; then notifications for what changed.
 * The scheduler runs it every minute; admins may run it now (after a backfill, say).
 */
export async function evaluateAlerts(ctx: Ctx, rawInput: EvaluateAlertsInput = {}): Promise<EvaluationSummary> {
  requireRole(ctx, "admin");
  const input = parseInput(EvaluateAlertsInput, rawInput);
  const started = performance.now();
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    await lockAlerts(txCtx);
    await refreshHourlyRollup(tx, ctx.now, input.refreshBaselines);
    const silence = await evaluateSilenceAlerts(txCtx);
    const rate = await evaluateRateAlerts(txCtx, { suppressedSources: silence.suppressed, refreshBaselines: input.refreshBaselines });
    const eventChanges = (await evaluateGrantAlerts(txCtx)) + (await evaluateReceiptAlerts(txCtx)) + (await evaluateJobAlerts(txCtx, EVALUATE_JOB));
    const notificationsQueued = await enqueueNotifications(txCtx, alertConfig());
    return {
      at: ctx.now.toISOString(),
      durationMs: Math.round(performance.now() - started),
      streams: rate.streams,
      sources: silence.sources,
      rateTransitions: rate.transitions,
      silenceTransitions: silence.transitions,
      eventChanges,
      baselinesRefreshed: rate.baselinesRefreshed,
      notificationsQueued,
    };
  });
}
