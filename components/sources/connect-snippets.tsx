/** Copy-paste configuration for a gate or Collector sending to this console with a token. */
export function ConnectSnippets({ consoleUrl, token }: { consoleUrl: string; token: string }) {
  const claudeCode = [
    "export CLAUDE_CODE_ENABLE_TELEMETRY=1",
    "export OTEL_LOGS_EXPORTER=otlp",
    "export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
    `export OTEL_EXPORTER_OTLP_ENDPOINT=${consoleUrl}`,
    `export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${token}"`,
  ].join("\n");
  const collector = [
    "exporters:",
    "  otlphttp/countersign:",
    `    endpoint: ${consoleUrl}`,
    "    headers:",
    `      Authorization: "Bearer ${token}"`,
    "    compression: gzip",
    "service:",
    "  pipelines:",
    "    logs:",
    "      receivers: [otlp]",
    "      processors: [batch]",
    "      exporters: [otlphttp/countersign]",
  ].join("\n");
  return (
    <div className="mt-3 grid gap-3 lg:grid-cols-2">
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide">Claude Code (environment)</p>
        <pre className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs ring-1 ring-amber-200" tabIndex={0}>{claudeCode}</pre>
      </div>
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide">OpenTelemetry Collector</p>
        <pre className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs ring-1 ring-amber-200" tabIndex={0}>{collector}</pre>
      </div>
    </div>
  );
}
