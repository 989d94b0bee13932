import "server-only";
import { randomUUID } from "node:crypto";
import { applyGrantEvent } from "@/lib/core/grants";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { grants } from "../db/schema";
import { parseInput } from "../http/parse-input";
import { grantActorNow } from "./grant-actor";
import { grantAppError } from "./grant-app-error";
import { resolveOperator } from "./grant-operator";
import { findOverlapping } from "./grant-overlaps";
import { newGrantColumns } from "./grant-row";
import { grantSettings } from "./grant-settings";
import { insertTimeline } from "./grant-store";
import { RequestGrantInput } from "./schemas";

export type RequestedGrant = { id: string; state: string; overlapping: Array<{ id: string; state: string; operator: string }> };

/** Files a break-glass request (admin or on-call); it waits for approval by other admins. */
export async function requestGrant(ctx: Ctx, rawInput: RequestGrantInput): Promise<RequestedGrant> {
  requireRole(ctx, "admin", "oncall");
  const input = parseInput(RequestGrantInput, rawInput);
  const { policy } = grantSettings();
  const now = Math.floor(ctx.now.getTime() / 1000);
  return ctx.db.transaction(async (tx) => {
    const actor = await grantActorNow(tx, ctx);
    const grantee = await resolveOperator(tx, input.operator);
    const startAt = input.startAt ? Math.floor(Date.parse(input.startAt) / 1000) : null;
    const event = {
      type: "request" as const,
      id: randomUUID(),
      input: { ...input, operator: grantee.operator, operatorIdentities: grantee.identities, startAt },
    };
    const transition = applyGrantEvent(null, event, { now, policy, actor });
    if (!transition.ok) throw grantAppError(transition.error);
    const { grant } = transition;
    await tx.insert(grants).values(newGrantColumns(grant, grantee.userId, ctx.now));
    await insertTimeline(tx, grant.id, transition.entries, actor);
    await appendAudit(tx, ctx, {
      action: "grant.requested",
      targetType: "grant",
      targetId: grant.id,
      details: { operator: grant.operator, scope: grant.scope, durationSeconds: grant.durationSeconds, startAt: input.startAt ?? null, ticket: grant.ticket },
    });
    const overlapping = await findOverlapping(tx, grant);
    return { id: grant.id, state: grant.state, overlapping: overlapping.map((g) => ({ id: g.id, state: g.state, operator: g.operator })) };
  });
}
