import "server-only";
import type { Job } from "../scheduler/scheduler";
import { deliverDueWebhooks } from "../webhooks/deliver-webhooks";
import { enqueueNotifications } from "../webhooks/enqueue-notifications";
import { alertConfig } from "./alert-config";
import { EVALUATE_JOB, evaluateAlerts, lockAlerts } from "./evaluate-alerts";
import { evaluateJobAlerts } from "./evaluate-job-alerts";

export const DELIVER_JOB = "webhooks-deliver";
const DELIVER_INTERVAL_SECONDS = 10;

/**
 * The alerting jobs: evaluation (every minute by default, baselines refreshed hourly) and
 * webhook delivery (every 10 s), which also watches the evaluator: if it stalls, job_stalled
 * is raised and notified from here.
 */
export function alertJobs(): Job[] {
  return [
    {
      name: EVALUATE_JOB,
      intervalSeconds: alertConfig().evaluateIntervalSeconds,
      run: async (ctx) => void (await evaluateAlerts(ctx, { refreshBaselines: false })),
    },
    {
      name: DELIVER_JOB,
      intervalSeconds: DELIVER_INTERVAL_SECONDS,
      run: async (ctx) => {
        await ctx.db.transaction(async (tx) => {
          const txCtx = { ...ctx, db: tx };
          await lockAlerts(txCtx);
          await evaluateJobAlerts(txCtx, DELIVER_JOB);
          await enqueueNotifications(txCtx, alertConfig());
        });
        await deliverDueWebhooks(ctx);
      },
    },
  ];
}
