import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startConsole } from "./console-server";

// Outside test-results/, which Playwright empties at the start of a run.
export const STATE_FILE = path.join(tmpdir(), `countersign-e2e-${process.env.E2E_PORT ?? 3210}.json`);

export default async function globalSetup(): Promise<void> {
  const running = await startConsole(Number(process.env.E2E_PORT ?? 3210));
  const setupUrl = /(http:\/\/\S+\/setup\?token=\S+)/.exec(running.output())?.[1];
  if (!setupUrl) throw new Error(`No setup link in the console's output:\n${running.output()}`);
  writeFileSync(STATE_FILE, JSON.stringify({ pid: running.process.pid, url: running.url, dataDir: running.dataDir, setupUrl }));
}
