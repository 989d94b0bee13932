/** The console's roles; a user may hold several. */
export const ROLES = ["auditor", "oncall", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  auditor: "Auditor",
  oncall: "On-call",
  admin: "Admin",
};

/** True when the user holds at least one of the roles. */
export function hasAnyRole(userRoles: readonly Role[], allowed: readonly Role[]): boolean {
  return userRoles.some((role) => allowed.includes(role));
}
