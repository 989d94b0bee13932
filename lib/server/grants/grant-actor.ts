import "server-only";
import { eq } from "drizzle-orm";
import { SYSTEM_ACTOR, type GrantActor } from "@/lib/core/grants";
import type { Ctx } from "../auth/actor";
import type { Tx } from "../db";
import { users } from "../db/schema";
import { EntityId } from "./grant-id";

/** Who takes a grant step, with a label for the timeline. */
export type GrantStepActor = GrantActor & { label: string | null };

/**
 * The caller as the grant rules see it, with roles read from the database inside the step's
 * transaction: a demoted or disabled admin's open session or API token cannot approve.
 */
export async function grantActorNow(tx: Tx, ctx: Ctx): Promise<GrantStepActor> {
  const { actor } = ctx;
  if (actor.type === "system") return { ...SYSTEM_ACTOR, id: `system:${actor.name}`, label: null };
  if (actor.type !== "user") return { ...SYSTEM_ACTOR, id: "anonymous", label: null };
  const [row] = EntityId.safeParse(actor.userId).success
    ? await tx.select({ email: users.email, roles: users.roles, disabledAt: users.disabledAt }).from(users).where(eq(users.id, actor.userId)).for("share")
    : [];
  const roles = row && row.disabledAt === null ? row.roles : [];
  return { id: actor.userId, email: row?.email ?? actor.email, roles, isAdminNow: roles.includes("admin"), label: row?.email ?? actor.email };
}
