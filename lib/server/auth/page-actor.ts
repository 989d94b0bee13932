import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { hasAnyRole, type Role } from "@/lib/core/accounts";
import { getDb } from "../db";
import type { Ctx, UserActor } from "./actor";
import { SESSION_COOKIES, actorFromSessionToken } from "./session";

/** The signed-in user for this page render, or undefined (memoized per request). */
export const getPageActor = cache(async (): Promise<UserActor | undefined> => {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  return actorFromSessionToken(await getDb(), token, new Date());
});

/** For pages: sends anonymous visitors to sign in and wrong roles to the "not allowed" page. */
export async function requirePageActor(roles?: readonly Role[]): Promise<UserActor> {
  const actor = await getPageActor();
  const path = (await headers()).get("x-countersign-path") ?? "/";
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (roles && !hasAnyRole(actor.roles, roles)) redirect(`/forbidden?from=${encodeURIComponent(path)}`);
  return actor;
}

/** A service context for a page render on behalf of the signed-in user. */
export async function pageContext(roles?: readonly Role[]): Promise<Ctx> {
  const actor = await requirePageActor(roles);
  return { db: await getDb(), actor, now: new Date() };
}
