import { createSource } from "../../server/sources";
import { withAdminContext } from "../admin-session";
import { EXIT_OK, UsageError, parseOptions, type Command } from "../io";

export const command: Command = {
  summary: "Create a source (a gate, fleet or Collector) and print its ingest token once.",
  usage: "admin source create <name> [--description D] [--expected-interval <seconds>] [--json]",
  async run(args, io) {
    const { values, positionals } = parse(args);
    if (positionals.length !== 1) throw new UsageError("give exactly one source name");
    const interval = values["expected-interval"] === undefined ? undefined : Number(values["expected-interval"]);
    return withAdminContext(io, async (ctx) => {
      const { source, token } = await createSource(ctx, { name: positionals[0]!, description: values.description ?? "", expectedIntervalSeconds: interval });
      if (values.json) io.out(JSON.stringify({ token, ...source }));
      else {
        io.out(token);
        io.err(`Source "${source.name}" created. Its ingest token is shown once above: send it as "Authorization: Bearer <token>" (OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <token>").`);
      }
      return EXIT_OK;
    });
  },
};

function parse(args: string[]) {
  return parseOptions({
    args,
    allowPositionals: true,
    options: { description: { type: "string" }, "expected-interval": { type: "string" }, json: { type: "boolean", default: false } },
  });
}
