import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { GrantSummary } from "@/lib/server/grants/grant-view";
import { Countdown } from "./countdown";
import { formatDuration, formatInstant } from "./grant-format";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="break-words">{children}</dd>
    </>
  );
}

function Window({ grant }: { grant: GrantSummary }) {
  if (!grant.nbf || !grant.exp) return <>{formatDuration(grant.durationSeconds)} from approval{grant.startAt ? `, not before ${formatInstant(grant.startAt)}` : ""}</>;
  return (
    <>
      {formatInstant(grant.nbf)} → {formatInstant(grant.exp)} ({formatDuration(grant.durationSeconds)})
      {grant.state === "active" ? <> · <Countdown until={grant.exp} /></> : null}
      {grant.state === "approved" ? <> · <Countdown until={grant.nbf} label="starts in" /></> : null}
    </>
  );
}

export function GrantFacts({ grant }: { grant: GrantSummary }) {
  return (
    <Card title="Grant">
      <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-2 text-sm">
        <Fact label="Operator">{grant.operator}{grant.operatorIsUser ? " (console user)" : ""}</Fact>
        <Fact label="Surfaces"><span className="font-mono">{grant.scope.surfaces.join(", ")}</span></Fact>
        <Fact label="Actions"><span className="font-mono">{grant.scope.actions.join(", ")}</span></Fact>
        <Fact label="Justification">{grant.justification}</Fact>
        <Fact label="Ticket">{grant.ticket ?? "—"}</Fact>
        <Fact label="Window"><Window grant={grant} /></Fact>
        <Fact label="Requested">{formatInstant(grant.requestedAt)} by {grant.requestedBy.email ?? grant.requestedBy.id}</Fact>
        {grant.state === "pending" ? <Fact label="Review by">{formatInstant(grant.requestExpiresAt)}</Fact> : null}
        <Fact label="Approvals">{grant.approvals.length} of {grant.requiredApprovals}</Fact>
        <Fact label="Uses">{grant.useCount}{grant.violationCount ? `, ${grant.violationCount} flagged` : ""}</Fact>
        <Fact label="Token">{grant.tokenIssuedAt ? `issued ${formatInstant(grant.tokenIssuedAt)}${grant.tokenRetrievedAt ? `, retrieved ${formatInstant(grant.tokenRetrievedAt)}` : ", not yet retrieved"}` : "not issued"}</Fact>
        <Fact label="Grant id"><code className="font-mono text-xs">{grant.id}</code></Fact>
      </dl>
    </Card>
  );
}
