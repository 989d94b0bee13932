"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { api } from "@/lib/client/api";
import type { DriftOverview, DriftSeries } from "@/lib/server/drift";
import { BucketDetail } from "./bucket-detail";
import { DRIFT_RANGE_KEYS, driftHref, type DriftFilters } from "./drift-filter-keys";
import { formatCount, formatPercent, formatTime } from "./format";
import { RateChart } from "./rate-chart";
import { SurfacesOverview } from "./surfaces-overview";
import { VolumeChart } from "./volume-chart";

const LIVE_MS = 30_000;

function query(filters: DriftFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ range: filters.range, ...extra });
  if (filters.end) params.set("end", filters.end);
  return params.toString();
}

function RangePicker({ filters }: { filters: DriftFilters }) {
  return (
    <nav aria-label="Time range" className="flex flex-wrap items-center gap-1">
      {DRIFT_RANGE_KEYS.map((range) => (
        <Link
          key={range}
          href={driftHref({ ...filters, range })}
          aria-current={range === filters.range ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 text-sm ${range === filters.range ? "bg-indigo-600 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
        >
          {range}
        </Link>
      ))}
      {filters.end ? <Link href={driftHref({ ...filters, end: undefined })} className="ml-2 text-sm text-indigo-700 underline">Back to live</Link> : null}
    </nav>
  );
}

function SeriesPanel({ series, error }: { series: DriftSeries; error: Error | null }) {
  const [selected, setSelected] = useState<number | null>(null);
  const point = selected === null ? undefined : series.points.find((p) => p.start === selected);
  const props = { points: series.points, from: series.from, to: series.to, bucketMs: series.bucketMs, alerts: series.alerts, grants: series.grants, selected, onSelect: setSelected };
  const busiest = series.points.filter((p) => p.DENY.k + p.SILENCE.k > 0).slice(-12).reverse();
  return (
    <Card
      title={`${series.surface}: DENY and SILENCE over the last ${series.range}`}
      description={`${formatCount(series.totals.n)} decisions in ${Math.round(series.bucketMs / 60_000)}-minute buckets; dashed: baseline, grey band: where a bucket lands 95 % of the time at the baseline, shaded: alerts and break-glass windows. Click a bucket for its decisions.`}
    >
      {error ? <div className="mb-3"><Alert tone="warning" title="Live refresh failed">{error.message} Showing data as of {formatTime(Date.parse(series.generatedAt), true)}.</Alert></div> : null}
      <div className="space-y-4">
        <div>
          <h3 className="text-sm font-semibold text-slate-800">DENY % <span className="font-normal text-slate-500">(baseline {formatPercent(series.baselines.DENY?.rate)}{series.baselines.DENY?.status === "learning" ? ", learning" : ""})</span></h3>
          <RateChart outcome="DENY" baselineRate={series.baselines.DENY?.rate ?? null} {...props} />
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-800">SILENCE % <span className="font-normal text-slate-500">(baseline {formatPercent(series.baselines.SILENCE?.rate)})</span></h3>
          <RateChart outcome="SILENCE" baselineRate={series.baselines.SILENCE?.rate ?? null} {...props} />
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-800">Decisions per bucket</h3>
          <VolumeChart points={series.points} from={series.from} to={series.to} bucketMs={series.bucketMs} onSelect={setSelected} />
        </div>
        {point ? <BucketDetail surface={series.surface} point={point} bucketMs={series.bucketMs} /> : null}
        <details className="text-sm">
          <summary className="cursor-pointer text-indigo-700">Recent buckets with DENY or SILENCE ({busiest.length})</summary>
          <ul className="mt-2 space-y-2">
            {busiest.map((p) => (
              <li key={p.start}><BucketDetail surface={series.surface} point={p} bucketMs={series.bucketMs} /></li>
            ))}
          </ul>
        </details>
      </div>
    </Card>
  );
}

/** The drift dashboard: surfaces ranked by distance from baseline, and the selected surface's charts; refreshes live. */
export function DriftDashboard({ filters, initialOverview, initialSeries }: { filters: DriftFilters; initialOverview: DriftOverview; initialSeries: DriftSeries | null }) {
  const live = filters.end ? false : LIVE_MS;
  const overview = useQuery({ queryKey: ["drift-overview", filters.range, filters.end], queryFn: () => api<DriftOverview>(`/api/v1/drift/overview?${query(filters)}`), initialData: initialOverview, refetchInterval: live });
  const surface = initialSeries?.surface;
  const series = useQuery({
    queryKey: ["drift-series", surface, filters.range, filters.end],
    queryFn: () => api<DriftSeries>(`/api/v1/drift/series?${query(filters, { surface: surface! })}`),
    initialData: initialSeries ?? undefined,
    enabled: surface !== undefined,
    refetchInterval: live,
  });
  const surfaces = overview.data.surfaces;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <RangePicker filters={filters} />
        <p className="text-xs text-slate-500" aria-live="polite">{live ? (overview.isFetching ? "Refreshing…" : `Live: refreshes every ${LIVE_MS / 1000} s`) : `As of ${formatTime(Date.parse(overview.data.to), true)}`}</p>
      </div>
      {overview.error ? <Alert tone="warning" title="Live refresh failed">{overview.error.message}</Alert> : null}
      {surfaces.length === 0 ? (
        <Card title="No decisions in this range">
          <p className="text-sm text-slate-700">
            Nothing was decided in the last {filters.range}. Try a longer range, or connect a gate: create a source on the <Link className="text-indigo-700 underline" href="/sources">Sources</Link> page
            and point its OpenTelemetry exporter here (<Link className="text-indigo-700 underline" href="/connect">how</Link>). Rates and baselines appear as soon as decisions arrive.
          </p>
        </Card>
      ) : (
        <>
          {series.data ? <SeriesPanel key={`${series.data.surface}-${filters.range}`} series={series.data} error={series.error} /> : null}
          <Card title="Surfaces" description="Sorted by open alerts, then by how surprising the window is against each surface's baseline (−log10 p of the exact binomial test).">
            <SurfacesOverview surfaces={surfaces} filters={{ ...filters, surface }} />
          </Card>
        </>
      )}
    </div>
  );
}
