import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseSimulateOptions, SIMULATE_TRAFFIC_FLAGS, SimulateOptionError, type SimulateOptions } from "../../core/simulate";
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO, type Command } from "../io";
import type { OtlpProtocol } from "../simulate-gates";
import { GrantUnusable, loadGrant, type HonouredGrant } from "../simulate-grant";
import { loadIssuerKey, ReceiptSender, registerIssuer, writePublicJwks } from "../simulate-receipts";
import { runSimulation, type SimulationPlan } from "../simulate-run";
import { everythingAccepted, statusLine, summaryJson, summaryText } from "../simulate-summary";

const USAGE = [
  "simulate --url <console> --token <ingest token> [--gates N] [--rate <per min>] [--surfaces a,b=2,…]",
  "    [--deny P] [--silence P] [--shift <surface>:<DENY|SILENCE>:<P>@<minute>]… [--drift <surface>:<DENY|SILENCE>:<P>@<from>-<to>]…",
  "    [--silent <gate>@<minute>]… [--duration <minutes>] [--heartbeat <s>] [--seed S] [--speedup K] [--count N]",
  "    [--protocol http/protobuf|http/json] [--gzip] [--receipts [--key <private jwk>] [--issuer I] [--jwks-out <file>]",
  "    [--register-issuer --api-token <admin API token>]] [--grant <token>] [--json]",
].join("\n");

const OPTIONS = {
  ...SIMULATE_TRAFFIC_FLAGS,
  url: { type: "string" },
  token: { type: "string" },
  protocol: { type: "string" },
  gzip: { type: "boolean", default: false },
  speedup: { type: "string" },
  count: { type: "string" },
  receipts: { type: "boolean", default: false },
  key: { type: "string" },
  issuer: { type: "string" },
  "jwks-out": { type: "string" },
  "register-issuer": { type: "boolean", default: false },
  "api-token": { type: "string" },
  grant: { type: "string" },
  json: { type: "boolean", default: false },
} as const;

const STATUS_EVERY_MS = 5_000;
const DEFAULT_ISSUER = "countersign-simulator";

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function consoleUrl(text: string | undefined): string {
  if (!text) throw new UsageError("--url <console> is required, e.g. --url http://localhost:3000");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url "${text}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError("--url must be http:// or https://");
  return url.toString().replace(/\/+$/, "");
}

function positive(text: string | undefined, flag: string, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value >= 1) || value > 1e7 || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} must be ${integer ? "a whole number" : "a number"} ≥ 1, got "${text}"`);
  }
  return value;
}

/**
 * The traffic model. In real time minute 0 is now; with --speedup K the run replays the last
 * --duration minutes compressed K times so that it ends now: every timestamp sent lies in the
 * past, as a gate's would.
 */
function trafficModel(values: ReturnType<typeof parse>, speedup: number, nowMs: number): SimulateOptions {
  try {
    const options = parseSimulateOptions(values, 0);
    const durationMs = options.durationMinutes * 60_000;
    return { ...options, startMs: Math.round(nowMs - durationMs * (1 - 1 / speedup)) };
  } catch (error) {
    if (error instanceof SimulateOptionError) throw new UsageError(error.message);
    throw error;
  }
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

async function receiptSender(values: ReturnType<typeof parse>, url: string, token: string, runStamp: string, io: CliIO): Promise<ReceiptSender> {
  const key = await loadIssuerKey(values.key).catch((error: unknown) => {
    throw new UsageError(`--key: ${(error as Error).message}`);
  });
  const issuer = values.issuer ?? DEFAULT_ISSUER;
  const jwksPath = path.resolve(values["jwks-out"] ?? path.join(tmpdir(), `countersign-simulator-${key.kid.slice(0, 12)}.jwks.json`));
  await writePublicJwks(jwksPath, key).catch((error: unknown) => {
    throw new UsageError(`cannot write the public JWKS to ${jwksPath}: ${(error as Error).message}`);
  });
  io.err(`simulate: receipts are signed by issuer "${issuer}", key ${key.kid}; its public JWKS is ${jwksPath}`);
  if (values["register-issuer"]) {
    const apiToken = values["api-token"] ?? io.env.COUNTERSIGN_API_TOKEN;
    if (!apiToken) throw new UsageError("--register-issuer needs --api-token <an admin's API token> (or COUNTERSIGN_API_TOKEN)");
    const registered = await registerIssuer(url, apiToken, issuer, key);
    io.err(`simulate: ${registered.message}`);
  } else {
    io.err(`simulate: register that JWKS for issuer "${issuer}" in the console (or rerun with --register-issuer --api-token …), else receipts verify as unknown_key`);
  }
  return new ReceiptSender({ url, token, issuer, key, runStamp });
}

async function honouredGrant(url: string, token: string, io: CliIO): Promise<HonouredGrant | number> {
  try {
    const grant = await loadGrant(url, token, Math.floor(Date.now() / 1000));
    io.err(`simulate: honouring break-glass grant ${grant.id} for ${grant.claims.sub}: surfaces ${grant.claims.scope.surfaces.join(",")}, actions ${grant.claims.scope.actions.join(",")}`);
    if (grant.note) io.err(`simulate: ${grant.note}`);
    return grant;
  } catch (error) {
    if (!(error instanceof GrantUnusable)) throw error;
    io.err(`countersign simulate: ${error.message}`);
    return EXIT_FAILED;
  }
}

// Ctrl-C ends the run cleanly: what is queued is still exported and the summary printed.
function interruptSignal(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  // `on`, not `once`: a second signal (a terminal sends one to the whole group) must not kill the flush.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return { signal: controller.signal, release: () => (process.off("SIGINT", stop), process.off("SIGTERM", stop)) };
}

async function buildPlan(values: ReturnType<typeof parse>, io: CliIO): Promise<SimulationPlan | number> {
  const url = consoleUrl(values.url);
  const token = values.token ?? io.env.COUNTERSIGN_INGEST_TOKEN;
  if (!token) throw new UsageError("--token <ingest token> is required (or COUNTERSIGN_INGEST_TOKEN): create a source in the console");
  const protocol = (values.protocol ?? "http/protobuf") as OtlpProtocol;
  if (protocol !== "http/protobuf" && protocol !== "http/json") throw new UsageError("--protocol is http/protobuf or http/json");
  const speedup = positive(values.speedup, "--speedup", false) ?? 1;
  const count = positive(values.count, "--count", true);
  const options = trafficModel(values, speedup, Date.now());
  const grant = values.grant === undefined ? undefined : await honouredGrant(url, values.grant, io);
  if (typeof grant === "number") return grant;
  const wantsReceipts = values.receipts || grant !== undefined;
  const receipts = wantsReceipts ? await receiptSender(values, url, token, options.startMs.toString(36), io) : undefined;
  return { options, url, token, protocol, gzip: values.gzip, version: packageVersion(), speedup, count, receipts, grant, statusEveryMs: STATUS_EVERY_MS };
}

export const command: Command = {
  summary: "Act as one or more gates: send seeded tool_decision traffic (and optionally signed receipts) to a console through the real OpenTelemetry exporter.",
  usage: USAGE,
  async run(args, io) {
    const values = parse(args);
    const plan = await buildPlan(values, io);
    if (typeof plan === "number") return plan;
    const { options } = plan;
    io.err(
      `simulate: ${options.gates} gate(s) → ${plan.url}/v1/logs (${plan.protocol}), ${options.ratePerMinute} decisions/min over ${options.surfaces.map((s) => s.name).join(", ")}, seed ${options.seed}${plan.count ? `, first ${plan.count} decisions` : ""}; Ctrl-C stops.`,
    );
    const interrupt = interruptSignal();
    let progress;
    try {
      progress = await runSimulation(plan, interrupt.signal, (p) => io.err(statusLine(p)));
    } finally {
      interrupt.release();
    }
    if (values.json) io.out(JSON.stringify(summaryJson(progress)));
    else for (const line of summaryText(progress)) io.out(line);
    return everythingAccepted(progress) ? EXIT_OK : EXIT_FAILED;
  },
};
