"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDuration } from "@/components/drift/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import type { AlertView } from "@/lib/server/alerts";
import { SeverityBadge, StateBadge } from "./alert-badges";
import type { AlertFilters, KindOption } from "./alert-filter-keys";
import { AlertFiltersForm } from "./alert-filters";

type Page = { items: AlertView[]; nextCursor: string | null };

function Duration({ alert, now }: { alert: AlertView; now: number }) {
  const start = Date.parse(alert.firedAt ?? alert.startsAt);
  const end = alert.resolvedAt ? Date.parse(alert.resolvedAt) : now;
  // The clock differs between the server render and hydration: the text may too.
  return <span suppressHydrationWarning>{formatDuration(end - start)}{alert.resolvedAt ? "" : " so far"}</span>;
}

/** Alerts, newest first, with filters in the URL and live refresh; each row links to its evidence. */
export function AlertsView({ initial, filters, kinds }: { initial: Page; filters: AlertFilters; kinds: KindOption[] }) {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const alerts = useInfiniteQuery({
    queryKey: ["alerts", query.toString()],
    queryFn: ({ pageParam }) => api<Page>(`/api/v1/alerts?${query}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initial], pageParams: [""] },
    refetchInterval: 15_000,
  });
  const rows = alerts.data.pages.flatMap((page) => page.items);
  const now = alerts.dataUpdatedAt;
  return (
    <div className="space-y-6">
      <Card>
        <AlertFiltersForm filters={filters} kinds={kinds} />
      </Card>
      <Card title="Alerts" description={alerts.isFetching ? "Refreshing…" : "Refreshes every 15 seconds. Pending alerts are visible here but never notified."}>
        {rows.length === 0 ? (
          <p className="py-4 text-sm text-slate-700">
            {query.toString() ? "No alerts match these filters." : "No alerts yet. Rate shifts, silent gates, break-glass uses and receipt problems appear here as soon as the evaluator sees them."}
          </p>
        ) : (
          <Table caption="Alerts" head={<tr><Th>State</Th><Th>Severity</Th><Th>Alert</Th><Th>Started</Th><Th>Duration</Th><Th>Handling</Th></tr>}>
            {rows.map((alert) => (
              <tr key={alert.id} className={alert.state === "firing" ? "bg-red-50/40" : undefined}>
                <Td><StateBadge state={alert.state} cleared={alert.cleared} /></Td>
                <Td><SeverityBadge severity={alert.severity} /></Td>
                <Td>
                  <Link href={`/alerts/${alert.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">{alert.summary}</Link>
                  <span className="block text-xs text-slate-600">{alert.kindTitle}</span>
                </Td>
                <Td className="whitespace-nowrap"><span suppressHydrationWarning>{new Date(alert.startsAt).toLocaleString()}</span></Td>
                <Td className="whitespace-nowrap"><Duration alert={alert} now={now} /></Td>
                <Td className="space-x-1">
                  {alert.acknowledgement ? <Badge tone="blue">Acknowledged by {alert.acknowledgement.by}</Badge> : null}
                  {alert.silencedBy.length > 0 ? <Badge tone="neutral">Silenced</Badge> : null}
                  {alert.links.chart ? <Link href={alert.links.chart} className="text-xs text-indigo-700 underline">chart</Link> : null}
                </Td>
              </tr>
            ))}
          </Table>
        )}
        {alerts.hasNextPage ? (
          <div className="mt-4"><Button variant="secondary" onClick={() => alerts.fetchNextPage()} disabled={alerts.isFetchingNextPage}>Load older alerts</Button></div>
        ) : null}
      </Card>
    </div>
  );
}
