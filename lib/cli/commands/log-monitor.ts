import {
  TlogError,
  bytesEqual,
  emptyRoot,
  fromBase64,
  toBase64,
  verifyCheckpoint,
  verifyConsistencyProof,
  type CheckpointPolicy,
  type VerifiedCheckpoint,
} from "../../core/tlog";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from "../io";
import { readMonitorState, writeMonitorState, type MonitorState } from "./log-monitor-state";
import { MAX_INPUT_BYTES, POLICY_OPTIONS, parseCommandArgs, parseCount, parsePolicy } from "./log-options";

const USAGE =
  "log monitor --state <file> [--vkey <vkey>] [--origin <origin>] [--witness-vkey <vkey> … [--witness-threshold K]] [--timeout <seconds>] [--json] <console url>";

/** The console could not be reached or answered something unusable: exit 2, state untouched. */
class FetchError extends Error {}

/** The log misbehaved (shrank, forked, bad proof): exit 1, state untouched. */
class LogFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly evidence?: Record<string, unknown>,
  ) {
    super(message);
  }
}

type Run = { base: string; timeoutMs: number; policy: CheckpointPolicy; vkey: string; state?: MonitorState };

async function readCapped(response: Response, url: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) return new TextDecoder().decode(Buffer.concat(chunks));
    size += chunk.value.byteLength;
    if (size > MAX_INPUT_BYTES) {
      await reader!.cancel();
      throw new FetchError(`${url} answered more than ${MAX_INPUT_BYTES} bytes`);
    }
    chunks.push(chunk.value);
  }
}

async function fetchText(url: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel();
      throw new FetchError(`${url} answered HTTP ${response.status}`);
    }
    return await readCapped(response, url);
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : String((error as Error).cause ?? error);
    throw new FetchError(`cannot reach ${url}: ${reason}`);
  }
}

type ConsistencyResponse = { from: number; to: number; hashes: Uint8Array[]; checkpoint: string };

function parseConsistencyResponse(text: string, url: string): ConsistencyResponse {
  let value: { from?: unknown; to?: unknown; hashes?: unknown; checkpoint?: unknown };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    throw new FetchError(`${url} did not answer JSON`);
  }
  const hashes = Array.isArray(value.hashes) ? value.hashes.map((h) => (typeof h === "string" ? fromBase64(h) : undefined)) : undefined;
  if (
    !Number.isSafeInteger(value.from) ||
    !Number.isSafeInteger(value.to) ||
    typeof value.checkpoint !== "string" ||
    !hashes ||
    hashes.some((h) => !h || h.length !== 32)
  ) {
    throw new FetchError(`${url} did not answer {from, to, hashes: [base64], checkpoint}`);
  }
  return { from: value.from as number, to: value.to as number, hashes: hashes as Uint8Array[], checkpoint: value.checkpoint };
}

/** Verifies a note under the policy, turning its TlogError into a LogFailure. */
async function verifyServed(note: string, policy: CheckpointPolicy, what: string): Promise<VerifiedCheckpoint> {
  try {
    return await verifyCheckpoint(note, policy);
  } catch (error) {
    if (error instanceof TlogError) throw new LogFailure(error.code, `${what}: ${error.message}`, { checkpoint: note });
    throw error;
  }
}

/** Fetches the consistency proof old → new and checks it against both roots. */
async function proveGrowth(run: Run, old: MonitorState, latest: VerifiedCheckpoint, latestNote: string): Promise<void> {
  const { size, rootHash } = latest.checkpoint;
  const oldRoot = fromBase64(old.root)!;
  if (old.size === 0) {
    if (!bytesEqual(oldRoot, emptyRoot())) throw new LogFailure("CONSISTENCY_PROOF_INVALID", "the saved empty tree has a non-empty root");
    return;
  }
  const url = `${run.base}/api/v1/log/proof/consistency?from=${old.size}&to=${size}`;
  const response = parseConsistencyResponse(await fetchText(url, run.timeoutMs), url);
  if (response.from !== old.size || response.to !== size) {
    throw new LogFailure("CONSISTENCY_PROOF_INVALID", `asked for a proof ${old.size} → ${size}, got ${response.from} → ${response.to}`);
  }
  const served = await verifyServed(response.checkpoint, run.policy, "the checkpoint served with the proof");
  if (served.checkpoint.size !== size || !bytesEqual(served.checkpoint.rootHash, rootHash)) {
    throw new LogFailure("LOG_FORKED", "the log signed two different checkpoints for the same request", {
      checkpoint: latestNote,
      otherCheckpoint: response.checkpoint,
    });
  }
  try {
    verifyConsistencyProof(old.size, size, oldRoot, rootHash, response.hashes);
  } catch (error) {
    if (!(error instanceof TlogError)) throw error;
    throw new LogFailure(error.code, `the log's tree of size ${size} does not extend the one of size ${old.size} seen before: ${error.message}`, {
      previousCheckpoint: old.checkpoint,
      checkpoint: latestNote,
    });
  }
}

/** Compares the latest checkpoint with the saved one; returns what happened. */
async function compareWithState(run: Run, latest: VerifiedCheckpoint, note: string): Promise<"first" | "unchanged" | "grew"> {
  const old = run.state;
  if (!old) return "first";
  const { size, rootHash } = latest.checkpoint;
  const evidence = { previousCheckpoint: old.checkpoint, checkpoint: note };
  if (size < old.size) throw new LogFailure("LOG_SHRANK", `the log shrank from ${old.size} to ${size} entries`, evidence);
  if (size === old.size) {
    if (toBase64(rootHash) !== old.root) throw new LogFailure("LOG_FORKED", `two different roots signed for size ${size}: the log forked`, evidence);
    return "unchanged";
  }
  await proveGrowth(run, old, latest, note);
  return "grew";
}

async function pinnedKey(values: { vkey?: string }, state: MonitorState | undefined, base: string, timeoutMs: number, io: CliIO) {
  if (values.vkey !== undefined && state && state.vkey !== values.vkey.trim()) {
    throw new UsageError("--vkey differs from the key pinned in the state file; use a new state file for a new key");
  }
  const pinned = values.vkey?.trim() ?? state?.vkey;
  if (pinned) return pinned;
  const fetched = (await fetchText(`${base}/api/v1/log/vkey`, timeoutMs)).trim();
  io.err(`countersign log monitor: pinned the log key ${fetched} from ${base} (trust on first use: compare it with the key your console's admins publish)`);
  return fetched;
}

async function setup(args: string[], io: CliIO): Promise<Run & { statePath: string; json: boolean }> {
  const { values, positionals } = parseCommandArgs(args, { ...POLICY_OPTIONS, state: { type: "string" }, timeout: { type: "string" } }, true);
  if (!values.state) throw new UsageError("--state <file> is required");
  if (positionals.length !== 1 || !/^https?:\/\//i.test(positionals[0]!)) throw new UsageError("give the console's http(s) URL");
  const base = positionals[0]!.replace(/\/+$/, "");
  const timeoutMs = 1000 * (values.timeout === undefined ? 30 : Math.max(1, parseCount("timeout", values.timeout)));
  const state = await readMonitorState(values.state);
  const vkey = await pinnedKey(values, state, base, timeoutMs, io);
  let policy: CheckpointPolicy;
  try {
    policy = parsePolicy(values, vkey);
  } catch (error) {
    if (values.vkey === undefined && !state) throw new FetchError(`${base}/api/v1/log/vkey did not answer a usable key: ${(error as Error).message}`);
    throw error;
  }
  return { base, timeoutMs, policy, vkey, statePath: values.state, json: values.json ?? false, ...(state ? { state } : {}) };
}

function report(io: CliIO, json: boolean, status: string, state: MonitorState, previous?: MonitorState): void {
  const message = {
    first: `first run: verified the log at size ${state.size}; state saved`,
    unchanged: `unchanged: the log is still at size ${state.size}`,
    grew: `consistent: the log grew from ${previous?.size} to ${state.size} entries and extends what was seen before`,
  }[status];
  io.out(json ? JSON.stringify({ valid: true, status, origin: state.origin, previousSize: previous?.size ?? null, size: state.size, root: state.root }) : `ok (${state.origin}): ${message}\n  root       ${state.root}`);
}

async function monitor(run: Awaited<ReturnType<typeof setup>>, io: CliIO): Promise<number> {
  const note = await fetchText(`${run.base}/api/v1/log/checkpoint`, run.timeoutMs);
  const latest = await verifyServed(note, run.policy, "the latest checkpoint");
  const status = await compareWithState(run, latest, note);
  const next: MonitorState = {
    version: 1,
    url: run.base,
    vkey: run.vkey,
    origin: latest.checkpoint.origin,
    size: latest.checkpoint.size,
    root: toBase64(latest.checkpoint.rootHash),
    checkpoint: note,
    verifiedAt: new Date().toISOString(),
  };
  if (status !== "unchanged") await writeMonitorState(run.statePath, next);
  report(io, run.json, status, next, run.state);
  return EXIT_OK;
}

export const command: Command = {
  summary:
    "Watch a console's transparency log: verify each new signed checkpoint and that it extends the last one seen (consistency proof); exit 1 on a fork, a shrink or a bad signature.",
  usage: USAGE,
  async run(args, io) {
    let json = args.includes("--json");
    try {
      const run = await setup(args, io);
      json = run.json;
      return await monitor(run, io);
    } catch (error) {
      if (error instanceof LogFailure) {
        io.out(json ? JSON.stringify({ valid: false, code: error.code, message: error.message, evidence: error.evidence ?? {} }) : `FAILED (${error.code}): ${error.message}`);
        if (!json && error.evidence) io.err(`evidence:\n${JSON.stringify(error.evidence, null, 2)}`);
        return EXIT_FAILED;
      }
      if (error instanceof FetchError) {
        io.err(`countersign log monitor: ${error.message}`);
        if (json) io.out(JSON.stringify({ valid: false, code: "UNREACHABLE", message: error.message }));
        return EXIT_USAGE;
      }
      throw error;
    }
  },
};
