import { Badge } from "@/components/ui/badge";

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={severity === "critical" ? "red" : severity === "warning" ? "amber" : "neutral"}>{severity === "none" ? "info" : severity}</Badge>;
}

export function StateBadge({ state, cleared }: { state: string; cleared?: boolean }) {
  if (state === "firing") return <Badge tone="red">Firing</Badge>;
  if (state === "pending") return <Badge tone="amber">Pending</Badge>;
  return <Badge tone={cleared ? "neutral" : "green"}>{cleared ? "Cleared" : "Resolved"}</Badge>;
}
