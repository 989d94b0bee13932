import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { GrantSummary } from "@/lib/server/grants/grant-view";
import { formatInstant } from "./grant-format";
import { GrantStateBadge } from "./grant-state-badge";

/** Other grants for the same operator whose scope and window overlap: reviewers should know. */
export function OverlappingGrants({ grants }: { grants: GrantSummary[] }) {
  if (grants.length === 0) return null;
  return (
    <Alert tone="warning" title={`${grants.length} overlapping grant(s) for this operator`}>
      <ul aria-label="Overlapping grants" className="space-y-1">
        {grants.map((g) => (
          <li key={g.id}>
            <GrantStateBadge state={g.state} />{" "}
            <Link className="underline" href={`/break-glass/${g.id}`}>{g.scope.surfaces.join(", ")} · {g.scope.actions.join(", ")}</Link>
            {" "}— requested {formatInstant(g.requestedAt)} by {g.requestedBy.email ?? g.requestedBy.id}{g.exp ? `, until ${formatInstant(g.exp)}` : ""}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
