import "server-only";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { alertEvents, alerts } from "../db/schema";
import { conflict, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { entityId } from "./entity-id";
import { toAlertView, type AlertView } from "./alert-view";
import { activeSilences } from "./list-alerts";
import { AcknowledgeAlertInput } from "./schemas";

/**
 * Acknowledges an open alert with a note (on-call, admin): records who and when and stops
 * repeat notifications; it does not change the alert's state, and it ends with the episode.
 */
export async function acknowledgeAlert(ctx: Ctx, id: string, rawInput: AcknowledgeAlertInput): Promise<AlertView> {
  const actor = requireRole(ctx, "oncall", "admin");
  entityId(id, "The alert");
  const input = parseInput(AcknowledgeAlertInput, rawInput);
  const email = actor.type === "user" ? actor.email : actor.name;
  const row = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(alerts).where(eq(alerts.id, id)).for("update");
    if (!current) throw notFound("The alert");
    if (current.state === "resolved") throw conflict("The alert is resolved: there is nothing left to acknowledge.", "RESOLVED");
    if (current.acknowledgedAt) throw conflict(`The alert was already acknowledged by ${current.acknowledgedByEmail ?? "someone"}.`, "ALREADY_ACKNOWLEDGED");
    const [updated] = await tx
      .update(alerts)
      .set({ acknowledgedAt: ctx.now, acknowledgedBy: actor.type === "user" ? actor.userId : null, acknowledgedByEmail: email, acknowledgeNote: input.note })
      .where(eq(alerts.id, id))
      .returning();
    await tx.insert(alertEvents).values({ alertId: id, at: ctx.now, type: "acknowledged", actor: email, note: input.note });
    await appendAudit(tx, ctx, { action: "alert.acknowledged", targetType: "alert", targetId: id, details: { kind: current.kind, labels: current.labels, state: current.state, note: input.note } });
    return updated!;
  });
  return toAlertView(row, ctx.now, await activeSilences(ctx));
}
