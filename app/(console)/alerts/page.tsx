import Link from "next/link";
import { ALERT_FILTER_KEYS, type AlertFilters } from "@/components/alerts/alert-filter-keys";
import { AlertsView } from "@/components/alerts/alerts-view";
import { SilencesPanel } from "@/components/alerts/silences-panel";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { ALERT_KIND_TITLES, ALERT_KINDS, listAlerts, listSilences, type ListAlertsInput } from "@/lib/server/alerts";
import type { Ctx } from "@/lib/server/auth/actor";
import { pageContext } from "@/lib/server/auth/page-actor";
import { AppError } from "@/lib/server/errors";

export const metadata = { title: "Alerts" };

async function load(ctx: Ctx, filters: AlertFilters) {
  return Promise.all([listAlerts(ctx, filters as ListAlertsInput), listSilences(ctx)]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "VALIDATION") return error;
    throw error;
  });
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await pageContext(["oncall", "auditor", "admin"]);
  const params = await searchParams;
  const filters: AlertFilters = Object.fromEntries(ALERT_FILTER_KEYS.flatMap((key) => (params[key] ? [[key, params[key]]] : [])));
  const canAct = ctx.actor.type === "user" && ctx.actor.roles.some((role) => role === "oncall" || role === "admin");
  const kinds = ALERT_KINDS.map((value) => ({ value, title: ALERT_KIND_TITLES[value] }));
  const data = await load(ctx, filters);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Outcome-rate shifts, silent gates, break-glass uses, receipt failures and equivocations, stalled background jobs. Filters live in the URL."
        actions={<Link className="text-sm text-indigo-700 underline" href="/alerts/settings">Detector settings and evaluator health</Link>}
      />
      {data instanceof AppError ? (
        <Alert tone="error" title="These filters are not valid">{data.message} <Link className="underline" href="/alerts">Clear the filters</Link>.</Alert>
      ) : (
        <div className="space-y-6">
          <AlertsView initial={data[0]} filters={filters} kinds={kinds} />
          <SilencesPanel initial={data[1]} canAct={canAct} kinds={kinds} />
        </div>
      )}
    </>
  );
}
