import "server-only";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { Ctx } from "../auth/actor";
import type { DatabaseHandle } from "../db";
import { schedulerJobs } from "../db/schema";
import { logger } from "../telemetry/logger";

/** A background job: runs every `intervalSeconds` in exactly one instance of the cluster. */
export type Job = { name: string; intervalSeconds: number; run(ctx: Ctx): Promise<void> };

const INSTANCE = `${hostname()}:${process.pid}`;

/**
 * Runs one job if no other instance is running it: a session-level advisory lock per job name
 * makes it single-writer across the cluster. Its health (last run, duration, error) is recorded.
 */
export async function runJobOnce(database: DatabaseHandle, job: Job, now = () => new Date()): Promise<"ran" | "failed" | "skipped"> {
  const locked = await database.tryWithAdvisoryLock(`countersign:job:${job.name}`, async () => {
    const started = now();
    await record(database, job, { lastStartedAt: started, lastInstance: INSTANCE });
    try {
      await job.run({ db: database.db, actor: { type: "system", name: `scheduler:${job.name}` }, now: started });
      const finished = now();
      await record(database, job, { lastFinishedAt: finished, lastSucceededAt: finished, lastDurationMs: finished.getTime() - started.getTime(), lastError: null }, "success");
      return "ran" as const;
    } catch (error) {
      const finished = now();
      logger.error({ err: error, job: job.name }, "scheduled job failed");
      const message = error instanceof Error ? error.message.slice(0, 1000) : String(error).slice(0, 1000);
      await record(database, job, { lastFinishedAt: finished, lastDurationMs: finished.getTime() - started.getTime(), lastError: message }, "failure");
      return "failed" as const;
    }
  });
  return locked ?? "skipped";
}

async function record(database: DatabaseHandle, job: Job, values: Partial<typeof schedulerJobs.$inferInsert>, outcome?: "success" | "failure") {
  const counters = outcome ? { runs: sql`${schedulerJobs.runs} + 1`, ...(outcome === "failure" ? { failures: sql`${schedulerJobs.failures} + 1` } : {}) } : {};
  await database.db
    .insert(schedulerJobs)
    .values({ name: job.name, intervalSeconds: job.intervalSeconds, ...values, runs: outcome ? 1 : 0, failures: outcome === "failure" ? 1 : 0 })
    .onConflictDoUpdate({ target: schedulerJobs.name, set: { intervalSeconds: job.intervalSeconds, ...values, ...counters } });
}

const state = globalThis as unknown as { __countersignScheduler?: { timers: NodeJS.Timeout[] } };

/** Starts every job on its interval in this process (idempotent); returns a stop function. */
export function startScheduler(database: DatabaseHandle, jobs: Job[]): () => void {
  if (state.__countersignScheduler) return () => stopScheduler();
  const timers = jobs.map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return; // a slow run is never overlapped by the next tick
      running = true;
      await runJobOnce(database, job).catch((error: unknown) => logger.error({ err: error, job: job.name }, "scheduler tick failed"));
      running = false;
    };
    return setInterval(tick, job.intervalSeconds * 1000).unref();
  });
  state.__countersignScheduler = { timers };
  return () => stopScheduler();
}

function stopScheduler(): void {
  for (const timer of state.__countersignScheduler?.timers ?? []) clearInterval(timer);
  state.__countersignScheduler = undefined;
}
