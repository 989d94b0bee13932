import "server-only";
import { desc, sql } from "drizzle-orm";
import { GENESIS_HASH, auditEntryHash, type AuditEntry } from "@/lib/core/audit";
import type { Actor, Ctx } from "../auth/actor";
import type { Tx } from "../db";
import { auditLog } from "../db/schema";

export type AuditEvent = {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
};

function actorColumns(actor: Actor): Pick<AuditEntry, "actorType" | "actorId" | "actorEmail"> {
  if (actor.type === "user") return { actorType: "user", actorId: actor.userId, actorEmail: actor.email };
  if (actor.type === "system") return { actorType: "system", actorId: actor.name, actorEmail: null };
  return { actorType: "anonymous", actorId: null, actorEmail: null };
}

/**
 * Appends one entry to the hash-chained audit log inside the caller's transaction, so the
 * entry commits or rolls back with the change it records. The transaction-scoped advisory
 * lock serializes appenders; without it two writers would both link to the same head.
 */
export async function appendAudit(tx: Tx, ctx: Pick<Ctx, "actor" | "now" | "ip">, event: AuditEvent): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('countersign:audit'))`);
  const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const entry: AuditEntry = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date(ctx.now.getTime()),
    ...actorColumns(ctx.actor),
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    details: event.details ?? {},
    ip: ctx.ip ?? null,
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...entry, prevHash, hash: auditEntryHash(prevHash, entry) });
}
