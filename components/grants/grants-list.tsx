"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import type { GrantSummary } from "@/lib/server/grants/grant-view";
import { Countdown } from "./countdown";
import { formatDuration, formatInstant } from "./grant-format";
import { GrantStateBadge } from "./grant-state-badge";

const VIEWS = [
  { key: "open", label: "Pending, active and scheduled", states: ["pending", "active", "approved"] },
  { key: "pending", label: "Pending review", states: ["pending"] },
  { key: "ended", label: "Ended", states: ["expired", "revoked", "denied", "request_expired"] },
  { key: "all", label: "All", states: [] },
] as const;

const ORDER: Record<string, number> = { pending: 0, active: 1, approved: 2 };

function WindowCell({ grant }: { grant: GrantSummary }) {
  if (grant.state === "active" && grant.exp) return <Countdown until={grant.exp} />;
  if (grant.state === "approved" && grant.nbf) return <Countdown until={grant.nbf} label="starts in" />;
  if (grant.state === "pending") return <span>{formatDuration(grant.durationSeconds)} requested · <Countdown until={grant.requestExpiresAt} label="review within" /></span>;
  if (grant.nbf && grant.exp) return <span className="text-slate-600">{formatInstant(grant.nbf)} → {formatInstant(grant.revocation?.at ?? grant.exp)}</span>;
  return <span className="text-slate-500">never active</span>;
}

function GrantRow({ grant }: { grant: GrantSummary }) {
  return (
    <tr>
      <Td>
        <Link className="font-medium text-indigo-700 underline" href={`/break-glass/${grant.id}`}>{grant.operator}</Link>
        <p className="text-xs text-slate-500">{grant.ticket ?? "no ticket"} · requested by {grant.requestedBy.email ?? grant.requestedBy.id}</p>
      </Td>
      <Td><span className="font-mono text-xs">{grant.scope.surfaces.join(", ")} · {grant.scope.actions.join(", ")}</span></Td>
      <Td><GrantStateBadge state={grant.state} /></Td>
      <Td><WindowCell grant={grant} /></Td>
      <Td>
        {grant.useCount}
        {grant.violationCount > 0 ? <> <Badge tone="red">{grant.violationCount} flagged</Badge></> : null}
      </Td>
      <Td className="whitespace-nowrap">{formatInstant(grant.requestedAt)}</Td>
    </tr>
  );
}

export function GrantsList({ initial }: { initial: GrantSummary[] }) {
  const [view, setView] = useState<(typeof VIEWS)[number]["key"]>("open");
  const grants = useQuery({
    queryKey: ["grants"],
    queryFn: () => api<{ items: GrantSummary[] }>("/api/v1/break-glass?limit=500").then((r) => r.items),
    initialData: initial,
    refetchInterval: 5_000,
  });
  const selected = VIEWS.find((v) => v.key === view)!;
  const rows = grants.data
    .filter((g) => selected.states.length === 0 || (selected.states as readonly string[]).includes(g.state))
    .sort((a, b) => (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9));
  return (
    <Card
      title="Grants"
      description="Live: refreshed every few seconds. Active grants count down to their expiry."
      actions={
        <div role="group" aria-label="Show grants" className="flex flex-wrap gap-1">
          {VIEWS.map((v) => (
            <button key={v.key} type="button" aria-pressed={view === v.key} onClick={() => setView(v.key)}
              className={`rounded-md px-2.5 py-1 text-sm ${view === v.key ? "bg-indigo-600 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}>
              {v.label}
            </button>
          ))}
        </div>
      }
    >
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No grants in this view.</p>
      ) : (
        <Table caption="Break-glass grants" head={<tr><Th>Operator</Th><Th>Scope</Th><Th>State</Th><Th>Window</Th><Th>Uses</Th><Th>Requested</Th></tr>}>
          {rows.map((grant) => <GrantRow key={grant.id} grant={grant} />)}
        </Table>
      )}
    </Card>
  );
}
