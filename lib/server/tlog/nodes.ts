import "server-only";
import { sql } from "drizzle-orm";
import { nodeKey, type NodeId, type RangePlan } from "@/lib/core/tlog";
import type { DbOrTx } from "../db";
import { rowsOf } from "../db/migrate";

/** The number of leaves in the log: the highest stored leaf index + 1 (one index lookup). */
export async function treeSize(db: DbOrTx): Promise<number> {
  const result = await db.execute(sql`select coalesce(max(idx) + 1, 0)::bigint as size from tlog_nodes where level = 0`);
  return Number(rowsOf<{ size: string | number }>(result)[0]?.size ?? 0);
}

/**
 * Stored hashes of the given perfect subtrees, keyed by nodeKey(): one prepared statement (the
 * same text every time, planned once per connection) doing one primary-key lookup per node, so it
 * stays O(nodes) reads however large the log grows.
 */
export async function readNodeMap(db: DbOrTx, nodes: readonly NodeId[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const unique = new Map(nodes.map((n) => [nodeKey(n), n]));
  if (unique.size === 0) return found;
  const levels = `{${[...unique.values()].map((n) => n.level).join(",")}}`;
  const indices = `{${[...unique.values()].map((n) => n.index).join(",")}}`;
  for (const row of await nodeLookup(db).execute({ levels, indices })) {
    found.set(nodeKey({ level: row.level, index: Number(row.idx) }), new Uint8Array(row.hash));
  }
  return found;
}

// LATERAL … LIMIT 1 keeps it a primary-key lookup per node: with thousands of keys (a bundle
// page) a plain join is planned as a hash join over the whole table.
function nodeLookup(db: DbOrTx) {
  return db
    .select({ level: sql<number>`k.level`, idx: sql<string | number>`k.idx`, hash: sql<Uint8Array>`n.hash` })
    .from(
      sql`unnest(${sql.placeholder("levels")}::smallint[], ${sql.placeholder("indices")}::bigint[]) as k(level, idx)
        cross join lateral (select hash from tlog_nodes t where t.level = k.level and t.idx = k.idx limit 1) as n`,
    )
    .prepare("tlog_read_nodes");
}

/** Stored hashes in the order asked; a missing node means the log's storage is damaged. */
export function pickNodes(found: ReadonlyMap<string, Uint8Array>, nodes: readonly NodeId[]): Uint8Array[] {
  return nodes.map((node) => {
    const hash = found.get(nodeKey(node));
    if (!hash) throw new Error(`transparency log node ${nodeKey(node)} is not stored`);
    return hash;
  });
}

/** Runs a proof or root plan against the stored nodes. */
export async function runPlan(db: DbOrTx, plan: RangePlan): Promise<Uint8Array[]> {
  return plan.assemble(pickNodes(await readNodeMap(db, plan.nodes), plan.nodes));
}
