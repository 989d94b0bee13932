import { readFileSync, rmSync } from "node:fs";
import { stopConsole } from "./console-server";
import { STATE_FILE } from "./global-setup";

export default async function globalTeardown(): Promise<void> {
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { pid: number; dataDir: string };
  stopConsole(state);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  rmSync(state.dataDir, { recursive: true, force: true });
}
