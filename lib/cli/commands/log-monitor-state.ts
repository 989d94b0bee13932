// The `log monitor` state file: the last checkpoint it verified and the pinned log key.
// Written atomically (temp file + rename) so a crash never leaves half a state.
import { readFile, rename, writeFile } from "node:fs/promises";
import { UsageError } from "../io";

export type MonitorState = {
  version: 1;
  /** The console the state was last updated from. */
  url: string;
  /** The pinned log verifier key. */
  vkey: string;
  origin: string;
  size: number;
  /** Base64 root hash at `size`. */
  root: string;
  /** The signed checkpoint note, verbatim: evidence if the log ever forks. */
  checkpoint: string;
  verifiedAt: string;
};

function isState(value: unknown): value is MonitorState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === 1 &&
    ["url", "vkey", "origin", "root", "checkpoint", "verifiedAt"].every((k) => typeof v[k] === "string") &&
    Number.isSafeInteger(v.size) &&
    (v.size as number) >= 0
  );
}

/** Reads the state file; undefined when it does not exist yet (first run). */
export async function readMonitorState(path: string): Promise<MonitorState | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`the state file ${path} is not JSON; move it away to start over`);
  }
  if (!isState(value)) throw new UsageError(`the state file ${path} is not a countersign monitor state; move it away to start over`);
  return value;
}

/** Replaces the state file atomically. */
export async function writeMonitorState(path: string, state: MonitorState): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o644 });
    await rename(temp, path);
  } catch (error) {
    throw new UsageError(`cannot write the state file ${path}: ${(error as Error).message}`);
  }
}
