import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db";
import { rowsOf } from "../db/migrate";
import { WATERMARK_KEY } from "./rollup-hour";

/** Decisions on one surface in one bucket (a minute, an hour or wider), by outcome; `at` is epoch ms. */
export type SurfaceCounts = { at: number; surface: string; n: number; deny: number; silence: number };

type Table = "minute" | "hour";

const TABLES = {
  minute: { name: sql.raw("decision_rollup_minute"), time: sql.raw("minute") },
  hour: { name: sql.raw("drift_rollup_hour"), time: sql.raw("hour") },
} as const;

/**
 * Per-surface counts in [from, to) summed into buckets of `bucketMs` aligned to UTC multiples
 * (the alignment lib/core/drift's bucketize uses), from the minute or the hour rollup.
 *
 * The hour rollup is kept up to date by the evaluator, a pass at a time: it is complete only for
 * the hours before its watermark. Reading `hour` therefore takes those hours from the hour
 * rollup and everything from the watermark on (the current hour, and more if the evaluator has
 * fallen behind) from the minute rollup, so a chart never shows fewer decisions than arrived.
 */
export async function surfaceCounts(
  db: DbOrTx,
  range: { from: number; to: number; bucketMs: number; table: Table; surface?: string },
): Promise<SurfaceCounts[]> {
  const from = sql`${new Date(range.from).toISOString()}::timestamptz`;
  const to = sql`${new Date(range.to).toISOString()}::timestamptz`;
  const binned = (table: Table, lower: SQL, upper: SQL) => {
    const { name, time } = TABLES[table];
    return sql`
      select date_bin(${range.bucketMs / 1000} * interval '1 second', ${time}, timestamptz '1970-01-01 00:00:00+00') as bucket, surface, outcome, count
      from ${name}
      where ${time} >= ${lower} and ${time} < ${upper}
        ${range.surface === undefined ? sql`` : sql`and surface = ${range.surface}`}`;
  };
  const split = sql`(select coalesce((select to_timestamp((state->>'hour')::float8 / 1000) from alert_rule_state where key = ${WATERMARK_KEY}), '-infinity'::timestamptz))`;
  const rows =
    range.table === "minute"
      ? binned("minute", from, to)
      : sql`${binned("hour", from, sql`least(${to}, ${split})`)} union all ${binned("minute", sql`greatest(${from}, ${split})`, to)}`;
  // date_bin with the epoch as origin aligns buckets to UTC multiples of their width, like
  // bucketize; the epoch is extracted per group, not per row (extract() is numeric, and slow).
  const result = await db.execute(sql`
    select (extract(epoch from bucket) * 1000)::float8 as at, surface,
      sum(count)::float8 as n,
      coalesce(sum(count) filter (where outcome = 'DENY'), 0)::float8 as deny,
      coalesce(sum(count) filter (where outcome = 'SILENCE'), 0)::float8 as silence
    from (${rows}) rows
    group by bucket, surface`);
  return rowsOf<SurfaceCounts>(result).map((row) => ({ at: Number(row.at), surface: row.surface, n: Number(row.n), deny: Number(row.deny), silence: Number(row.silence) }));
}

/** Which sources sent decisions on which surfaces in [from, to). */
export async function surfaceSources(db: DbOrTx, from: number, to: number): Promise<Map<string, Set<string>>> {
  const result = await db.execute(sql`
    select distinct surface, source_id::text as source_id from decision_rollup_minute
    where minute >= ${new Date(from).toISOString()}::timestamptz and minute < ${new Date(to).toISOString()}::timestamptz`);
  const map = new Map<string, Set<string>>();
  for (const row of rowsOf<{ surface: string; source_id: string }>(result)) {
    if (!map.has(row.surface)) map.set(row.surface, new Set());
    map.get(row.surface)!.add(row.source_id);
  }
  return map;
}
