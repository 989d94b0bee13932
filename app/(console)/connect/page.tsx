import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getConfig } from "@/lib/server/config";

export const metadata = { title: "Connect a gate" };

const Code = ({ children }: { children: string }) => (
  <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100" tabIndex={0}>{children}</pre>
);

export default async function ConnectPage() {
  await pageContext();
  const url = getConfig().publicUrl;
  return (
    <>
      <PageHeader title="Connect a gate" description="Gates send tool_decision events over OTLP/HTTP logs. Any OpenTelemetry SDK, Claude Code, or a Collector can send them." />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="1. Get an ingest token">
          <p className="text-sm text-slate-700">An admin creates a source on the <Link className="text-indigo-700 underline" href="/sources">Sources</Link> page (or runs <code className="font-mono text-xs">npx countersign admin source create &lt;name&gt;</code> while the console is stopped). The token is shown once.</p>
        </Card>
        <Card title="2a. Claude Code">
          <p className="text-sm text-slate-700">Set these before starting Claude Code (or in its managed settings):</p>
          <Code>{`export CLAUDE_CODE_ENABLE_TELEMETRY=1\nexport OTEL_LOGS_EXPORTER=otlp\nexport OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf   # or http/json\nexport OTEL_EXPORTER_OTLP_ENDPOINT=${url}\nexport OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <ingest token>"`}</Code>
        </Card>
        <Card title="2b. A gate built on an OpenTelemetry SDK">
          <p className="text-sm text-slate-700">Export logs to <code className="font-mono text-xs">{url}/v1/logs</code> and emit one record per decision with <code className="font-mono text-xs">event.name=tool_decision</code> (or <code className="font-mono text-xs">gate.decision</code>), <code className="font-mono text-xs">surface</code> or <code className="font-mono text-xs">tool_name</code>, and <code className="font-mono text-xs">decision</code> (PERMIT, DENY, SILENCE, accept, reject).</p>
          <Code>{`const exporter = new OTLPLogExporter({\n  url: "${url}/v1/logs",\n  headers: { Authorization: "Bearer <ingest token>" },\n});\nlogger.emit({\n  body: "gate.decision",\n  attributes: { "event.name": "gate.decision", surface: "payments",\n    decision: "DENY", source: "config", "session.id": sessionId },\n});`}</Code>
        </Card>
        <Card title="2c. Behind an OpenTelemetry Collector">
          <Code>{`exporters:\n  otlphttp/countersign:\n    endpoint: ${url}\n    headers:\n      Authorization: "Bearer <ingest token>"\n    compression: gzip`}</Code>
        </Card>
        <Card title="3. Check it arrived">
          <p className="text-sm text-slate-700">The source&apos;s “last seen” time updates on every request, heartbeats included, and decisions appear in <Link className="text-indigo-700 underline" href="/events">Decision events</Link> within seconds. Records that cannot be used are reported back to the exporter as a partial success naming what was wrong. The full attribute mapping and the limits are in docs/connect-a-gate.md.</p>
        </Card>
      </div>
    </>
  );
}
