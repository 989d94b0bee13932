// Transparency log at scale, on a fresh PostgreSQL database (created and dropped here):
//   1. append: the sequencer appends N stored receipts (default 1,000,000) — leaves/s, next to
//      a raw INSERT of the same node rows (precomputed hashes, same batches, same statement);
//   2. proofs at N: inclusion and consistency proof latency p50/p99 through the services (the
//      API's path: checkpoint lookup + one batched node read), next to the same proofs computed
//      in memory (MemoryTree) and a bare `select 1` round trip;
//   3. bundle export: a 10 % selection (100,000 receipts at 1M) streamed as an evidence bundle,
//      next to a plain keyset read of the same rows' bytes;
//   4. peak RSS.
//
//   node --conditions=react-server --import tsx lib/bench/tlog.ts [--leaves 1000000] [--samples 2000]
// Needs PostgreSQL (COUNTERSIGN_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { MemoryTree, completedNodes, formatVerifierKey, generateSignerKey, createNoteSigner } from "../core/tlog";
import type { Ctx } from "../server/auth/actor";
import { openDatabase, type DatabaseHandle } from "../server/db/client";
import { migrateDatabase, rowsOf } from "../server/db/migrate";
import { uuidv7 } from "../server/db/uuidv7";
import { checkpointIfGrown, exportEvidenceBundle, getConsistencyProof, getInclusionProof, sequencePending, type LogSigner } from "../server/tlog";
import { BENCH_ADMIN_URL as ADMIN_URL } from "./bench-postgres";

const { values } = parseArgs({ options: { leaves: { type: "string", default: "1000000" }, samples: { type: "string", default: "2000" } } });
const LEAVES = Number(values.leaves);
const SAMPLES = Number(values.samples);
const SEED_BATCH = 10_000;
const SEQUENCE_BATCH = 5000;
const ROUND = 20_000;
const NOW = new Date();

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const fmt = (n: number) => n.toLocaleString("en-US");

/** A receipt-sized (≈ 620 bytes) compact-JWS-shaped entry, deterministic per index. */
function entry(i: number): Buffer {
  const body = createHash("sha512").update(`receipt ${i}`).digest("base64url");
  return Buffer.from(`eyJhbGciOiJFZERTQSIsImtpZCI6ImJlbmNoIn0.${body.repeat(6)}.${body}${body}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latencies(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 50; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Stores receipts [first, end) as ingest would (time-ordered ids, verdict columns only, no verification), pending in the log; returns ms. */
async function seedReceipts(db: DatabaseHandle["db"], sourceId: string, first: number, end: number): Promise<number> {
  const start = performance.now();
  for (let from = first; from < end; from += SEED_BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(end, from + SEED_BATCH); i++) {
      const raw = entry(i);
      const received = new Date(NOW.getTime() - (LEAVES - i) * 10);
      rows.push({ id: uuidv7(received), iss: i % 10 === 0 ? "bench-a" : "bench-b", rid: `r-${i}`, raw: raw.toString("hex"), sha: createHash("sha256").update(raw).digest("hex"), t: received.toISOString() });
    }
    await db.execute(sql`
      with inserted as (
        insert into receipts (id, iss, receipt_id, raw, sha256, format, verdict, verified_at, ts, source_id, received_at)
        select x.id, x.iss, x.rid, decode(x.raw, 'hex'), x.sha, 'compact', 'unknown_issuer', x.t, x.t, ${sourceId}::uuid, x.t
        from json_to_recordset(${JSON.stringify(rows)}::json) as x(id uuid, iss text, rid text, raw text, sha text, t timestamptz)
        returning id, received_at, sha256(decode('00', 'hex') || raw) as leaf_hash
      )
      insert into tlog_pending (received_at, receipt_id, leaf_hash) select received_at, id, leaf_hash from inserted`);
  }
  return performance.now() - start;
}

/** Baseline: INSERT the same node rows the sequencer writes (random hashes), same batches and statement. */
async function baselineNodeInserts(db: DatabaseHandle["db"]): Promise<number> {
  await db.execute(sql`create table bench_nodes (like tlog_nodes including all)`);
  const start = performance.now();
  for (let from = 0; from < LEAVES; from += SEQUENCE_BATCH) {
    const nodes = [];
    for (let i = from; i < Math.min(LEAVES, from + SEQUENCE_BATCH); i++) {
      for (const node of completedNodes(i + 1)) nodes.push({ l: node.level, i: node.index, h: randomBytes(32).toString("hex"), r: node.level === 0 ? randomUUID() : null });
    }
    await db.execute(sql`
      insert into bench_nodes (level, idx, hash, receipt_id)
      select x.l, x.i, decode(x.h, 'hex'), x.r from json_to_recordset(${JSON.stringify(nodes)}::json) as x(l smallint, i bigint, h text, r uuid)`);
  }
  const elapsed = performance.now() - start;
  await db.execute(sql`drop table bench_nodes`);
  return elapsed;
}

/**
 * Receipts arrive in rounds and the sequencer catches up after each, as it does behind ingest
 * (a few pending receipts at a time, taken from tlog_pending). Only sequencing is timed.
 */
async function appendPhase(handle: DatabaseHandle, log: LogSigner, sourceId: string): Promise<void> {
  let seedMs = 0;
  let appendMs = 0;
  for (let from = 0; from < LEAVES; from += ROUND) {
    seedMs += await seedReceipts(handle.db, sourceId, from, Math.min(LEAVES, from + ROUND));
    if (from === 0) await handle.db.execute(sql`analyze receipts`);
    const start = performance.now();
    const result = await sequencePending(handle.db, { batchSize: SEQUENCE_BATCH });
    appendMs += performance.now() - start;
    if (result.size !== Math.min(LEAVES, from + ROUND)) throw new Error(`sequenced ${result.size} of ${from + ROUND}`);
  }
  await handle.db.execute(sql`analyze tlog_nodes`); // as autovacuum will have done on a log this size
  console.log(`seeded ${fmt(LEAVES)} receipts (≈ ${entry(0).length} B each) at ${fmt(rate(LEAVES, seedMs))} rows/s, in rounds of ${fmt(ROUND)} (context: the ingest side)`);
  const baselineMs = await baselineNodeInserts(handle.db);
  const checkpointStart = performance.now();
  await checkpointIfGrown(handle.db, log, NOW);
  const checkpointMs = performance.now() - checkpointStart;
  console.log(`append    ${fmt(rate(LEAVES, appendMs))} leaves/s (${(appendMs / 1000).toFixed(1)} s for ${fmt(LEAVES)}: take pending receipts, hash, store nodes)`);
  console.log(`          baseline raw INSERT of the same node rows: ${fmt(rate(LEAVES, baselineMs))} leaves/s → ratio ${(baselineMs / appendMs).toFixed(2)}`);
  console.log(`checkpoint at ${fmt(LEAVES)}: ${checkpointMs.toFixed(1)} ms (root from ${Math.ceil(Math.log2(LEAVES))}-odd stored subtrees + Ed25519 signature)`);
}

type Latency = { p50: number; p99: number };
const ROUNDS = 3;

/** Each case's latencies over ROUNDS interleaved rounds; the best round's p50 and p99 (the least disturbed by other load). */
async function interleaved(cases: Record<string, (i: number) => Promise<unknown> | unknown>): Promise<Record<string, Latency>> {
  const best: Record<string, Latency> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(cases)) {
      const l = await latencies(SAMPLES, (i) => fn(i + round * SAMPLES));
      best[name] = { p50: Math.min(best[name]?.p50 ?? Infinity, l.p50), p99: Math.min(best[name]?.p99 ?? Infinity, l.p99) };
    }
  }
  return best;
}

async function proofPhase(ctx: Ctx, log: LogSigner, pool: postgres.Sql): Promise<void> {
  const pick = (i: number) => (i * 2_654_435_761) % LEAVES;
  const size = String(LEAVES);
  const memStart = performance.now();
  const tree = new MemoryTree();
  for (let i = 0; i < LEAVES; i++) tree.append(entry(i));
  const buildMs = performance.now() - memStart;
  const l = await interleaved({
    inclusion: (i) => getInclusionProof(ctx, log, { index: String(pick(i)), size }),
    consistency: (i) => getConsistencyProof(ctx, log, { from: String(1 + (pick(i) % (LEAVES - 1))), to: size }),
    memInclusion: (i) => tree.inclusionProof(pick(i)),
    memConsistency: (i) => tree.consistencyProof(1 + (pick(i) % (LEAVES - 1))),
    roundTrip: () => pool`select 1`,
  });
  const ms = (x: Latency) => `p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms`;
  console.log(`(latencies: best of ${ROUNDS} interleaved rounds of ${fmt(SAMPLES)} samples each)`);
  console.log(`inclusion proof at ${fmt(LEAVES)} (service, from the database, with its checkpoint): ${ms(l.inclusion!)}  [target p99 < 10 ms]`);
  console.log(`consistency proof at ${fmt(LEAVES)} (service, from the database, with its checkpoint): ${ms(l.consistency!)}`);
  console.log(`          baselines: in-memory MemoryTree inclusion ${ms(l.memInclusion!)}, consistency ${ms(l.memConsistency!)} (built in ${(buildMs / 1000).toFixed(1)} s); bare select 1 ${ms(l.roundTrip!)}`);
  console.log(`          ratios (p50): inclusion ${(l.inclusion!.p50 / l.roundTrip!.p50).toFixed(1)}× a round trip, ${(l.inclusion!.p50 / l.memInclusion!.p50).toFixed(0)}× in memory; consistency ${(l.consistency!.p50 / l.roundTrip!.p50).toFixed(1)}× a round trip, ${(l.consistency!.p50 / l.memConsistency!.p50).toFixed(0)}× in memory`);
}

async function bundlePhase(ctx: Ctx, log: LogSigner, pool: postgres.Sql): Promise<void> {
  const before = rssMb();
  const start = performance.now();
  const bundle = await exportEvidenceBundle(ctx, log, { issuer: "bench-a" });
  let bytes = 0;
  const reader = bundle.stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  const exportMs = performance.now() - start;
  const baselineStart = performance.now();
  let after = -1;
  let rows = 0;
  for (;;) {
    const page = await pool`
      select r.id, n.idx as log_index, r.raw from tlog_nodes n join receipts r on r.id = n.receipt_id
      where n.level = 0 and r.iss = 'bench-a' and n.idx > ${after} order by n.idx limit 500`;
    if (page.length === 0) break;
    rows += page.length;
    after = Number(page[page.length - 1]!.log_index);
  }
  const baselineMs = performance.now() - baselineStart;
  console.log(`bundle export: ${fmt(bundle.receipts)} receipts, ${(bytes / 1e6).toFixed(0)} MB in ${(exportMs / 1000).toFixed(1)} s → ${fmt(rate(bundle.receipts, exportMs))} receipts/s, ${((bytes / 1e6 / exportMs) * 1000).toFixed(1)} MB/s; peak RSS ${before} → ${rssMb()} MB`);
  console.log(`          baseline keyset read of the same ${fmt(rows)} rows: ${fmt(rate(rows, baselineMs))} rows/s → ratio ${(baselineMs / exportMs).toFixed(2)}`);
}

async function main(): Promise<void> {
  const name = `cs_bench_tlog_${randomBytes(5).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDatabase({ kind: "postgres", url, poolSize: 4 });
  const pool = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(handle);
    const signer = await createNoteSigner((await generateSignerKey("bench.example/countersign")).signerKey);
    const log: LogSigner = { origin: signer.name, vkey: formatVerifierKey(signer.verifierKey), signer };
    const [source] = rowsOf<{ id: string }>(await handle.db.execute(sql`insert into sources (name, token_hash, token_prefix) values ('bench', 'x', 'x') returning id`));
    const ctx: Ctx = { db: handle.db, actor: { type: "system", name: "bench" }, now: NOW };
    console.log(`transparency log benchmark: ${fmt(LEAVES)} leaves, ${fmt(SAMPLES)} proof samples, PostgreSQL ${name}`);
    await appendPhase(handle, log, source!.id);
    await bundlePhase(ctx, log, pool);
    console.log(`peak RSS before the in-memory baseline: ${rssMb()} MB`);
    await proofPhase(ctx, log, pool);
    console.log(`peak RSS (with a ${fmt(LEAVES)}-leaf MemoryTree baseline in memory): ${rssMb()} MB`);
  } finally {
    await pool.end({ timeout: 1 });
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 1 });
  }
}

await main();
