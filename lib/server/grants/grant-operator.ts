import "server-only";
import { eq, or, sql } from "drizzle-orm";
import type { Tx } from "../db";
import { users } from "../db/schema";
import { EntityId } from "./grant-id";

/** The grantee: a console user (by email or id), or an external agent/operator id as given. */
export type ResolvedOperator = { operator: string; identities: string[]; userId: string | null };

/** Names the grantee; a console user is known by id and email, so neither can approve the grant. */
export async function resolveOperator(tx: Tx, operator: string): Promise<ResolvedOperator> {
  const name = operator.trim();
  const byEmail = sql`lower(${users.email}) = lower(${name})`;
  const [user] = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(EntityId.safeParse(name).success ? or(byEmail, eq(users.id, name)) : byEmail)
    .limit(1);
  if (!user) return { operator: name, identities: [], userId: null };
  return { operator: user.email, identities: [user.id, user.email], userId: user.id };
}
