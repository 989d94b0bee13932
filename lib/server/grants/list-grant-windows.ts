import "server-only";
import { and, asc, gt, isNotNull, lt } from "drizzle-orm";
import { grantWindow } from "@/lib/core/grants";
import { requireRole, type Ctx } from "../auth/actor";
import { grants } from "../db/schema";
import { rowToGrant } from "./grant-row";

export type GrantWindowView = { id: string; operator: string; state: string; surfaces: string[]; actions: string[]; start: string; end: string };

/** The windows in which approved grants were valid (ended early by revocation), overlapping [from, to): for chart annotations. */
export async function listGrantWindows(ctx: Ctx, range: { from: Date; to: Date }): Promise<GrantWindowView[]> {
  requireRole(ctx, "admin", "oncall", "auditor");
  const rows = await ctx.db
    .select()
    .from(grants)
    .where(and(isNotNull(grants.nbf), lt(grants.nbf, range.to), gt(grants.exp, range.from)))
    .orderBy(asc(grants.nbf))
    .limit(1000);
  return rows.flatMap((row) => {
    const window = grantWindow(rowToGrant(row));
    if (!window) return [];
    const { surfaces, actions } = row.scope;
    return [{ id: row.id, operator: row.operator, state: row.state, surfaces, actions, start: new Date(window.start * 1000).toISOString(), end: new Date(window.end * 1000).toISOString() }];
  });
}
