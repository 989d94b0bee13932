import "server-only";
import { inArray, like } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db";
import { alertRuleState } from "../db/schema";

/** Named evaluator states with a common prefix (e.g. "silence:"), by key. */
export async function loadRuleStates<T>(db: DbOrTx, prefix: string): Promise<Map<string, T>> {
  const rows = await db.select().from(alertRuleState).where(like(alertRuleState.key, `${prefix}%`));
  return new Map(rows.map((row) => [row.key, row.state as T]));
}

/** Upserts named states in one statement. */
export async function saveRuleStates(db: DbOrTx, states: ReadonlyMap<string, unknown>, now: Date): Promise<void> {
  if (states.size === 0) return;
  const payload = JSON.stringify([...states].map(([key, state]) => ({ key, state })));
  await db.execute(sql`
    insert into alert_rule_state (key, state, updated_at)
    select key, state, ${now.toISOString()}::timestamptz from jsonb_to_recordset(${payload}::jsonb) as x(key text, state jsonb)
    order by key
    on conflict (key) do update set state = excluded.state, updated_at = excluded.updated_at`);
}

/** Deletes named states (a source that was revoked, say). */
export async function deleteRuleStates(db: DbOrTx, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await db.delete(alertRuleState).where(inArray(alertRuleState.key, [...keys]));
}
