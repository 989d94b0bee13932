import Link from "next/link";
import { DRIFT_RANGE_KEYS, type DriftFilters, type DriftRangeKey } from "@/components/drift/drift-filter-keys";
import { DriftDashboard } from "@/components/drift/drift-dashboard";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import type { Ctx } from "@/lib/server/auth/actor";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getDriftOverview, getDriftSeries } from "@/lib/server/drift";
import { AppError } from "@/lib/server/errors";

export const metadata = { title: "Outcome drift" };

async function load(ctx: Ctx, filters: DriftFilters) {
  const input = { range: filters.range, end: filters.end };
  // With a surface in the URL both load in parallel; without one, the chart shows the top surface.
  const [overview, wanted] = await Promise.all([getDriftOverview(ctx, input), filters.surface ? getDriftSeries(ctx, { ...input, surface: filters.surface }) : null]);
  const top = overview.surfaces[0]?.surface;
  const series = wanted ?? (top ? await getDriftSeries(ctx, { ...input, surface: top }) : null);
  return { overview, series };
}

export default async function DriftPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await pageContext(["oncall", "auditor", "admin"]);
  const params = await searchParams;
  const range = (DRIFT_RANGE_KEYS as readonly string[]).includes(params.range ?? "") ? (params.range as DriftRangeKey) : "24h";
  const filters: DriftFilters = { range, surface: params.surface || undefined, end: params.end || undefined };
  const data = await load(ctx, filters).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "VALIDATION") return error;
    throw error;
  });
  return (
    <>
      <PageHeader title="Outcome drift" description="DENY and SILENCE rates per surface against their baselines, from the per-minute rollups. Range, surface and end time live in the URL: share it." />
      {data instanceof AppError ? (
        <Alert tone="error" title="These filters are not valid">{data.message} <Link className="underline" href="/drift">Reset the dashboard</Link>.</Alert>
      ) : (
        <DriftDashboard filters={filters} initialOverview={data.overview} initialSeries={data.series} />
      )}
    </>
  );
}
