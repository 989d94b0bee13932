export { ROLES, ROLE_LABELS, hasAnyRole, type Role } from "./roles";
export { rolesForGroups } from "./map-groups";
