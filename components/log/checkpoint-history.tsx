"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import type { CheckpointView } from "@/lib/server/tlog";
import { ConsistencyCheck } from "./consistency-check";

type Page = { items: CheckpointView[]; nextCursor: string | null };

/** Every checkpoint the log issued (largest first, paged), and a consistency check between any two. */
export function CheckpointHistory({ initial, vkey }: { initial: Page; vkey: string }) {
  const history = useInfiniteQuery({
    queryKey: ["log-checkpoints"],
    queryFn: ({ pageParam }) => api<Page>(`/api/v1/log/checkpoints?limit=50${pageParam ? `&cursor=${pageParam}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initial], pageParams: [""] },
    refetchInterval: 15_000,
  });
  const rows = history.data.pages.flatMap((page) => page.items);
  return (
    <div className="space-y-6">
      <ConsistencyCheck checkpoints={rows} vkey={vkey} />
      <Card title="Checkpoint history" description="Every signed tree head, kept for good. “On request” ones were signed for a proof at that size.">
        {rows.length === 0 ? (
          <p className="text-sm text-slate-700">No checkpoint yet: the first is signed within seconds of the console starting.</p>
        ) : (
          <Table caption="Checkpoint history" head={<tr><Th>Tree size</Th><Th>Issued</Th><Th>Why</Th><Th>Root hash</Th></tr>}>
            {rows.map((c) => (
              <tr key={c.size}>
                <Td className="font-medium tabular-nums">{c.size.toLocaleString("en-US")}</Td>
                <Td className="whitespace-nowrap">{new Date(c.issuedAt).toLocaleString()}</Td>
                <Td>{c.reason === "growth" ? <Badge tone="blue">growth</Badge> : <Badge>on request</Badge>}</Td>
                <Td><code className="break-all font-mono text-xs">{c.root}</code></Td>
              </tr>
            ))}
          </Table>
        )}
        {history.hasNextPage ? (
          <div className="mt-4"><Button variant="secondary" onClick={() => history.fetchNextPage()} disabled={history.isFetchingNextPage}>Load older checkpoints</Button></div>
        ) : null}
      </Card>
    </div>
  );
}
