import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { requireRole, ANY_ROLE, type Ctx } from "../auth/actor";
import { rowsOf } from "../db/migrate";
import { tlogCheckpoints, tlogPending } from "../db/schema";
import { latestStoredCheckpoint, otherKeyCheckpointCount, toCheckpointView, type CheckpointView } from "./checkpoints";
import type { LogSigner } from "./log-key";
import { treeSize } from "./nodes";
import { parseLogQuery } from "./query-input";
import { CheckpointHistoryInput, LogGrowthInput, type GROWTH_RANGES } from "./schemas";

/** What the log page shows at the top. */
export type LogOverview = {
  origin: string;
  vkey: string;
  size: number;
  latest: CheckpointView | null;
  /** Stored receipts the sequencer has not appended yet (normally 0 within a second). */
  pending: number;
  /** Checkpoints signed by an earlier log key (kept, but not served with proofs). */
  otherKeyCheckpoints: number;
};

/** The log's size, latest checkpoint and key, for the console. */
export async function getLogOverview(ctx: Ctx, log: LogSigner): Promise<LogOverview> {
  requireRole(ctx, ...ANY_ROLE);
  const [size, latest, pending, otherKeyCheckpoints] = await Promise.all([
    treeSize(ctx.db),
    latestStoredCheckpoint(ctx.db, log),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(tlogPending),
    otherKeyCheckpointCount(ctx.db, log),
  ]);
  return { origin: log.origin, vkey: log.vkey, size, latest: latest ?? null, pending: Number(pending[0]?.n ?? 0), otherKeyCheckpoints };
}

/** Checkpoints signed by the current key, largest first; keyset-paged by size. Public. */
export async function listCheckpoints(ctx: Ctx, log: LogSigner, rawInput: CheckpointHistoryInput): Promise<{ items: CheckpointView[]; nextCursor: string | null }> {
  const input = parseLogQuery(CheckpointHistoryInput, rawInput);
  const filters = [eq(tlogCheckpoints.vkey, log.vkey), ...(input.cursor !== undefined ? [lt(tlogCheckpoints.size, input.cursor)] : [])];
  const rows = await ctx.db
    .select()
    .from(tlogCheckpoints)
    .where(and(...filters))
    .orderBy(desc(tlogCheckpoints.size))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(toCheckpointView);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? String(last.size) : null };
}

const BUCKETS: Record<(typeof GROWTH_RANGES)[number], { rangeMs: number; bucket: string }> = {
  "24h": { rangeMs: 24 * 3600_000, bucket: "5 minutes" },
  "7d": { rangeMs: 7 * 24 * 3600_000, bucket: "1 hour" },
  "30d": { rangeMs: 30 * 24 * 3600_000, bucket: "6 hours" },
  "365d": { rangeMs: 365 * 24 * 3600_000, bucket: "1 day" },
};

/** One point of the growth chart: the log's size at the end of a time bucket. */
export type GrowthPoint = { t: string; size: number };

/**
 * The log's size over time from its growth checkpoints: the largest size per bucket, starting
 * from the size the log had when the range began. Console only.
 */
export async function getLogGrowth(ctx: Ctx, log: LogSigner, rawInput: LogGrowthInput): Promise<GrowthPoint[]> {
  requireRole(ctx, ...ANY_ROLE);
  const { range } = parseLogQuery(LogGrowthInput, rawInput);
  const { rangeMs, bucket } = BUCKETS[range];
  const since = new Date(ctx.now.getTime() - rangeMs);
  const result = await ctx.db.execute(sql`
    select date_bin(${bucket}::interval, issued_at, timestamptz '2000-01-01') as t, max(size)::bigint as size
    from tlog_checkpoints
    where vkey = ${log.vkey} and reason = 'growth' and issued_at >= ${since.toISOString()}::timestamptz
    group by 1 order by 1`);
  const [before] = await ctx.db
    .select({ size: tlogCheckpoints.size })
    .from(tlogCheckpoints)
    .where(and(eq(tlogCheckpoints.vkey, log.vkey), eq(tlogCheckpoints.reason, "growth"), lt(tlogCheckpoints.issuedAt, since)))
    .orderBy(desc(tlogCheckpoints.size))
    .limit(1);
  const points = rowsOf<{ t: string | Date; size: string | number }>(result).map((row) => ({ t: new Date(row.t).toISOString(), size: Number(row.size) }));
  return before ? [{ t: since.toISOString(), size: before.size }, ...points] : points;
}
