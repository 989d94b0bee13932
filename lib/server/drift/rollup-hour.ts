import "server-only";
import { sql } from "drizzle-orm";
import { DAY_MS, HOUR_MS } from "@/lib/core/drift";
import type { DbOrTx } from "../db";
import { rowsOf } from "../db/migrate";

/** alert_rule_state key holding `{hour}`: the hour rollup is complete for every hour before it. */
export const WATERMARK_KEY = "rollup-hour";
/** Every run re-aggregates this far back, so decisions that arrive a little late are counted. */
const RECENT_MS = 2 * HOUR_MS;
/** The first run of each hour reaches further back, for stragglers (an OTLP Collector flushing a buffer). */
const HOURLY_MS = 48 * HOUR_MS;
/** The first run of each UTC day, and a full run, rebuild everything the charts (30 d) and baselines (14 d) read. */
const FULL_MS = 31 * DAY_MS;

/** How far back a run re-aggregates, given the hour of the previous run. */
export function rollupLookbackMs(previousHour: number | undefined, hour: number, full: boolean): number | null {
  if (previousHour === undefined) return null; // first run ever: everything
  if (full || Math.floor(previousHour / DAY_MS) < Math.floor(hour / DAY_MS)) return FULL_MS;
  return previousHour < hour ? HOURLY_MS + (hour - previousHour) : RECENT_MS;
}

/**
 * Keeps drift_rollup_hour equal to the minute rollup summed per hour. The first run backfills
 * everything; later runs re-aggregate the last two hours, 48 h at the first run of an hour, and
 * 31 days at the first run of a UTC day or when asked (`full`, e.g. after a backfill).
 */
export async function refreshHourlyRollup(db: DbOrTx, now: Date, full = false): Promise<void> {
  const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const [mark] = rowsOf<{ state: { hour: number } }>(await db.execute(sql`select state from alert_rule_state where key = ${WATERMARK_KEY}`));
  const lookback = rollupLookbackMs(mark?.state.hour, hour, full);
  const from = lookback === null ? null : hour - lookback;
  await db.execute(sql`
    insert into drift_rollup_hour (hour, surface, outcome, source_id, count)
    select date_trunc('hour', minute), surface, outcome, source_id, sum(count)::int
    from decision_rollup_minute
    where ${from === null ? sql`true` : sql`minute >= ${new Date(from).toISOString()}::timestamptz`}
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (hour, surface, outcome, source_id) do update set count = excluded.count
    where drift_rollup_hour.count is distinct from excluded.count`);
  await db.execute(sql`
    insert into alert_rule_state (key, state, updated_at) values (${WATERMARK_KEY}, ${JSON.stringify({ hour })}::jsonb, ${now.toISOString()}::timestamptz)
    on conflict (key) do update set state = excluded.state, updated_at = excluded.updated_at`);
}
