"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import type { ReceiptSummary } from "@/lib/server/receipts";
import type { ReceiptFilters } from "./receipt-filter-keys";
import { ReceiptFiltersForm } from "./receipt-filters";
import { DecisionBadge, VerdictBadge } from "./verdict-badge";

type Page = { items: ReceiptSummary[]; nextCursor: string | null };

export function ReceiptExplorer({ initial, filters, issuers }: { initial: Page; filters: ReceiptFilters; issuers: string[] }) {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const receipts = useInfiniteQuery({
    queryKey: ["receipts", query.toString()],
    queryFn: ({ pageParam }) => api<Page>(`/api/v1/receipts?${query}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initial], pageParams: [""] },
    refetchInterval: 15_000,
  });
  const rows = receipts.data.pages.flatMap((page) => page.items);
  const filtered = query.toString() !== "";

  return (
    <div className="space-y-6">
      <Card>
        <ReceiptFiltersForm filters={filters} issuers={issuers} />
      </Card>
      <Card title="Receipts" description="Time is the receipt's iat as signed (its arrival when it has none, or claims a later time). Decisions are as claimed: trust them when the verdict is valid.">
        {rows.length === 0 ? (
          <div className="py-6 text-sm text-slate-700">
            {filtered ? (
              <p>No receipts match these filters.</p>
            ) : (
              <>
                <p className="font-medium">No receipts yet.</p>
                <p className="mt-1">
                  Gates send signed receipts to <code className="font-mono text-xs">POST /api/v1/receipts</code> with a source&apos;s ingest token
                  (<Link className="text-indigo-700 underline" href="/sources">Sources</Link>). Register each gate&apos;s public keys on the{" "}
                  <Link className="text-indigo-700 underline" href="/issuers">Issuers</Link> page so its receipts verify.
                </p>
              </>
            )}
          </div>
        ) : (
          <Table caption="Receipts" head={<tr><Th>Time</Th><Th>Verdict</Th><Th>Decision</Th><Th>Surface · action</Th><Th>Actor</Th><Th>Issuer · receipt id</Th><Th>Policy</Th></tr>}>
            {rows.map((receipt) => (
              <tr key={receipt.id} className="hover:bg-slate-50">
                <Td className="whitespace-nowrap">
                  <Link href={`/receipts/${receipt.id}`} className="text-indigo-700 underline-offset-2 hover:underline">{new Date(receipt.ts).toLocaleString()}</Link>
                </Td>
                <Td>
                  <VerdictBadge verdict={receipt.verdict} />
                  {receipt.equivocationOf ? <span className="ml-1"><VerdictBadge verdict="equivocation" /></span> : null}
                </Td>
                <Td><DecisionBadge decision={receipt.decision} verified={receipt.verdict === "valid"} />{receipt.overrideGrant ? <span className="block text-xs text-amber-800">grant {receipt.overrideGrant}</span> : null}</Td>
                <Td><span className="font-medium">{receipt.surface ?? "—"}</span>{receipt.action ? <span className="text-slate-500"> · {receipt.action}</span> : null}</Td>
                <Td>{receipt.actor ?? "—"}</Td>
                <Td className="text-xs">{receipt.iss}<code className="block font-mono text-slate-600">{receipt.receiptId}</code></Td>
                <Td className="text-xs text-slate-600">{receipt.policyVersion ?? "—"}</Td>
              </tr>
            ))}
          </Table>
        )}
        {receipts.hasNextPage ? (
          <div className="mt-4"><Button variant="secondary" onClick={() => receipts.fetchNextPage()} disabled={receipts.isFetchingNextPage}>Load older receipts</Button></div>
        ) : null}
      </Card>
    </div>
  );
}
