import "server-only";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { DbOrTx } from "../db";
import { postgresClientOf } from "../db/client";
import { rowsOf } from "../db/migrate";
import { copyInThen } from "../db/copy-in";
import { DECISION_COPY_COLUMNS, type DecisionBatch } from "./decision-batch";
import { insertDecisionsFrom } from "./insert-decisions";

/**
 * Stores a batch with COPY and bumps the per-minute rollup, in one transaction (a savepoint
 * inside the caller's), and returns how many rows were new. A retried batch, recognized by its
 * first row being stored already, goes through stageDecisionBatch instead. Any other row stored
 * before (a concurrent identical batch, one overlapping an earlier batch) makes the COPY fail on
 * the unique index, and with it this transaction.
 */
export function copyDecisionBatch(db: DbOrTx, batch: DecisionBatch): Promise<number> {
  return db.transaction(async (tx) => {
    const client = clientOf(tx);
    if (await isStored(client, batch)) return insertStaged(tx, client, batch);
    await copyInThen(client, `copy decision_events (${DECISION_COPY_COLUMNS}) from stdin`, batch.copy, () => bumpRollup(client, batch));
    return batch.rows;
  });
}

/**
 * Stores a batch through a staging table and INSERT … ON CONFLICT DO NOTHING, in one transaction:
 * rows already stored are skipped, and the rollup counts only the rows inserted.
 */
export function stageDecisionBatch(db: DbOrTx, batch: DecisionBatch): Promise<number> {
  return db.transaction((tx) => insertStaged(tx, clientOf(tx), batch));
}

function clientOf(tx: DbOrTx): postgres.TransactionSql {
  const client = postgresClientOf(tx);
  if (client === null || !("savepoint" in client)) throw new TypeError("COPY needs a postgres.js transaction");
  return client;
}

async function isStored(client: postgres.TransactionSql, batch: DecisionBatch): Promise<boolean> {
  const { fingerprint, ts } = batch.first;
  const found = await client`select 1 from decision_events where source_id = ${batch.sourceId} and fingerprint = ${fingerprint} and ts = ${ts}::timestamptz`;
  return found.length > 0;
}

const STAGING = "decision_events_incoming";

async function insertStaged(tx: DbOrTx, client: postgres.TransactionSql, batch: DecisionBatch): Promise<number> {
  await client.unsafe(`create temp table ${STAGING} as select ${DECISION_COPY_COLUMNS} from decision_events with no data`);
  const inserted = await copyInThen(client, `copy ${STAGING} (${DECISION_COPY_COLUMNS}) from stdin`, batch.copy, async () =>
    rowsOf<{ inserted: number }>(await tx.execute(insertDecisionsFrom(sql.raw(`select * from ${STAGING}`), batch.sourceId, batch.receivedAt))),
  );
  await client.unsafe(`drop table ${STAGING}`);
  return inserted[0]?.inserted ?? 0;
}

/**
 * Adds the batch's counts to decision_rollup_minute, in key order (concurrent batches lock rows
 * alike). The counts go as text: a jsonb parameter would pass through the client's JSON serializer.
 */
async function bumpRollup(client: postgres.TransactionSql, batch: DecisionBatch): Promise<void> {
  await client`
    insert into decision_rollup_minute (minute, surface, outcome, source_id, count)
    select date_trunc('minute', minute), surface, outcome, ${batch.sourceId}::uuid, sum(count)::int
    from jsonb_to_recordset(${JSON.stringify(batch.rollup)}::text::jsonb) as x(minute timestamptz, surface text, outcome text, count int)
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (minute, surface, outcome, source_id)
      do update set count = decision_rollup_minute.count + excluded.count`;
}
