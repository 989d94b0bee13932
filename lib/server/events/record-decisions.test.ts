import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeExportLogsRequest, normalizeLogsRequest, type DecisionRow } from "@/lib/core/otlp";
import { rowsOf } from "../db/migrate";
import { createSource } from "../sources";
import { systemCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { copyDecisionBatch, stageDecisionBatch } from "./copy-decisions";
import { encodeDecisionBatch } from "./decision-batch";
import { insertDecisions } from "./insert-decisions";
import { recordDecisions } from "./record-decisions";

const BASE_NS = 1_795_183_237_123_456_789n;
const RECEIVED_AT = new Date("2026-11-22T12:00:00.000Z");
const ODD = ["tab\there", "two\nlines\r\n", "back\\slash \\N \\.", "unicode é 中文 \u{1f600} \u2028", 'quote " and \u0001', "nul\u0000"];

const attribute = (key: string, value: string | number) => ({ key, value: typeof value === "number" ? { intValue: String(value) } : { stringValue: value } });

/**
 * `count` decision rows as the receiver gets them (OTLP/JSON through the real normalizer),
 * spread over several minutes and surfaces; `from` makes them distinct from other calls' rows.
 */
function decisionRows(count: number, from: number): DecisionRow[] {
  const logRecords = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const odd = ODD[i % ODD.length]!;
    // Rows 0.7 s apart (some share a second, some a minute); every tenth has only an
    // event.timestamp, and some of those fall before 1970.
    const time = i % 10 === 3 ? {} : { timeUnixNano: String(BASE_NS + BigInt(i) * 700_000_001n) };
    return {
      ...time,
      eventName: "gate.decision",
      ...(i % 4 === 0 ? { traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b174" } : {}),
      attributes: [
        attribute("surface", ["payments", "shell", odd][i % 3]!),
        attribute("decision", ["PERMIT", "DENY", "SILENCE", "accept"][i % 4]!),
        attribute("session.id", `s-${i % 5}`),
        attribute("actor", odd),
        ...(i % 2 ? [attribute("event.sequence", i), attribute("source", "hook"), attribute("prompt.id", odd)] : []),
        attribute(odd, odd),
        ...(i % 10 === 3 ? [attribute("event.timestamp", `19${60 + (i % 40)}-12-31T23:59:59.${i % 1000}Z`)] : []),
      ],
    };
  });
  const resource = { attributes: [attribute("service.name", "gate\tone"), attribute("gate.id", "g\\1")] };
  const body = JSON.stringify({ resourceLogs: [{ resource, scopeLogs: [{ scope: { name: "s" }, logRecords }] }] });
  const rows = normalizeLogsRequest(decodeExportLogsRequest(new TextEncoder().encode(body), "application/json"), { receivedAt: RECEIVED_AT }).decisions;
  if (rows.length !== count) throw new Error(`expected ${count} rows, got ${rows.length}`);
  return rows;
}

describe.each(await databaseKinds())("recording decisions on %s", (kind) => {
  let database: TestDatabase;
  let next = 0;
  const fresh = (count: number) => decisionRows(count, (next += 1000));
  const newSource = async () => (await createSource(systemCtx(database.db), { name: `gate-${next++}` })).source.id;
  const query = async <T>(statement: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(statement));

  /** Rows stored for a source, and whether the rollup holds exactly their counts per (minute, surface, outcome). */
  async function stored(sourceId: string): Promise<{ rows: number; rollupMatches: boolean }> {
    const [counts] = await query<{ rows: number; mismatches: number }>(sql`
      with stored as (
        select date_trunc('minute', ts) as minute, surface, outcome, count(*)::int as n from decision_events
        where source_id = ${sourceId} group by 1, 2, 3
      ), rolled as (select minute, surface, outcome, count as n from decision_rollup_minute where source_id = ${sourceId})
      select (select count(*) from decision_events where source_id = ${sourceId})::int as rows,
        (select count(*) from stored full join rolled using (minute, surface, outcome) where stored.n is distinct from rolled.n)::int as mismatches`);
    return { rows: counts!.rows, rollupMatches: counts!.mismatches === 0 };
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("stores every column alike on every path, odd text included", async () => {
    const rows = fresh(150); // about 60 KB of COPY text: two chunks
    const viaInsert = await newSource();
    expect(await insertDecisions(database.db, viaInsert, rows, RECEIVED_AT)).toBe(150);
    // On PostgreSQL, the COPY and the staging paths, called directly so that a silent fallback cannot pass for either.
    const others = kind === "postgres" ? [copyDecisionBatch, stageDecisionBatch] : [];
    const viaOthers = [];
    for (const store of others) {
      const sourceId = await newSource();
      const batch = encodeDecisionBatch(rows, sourceId, RECEIVED_AT);
      expect(batch.copy.length).toBeGreaterThan(1);
      expect(await store(database.db, batch)).toBe(150);
      viaOthers.push(sourceId);
    }
    const columns = (sourceId: string) => query<Record<string, unknown>>(sql`
      select fingerprint, ts, time_unix_nano, time_source, received_at, event_name, surface, outcome, decision, decision_source,
        tool_name, session_id, prompt_id, tool_use_id, actor, user_id, user_email, organization_id, service_name, gate_id,
        event_sequence, trace_id, span_id, resource_attributes, attributes
      from decision_events where source_id = ${sourceId} order by fingerprint`);
    const inserted = await columns(viaInsert);
    for (const sourceId of viaOthers) expect(await columns(sourceId)).toEqual(inserted);
    const byFingerprint = new Map(inserted.map((row) => [row.fingerprint, row]));
    for (const row of rows) {
      expect(byFingerprint.get(row.fingerprint)).toMatchObject({
        time_unix_nano: row.timeUnixNano,
        actor: row.actor,
        surface: row.surface,
        gate_id: "g\\1",
        service_name: "gate\tone",
        attributes: JSON.parse(row.attributesJson),
      });
    }
    expect(inserted.some((row) => String(row.actor).includes("\ufffd"))).toBe(true);
  });

  it("adds nothing for a retried batch", async () => {
    const sourceId = await newSource();
    const rows = fresh(30);
    expect(await recordDecisions(database.db, sourceId, rows, RECEIVED_AT)).toBe(30);
    expect(await recordDecisions(database.db, sourceId, rows, new Date(RECEIVED_AT.getTime() + 5_000))).toBe(0);
    expect(await stored(sourceId)).toEqual({ rows: 30, rollupMatches: true });
  });

  it("stores only the new rows of a batch that overlaps an earlier one, at either end", async () => {
    const sourceId = await newSource();
    const first = fresh(20);
    expect(await recordDecisions(database.db, sourceId, first, RECEIVED_AT)).toBe(20);
    // Starts with a stored row (looked up row by row), then one that ends with stored rows (the COPY meets them).
    expect(await recordDecisions(database.db, sourceId, [...first.slice(0, 5), ...fresh(7)], RECEIVED_AT)).toBe(7);
    expect(await recordDecisions(database.db, sourceId, [...fresh(3), ...first.slice(10)], RECEIVED_AT)).toBe(3);
    expect(await stored(sourceId)).toEqual({ rows: 30, rollupMatches: true });
  });

  it("stores each row once when identical batches arrive at the same time", async () => {
    const sourceId = await newSource();
    const rows = fresh(200);
    const counts = await Promise.all(Array.from({ length: 6 }, (_, i) => recordDecisions(database.db, sourceId, rows, new Date(RECEIVED_AT.getTime() + i))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
    expect(await stored(sourceId)).toEqual({ rows: 200, rollupMatches: true });
  });

  it("falls back when its COPY meets rows a concurrent transaction commits, and counts them once", async () => {
    if (kind !== "postgres") return; // PGlite runs one statement at a time: nothing is concurrent.
    const sourceId = await newSource();
    const rows = fresh(50);
    let second: Promise<number> | undefined;
    await database.db.transaction(async (tx) => {
      expect(await recordDecisions(tx, sourceId, rows, RECEIVED_AT)).toBe(50);
      second = recordDecisions(database.db, sourceId, rows, RECEIVED_AT);
      await waitUntilBlocked();
    });
    expect(await second).toBe(0);
    expect(await stored(sourceId)).toEqual({ rows: 50, rollupMatches: true });
  });

  /** Waits until some backend of this database waits for a lock (the second COPY, on the first's rows). */
  async function waitUntilBlocked(): Promise<void> {
    for (let attempt = 0; attempt < 500; attempt++) {
      const [row] = await query<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (row!.n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("the second batch never waited for the first");
  }

  it("refuses a batch the database cannot take, storing none of it", async () => {
    const unknownSource = "00000000-0000-4000-8000-00000000dead";
    await expect(recordDecisions(database.db, unknownSource, fresh(5), RECEIVED_AT)).rejects.toThrow();
    expect(await stored(unknownSource)).toEqual({ rows: 0, rollupMatches: true });
  });

  it("rejects at once when the database is gone", async () => {
    if (kind !== "postgres") return;
    const gone = await createTestDatabase("postgres");
    const sourceId = (await createSource(systemCtx(gone.db), { name: "gone" })).source.id;
    await gone.drop();
    await expect(recordDecisions(gone.db, sourceId, fresh(5), RECEIVED_AT)).rejects.toThrow();
  });

  it("joins the caller's transaction: nothing stays when it rolls back", async () => {
    const sourceId = await newSource();
    const rows = fresh(10);
    const rollback = new Error("rollback");
    await expect(
      database.db.transaction(async (tx) => {
        expect(await recordDecisions(tx, sourceId, rows, RECEIVED_AT)).toBe(10);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await stored(sourceId)).toEqual({ rows: 0, rollupMatches: true });
    await database.db.transaction((tx) => recordDecisions(tx, sourceId, rows, RECEIVED_AT));
    expect(await stored(sourceId)).toEqual({ rows: 10, rollupMatches: true });
  });
});
