import "server-only";
import { sql } from "drizzle-orm";
import { DECISIONS } from "@/lib/core/receipts";
import type { DbOrTx } from "../db";

// "A valid receipt decided request i otherwise", one probe of the partial request index per other
// decision. The decision must be a constant for the probe to use it: with `<> i.decision` or
// `= any(...)` Postgres walks every receipt of the request, 64 ms per receipt of a request
// repeated 270,000 times, against 0.01 ms this way.
const DECIDED_OTHERWISE = sql.join(
  DECISIONS.map((decision) => sql`(i.decision <> ${sql.raw(`'${decision}'`)} and exists (
    select 1 from receipts r
    where r.policy_digest = i.policy_digest and r.actor = i.actor and r.surface = i.surface and r.action = i.action
      and r.target = i.target and r.decision = ${sql.raw(`'${decision}'`)}
      and r.verdict = 'valid' and r.override_grant is null and r.equivocation_of is null))`),
  sql` or `,
);

/**
 * Flags the requests of these receipts that a valid receipt decided otherwise (determinism_conflicts).
 * Only committed receipts are visible here, so the callers are the ones that see every receipt
 * after it committed: the log sequencer (each stored receipt, exactly once, one batch at a time)
 * and re-verification (receipts that just became valid). A receipt that does not count
 * (not valid, a break-glass grant, an equivocation, a field missing) flags nothing.
 */
export async function flagDeterminismConflicts(db: DbOrTx, receiptIds: readonly string[]): Promise<void> {
  if (receiptIds.length === 0) return;
  await db.execute(sql`
    insert into determinism_conflicts (policy_digest, actor, surface, action, target, flagged_at, last_at)
    select i.policy_digest, i.actor, i.surface, i.action, i.target, now(), max(i.ts)
    from receipts i
    where i.id in (select x::uuid from json_array_elements_text(${JSON.stringify(receiptIds)}::json) as x)
      and i.verdict = 'valid' and i.override_grant is null and i.equivocation_of is null
      and i.policy_digest is not null and i.actor is not null and i.surface is not null and i.action is not null
      and i.target is not null and (${DECIDED_OTHERWISE})
    group by i.policy_digest, i.actor, i.surface, i.action, i.target
    on conflict (policy_digest, actor, surface, action, target)
      do update set last_at = greatest(determinism_conflicts.last_at, excluded.last_at)`);
}
