import type { Role } from "./roles";

/** The roles an identity provider's groups grant under a group → roles mapping (none: no access). */
export function rolesForGroups(groups: unknown, roleMap: Record<string, readonly Role[]>): Role[] {
  const list = Array.isArray(groups) ? groups : typeof groups === "string" ? [groups] : [];
  const roles = new Set<Role>();
  for (const group of list) {
    if (typeof group !== "string") continue;
    for (const role of roleMap[group] ?? []) roles.add(role);
  }
  return [...roles].sort();
}
