// npm run bench:drift — the drift dashboard and the alert evaluator on 10,000,000 decision events
// over 30 days and 50 surfaces in a real PostgreSQL: p50/p99 of the dashboard's 24 h and 7 d
// queries (from the rollups), full evaluation passes, and — on the same data in the same run —
// the same chart aggregation computed from the raw events table, as the ratio the rollups buy.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { evaluateAlerts, installAlertConfig } from "../server/alerts";
import { openDatabase } from "../server/db/client";
import { migrateDatabase } from "../server/db/migrate";
import { chartWindow, getDriftOverview, getDriftSeries, type DriftRange } from "../server/drift";
import { surfaceCounts } from "../server/drift/drift-queries";
import { createSource } from "../server/sources";
import { roleCtx, systemCtx } from "../server/testing/contexts";
import { BENCH_ADMIN_URL as ADMIN_URL } from "./bench-postgres";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const CHUNK = 1_000_000;
const SURFACES = 50;
const SOURCES = 5;
const DAYS = 30;
const RUNS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(run: () => Promise<unknown>, runs = RUNS): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function once(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const ms = (x: number) => `${x.toFixed(1).padStart(8)} ms`;
const s = (x: number) => `${(x / 1000).toFixed(1)} s`;

// Surfaces are skewed (surface-0 busiest, surface-49 quietest, ~25× apart), each served by one of
// five gates (sources); DENY about 2 % and SILENCE 0.5 %, varying by surface; surface-3's DENY
// rate jumps to 30 % in the last 20 minutes. Arithmetic on float8: numeric power() is slow.
function loadChunk(from: number, to: number, now: string): string {
  const spacingMs = (DAYS * 86_400_000) / ROWS;
  return `
    with gates as (select array_agg(id order by name) as ids from sources)
    insert into decision_events (source_id, fingerprint, ts, time_unix_nano, time_source, received_at, event_name, surface,
      outcome, decision, decision_source, session_id, tool_use_id, actor, gate_id, resource_attributes, attributes)
    select gates.ids[1 + s % ${SOURCES}], 'fp-' || i, t, '0', 'time', t, 'tool_decision', 'surface-' || s,
      case when r < 20 + s % 7 or (s = 3 and t > '${now}'::timestamptz - interval '20 minutes' and r < 300) then 'DENY'
           when r < 25 + s % 7 + s % 3 then 'SILENCE' else 'PERMIT' end,
      'accept', 'config', 'session-' || (i % 5000), 'toolu_' || i, 'agent-' || (i % 300), 'gate-' || (s % ${SOURCES}), '{}'::jsonb, '{}'::jsonb
    from gates, (
      select i, '${now}'::timestamptz - (i * interval '${spacingMs} milliseconds') as t,
        floor(${SURFACES} * power(((i * 104729) % 1000003)::float8 / 1000003, 2.5))::int as s,
        (i * 7919) % 1000 as r
      from generate_series(${from}::bigint, ${to - 1}::bigint) as i
    ) x`;
}

const name = `cs_bench_drift_${process.pid}`;
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
const database = await openDatabase({ kind: "postgres", url, poolSize: 4 });
const raw = postgres(url, { max: 1, onnotice: () => {} });
installAlertConfig({ publicUrl: "http://bench.invalid", evaluateIntervalSeconds: 60, repeatIntervalSeconds: 4 * 3600, webhookKey: async () => randomBytes(32) });
try {
  await migrateDatabase(database);
  for (let i = 0; i < SOURCES; i++) await createSource(systemCtx(database.db), { name: `bench-gate-${i}` });
  const nowMs = Math.floor(Date.now() / 60_000) * 60_000;
  const now = new Date(nowMs).toISOString();

  // Bulk load into an unlogged table without foreign keys or secondary indexes (a throwaway
  // database: query plans and timings do not depend on WAL), then the (ts) index the raw-table
  // queries use.
  const indexes = await raw<{ indexname: string }[]>`select indexname from pg_indexes where tablename = 'decision_events'`;
  for (const { indexname } of indexes) await raw.unsafe(`drop index ${indexname}`);
  for (const table of ["decision_events", "decision_rollup_minute"]) {
    const constraints = await raw<{ conname: string }[]>`select conname from pg_constraint where conrelid = ${table}::regclass and contype = 'f'`;
    for (const { conname } of constraints) await raw.unsafe(`alter table ${table} drop constraint ${conname}`);
    await raw.unsafe(`alter table ${table} set unlogged`);
  }
  await raw.unsafe("alter sequence decision_events_id_seq cache 10000");
  const loadStarted = performance.now();
  for (let from = 1; from <= ROWS; from += CHUNK) {
    await raw.unsafe(loadChunk(from, Math.min(ROWS + 1, from + CHUNK), now));
    process.stdout.write(`\rloading decision events: ${Math.min(ROWS, from + CHUNK - 1).toLocaleString()} of ${ROWS.toLocaleString()}`);
  }
  const loadMs = performance.now() - loadStarted;
  const indexMs = await once(() => raw.unsafe("create index decision_events_ts_idx on decision_events (ts desc, id desc)"));
  const rollupMs = await once(() =>
    raw.unsafe(`insert into decision_rollup_minute (minute, surface, outcome, source_id, count)
      select date_trunc('minute', ts), surface, outcome, source_id, count(*)::int from decision_events group by 1, 2, 3, 4`),
  );
  await raw.unsafe("analyze");
  const { minutes } = (await raw<{ minutes: number }[]>`select count(*)::int as minutes from decision_rollup_minute`)[0]!;
  console.log(`\nloaded ${ROWS.toLocaleString()} events in ${s(loadMs)} (${Math.round(ROWS / (loadMs / 1000)).toLocaleString()} rows/s), (ts) index in ${s(indexMs)}, minute rollup (${minutes.toLocaleString()} rows) in ${s(rollupMs)}`);

  // Evaluation: the first pass backfills the hourly rollup and computes every baseline.
  const at = (minutesLater: number) => new Date(nowMs + minutesLater * 60_000 + 5_000);
  const coldMs = await once(() => evaluateAlerts(systemCtx(database.db, at(1)), { refreshBaselines: true }));
  const { hours } = (await raw<{ hours: number }[]>`select count(*)::int as hours from drift_rollup_hour`)[0]!;
  await raw.unsafe("analyze drift_rollup_hour"); // autovacuum's job in a running console
  console.log(`first evaluation (hourly rollup backfill: ${hours.toLocaleString()} rows, 100 baselines): ${ms(coldMs)}`);
  const minutePasses: number[] = [];
  for (let m = 2; m <= 11; m++) minutePasses.push(await once(() => evaluateAlerts(systemCtx(database.db, at(m)), { refreshBaselines: false })));
  minutePasses.sort((a, b) => a - b);
  const fullMs = await once(() => evaluateAlerts(systemCtx(database.db, at(12)), { refreshBaselines: true }));
  const nextHour = Math.ceil((nowMs + 13 * 60_000) / 3_600_000) * 3_600_000;
  const hourlyMs = await once(() => evaluateAlerts(systemCtx(database.db, new Date(nextHour + 5_000)), { refreshBaselines: false }));
  const { open } = (await raw<{ open: number }[]>`select count(*)::int as open from alerts where state <> 'resolved'`)[0]!;
  console.log(`evaluation pass, every minute (${SURFACES} surfaces × DENY/SILENCE, 10 passes): p50 ${ms(percentile(minutePasses, 50))}, max ${ms(minutePasses[minutePasses.length - 1]!)}   target < 1000 ms`);
  console.log(`evaluation pass, first of the hour (48 h rollup refresh + all baselines):  ${ms(hourlyMs)}`);
  console.log(`evaluation pass, full (31-day rollup rebuild + all baselines, daily or after a backfill): ${ms(fullMs)}`);
  console.log(`open alerts after the passes: ${open} (surface-3 DENY shift in the last 20 minutes)`);

  // The dashboard as the page loads it: overview (all surfaces, sparklines) and one surface's chart.
  const ctx = roleCtx(database.db, ["oncall"], at(12));
  console.log("\ndashboard (services, from the rollups)                          p50        p99");
  for (const range of ["24h", "7d"] as DriftRange[]) {
    const overview = await time(() => getDriftOverview(ctx, { range }));
    const series = await time(() => getDriftSeries(ctx, { surface: "surface-0", range }));
    console.log(`  ${range.padEnd(3)} surfaces overview (50 surfaces, sparklines)       ${ms(overview.p50)} ${ms(overview.p99)}   target p99 < 100 ms`);
    console.log(`  ${range.padEnd(3)} one surface's chart (busiest surface)             ${ms(series.p50)} ${ms(series.p99)}`);
  }

  // The same aggregation, every surface at the chart's bucket width, from the rollups and from the raw table.
  console.log("\nall surfaces at chart resolution: rollups vs raw events          p50        p99");
  for (const range of ["24h", "7d"] as DriftRange[]) {
    const window = chartWindow(range, nowMs + 12 * 60_000);
    const fromRollup = await time(() => surfaceCounts(database.db, window));
    const bucket = `date_bin(interval '${window.bucketMs / 1000} seconds', ts, timestamptz '1970-01-01 00:00:00+00')`;
    const fromRaw = await time(
      () =>
        raw.unsafe(`select extract(epoch from ${bucket}) * 1000 as at, surface, count(*) as n,
          count(*) filter (where outcome = 'DENY') as deny, count(*) filter (where outcome = 'SILENCE') as silence
          from decision_events where ts >= '${new Date(window.from).toISOString()}' and ts < '${new Date(window.to).toISOString()}'
          group by ${bucket}, surface`),
      5,
    );
    const label = `${range} (${window.bucketMs / 60_000}-min buckets, ${window.table} rollup)`;
    console.log(`  ${label.padEnd(40)} rollup ${ms(fromRollup.p50)} ${ms(fromRollup.p99)}`);
    console.log(`  ${"".padEnd(40)} raw    ${ms(fromRaw.p50)} ${ms(fromRaw.p99)}   rollups ${(fromRaw.p50 / fromRollup.p50).toFixed(0)}× faster`);
  }
} finally {
  await raw.end();
  await database.close();
  // BENCH_KEEP=1 leaves the database for EXPLAIN-ing the queries by hand.
  if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
  else await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
