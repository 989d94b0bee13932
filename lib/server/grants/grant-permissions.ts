import "server-only";
import { isRequesterOrGrantee, normalizeIdentity, type Grant } from "@/lib/core/grants";
import type { Ctx } from "../auth/actor";
import type { GrantRow } from "./grant-row";
import type { GrantPermissions } from "./grant-view";

const NONE: GrantPermissions = { canApprove: false, canDeny: false, canRevoke: false, canRetrieveToken: false, reviewBlockedReason: null };

function hasReviewed(grant: Grant, ids: string[]): boolean {
  const mine = new Set(ids.map(normalizeIdentity));
  const reviewers = [...grant.approvals.flatMap((a) => [a.by, a.email]), grant.denial?.by];
  return reviewers.some((id) => !!id && mine.has(normalizeIdentity(id)));
}

function reviewBlocked(grant: Grant, ctx: { id: string; email: string }): string | null {
  const actor = { id: ctx.id, email: ctx.email, roles: [], isAdminNow: false };
  if (normalizeIdentity(grant.requestedBy.id) === normalizeIdentity(ctx.id)) return "You requested this grant: another admin must review it.";
  if (isRequesterOrGrantee(grant, actor)) return "This grant is for you: another admin must review it.";
  if (hasReviewed(grant, [ctx.id, ctx.email])) return "You have already reviewed this request.";
  return null;
}

/** What the caller may do with the grant now: a hint for the console, computed with the same rules the steps apply. */
export function grantPermissions(ctx: Ctx, grant: Grant, row: GrantRow): GrantPermissions {
  if (ctx.actor.type !== "user") return NONE;
  const { userId, email, roles } = ctx.actor;
  const now = Math.floor(ctx.now.getTime() / 1000);
  const isAdmin = roles.includes("admin");
  const open = grant.state === "pending" && now < grant.requestExpiresAt;
  const blocked = isAdmin && open ? reviewBlocked(grant, { id: userId, email }) : null;
  const live = grant.state === "pending" || grant.state === "approved" || grant.state === "active";
  const isRequester = normalizeIdentity(grant.requestedBy.id) === normalizeIdentity(userId);
  const tokenReady = (grant.state === "approved" || grant.state === "active") && grant.exp !== null && now < grant.exp;
  return {
    canApprove: isAdmin && open && blocked === null,
    canDeny: isAdmin && open && blocked === null,
    canRevoke: live && (isAdmin || (isRequester && roles.includes("oncall"))),
    canRetrieveToken: tokenReady && row.tokenIssuedAt !== null && row.tokenRetrievedAt === null && isRequesterOrGrantee(grant, { id: userId, email, roles, isAdminNow: isAdmin }),
    reviewBlockedReason: blocked,
  };
}
