import "server-only";
import type { Ctx } from "../auth/actor";
import { listJobHealth } from "../scheduler/job-health";
import { applySignal, openAlerts, resolveAlert } from "./alert-store";

/** Jobs whose standstill blinds on-call: alerting itself and its notifications. */
const CRITICAL_JOBS = new Set(["drift-evaluate", "webhooks-deliver"]);
/** A stalled job is pending first; it fires when still stalled this many of its intervals later (a restart is not an outage). */
const CONFIRM_INTERVALS = 2;

/**
 * Raises job_stalled for every background job that has not succeeded for three intervals
 * (listJobHealth), except `self` — a job cannot judge itself while it runs. The evaluator and
 * the webhook job each watch the other.
 */
export async function evaluateJobAlerts(ctx: Ctx, self: string): Promise<number> {
  const open = new Map([...(await openAlerts(ctx.db, ["job_stalled"])).values()].map((row) => [row.labels.job ?? "", row]));
  let changes = 0;
  for (const job of await listJobHealth(ctx)) {
    if (job.name === self) continue;
    const alert = open.get(job.name);
    if (!job.stalled) {
      if (alert) await resolveAlert(ctx.db, alert, ctx.now, "the job succeeded again");
      changes += alert ? 1 : 0;
      continue;
    }
    const confirmed = alert !== undefined && ctx.now.getTime() - alert.startsAt.getTime() >= CONFIRM_INTERVALS * job.intervalSeconds * 1000;
    const since = job.lastSucceededAt ? `since ${job.lastSucceededAt}` : "ever";
    await applySignal(ctx.db, alert, {
      kind: "job_stalled",
      identity: { job: job.name },
      state: confirmed ? "firing" : "pending",
      severity: CRITICAL_JOBS.has(job.name) ? "critical" : "warning",
      summary: `Background job ${job.name} has not succeeded ${since} (runs every ${job.intervalSeconds} s)`,
      description: job.lastError ? `Last error: ${job.lastError}` : "No run has started or finished: no console instance is running the scheduler, or it is stuck.",
      evidence: { ...job },
    }, ctx.now);
    changes += alert ? 0 : 1;
  }
  return changes;
}
