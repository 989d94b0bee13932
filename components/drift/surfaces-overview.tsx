"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { SurfaceOverview } from "@/lib/server/drift";
import { driftHref, type DriftFilters } from "./drift-filter-keys";
import { formatCount, formatPercent } from "./format";
import { Sparkline } from "./sparkline";

function Status({ surface }: { surface: SurfaceOverview }) {
  const firing = surface.openAlerts.filter((a) => a.state === "firing");
  if (firing.length > 0) return <Badge tone="red">Firing: {firing.map((a) => a.outcome).join(", ")}</Badge>;
  if (surface.openAlerts.length > 0) return <Badge tone="amber">Pending: {surface.openAlerts.map((a) => a.outcome).join(", ")}</Badge>;
  if (surface.baselines.DENY?.status === "learning") return <Badge tone="blue">Learning</Badge>;
  return <Badge tone="green">Normal</Badge>;
}

function Rate({ k, n, baseline }: { k: number; n: number; baseline: number | null }) {
  return (
    <span>
      <span className="font-medium">{formatPercent(n === 0 ? null : k / n)}</span>
      <span className="block text-xs text-slate-600">baseline {formatPercent(baseline)}</span>
    </span>
  );
}

/** Every surface, most surprising first (distance from its baseline), with a DENY sparkline. */
export function SurfacesOverview({ surfaces, filters }: { surfaces: SurfaceOverview[]; filters: DriftFilters }) {
  return (
    <Table caption="Surfaces by distance from baseline" head={<tr><Th>Surface</Th><Th>Status</Th><Th>Decisions</Th><Th>DENY</Th><Th>SILENCE</Th><Th>Distance</Th><Th>DENY trend</Th></tr>}>
      {surfaces.map((s) => {
        const selected = s.surface === filters.surface;
        return (
          <tr key={s.surface} className={selected ? "bg-indigo-50" : "hover:bg-slate-50"} aria-current={selected ? "true" : undefined}>
            <Td className="font-medium">
              <Link href={driftHref({ ...filters, surface: s.surface })} className="text-indigo-700 underline-offset-2 hover:underline" scroll={false}>{s.surface}</Link>
            </Td>
            <Td><Status surface={s} /></Td>
            <Td>{formatCount(s.n)}</Td>
            <Td><Rate k={s.deny} n={s.n} baseline={s.baselines.DENY?.rate ?? null} /></Td>
            <Td><Rate k={s.silence} n={s.n} baseline={s.baselines.SILENCE?.rate ?? null} /></Td>
            <Td>
              {s.baselines.DENY?.status === "ready" || s.baselines.SILENCE?.status === "ready" ? (
                <span title="−log10 of the exact p-value of this window against the baseline; above 3 is unusual">{s.score > 0 ? s.score.toFixed(1) : "0"}</span>
              ) : (
                <span title="no baseline yet: the surface is still learning">—</span>
              )}
            </Td>
            <Td><Sparkline points={s.sparkline} baselineRate={s.baselines.DENY?.rate ?? null} /></Td>
          </tr>
        );
      })}
    </Table>
  );
}
