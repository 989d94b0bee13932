import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db";
import { rowsOf } from "../db/migrate";

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
 */
export async function surfaceCounts(
  db: DbOrTx,
  range: { from: number; to: number; bucketMs: number; table: Table; surface?: string },
): Promise<SurfaceCounts[]> {
  const { name, time } = TABLES[range.table];
  // date_bin with the epoch as origin aligns buckets to UTC multiples of their width, like
  // bucketize; the epoch is extracted per group, not per row (extract() is numeric, and slow).
  const result = await db.execute(sql`
    select (extract(epoch from bucket) * 1000)::float8 as at, surface,
      sum(count)::float8 as n,
      coalesce(sum(count) filter (where outcome = 'DENY'), 0)::float8 as deny,
      coalesce(sum(count) filter (where outcome = 'SILENCE'), 0)::float8 as silence
    from (
      select date_bin(${range.bucketMs / 1000} * interval '1 second', ${time}, timestamptz '1970-01-01 00:00:00+00') as bucket, surface, outcome, count
      from ${name}
      where ${time} >= ${new Date(range.from).toISOString()}::timestamptz and ${time} < ${new Date(range.to).toISOString()}::timestamptz
        ${range.surface === undefined ? sql`` : sql`and surface = ${range.surface}`}
    ) rows
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
