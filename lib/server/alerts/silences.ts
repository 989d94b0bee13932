import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { alertSilences } from "../db/schema";
import { AppError, conflict, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { entityId } from "./entity-id";
import { CreateSilenceInput, ListSilencesInput, MAX_SILENCE_MS } from "./schemas";
import { toSilenceView, type SilenceView } from "./silence-view";

function author(ctx: Ctx): { id: string | null; email: string } {
  const actor = requireRole(ctx, "oncall", "admin");
  return actor.type === "user" ? { id: actor.userId, email: actor.email } : { id: null, email: actor.name };
}

/**
 * Silences alerts matching some labels for a bounded time (on-call, admin): they are still
 * evaluated and shown, but not notified. Author and reason are required and audited.
 */
export async function createSilence(ctx: Ctx, rawInput: CreateSilenceInput): Promise<SilenceView> {
  const by = author(ctx);
  const input = parseInput(CreateSilenceInput, rawInput);
  const startsAt = input.startsAt && input.startsAt > ctx.now ? input.startsAt : ctx.now;
  if (input.endsAt.getTime() <= ctx.now.getTime()) throw new AppError("VALIDATION", "Invalid input: endsAt: must be in the future", { fields: { endsAt: "must be in the future" } });
  if (input.endsAt.getTime() - startsAt.getTime() > MAX_SILENCE_MS) {
    throw new AppError("VALIDATION", "Invalid input: endsAt: a silence lasts at most 30 days", { fields: { endsAt: "at most 30 days after the start" } });
  }
  const matchers = Object.fromEntries(Object.entries(input.matchers).filter(([, value]) => value !== undefined)) as Record<string, string>;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(alertSilences)
      .values({ matchers, reason: input.reason, startsAt, endsAt: input.endsAt, createdAt: ctx.now, createdBy: by.id, createdByEmail: by.email })
      .returning();
    await appendAudit(tx, ctx, { action: "alert.silence_created", targetType: "silence", targetId: row!.id, details: { matchers, reason: input.reason, startsAt: startsAt.toISOString(), endsAt: input.endsAt.toISOString() } });
    return toSilenceView(row!, ctx.now);
  });
}

/** Ends a silence before its time (on-call, admin); audited. */
export async function endSilence(ctx: Ctx, id: string): Promise<SilenceView> {
  const by = author(ctx);
  entityId(id, "The silence");
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(alertSilences).where(eq(alertSilences.id, id)).for("update");
    if (!current) throw notFound("The silence");
    if (current.endedAt || current.endsAt <= ctx.now) throw conflict("The silence has already ended.", "ENDED");
    const [row] = await tx.update(alertSilences).set({ endedAt: ctx.now, endedByEmail: by.email }).where(eq(alertSilences.id, id)).returning();
    await appendAudit(tx, ctx, { action: "alert.silence_ended", targetType: "silence", targetId: id, details: { matchers: current.matchers, reason: current.reason } });
    return toSilenceView(row!, ctx.now);
  });
}

/** Silences: active and upcoming ones, or all including expired and ended (most recent 200). */
export async function listSilences(ctx: Ctx, rawInput: ListSilencesInput = {}): Promise<SilenceView[]> {
  requireRole(ctx, "oncall", "auditor", "admin");
  const input = parseInput(ListSilencesInput, rawInput);
  const where = input.include === "active" ? and(isNull(alertSilences.endedAt), gt(alertSilences.endsAt, ctx.now)) : undefined;
  const rows = await ctx.db.select().from(alertSilences).where(where).orderBy(desc(alertSilences.createdAt)).limit(200);
  return rows.map((row) => toSilenceView(row, ctx.now));
}
