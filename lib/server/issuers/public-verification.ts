import "server-only";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import type { DbOrTx } from "../db";
import { consoleSettings } from "../db/schema";
import { unauthenticated } from "../errors";
import { parseInput } from "../http/parse-input";
import { SetPublicVerificationInput } from "./schemas";

const SETTING = "public_verification";

/** Whether people without an account may use /verify and read the issuers' published keys (off by default). */
export async function publicVerificationEnabled(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select().from(consoleSettings).where(eq(consoleSettings.key, SETTING));
  return row?.value === true;
}

/** The first line of the services behind /verify: a signed-in user, or anyone when an admin enabled it. */
export async function requireVerifyAccess(ctx: Ctx): Promise<void> {
  if (ctx.actor.type !== "anonymous") return;
  if (!(await publicVerificationEnabled(ctx.db))) throw unauthenticated("Sign in to use receipt verification: public verification is off on this console.");
}

/** The setting, for the issuers page (any role). */
export async function getPublicVerification(ctx: Ctx): Promise<{ enabled: boolean }> {
  requireRole(ctx, "admin", "auditor", "oncall");
  return { enabled: await publicVerificationEnabled(ctx.db) };
}

/** Turns public verification on or off (admin); recorded on the audit trail. */
export async function setPublicVerification(ctx: Ctx, rawInput: SetPublicVerificationInput): Promise<{ enabled: boolean }> {
  requireRole(ctx, "admin");
  const { enabled } = parseInput(SetPublicVerificationInput, rawInput);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(consoleSettings)
      .values({ key: SETTING, value: enabled, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: consoleSettings.key, set: { value: enabled, updatedAt: ctx.now } });
    await appendAudit(tx, ctx, { action: enabled ? "settings.public_verification_enabled" : "settings.public_verification_disabled", targetType: "setting", targetId: SETTING });
  });
  return { enabled };
}
