"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import type { WebhookDeliveryView } from "@/lib/server/webhooks";

function attemptsText(d: WebhookDeliveryView): string {
  return d.log.map((a) => (a.statusCode ? `HTTP ${a.statusCode}` : (a.error ?? "error"))).join(" → ") || "not attempted yet";
}

/** The last deliveries of one webhook, each with every attempt's status code or error. */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const log = useQuery({ queryKey: ["webhook-deliveries", webhookId], queryFn: () => api<{ items: WebhookDeliveryView[] }>(`/api/v1/webhooks/${webhookId}/deliveries`).then((r) => r.items), refetchInterval: 10_000 });
  if (log.isPending) return <p role="status" className="text-sm text-slate-600">Loading deliveries…</p>;
  if (log.isError) return <Alert tone="error">{log.error.message}</Alert>;
  if (log.data.length === 0) return <p className="text-sm text-slate-600">No deliveries yet.</p>;
  return (
    <Table caption="Deliveries" head={<tr><Th>Created</Th><Th>Notification</Th><Th>State</Th><Th>Attempts</Th></tr>}>
      {log.data.map((d) => (
        <tr key={d.id}>
          <Td className="whitespace-nowrap"><span suppressHydrationWarning>{new Date(d.createdAt).toLocaleString()}</span></Td>
          <Td className="text-xs">{d.test ? "test" : `${d.status}, ${d.alertCount} alert${d.alertCount === 1 ? "" : "s"}`}<code className="block text-slate-500">{d.groupKey}</code></Td>
          <Td>
            <Badge tone={d.state === "delivered" ? "green" : d.state === "failed" ? "red" : "amber"}>{d.state}</Badge>
            {d.nextAttemptAt ? <span suppressHydrationWarning className="block text-xs text-slate-500">next try {new Date(d.nextAttemptAt).toLocaleTimeString()}</span> : null}
          </Td>
          <Td className="text-xs">{attemptsText(d)}</Td>
        </tr>
      ))}
    </Table>
  );
}
