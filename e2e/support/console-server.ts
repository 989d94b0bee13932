import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type RunningConsole = { process: ChildProcess; url: string; dataDir: string; output: () => string };

/** Starts the real console (`npm start`) on a fresh embedded database and waits until it answers. */
export async function startConsole(port: number, env: Record<string, string> = {}): Promise<RunningConsole> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "countersign-e2e-"));
  let output = "";
  const child = spawn(process.execPath, ["lib/cli/start.mjs"], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: { ...process.env, PORT: String(port), COUNTERSIGN_DATA_DIR: dataDir, COUNTERSIGN_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 8 * 60_000; // the first start may build the app
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The console exited early:\n${output}`);
    if (/countersign is running at/.test(output)) return { process: child, url, dataDir, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`The console did not start in time:\n${output}`);
}

export function stopConsole(running: { pid?: number }): void {
  if (running.pid) {
    try {
      process.kill(-running.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
