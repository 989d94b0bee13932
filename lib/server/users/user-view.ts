import "server-only";
import type { Role } from "@/lib/core/accounts";
import type { users } from "../db/schema";

export type UserView = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  authProvider: string;
  createdAt: string;
  lastLoginAt: string | null;
};

/** What the console and the API may show of a user: never the password hash. */
export function toUserView(row: typeof users.$inferSelect): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    disabled: row.disabledAt !== null,
    authProvider: row.authProvider,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}
