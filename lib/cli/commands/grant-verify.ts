import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  MAX_REVOCATION_LIST_BYTES,
  parseGrantJwks,
  verifyGrantToken,
  verifyRevocationList,
  type GrantTokenClaims,
  type GrantTokenResult,
  type RevocationList,
} from "../../core/grants";
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO, type Command } from "../io";

const USAGE =
  "grant verify --jwks <file|url> [--revocations <file|url>] [--audience A] [--issuer I] [--at <RFC 3339|unix seconds>] [--clock-tolerance <s>] [--json] <token|file|->";
const FETCH_TIMEOUT_MS = 10_000;
const MAX_INPUT_BYTES = 1024 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

// `at` is the --at time; without it the check runs at the moment every input has been read, so
// a revocation list issued while the CLI was fetching it is not "issued in the future".
type Options = { jwks: string; revocations?: string; audience?: string; issuer?: string; at?: number; tolerance: number; json: boolean; input: string };

function parseTime(value: string): number {
  const seconds = /^\d+$/.test(value) ? Number(value) : Date.parse(value) / 1000;
  if (!Number.isFinite(seconds)) throw new UsageError(`--at: "${value}" is neither RFC 3339 nor Unix seconds`);
  return Math.floor(seconds);
}

function parseOptions(args: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        jwks: { type: "string" }, revocations: { type: "string" }, audience: { type: "string" }, issuer: { type: "string" },
        at: { type: "string" }, "clock-tolerance": { type: "string" }, json: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (!values.jwks) throw new UsageError("--jwks <file|url> is required");
  if (positionals.length !== 1) throw new UsageError("give exactly one token, file or - for standard input");
  const tolerance = Number(values["clock-tolerance"] ?? 0);
  if (!Number.isInteger(tolerance) || tolerance < 0) throw new UsageError("--clock-tolerance is a whole number of seconds ≥ 0");
  const at = values.at === undefined ? undefined : parseTime(values.at);
  const { jwks, revocations, audience, issuer, json = false } = values;
  return { jwks, revocations, audience, issuer, at, tolerance, json, input: positionals[0]! };
}

async function readCapped(response: Response, max: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString("utf8");
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new Error(`larger than ${max} bytes`);
    }
    chunks.push(value);
  }
}

/** Reads a file or fetches an http(s) URL, with a timeout and a size cap; failures are usage errors (exit 2). */
async function readSource(spec: string, what: string): Promise<string> {
  try {
    if (/^https?:\/\//i.test(spec)) {
      const response = await fetch(spec, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json, application/jwt, text/plain" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await readCapped(response, MAX_INPUT_BYTES);
    }
    const text = await readFile(spec, "utf8");
    if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw new Error(`larger than ${MAX_INPUT_BYTES} bytes`);
    return text;
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot read the ${what} ${spec}: ${reason}`);
  }
}

async function readToken(input: string, io: CliIO): Promise<string> {
  if (input === "-") return (await io.readStdin()).trim();
  if (COMPACT_JWS.test(input)) return input;
  return (await readSource(input, "token file")).trim();
}

async function readJwks(spec: string) {
  const text = await readSource(spec, "JWKS");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`the JWKS ${spec} is not JSON`);
  }
  const checked = parseGrantJwks(value);
  if (!checked.ok) throw new UsageError(`the JWKS ${spec} cannot be used: ${checked.message}`);
  return checked.jwks;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

function describeClaims(claims: GrantTokenClaims): string[] {
  return [
    `  operator     ${claims.sub}`,
    `  scope        surfaces ${claims.scope.surfaces.join(", ")}; actions ${claims.scope.actions.join(", ")}`,
    `  window       ${iso(claims.nbf)} → ${iso(claims.exp)}`,
    `  issuer       ${claims.iss} (audience ${[claims.aud].flat().join(", ")})`,
    `  approved by  ${claims.approvals.map((a) => `${a.by} at ${iso(a.at)}`).join("; ")}`,
    `  reason       ${claims.reason}${claims.ticket ? ` (ticket ${claims.ticket})` : ""}`,
  ];
}

function report(io: CliIO, options: Options, now: number, result: GrantTokenResult, list: RevocationList | null): void {
  const revocations = list ? { checked: true, iat: list.iat, count: list.revoked.length } : { checked: false };
  if (options.json) {
    io.out(JSON.stringify({ ...result, at: now, revocations }));
    return;
  }
  const grant = result.claims ? `break-glass grant ${result.claims.jti}` : "break-glass token";
  io.out(result.valid ? `valid: ${grant}, checked at ${iso(now)}` : `invalid (${result.code}): ${grant}: ${result.message}`);
  if (result.claims) io.out(describeClaims(result.claims).join("\n"));
  if (result.kid) io.out(`  signed by    key ${result.kid}`);
  io.out(list ? `  revocations  list issued ${iso(list.iat)}, ${list.revoked.length} revoked grant(s)` : "  revocations  not checked (no --revocations given)");
}

async function readRevocations(options: Options): Promise<string | null> {
  if (!options.revocations) return null;
  const text = (await readSource(options.revocations, "revocation list")).trim();
  if (text.length > MAX_REVOCATION_LIST_BYTES) throw new UsageError("the revocation list is larger than 1 MiB");
  return text;
}

async function checkRevocations(text: string | null, jwks: Awaited<ReturnType<typeof readJwks>>, options: Options, now: number) {
  if (text === null) return { list: null };
  const checked = await verifyRevocationList(text, jwks, { now, issuer: options.issuer, clockToleranceSec: options.tolerance });
  return checked.valid ? { list: checked.list } : { failure: `${checked.code}: ${checked.message}` };
}

export const command: Command = {
  summary: "Verify a break-glass grant token offline: signature, typ, claims, time and (optionally) a signed revocation list.",
  usage: USAGE,
  async run(args, io) {
    const options = parseOptions(args);
    const jwks = await readJwks(options.jwks);
    const token = await readToken(options.input, io);
    const listText = await readRevocations(options);
    const now = options.at ?? Math.floor(Date.now() / 1000);
    const revocations = await checkRevocations(listText, jwks, options, now);
    if ("failure" in revocations) {
      // Fail closed: a list we cannot trust cannot vouch that the grant is not revoked.
      const message = `the revocation list does not verify (${revocations.failure})`;
      io.out(options.json ? JSON.stringify({ valid: false, code: "revocation_list_invalid", message, at: now }) : `invalid (revocation_list_invalid): ${message}`);
      return EXIT_FAILED;
    }
    const result = await verifyGrantToken(token, jwks, {
      now, audience: options.audience, issuer: options.issuer, revocations: revocations.list, clockToleranceSec: options.tolerance,
    });
    report(io, options, now, result, revocations.list);
    return result.valid ? EXIT_OK : EXIT_FAILED;
  },
};
