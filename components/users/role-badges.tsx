import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS, type Role } from "@/lib/core/accounts";

export function RoleBadges({ roles }: { roles: Role[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {roles.map((role) => (
        <Badge key={role} tone={role === "admin" ? "blue" : "neutral"}>
          {ROLE_LABELS[role]}
        </Badge>
      ))}
    </span>
  );
}
