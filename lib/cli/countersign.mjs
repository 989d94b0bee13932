#!/usr/bin/env node
// The `countersign` command. The CLI is TypeScript run through tsx; `react-server` makes the
// `server-only` guard inert for the admin commands, which share the server's services.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", main, ...process.argv.slice(2)],
  { stdio: "inherit" },
);
process.exit(result.status ?? 2);
