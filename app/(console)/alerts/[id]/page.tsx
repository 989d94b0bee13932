import Link from "next/link";
import { AcknowledgeForm } from "@/components/alerts/acknowledge-form";
import { SeverityBadge, StateBadge } from "@/components/alerts/alert-badges";
import { AlertEvidence } from "@/components/alerts/alert-evidence";
import { Card, PageHeader } from "@/components/ui/card";
import { getAlert } from "@/lib/server/alerts";
import { pageContext } from "@/lib/server/auth/page-actor";

export const metadata = { title: "Alert" };

const LINK_TITLES: Record<string, string> = { chart: "Open the chart", decisions: "The decisions behind it", receipts: "The receipts", grant: "The break-glass grant", source: "Sources" };

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext(["oncall", "auditor", "admin"]);
  const { alert, timeline } = await getAlert(ctx, (await params).id);
  const canAct = ctx.actor.type === "user" && ctx.actor.roles.some((role) => role === "oncall" || role === "admin");
  const fired = timeline.find((e) => e.type === "firing")?.details.evidence as Record<string, unknown> | undefined;
  const links = Object.entries(alert.links).filter(([name]) => name !== "alert");
  return (
    <>
      <PageHeader title={alert.summary} description={`${alert.kindTitle} · ${Object.entries(alert.labels).filter(([k]) => k !== "alertname" && k !== "kind").map(([k, v]) => `${k}=${v}`).join(", ")}`} actions={<Link className="text-sm text-indigo-700 underline" href="/alerts">All alerts</Link>} />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Status">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <StateBadge state={alert.state} cleared={alert.cleared} /> <SeverityBadge severity={alert.severity} />
            {alert.silencedBy.length > 0 ? <span className="text-slate-600">Silenced: not notified.</span> : null}
          </div>
          <p className="mt-3 text-sm text-slate-700">{alert.description}</p>
          <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {links.map(([name, href]) => (
              <li key={name}><Link className="text-indigo-700 underline" href={href}>{LINK_TITLES[name] ?? name}</Link></li>
            ))}
          </ul>
          <div className="mt-4 border-t border-slate-200 pt-4">
            {alert.acknowledgement ? (
              <p className="text-sm"><span className="font-medium">Acknowledged by {alert.acknowledgement.by}</span> <span suppressHydrationWarning className="text-slate-500">at {new Date(alert.acknowledgement.at).toLocaleString()}</span>: “{alert.acknowledgement.note}”</p>
            ) : alert.state !== "resolved" && canAct ? (
              <AcknowledgeForm alertId={alert.id} />
            ) : (
              <p className="text-sm text-slate-600">{alert.state === "resolved" ? "Resolved without acknowledgement." : "Not acknowledged yet."}</p>
            )}
          </div>
        </Card>
        <Card title={alert.state === "resolved" ? "Evidence when last evaluated" : "Evidence now"} description={alert.kind === "outcome_rate" ? "From the CUSUM run (the minutes since the statistic left zero), tested exactly against the baseline." : undefined}>
          <AlertEvidence alert={alert} />
          {fired && alert.kind === "outcome_rate" ? (
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer text-indigo-700">Evidence when it fired</summary>
              <div className="mt-2"><AlertEvidence alert={alert} evidence={fired} /></div>
            </details>
          ) : null}
        </Card>
        <Card title="Timeline">
          <ol className="space-y-2 text-sm">
            {timeline.map((event, i) => (
              <li key={i}>
                <span suppressHydrationWarning className="text-slate-500">{new Date(event.at).toLocaleString()}</span> <span className="font-medium">{event.type}</span> by {event.actor}
                {event.note ? <>: “{event.note}”</> : null}
                {typeof event.details.reason === "string" ? <span className="text-slate-600"> ({event.details.reason})</span> : null}
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
