import "server-only";
import { and, arrayOverlaps, desc, ne } from "drizzle-orm";
import { normalizeIdentity, overlaps, type Grant } from "@/lib/core/grants";
import type { DbOrTx } from "../db";
import { grants } from "../db/schema";
import { rowToGrant, type GrantRow } from "./grant-row";

const CANDIDATES = 200;

/** Other grants for the same operator (any of its identities) whose scope and window overlap this one. */
export async function findOverlapping(db: DbOrTx, grant: Grant): Promise<GrantRow[]> {
  const identities = [...new Set([grant.operator, ...grant.operatorIdentities].map(normalizeIdentity))];
  const rows = await db
    .select()
    .from(grants)
    .where(and(ne(grants.id, grant.id), arrayOverlaps(grants.operatorIdentities, identities)))
    .orderBy(desc(grants.requestedAt))
    .limit(CANDIDATES);
  return rows.filter((row) => overlaps(grant, rowToGrant(row)));
}
