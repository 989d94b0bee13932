// npm run bench:explorer — the event explorer's queries on 1,000,000 decision events in a real
// PostgreSQL: p50/p99 per filter combination and for a deep keyset page, next to a full-table
// scan of the same table measured in the same run (what a query without a usable index costs).
import postgres from "postgres";
import { listEvents } from "../server/events";
import { openDatabase } from "../server/db/client";
import { migrateDatabase } from "../server/db/migrate";
import { createSource } from "../server/sources";
import { roleCtx, systemCtx } from "../server/testing/contexts";
import { BENCH_ADMIN_URL as ADMIN_URL } from "./bench-postgres";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const name = `cs_bench_explorer_${process.pid}`;
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const database = await openDatabase({ kind: "postgres", url: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), poolSize: 4 });
try {
  await migrateDatabase(database);
  const { source } = await createSource(systemCtx(database.db), { name: "bench" });
  const raw = postgres(ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), { max: 1, onnotice: () => {} });
  const started = performance.now();
  // 50 surfaces, 2,000 sessions, 200 actors over 30 days; ~3% DENY, ~1% SILENCE.
  await raw.unsafe(`
    insert into decision_events (source_id, fingerprint, ts, time_unix_nano, time_source, received_at, event_name, surface,
      outcome, decision, decision_source, session_id, tool_use_id, actor, gate_id, resource_attributes, attributes)
    select '${source.id}', md5(i::text), now() - (i * interval '2592 milliseconds'), '0', 'time', now(), 'tool_decision',
      'surface-' || (i % 50), case when i % 100 < 3 then 'DENY' when i % 100 = 3 then 'SILENCE' else 'PERMIT' end, 'accept',
      case when i % 7 = 0 then 'hook' else 'config' end, 'session-' || (i % 2000), 'toolu_' || i, 'agent-' || (i % 200),
      'gate-' || (i % 10), '{}'::jsonb, jsonb_build_object('n', i)
    from generate_series(1, ${ROWS}) as i`);
  await raw.unsafe("analyze decision_events");
  console.log(`loaded ${ROWS.toLocaleString()} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const ctx = roleCtx(database.db, ["auditor"]);
  const scan = await time(() => raw.unsafe("select count(*) from decision_events where attributes->>'n' = '-1'"));
  console.log(`baseline: full-table scan p50 ${scan.p50.toFixed(1)} ms, p99 ${scan.p99.toFixed(1)} ms`);

  const deepCursor = await (async () => {
    let cursor: string | undefined;
    for (let page = 0; page < 200; page++) cursor = (await listEvents(ctx, { limit: 100, cursor })).nextCursor ?? undefined;
    return cursor;
  })();
  const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
  const cases: Array<[string, Parameters<typeof listEvents>[1]]> = [
    ["newest page, no filter", {}],
    ["surface", { surface: "surface-7" }],
    ["surface + outcome DENY", { surface: "surface-7", outcome: "DENY" }],
    ["outcome SILENCE, last 24 h", { outcome: "SILENCE", from: dayAgo }],
    ["session", { session: "session-42" }],
    ["actor", { actor: "agent-17" }],
    ["decision source + gate", { decisionSource: "hook", gate: "gate-3" }],
    ["page 201 (keyset, 20,000 rows deep)", { limit: 100, cursor: deepCursor }],
  ];
  for (const [label, input] of cases) {
    const result = await time(() => listEvents(ctx, input));
    console.log(`${label.padEnd(40)} p50 ${result.p50.toFixed(1).padStart(7)} ms  p99 ${result.p99.toFixed(1).padStart(7)} ms  (${(scan.p50 / result.p50).toFixed(0)}× faster than the scan)`);
  }
  await raw.end();
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
