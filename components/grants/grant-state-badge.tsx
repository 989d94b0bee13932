import { Badge } from "@/components/ui/badge";
import { STATE_LABELS } from "./grant-format";

const TONES = {
  pending: "amber",
  approved: "blue",
  active: "green",
  denied: "red",
  revoked: "red",
  expired: "neutral",
  request_expired: "neutral",
} as const;

export function GrantStateBadge({ state }: { state: string }) {
  return <Badge tone={TONES[state as keyof typeof TONES] ?? "neutral"}>{STATE_LABELS[state] ?? state}</Badge>;
}
