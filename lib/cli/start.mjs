#!/usr/bin/env node
// `npm start`: builds the console when the build is missing or older than the sources, then
// serves it with `next start` on $PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "proxy.ts", "instrumentation.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function buildIsCurrent() {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(marker)) return false;
  const built = statSync(marker).mtimeMs;
  return SOURCES.every((source) => newestMtime(path.join(root, source)) <= built);
}

function run(args) {
  const result = spawnSync(process.execPath, [nextBin, ...args], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!buildIsCurrent()) {
  console.log("countersign: building the console (first start, or the sources changed)…");
  run(["build"]);
}
const port = process.env.PORT ?? "3000";
// A larger young generation: an OTLP batch's decoded records die young, but with V8's default
// semi-space they outlive a scavenge or two and are copied and promoted (≈ 15 % of the console's
// CPU per 512-record batch in bench:ingest). A NODE_OPTIONS that sets it already wins.
const nodeOptions = /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? "")
  ? process.env.NODE_OPTIONS
  : `${process.env.NODE_OPTIONS ?? ""} --max-semi-space-size=64`.trim();
const server = spawn(process.execPath, [nextBin, "start", "--port", port, ...(process.env.HOSTNAME ? ["--hostname", process.env.HOSTNAME] : [])], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: nodeOptions },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

// Next.js runs the start sequence (migrations, first-admin setup link) on the first request:
// make one, so the terminal shows the setup link right away.
for (let attempt = 0; attempt < 120; attempt++) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status < 500, () => false);
  if (ok) break;
}
