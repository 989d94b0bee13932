import type { GrantScope } from "./grant-types";

export const WILDCARD = "*";

/** Identities compare case-insensitively and without surrounding blanks (emails, ids). */
export function normalizeIdentity(value: string): string {
  return value.trim().toLowerCase();
}

/** Whether a granted list covers one value: exact match, or "*" in the list. */
export function listCovers(granted: readonly string[], value: string): boolean {
  return granted.includes(WILDCARD) || granted.includes(value);
}

/** Whether a grant's scope covers one surface and action. */
export function scopeCovers(scope: GrantScope, surface: string, action: string): boolean {
  return listCovers(scope.surfaces, surface) && listCovers(scope.actions, action);
}

function listsIntersect(a: readonly string[], b: readonly string[]): boolean {
  if (a.includes(WILDCARD) || b.includes(WILDCARD)) return a.length > 0 && b.length > 0;
  return a.some((value) => b.includes(value));
}

/** Whether some (surface, action) lies in both scopes. */
export function scopesIntersect(a: GrantScope, b: GrantScope): boolean {
  return listsIntersect(a.surfaces, b.surfaces) && listsIntersect(a.actions, b.actions);
}

/** Whether a scope uses "*" anywhere. */
export function scopeHasWildcard(scope: GrantScope): boolean {
  return scope.surfaces.includes(WILDCARD) || scope.actions.includes(WILDCARD);
}
