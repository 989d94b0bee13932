import { Badge } from "@/components/ui/badge";

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const tone = outcome === "PERMIT" ? "green" : outcome === "DENY" ? "red" : "amber";
  return <Badge tone={tone}>{outcome}</Badge>;
}
