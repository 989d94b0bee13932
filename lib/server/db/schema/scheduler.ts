import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// One row per background job: its own health, shown in the console and alerted when stalled.
export const schedulerJobs = pgTable("scheduler_jobs", {
  name: text("name").primaryKey(),
  intervalSeconds: integer("interval_seconds").notNull(),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true }),
  lastFinishedAt: timestamp("last_finished_at", { withTimezone: true }),
  lastSucceededAt: timestamp("last_succeeded_at", { withTimezone: true }),
  lastDurationMs: integer("last_duration_ms"),
  lastError: text("last_error"),
  runs: integer("runs").notNull().default(0),
  failures: integer("failures").notNull().default(0),
  lastInstance: text("last_instance"),
});
