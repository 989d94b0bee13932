import "server-only";
import { and, asc, eq, gt, gte, inArray, type SQL, sql } from "drizzle-orm";
import { verifyReceipt } from "@/lib/core/receipts";
import type { DbOrTx } from "../db";
import { receipts } from "../db/schema";
import { loadTrust } from "../issuers/trust-set-cache";
import { flagDeterminismConflicts } from "./determinism";
import { verdictColumns } from "./receipt-row";

/** Which stored receipts a key change may have decided differently. */
export type ReverifyScope =
  // A key was registered: receipts of this issuer that had no key to check them with.
  | { kind: "pending"; iss: string }
  // A key was revoked or retired at `from`: its receipts dated at or after then.
  | { kind: "key"; iss: string; keyId: string; fromIat: number };

const PENDING_VERDICTS = ["unknown_key", "unknown_issuer"];
const BATCH = 500;

/**
 * Verifies the scope's stored receipts again with the issuer's current keys, in batches of 500,
 * each as of the time it was received (so `future_iat` means what it meant on arrival).
 */
export async function reverifyReceipts(db: DbOrTx, scope: ReverifyScope, now: Date): Promise<{ checked: number; changed: number }> {
  const { trust, keyIds } = await loadTrust(db, scope.iss);
  const where: SQL =
    scope.kind === "pending"
      ? and(eq(receipts.iss, scope.iss), inArray(receipts.verdict, PENDING_VERDICTS))!
      : and(eq(receipts.keyId, scope.keyId), gte(receipts.iat, scope.fromIat), eq(receipts.verdict, "valid"))!;
  let after = "00000000-0000-0000-0000-000000000000";
  let checked = 0;
  let changed = 0;
  for (;;) {
    const rows = await db
      .select({ id: receipts.id, raw: receipts.raw, receivedAt: receipts.receivedAt, verdict: receipts.verdict, keyId: receipts.keyId })
      .from(receipts)
      .where(and(where, gt(receipts.id, after)))
      .orderBy(asc(receipts.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    checked += rows.length;
    const updates: VerdictUpdate[] = [];
    for (const row of rows) {
      const verdict = await verifyReceipt(row.raw, trust, row.receivedAt);
      const columns = verdictColumns(verdict, keyIds, now);
      if (columns.verdict !== row.verdict || columns.keyId !== row.keyId) updates.push({ id: row.id, ...columns });
    }
    if (updates.length > 0) {
      await db.transaction(async (tx) => {
        await applyVerdicts(tx, updates);
        await flagDeterminismConflicts(tx, updates.filter((u) => u.verdict === "valid").map((u) => u.id));
      });
    }
    changed += updates.length;
    if (rows.length < BATCH) break;
  }
  return { checked, changed };
}

type VerdictUpdate = { id: string } & ReturnType<typeof verdictColumns>;

async function applyVerdicts(db: DbOrTx, updates: VerdictUpdate[]): Promise<void> {
  const payload = JSON.stringify(
    updates.map((u) => ({ id: u.id, verdict: u.verdict, failed_step: u.failedStep, verdict_message: u.verdictMessage, key_id: u.keyId, verified_at: u.verifiedAt.toISOString() })),
  );
  await db.execute(sql`
    update receipts r set verdict = x.verdict, failed_step = x.failed_step, verdict_message = x.verdict_message,
      key_id = x.key_id, verified_at = x.verified_at
    from jsonb_to_recordset(${payload}::jsonb) as x(id uuid, verdict text, failed_step smallint, verdict_message text, key_id uuid, verified_at timestamptz)
    where r.id = x.id`);
}
