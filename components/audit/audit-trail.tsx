"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import type { ChainVerdict } from "@/lib/core/audit";
import { api } from "@/lib/client/api";
import { fromLocalInput, toLocalInput } from "@/lib/client/datetime-local";

export type AuditRow = {
  seq: number;
  at: string;
  actorType: string;
  actorEmail: string | null;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  hash: string;
};
type Page = { items: AuditRow[]; nextCursor: string | null };

const FILTERS = ["action", "actor", "from", "to"] as const;


export function AuditTrail({ initial }: { initial: Page }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filterQuery = new URLSearchParams(FILTERS.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])));
  const entries = useInfiniteQuery({
    queryKey: ["audit", filterQuery.toString()],
    queryFn: ({ pageParam }) => api<Page>(`/api/v1/audit?${filterQuery}${pageParam ? `&cursor=${pageParam}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initial], pageParams: [""] },
  });
  const verify = useMutation({ mutationFn: () => api<ChainVerdict>("/api/v1/audit/verify") });

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(form.get(key) ?? "").trim();
      // datetime-local has no zone: send the instant the user meant, in UTC.
      if (value) next.set(key, key === "from" || key === "to" ? fromLocalInput(value) : value);
    }
    router.push(`${pathname}?${next}`);
  }

  const rows = entries.data.pages.flatMap((page) => page.items);
  return (
    <div className="space-y-6">
      <Card title="Integrity" description="Every entry carries the hash of the one before it; a changed or deleted entry breaks the chain.">
        <div className="flex flex-wrap items-center gap-4">
          <Button onClick={() => verify.mutate()} disabled={verify.isPending}>{verify.isPending ? "Verifying…" : "Verify chain"}</Button>
          {verify.data?.ok ? <Alert tone="success">Chain intact: {verify.data.checked} entries verified. Head {verify.data.head.slice(0, 16)}…</Alert> : null}
          {verify.data && !verify.data.ok ? (
            <Alert tone="error" title={`Chain broken at entry ${verify.data.broken.seq}`}>{verify.data.broken.message} ({verify.data.checked} entries before it verified).</Alert>
          ) : null}
          {verify.error ? <Alert tone="error">{verify.error.message}</Alert> : null}
        </div>
      </Card>
      <Card title="Entries">
        <form onSubmit={applyFilters} className="mb-4 grid gap-3 md:grid-cols-5 md:items-end" aria-label="Filter the audit trail">
          <TextField label="Action starts with" name="action" defaultValue={params.get("action") ?? ""} placeholder="e.g. user." />
          <TextField label="Actor (email or id)" name="actor" defaultValue={params.get("actor") ?? ""} />
          <TextField label="From" name="from" type="datetime-local" defaultValue={toLocalInput(params.get("from"))} />
          <TextField label="To" name="to" type="datetime-local" defaultValue={toLocalInput(params.get("to"))} />
          <Button type="submit" variant="secondary">Filter</Button>
        </form>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">No entries match these filters.</p>
        ) : (
          <Table caption="Audit entries" head={<tr><Th>#</Th><Th>Time</Th><Th>Actor</Th><Th>Action</Th><Th>Target</Th><Th>Details</Th></tr>}>
            {rows.map((row) => (
              <tr key={row.seq}>
                <Td className="font-mono text-xs text-slate-500">{row.seq}</Td>
                <Td className="whitespace-nowrap">{new Date(row.at).toLocaleString()}</Td>
                <Td>{row.actorEmail ?? (row.actorType === "system" ? `system (${row.actorId})` : row.actorType)}{row.ip ? <span className="block text-xs text-slate-500">{row.ip}</span> : null}</Td>
                <Td><code className="font-mono text-xs">{row.action}</code></Td>
                <Td className="text-xs text-slate-600">{row.targetType ? `${row.targetType} ${row.targetId?.slice(0, 8) ?? ""}` : "—"}</Td>
                <Td><code className="block max-w-md truncate font-mono text-xs text-slate-600" title={JSON.stringify(row.details)}>{JSON.stringify(row.details)}</code></Td>
              </tr>
            ))}
          </Table>
        )}
        {entries.hasNextPage ? (
          <div className="mt-4"><Button variant="secondary" onClick={() => entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>Load older entries</Button></div>
        ) : null}
      </Card>
    </div>
  );
}
