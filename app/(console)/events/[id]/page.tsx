import Link from "next/link";
import { OutcomeBadge } from "@/components/events/outcome-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getEvent } from "@/lib/server/events";

export const metadata = { title: "Decision event" };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="break-all">{children ?? "—"}</dd>
    </>
  );
}

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext(["oncall", "auditor", "admin"]);
  const event = await getEvent(ctx, (await params).id);
  const filterLink = (key: string, value: string | null) => (value ? <Link className="text-indigo-700 underline" href={`/events?${key}=${encodeURIComponent(value)}`}>{value}</Link> : null);
  return (
    <>
      <PageHeader title={`${event.surface} · ${event.outcome}`} description={`Decision event #${event.id} from ${event.gateId ?? "an unnamed gate"}`} actions={<Link className="text-sm text-indigo-700 underline" href="/events">Back to all events</Link>} />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Decision">
          <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
            <Field label="Outcome"><OutcomeBadge outcome={event.outcome} /> <span className="text-slate-500">(sent as “{event.decision}”)</span></Field>
            <Field label="Surface">{filterLink("surface", event.surface)}</Field>
            <Field label="Decision source">{event.decisionSource}</Field>
            <Field label="Event">{event.eventName}</Field>
            <Field label="Time">{new Date(event.ts).toISOString()}</Field>
            <Field label="Time (ns)"><code className="font-mono text-xs">{event.timeUnixNano}</code></Field>
            <Field label="Received">{new Date(event.receivedAt).toISOString()}</Field>
            <Field label="Actor">{filterLink("actor", event.actor)}</Field>
            <Field label="Session">{filterLink("session", event.sessionId)}</Field>
            <Field label="Prompt">{event.promptId}</Field>
            <Field label="Tool use">{event.toolUseId}</Field>
            <Field label="Organization">{event.organizationId}</Field>
            <Field label="Service">{event.serviceName}</Field>
            <Field label="Gate">{filterLink("gate", event.gateId)}</Field>
            <Field label="Sequence">{event.eventSequence}</Field>
            <Field label="Trace / span">{event.traceId ? `${event.traceId} / ${event.spanId}` : null}</Field>
          </dl>
        </Card>
        <div className="space-y-6">
          <Card title="Record attributes">
            <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs" tabIndex={0}>{JSON.stringify(event.attributes, null, 2)}</pre>
          </Card>
          <Card title="Resource attributes">
            <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs" tabIndex={0}>{JSON.stringify(event.resourceAttributes, null, 2)}</pre>
          </Card>
        </div>
      </div>
    </>
  );
}
