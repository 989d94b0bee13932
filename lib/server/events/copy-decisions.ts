import "server-only";
import type postgres from "postgres";
import type { DecisionRow } from "@/lib/core/otlp";
import { copyInThen } from "./copy-in";
import { DECISION_COPY_STATEMENT, decisionCopyText } from "./decision-copy-rows";

/**
 * Stores one request's decisions with COPY and bumps the per-minute rollup, in one transaction
 * (a savepoint inside the caller's), and returns how many rows were new. A retried batch is
 * recognized by its first row being stored already; only then is every row looked up and the
 * stored ones left out (looking up every batch's rows would cost a fifth of the database's time).
 * Any other row stored before (a concurrent identical batch, a batch overlapping an earlier
 * one) makes the COPY fail on the unique index, and with it this transaction.
 */
export function copyDecisions(client: postgres.Sql | postgres.TransactionSql, sourceId: string, rows: DecisionRow[], receivedAt: Date): Promise<number> {
  return inTransaction(client, async (tx) => {
    const fresh = (await storedKeys(tx, sourceId, rows.slice(0, 1))).size === 0 ? rows : await withoutStored(tx, sourceId, rows);
    if (fresh.length === 0) return 0;
    await copyInThen(tx, DECISION_COPY_STATEMENT, decisionCopyText(fresh, sourceId, receivedAt), () => bumpRollup(tx, sourceId, fresh));
    return fresh.length;
  });
}

function inTransaction<T>(client: postgres.Sql | postgres.TransactionSql, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return ("savepoint" in client ? client.savepoint(fn) : client.begin(fn)) as Promise<T>;
}

/** The rows whose unique key (source, fingerprint, ts) is not stored yet. */
async function withoutStored(tx: postgres.TransactionSql, sourceId: string, rows: DecisionRow[]): Promise<DecisionRow[]> {
  const stored = await storedKeys(tx, sourceId, rows);
  return rows.filter((row) => !stored.has(keyOf(row.fingerprint, row.timeMs)));
}

const keyOf = (fingerprint: string, ms: number | string) => `${fingerprint}@${ms}`;

/** The unique keys of `rows` that are stored already, as keyOf strings. */
async function storedKeys(tx: postgres.TransactionSql, sourceId: string, rows: DecisionRow[]): Promise<Set<string>> {
  const fingerprints = rows.map((row) => row.fingerprint);
  const stored = await tx<{ fingerprint: string; ms: string }[]>`
    select fingerprint, (extract(epoch from ts) * 1000)::bigint as ms
    from decision_events where source_id = ${sourceId} and fingerprint = any(${fingerprints}::text[])`;
  return new Set(stored.map((r) => keyOf(r.fingerprint, r.ms)));
}

const MINUTE_MS = 60_000;

/**
 * Adds the rows to decision_rollup_minute, one upsert per (minute, surface, outcome), in key
 * order. Rows are grouped by UTC minute, which is date_trunc's minute in any whole-minute time zone.
 */
async function bumpRollup(tx: postgres.TransactionSql, sourceId: string, rows: DecisionRow[]): Promise<void> {
  const counts = new Map<string, { minute: string; surface: string; outcome: string; count: number }>();
  for (const row of rows) {
    const minute = Math.floor(row.timeMs / MINUTE_MS) * MINUTE_MS;
    const key = `${minute}\t${row.surface}\t${row.outcome}`;
    const group = counts.get(key);
    if (group) group.count++;
    else counts.set(key, { minute: new Date(minute).toISOString(), surface: row.surface, outcome: row.outcome, count: 1 });
  }
  await tx`
    insert into decision_rollup_minute (minute, surface, outcome, source_id, count)
    select date_trunc('minute', minute), surface, outcome, ${sourceId}::uuid, sum(count)::int
    from jsonb_to_recordset(${JSON.stringify([...counts.values()])}::jsonb) as x(minute timestamptz, surface text, outcome text, count int)
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (minute, surface, outcome, source_id)
      do update set count = decision_rollup_minute.count + excluded.count`;
}
