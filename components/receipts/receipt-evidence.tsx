import Link from "next/link";
import { OutcomeBadge } from "@/components/events/outcome-badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { MatchedDecisionEvent } from "@/lib/server/receipts";

/** The decoded protected header and payload, and the decision events that refer to the same tool use or session. */
export function ReceiptEvidence({ header, payload, events }: { header: Record<string, unknown> | null; payload: Record<string, unknown> | null; events: MatchedDecisionEvent[] }) {
  return (
    <>
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Protected header">
          <pre aria-label="Decoded header" tabIndex={0} className="max-h-96 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs">{header ? JSON.stringify(header, null, 2) : "(could not be decoded)"}</pre>
        </Card>
        <Card title="Payload">
          <pre aria-label="Decoded payload" tabIndex={0} className="max-h-96 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs">{payload ? JSON.stringify(payload, null, 2) : "(could not be decoded)"}</pre>
        </Card>
      </div>
      <Card
        title="Matching decision events"
        description="OpenTelemetry decision events with the receipt's tool use (request.context.tool_use_id or idempotency_key) or session (request.context.session_id), nearest in time first."
      >
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">No decision event refers to this receipt&apos;s tool use or session.</p>
        ) : (
          <Table caption="Matching decision events" head={<tr><Th>Time</Th><Th>Outcome</Th><Th>Surface</Th><Th>Tool</Th><Th>Matched by</Th><Th>Actor</Th></tr>}>
            {events.map((event) => (
              <tr key={event.id}>
                <Td className="whitespace-nowrap"><Link className="text-indigo-700 underline" href={`/events/${event.id}`}>{new Date(event.ts).toISOString()}</Link></Td>
                <Td><OutcomeBadge outcome={event.outcome} /></Td>
                <Td>{event.surface}</Td>
                <Td>{event.toolName ?? "—"}</Td>
                <Td className="text-xs">{event.matchedBy === "tool_use_id" ? `tool use ${event.toolUseId}` : `session ${event.sessionId}`}</Td>
                <Td>{event.actor ?? "—"}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
