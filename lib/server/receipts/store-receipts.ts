import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../db";
import { rowsOf } from "../db/migrate";
import { uuidv7 } from "../db/uuidv7";
import { insertReceiptRows, type InsertRow } from "./insert-receipts";
import type { NewReceiptRow } from "./receipt-row";

export type StoreStatus = "stored" | "duplicate" | "equivocation";

/** What happened to one receipt that had an issuer and an id. */
export type StoreOutcome = {
  status: StoreStatus;
  id: string;
  verdict: string;
  step: number | null;
  message: string | null;
  logIndex: number | null;
};

type Existing = {
  id: string;
  iss: string;
  receipt_id: string;
  sha256: string;
  verdict: string;
  failed_step: number | null;
  verdict_message: string | null;
  log_index: string | number | null;
};

type KeyState = { first?: string; bySha: Map<string, StoreOutcome> };

const identityKey = (iss: string, receiptId: string) => `${iss}\u0000${receiptId}`;

/**
 * Stores receipts deduplicated by (iss, id) in one transaction. Each (iss, id) of the batch is
 * locked first (transaction-scoped advisory locks, in a fixed order), so concurrent requests
 * carrying the same receipt serialize on it: one stores it, the others answer `duplicate`.
 * Identical bytes → duplicate with the stored result; different bytes → equivocation, kept and
 * pointing at the first row seen for that (iss, id). Every stored row joins the transparency
 * log's pending list in the same transaction (the sequencer appends it within a second or so).
 */
export async function storeReceipts(db: DbOrTx, rows: NewReceiptRow[]): Promise<StoreOutcome[]> {
  if (rows.length === 0) return [];
  return db.transaction(async (tx) => {
    const identities = JSON.stringify([...new Map(rows.map((row) => [identityKey(row.iss, row.receiptId), [row.iss, row.receiptId]])).values()]);
    await lockIdentities(tx, identities);
    const states = await existingStates(tx, identities);
    const outcomes: StoreOutcome[] = [];
    const inserts: InsertRow[] = [];
    for (const row of rows) {
      const key = identityKey(row.iss, row.receiptId);
      const state: KeyState = states.get(key) ?? { bySha: new Map() };
      states.set(key, state);
      const same = state.bySha.get(row.sha256);
      if (same) {
        outcomes.push({ ...same, status: "duplicate" });
        continue;
      }
      const id = uuidv7(row.receivedAt); // time-ordered: the key and the log's leaf index grow at their right edge
      const outcome: StoreOutcome = { status: state.first ? "equivocation" : "stored", id, verdict: row.verdict, step: row.failedStep, message: row.verdictMessage, logIndex: null };
      inserts.push({ ...row, id, equivocationOf: state.first ?? null });
      state.first ??= id;
      state.bySha.set(row.sha256, outcome);
      outcomes.push(outcome);
    }
    await insertReceiptRows(tx, inserts);
    return outcomes;
  });
}

async function lockIdentities(tx: Tx, identities: string): Promise<void> {
  await tx.execute(sql`
    select pg_advisory_xact_lock(h) from (
      select distinct hashtextextended(x::text, 42) as h
      from jsonb_array_elements(${identities}::jsonb) as x order by h
    ) as locks order by h`);
}

async function existingStates(tx: Tx, identities: string): Promise<Map<string, KeyState>> {
  const result = await tx.execute(sql`
    select r.id, r.iss, r.receipt_id, r.sha256, r.verdict, r.failed_step, r.verdict_message, n.idx as log_index
    from receipts r
    join (select x->>0 as iss, x->>1 as rid from jsonb_array_elements(${identities}::jsonb) as x) k
      on r.iss = k.iss and r.receipt_id = k.rid
    left join tlog_nodes n on n.level = 0 and n.receipt_id = r.id
    order by r.equivocation_of is not null, r.received_at, r.id`);
  const states = new Map<string, KeyState>();
  for (const row of rowsOf<Existing>(result)) {
    const key = identityKey(row.iss, row.receipt_id);
    const state: KeyState = states.get(key) ?? { bySha: new Map() };
    states.set(key, state);
    state.first ??= row.id;
    state.bySha.set(row.sha256, {
      status: "duplicate",
      id: row.id,
      verdict: row.verdict,
      step: row.failed_step,
      message: row.verdict_message,
      logIndex: row.log_index === null ? null : Number(row.log_index),
    });
  }
  return states;
}
