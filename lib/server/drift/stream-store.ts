import "server-only";
import { sql } from "drizzle-orm";
import type { Baseline, RateAlertState } from "@/lib/core/drift";
import type { DbOrTx } from "../db";
import { rowsOf } from "../db/migrate";
import type { FoldedMemory } from "./late-fold";
import { streamId, type WatchedOutcome } from "./stream-key";

/** A detector stream as stored: baseline (cached, refreshed hourly), detector state and folded counts. */
export type StoredStream = {
  surface: string;
  outcome: WatchedOutcome;
  state: RateAlertState | null;
  folded: FoldedMemory;
  baseline: Baseline | null;
  baselineAt: number | null;
};

type Row = { surface: string; outcome: WatchedOutcome; state: RateAlertState | null; folded: FoldedMemory; baseline: Baseline | null; baseline_at: number | null };

/** Every stored stream, keyed by streamId. */
export async function loadStreams(db: DbOrTx, surface?: string): Promise<Map<string, StoredStream>> {
  const result = await db.execute(sql`
    select surface, outcome, state, folded, baseline, (extract(epoch from baseline_at) * 1000)::float8 as baseline_at
    from drift_streams ${surface === undefined ? sql`` : sql`where surface = ${surface}`}`);
  const streams = new Map<string, StoredStream>();
  for (const row of rowsOf<Row>(result)) {
    streams.set(streamId(row.surface, row.outcome), {
      surface: row.surface,
      outcome: row.outcome,
      state: row.state,
      folded: row.folded,
      baseline: row.baseline,
      baselineAt: row.baseline_at === null ? null : Number(row.baseline_at),
    });
  }
  return streams;
}

/** Only the cached baselines (what charts draw), keyed by streamId: cheaper than loadStreams. */
export async function loadBaselines(db: DbOrTx, surface?: string): Promise<Map<string, { surface: string; outcome: WatchedOutcome; baseline: Baseline | null }>> {
  const result = await db.execute(sql`select surface, outcome, baseline from drift_streams ${surface === undefined ? sql`` : sql`where surface = ${surface}`}`);
  const rows = rowsOf<{ surface: string; outcome: WatchedOutcome; baseline: Baseline | null }>(result);
  return new Map(rows.map((row) => [streamId(row.surface, row.outcome), row]));
}

/** Writes every stream in one statement (the evaluator's only write per stream per run). */
export async function saveStreams(db: DbOrTx, streams: readonly StoredStream[], now: Date): Promise<void> {
  if (streams.length === 0) return;
  const payload = JSON.stringify(
    streams.map((s) => ({
      surface: s.surface,
      outcome: s.outcome,
      state: s.state,
      folded: s.folded,
      baseline: s.baseline,
      baseline_at: s.baselineAt === null ? null : new Date(s.baselineAt).toISOString(),
    })),
  );
  await db.execute(sql`
    insert into drift_streams (surface, outcome, state, folded, baseline, baseline_at, updated_at)
    select surface, outcome, state, folded, baseline, baseline_at, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${payload}::jsonb) as x(surface text, outcome text, state jsonb, folded jsonb, baseline jsonb, baseline_at timestamptz)
    order by surface, outcome
    on conflict (surface, outcome) do update set state = excluded.state, folded = excluded.folded, baseline = excluded.baseline,
      baseline_at = excluded.baseline_at, updated_at = excluded.updated_at`);
}

/** Forgets the streams of surfaces that are no longer evaluated (no decisions in 14 days, no open alert). */
export async function pruneStreams(db: DbOrTx, keep: readonly string[]): Promise<void> {
  const payload = JSON.stringify(keep);
  await db.execute(sql`delete from drift_streams where surface not in (select jsonb_array_elements_text(${payload}::jsonb))`);
}
