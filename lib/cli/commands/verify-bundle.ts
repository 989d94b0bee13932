import { createReadStream } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { IssuerKeyError, parseRfc3339, parseTrustFile, type TrustSet } from "../../core/receipts";
import { BundleVerifier, type BundleReport, type BundleVerifyOptions } from "../../core/tlog/bundle-verify";
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO, type Command } from "../io";
import { parseCommandArgs, parseCount } from "./log-options";

const USAGE = "verify-bundle [--vkey <log vkey>] [--trust <trust.json>] [--at <RFC 3339>] [--max-failures N] [--json] <bundle|->";

type Options = { input: string; now: Date; json: boolean; verify: BundleVerifyOptions; trustFrom?: string };

async function loadTrust(path: string): Promise<TrustSet> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the trust file ${path}: ${(error as Error).message}`);
  }
  try {
    return await parseTrustFile(text);
  } catch (error) {
    if (error instanceof IssuerKeyError) throw new UsageError(`the trust file ${path} cannot be used: ${error.message}`);
    throw error;
  }
}

async function parseOptions(args: string[]): Promise<Options> {
  const { values, positionals } = parseCommandArgs(
    args,
    { vkey: { type: "string" }, trust: { type: "string" }, at: { type: "string" }, "max-failures": { type: "string" }, json: { type: "boolean", default: false } },
    true,
  );
  if (positionals.length !== 1) throw new UsageError("give one bundle file, or - for standard input");
  const at = values.at === undefined ? Date.now() : parseRfc3339(values.at);
  if (at === undefined) throw new UsageError(`--at: "${values.at}" is not an RFC 3339 date-time with offset`);
  const verify: BundleVerifyOptions = {
    ...(values.vkey !== undefined && { vkey: values.vkey }),
    ...(values.trust !== undefined && { trust: await loadTrust(values.trust) }),
    ...(values["max-failures"] !== undefined && { maxFailures: parseCount("max-failures", values["max-failures"]) }),
  };
  return { input: positionals[0]!, now: new Date(at), json: values.json ?? false, verify, ...(values.trust !== undefined && { trustFrom: values.trust }) };
}

/** Feeds the bundle to the verifier line by line: memory stays bounded for any size of file. */
async function verifyInput(options: Options, io: CliIO): Promise<BundleReport> {
  const verifier = new BundleVerifier(options.now, options.verify);
  if (options.input === "-") {
    const lines = (await io.readStdin()).split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    for (const line of lines) await verifier.push(line);
    return await verifier.finish();
  }
  try {
    await access(options.input);
  } catch (error) {
    throw new UsageError(`cannot read ${options.input}: ${(error as Error).message}`);
  }
  const lines = createInterface({ input: createReadStream(options.input, { encoding: "utf8" }), crlfDelay: Infinity });
  try {
    for await (const line of lines) await verifier.push(line);
  } catch (error) {
    throw new UsageError(`cannot read ${options.input}: ${(error as Error).message}`);
  }
  return await verifier.finish();
}

function printText(io: CliIO, report: BundleReport, options: Options): void {
  const cp = report.checkpoint;
  io.out(`log      ${report.origin ?? "?"}${report.createdAt ? `, bundle written ${report.createdAt}` : ""}`);
  io.out(`log key  ${report.vkey ?? "?"} ${options.verify.vkey ? "(pinned)" : "(as bundled: compare it with the key your console's admins publish, or pin it with --vkey)"}`);
  io.out(`checkpoint ${cp ? `size ${cp.size}, root ${cp.root}: signature valid` : "NOT verified"}`);
  io.out(`trust    ${report.trustedKeys} issuer key${report.trustedKeys === 1 ? "" : "s"} ${options.trustFrom ? `from ${options.trustFrom}` : "(as bundled)"}`);
  for (const f of report.failures) {
    const where = f.index !== undefined ? ` (log index ${f.index}${f.id ? `, receipt ${f.id}` : ""})` : "";
    io.out(`FAILED   line ${f.line}${where}: ${f.code}${f.verdict ? ` ${f.verdict}` : ""}: ${f.message}`);
  }
  if (report.failureCount > report.failures.length) io.out(`…and ${report.failureCount - report.failures.length} more failures`);
  const summary = `${report.receipts} receipt${report.receipts === 1 ? "" : "s"}: ${report.verified} verified (signature and log inclusion), ${report.receipts - report.verified} not`;
  io.out(`${report.valid ? "ok" : "FAILED"}: ${summary}`);
}

export const command: Command = {
  summary:
    "Verify an evidence bundle offline: the log checkpoint's signature, every receipt's inclusion proof against it, and every receipt's signature under the bundled (or given) trust file.",
  usage: USAGE,
  async run(args, io) {
    const options = await parseOptions(args);
    const report = await verifyInput(options, io);
    if (options.json) io.out(JSON.stringify({ at: options.now.toISOString(), ...report }));
    else printText(io, report, options);
    return report.valid ? EXIT_OK : EXIT_FAILED;
  },
};
