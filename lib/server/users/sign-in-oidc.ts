import "server-only";
import { eq, sql } from "drizzle-orm";
import { rolesForGroups, type Role } from "@/lib/core/accounts";
import { appendAudit } from "../audit";
import type { Ctx } from "../auth/actor";
import { users } from "../db/schema";
import type { SignedInUser } from "./sign-in";

export type OidcProfile = { subject: string; email: string | undefined; name: string | undefined; groups: unknown };

/**
 * Signs in an identity-provider user: roles come from the group mapping on every sign-in, so
 * a group removed at the provider removes the role here. No mapped role, or a disabled
 * account, means no access.
 */
export async function signInWithOidc(
  ctx: Ctx,
  profile: OidcProfile,
  roleMap: Record<string, readonly Role[]>,
): Promise<SignedInUser | undefined> {
  const email = profile.email?.trim().toLowerCase();
  const roles = rolesForGroups(profile.groups, roleMap);
  return ctx.db.transaction(async (tx) => {
    const audit = (action: string, details: Record<string, unknown>, actor = ctx.actor, targetId?: string) =>
      appendAudit(tx, { ...ctx, actor }, { action, targetType: "user", targetId, details: { email, method: "oidc", ...details } });
    if (!email || roles.length === 0) {
      await audit("auth.sign_in_failed", { reason: email ? "no_mapped_role" : "no_email" });
      return undefined;
    }
    const [existing] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, email));
    if (existing?.disabledAt) {
      await audit("auth.sign_in_failed", { reason: "disabled" }, ctx.actor, existing.id);
      return undefined;
    }
    const values = { roles, oidcSubject: profile.subject, lastLoginAt: ctx.now, updatedAt: ctx.now };
    const [row] = existing
      ? await tx.update(users).set(values).where(eq(users.id, existing.id)).returning()
      : await tx.insert(users).values({ ...values, email, name: profile.name ?? "", authProvider: "oidc" }).returning();
    const user = { id: row!.id, email: row!.email, name: row!.name, roles };
    const actor = { type: "user" as const, userId: user.id, email: user.email, roles, via: "session" as const };
    if (existing && existing.roles.join() !== roles.join()) {
      await audit("user.roles_changed", { from: existing.roles, to: roles, source: "oidc_groups" }, actor, user.id);
    }
    if (!existing) await audit("user.created", { roles, source: "oidc" }, actor, user.id);
    await audit("auth.signed_in", {}, actor, user.id);
    return user;
  });
}
