import { readFileSync } from "node:fs";
import { STATE_FILE } from "./global-setup";

/** What global setup learned from the console it started (its URL and one-time setup link). */
export function consoleState(): { url: string; setupUrl: string; dataDir: string } {
  return JSON.parse(readFileSync(STATE_FILE, "utf8"));
}
