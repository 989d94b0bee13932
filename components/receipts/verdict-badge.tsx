import { Badge } from "@/components/ui/badge";

// Valid, forged or broken, or "cannot tell yet" (a key the verifier does not hold).
const TONE: Record<string, "green" | "red" | "amber" | "neutral"> = {
  valid: "green",
  unknown_issuer: "amber",
  unknown_key: "amber",
};

/** A verdict code as a badge; everything but `valid` and missing keys reads as a failure. */
export function VerdictBadge({ verdict }: { verdict: string }) {
  return <Badge tone={TONE[verdict] ?? "red"}>{verdict}</Badge>;
}

/** A decision as a badge; an unverified one (the receipt is not valid) is shown without colour. */
export function DecisionBadge({ decision, verified = true }: { decision: string | null; verified?: boolean }) {
  if (!decision) return <span className="text-slate-400">—</span>;
  if (!verified) return <span title="claimed by a receipt that is not valid"><Badge tone="neutral">{decision} (unverified)</Badge></span>;
  return <Badge tone={decision === "PERMIT" ? "green" : decision === "DENY" ? "red" : "amber"}>{decision}</Badge>;
}
