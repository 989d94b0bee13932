import "server-only";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { issuers } from "../db/schema";
import { conflict } from "../errors";
import { parseInput } from "../http/parse-input";
import { reverifyReceipts } from "../receipts/reverify-receipts";
import { getIssuer } from "./get-issuer";
import type { IssuerView } from "./issuer-view";
import { fetchJwks, type JwksFetchPolicy } from "./jwks-fetch";
import { CreateIssuerInput } from "./schemas";
import { invalidateConsoleTrust } from "./trust-set-cache";
import { insertKeys, validateKeysFor, type SkippedKey } from "./validate-keys";

export type KeyChangeResult = {
  issuer: IssuerView;
  /** Keys of the given trust file that named another issuer and were left out. */
  skipped: SkippedKey[];
  /** Stored receipts verified again because a key changed. */
  reverified: { checked: number; changed: number };
};

/**
 * Registers an issuer with its keys, pasted/uploaded as a JWKS or fetched from a JWKS URL (which
 * is then refreshed on a schedule); receipts already stored without a key are verified again.
 */
export async function createIssuer(ctx: Ctx, rawInput: CreateIssuerInput, fetchPolicy?: JwksFetchPolicy): Promise<KeyChangeResult> {
  requireRole(ctx, "admin");
  const input = parseInput(CreateIssuerInput, rawInput);
  const jwks = input.jwksUrl ? await fetchJwks(input.jwksUrl, fetchPolicy) : input.jwks;
  const { keys, skipped } = await validateKeysFor(ctx, input.iss, jwks);
  const origin = input.jwksUrl ? "url" : "manual";
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(issuers)
      .values({
        iss: input.iss,
        name: input.name,
        jwksUrl: input.jwksUrl ?? null,
        refreshedAt: input.jwksUrl ? ctx.now : null,
        createdAt: ctx.now,
        createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(`An issuer "${input.iss}" is already registered: add keys to it instead.`, "DUPLICATE_ISSUER");
    await appendAudit(tx, ctx, {
      action: "issuer.created",
      targetType: "issuer",
      targetId: row.id,
      details: { iss: row.iss, name: row.name, jwksUrl: row.jwksUrl, kids: keys.map((k) => k.kid) },
    });
    await insertKeys(tx, ctx, row, keys, origin);
    return row.id;
  });
  invalidateConsoleTrust();
  const reverified = await reverifyReceipts(ctx.db, { kind: "pending", iss: input.iss }, ctx.now);
  return { issuer: await getIssuer(ctx, id), skipped, reverified };
}
