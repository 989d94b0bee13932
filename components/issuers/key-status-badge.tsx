import { Badge } from "@/components/ui/badge";
import type { KeyStatus } from "@/lib/server/issuers";

const TONE: Record<KeyStatus, "green" | "red" | "amber" | "neutral"> = { active: "green", revoked: "red", expired: "neutral", not_yet_valid: "amber" };
const LABEL: Record<KeyStatus, string> = { active: "Active", revoked: "Revoked", expired: "Expired", not_yet_valid: "Not yet valid" };

export function KeyStatusBadge({ status }: { status: KeyStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
