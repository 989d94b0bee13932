"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import type { EventView } from "@/lib/server/events";
import type { EventFilters } from "./event-filter-keys";
import { EventFiltersForm } from "./event-filters";
import { OutcomeBadge } from "./outcome-badge";

type Page = { items: EventView[]; nextCursor: string | null };

export function EventExplorer({ initial, filters, sources }: { initial: Page; filters: EventFilters; sources: Array<{ id: string; name: string }> }) {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const events = useInfiniteQuery({
    queryKey: ["events", query.toString()],
    queryFn: ({ pageParam }) => api<Page>(`/api/v1/events?${query}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initial], pageParams: [""] },
    refetchInterval: 10_000,
  });
  const rows = events.data.pages.flatMap((page) => page.items);
  const sourceName = new Map(sources.map((s) => [s.id, s.name]));
  const filtered = query.toString() !== "";

  return (
    <div className="space-y-6">
      <Card>
        <EventFiltersForm filters={filters} sources={sources} />
      </Card>
      <Card title="Decisions" description={events.isFetching ? "Refreshing…" : "Refreshes every 10 seconds."}>
        {rows.length === 0 ? (
          <div className="py-6 text-sm text-slate-700">
            {filtered ? (
              <p>No decisions match these filters.</p>
            ) : (
              <>
                <p className="font-medium">No decisions yet.</p>
                <p className="mt-1">
                  Connect a gate: create a source on the <Link className="text-indigo-700 underline" href="/sources">Sources</Link> page and point the gate&apos;s
                  OpenTelemetry logs exporter at this console — <Link className="text-indigo-700 underline" href="/connect">step-by-step instructions</Link>.
                </p>
              </>
            )}
          </div>
        ) : (
          <Table caption="Decision events" head={<tr><Th>Time</Th><Th>Surface</Th><Th>Outcome</Th><Th>Decision source</Th><Th>Actor</Th><Th>Session</Th><Th>Gate / source</Th></tr>}>
            {rows.map((event) => (
              <tr key={event.id} className="hover:bg-slate-50">
                <Td className="whitespace-nowrap">
                  <Link href={`/events/${event.id}`} className="text-indigo-700 underline-offset-2 hover:underline">{new Date(event.ts).toLocaleString()}</Link>
                </Td>
                <Td className="font-medium">{event.surface}</Td>
                <Td><OutcomeBadge outcome={event.outcome} /></Td>
                <Td>{event.decisionSource ?? "—"}</Td>
                <Td>{event.actor ?? "—"}</Td>
                <Td><code className="font-mono text-xs">{event.sessionId?.slice(0, 12) ?? "—"}</code></Td>
                <Td className="text-xs text-slate-600">{event.gateId ?? "—"}<span className="block">{sourceName.get(event.sourceId) ?? ""}</span></Td>
              </tr>
            ))}
          </Table>
        )}
        {events.hasNextPage ? (
          <div className="mt-4"><Button variant="secondary" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>Load older decisions</Button></div>
        ) : null}
      </Card>
    </div>
  );
}
