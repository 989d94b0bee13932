import "server-only";
import { sql } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import type { DbOrTx } from "../db";
import { rowsOf } from "../db/migrate";

const LIMIT = 100;

export type EquivocationFinding = {
  iss: string;
  receiptId: string;
  versions: Array<{ id: string; sha256: string; receivedAt: string; verdict: string; decision: string | null }>;
};

export type DeterminismFinding = {
  policyDigest: string;
  /** The policy versions these receipts name (one digest may be labelled differently). */
  policyVersions: string[];
  actor: string;
  surface: string;
  action: string;
  target: string;
  decisions: Array<{ decision: string; count: number; exampleId: string }>;
  firstAt: string;
  lastAt: string;
};

export type KeyFinding = { iss: string; kid: string | null; verdict: string; count: number; lastReceivedAt: string; exampleId: string };

export type ReceiptFindings = { equivocations: EquivocationFinding[]; determinism: DeterminismFinding[]; keys: KeyFinding[] };

/**
 * What an auditor should look at: issuers that equivocated (one id, different bytes); the same
 * request under the same policy digest decided differently (valid receipts, grants excluded);
 * and receipts whose key is unknown, revoked or outside its validity. Most recent 100 of each.
 */
export async function getReceiptFindings(ctx: Ctx): Promise<ReceiptFindings> {
  requireRole(ctx, "auditor", "admin");
  const [equivocations, determinism, keys] = await Promise.all([equivocationFindings(ctx.db), determinismFindings(ctx.db), keyFindings(ctx.db)]);
  return { equivocations, determinism, keys };
}

async function equivocationFindings(db: DbOrTx): Promise<EquivocationFinding[]> {
  const result = await db.execute(sql`
    with flagged as (
      select iss, receipt_id, max(received_at) as last from receipts where equivocation_of is not null
      group by iss, receipt_id order by last desc limit ${LIMIT}
    )
    select r.iss, r.receipt_id, r.id, r.sha256, r.received_at, r.verdict, r.decision, f.last
    from flagged f join receipts r on r.iss = f.iss and r.receipt_id = f.receipt_id
    order by f.last desc, r.iss, r.receipt_id, r.equivocation_of is not null, r.received_at, r.id`);
  const groups = new Map<string, EquivocationFinding>();
  for (const row of rowsOf<{ iss: string; receipt_id: string; id: string; sha256: string; received_at: string | Date; verdict: string; decision: string | null }>(result)) {
    const key = `${row.iss}\u0000${row.receipt_id}`;
    if (!groups.has(key)) groups.set(key, { iss: row.iss, receiptId: row.receipt_id, versions: [] });
    groups.get(key)!.versions.push({ id: row.id, sha256: row.sha256, receivedAt: iso(row.received_at), verdict: row.verdict, decision: row.decision });
  }
  return [...groups.values()];
}

// The most recently conflicting requests, flagged as receipts arrive (determinism.ts), each counted
// from its receipts through the partial request index: the cost follows the requests shown, not
// the size of the archive. A request no longer decided two ways (a key revoked since) is left out.
async function determinismFindings(db: DbOrTx): Promise<DeterminismFinding[]> {
  const result = await db.execute(sql`
    select c.policy_digest, c.actor, c.surface, c.action, c.target, d.decision, d.n, d.example_id,
      d.first_at, d.last_at, d.policy_versions
    from (select * from determinism_conflicts order by last_at desc limit ${LIMIT}) c
    cross join lateral (
      select r.decision, count(*)::int as n, (array_agg(r.id order by r.ts desc, r.id desc))[1] as example_id,
        min(r.ts) as first_at, max(r.ts) as last_at,
        array_agg(distinct r.policy_version) filter (where r.policy_version is not null) as policy_versions
      from receipts r
      where r.policy_digest = c.policy_digest and r.actor = c.actor and r.surface = c.surface and r.action = c.action
        and r.target = c.target and r.verdict = 'valid' and r.override_grant is null and r.equivocation_of is null
      group by r.decision
    ) d
    order by c.last_at desc, c.policy_digest, c.actor, c.surface, c.action, c.target, d.decision`);
  type Row = { policy_digest: string; actor: string; surface: string; action: string; target: string; decision: string; n: number; example_id: string; first_at: string | Date; last_at: string | Date; policy_versions: string[] | string | null };
  const groups = new Map<string, DeterminismFinding>();
  for (const row of rowsOf<Row>(result)) {
    const key = JSON.stringify([row.policy_digest, row.actor, row.surface, row.action, row.target]);
    const group = groups.get(key) ?? { policyDigest: row.policy_digest, policyVersions: [], actor: row.actor, surface: row.surface, action: row.action, target: row.target, decisions: [], firstAt: iso(row.first_at), lastAt: iso(row.last_at) };
    groups.set(key, group);
    group.decisions.push({ decision: row.decision, count: Number(row.n), exampleId: row.example_id });
    group.policyVersions = [...new Set([...group.policyVersions, ...textArray(row.policy_versions)])].sort();
    if (iso(row.first_at) < group.firstAt) group.firstAt = iso(row.first_at);
    if (iso(row.last_at) > group.lastAt) group.lastAt = iso(row.last_at);
  }
  return [...groups.values()].filter((group) => group.decisions.length > 1).sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}

async function keyFindings(db: DbOrTx): Promise<KeyFinding[]> {
  const result = await db.execute(sql`
    select iss, kid, verdict, count(*)::int as n, max(received_at) as last, (array_agg(id order by received_at desc))[1] as example_id
    from receipts
    where verdict in ('unknown_issuer', 'unknown_key', 'key_revoked', 'key_expired', 'key_not_yet_valid')
    group by iss, kid, verdict
    order by last desc
    limit ${LIMIT}`);
  return rowsOf<{ iss: string; kid: string | null; verdict: string; n: number; last: string | Date; example_id: string }>(result).map((row) => ({
    iss: row.iss,
    kid: row.kid,
    verdict: row.verdict,
    count: Number(row.n),
    lastReceivedAt: iso(row.last),
    exampleId: row.example_id,
  }));
}

// Raw queries answer text arrays as arrays (PGlite) or as Postgres array literals (postgres.js).
function textArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  return value === "{}" ? [] : value.slice(1, -1).split(",").map((v) => v.replace(/^"|"$/g, "").replace(/\\(.)/g, "$1"));
}

// Raw queries answer timestamps as Date (PGlite) or text (postgres.js).
function iso(value: string | Date): string {
  return new Date(value).toISOString();
}
