#!/usr/bin/env node
// `npm run demo`: the console on its embedded database in a data directory of its own, with a
// demo admin, a source, and the gate simulator sending live traffic (a DENY shift on `payments`
// at minute 3), so a newcomer sees data within a minute. Ctrl-C stops both.
//
// The admin and its API token are created with the admin CLI BEFORE the console starts: the
// embedded database is single-process and locked while the console runs. Everything the demo
// needs on its next start is kept in <data dir>/demo-credentials.json (mode 0600).
import { spawn, spawnSync } from "node:child_process";
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = path.join(root, "lib", "cli", "countersign.mjs");
// The simulator runs without the countersign.mjs wrapper, so a signal sent to it reaches it.
const simulateEntry = ["--import", "tsx", path.join(root, "lib", "cli", "main.ts"), "simulate"];
const EMAIL = "demo@example.com";
const SOURCE = "demo-gates";
const ISSUER = "countersign-demo";

const dataDir = path.resolve(root, process.env.COUNTERSIGN_DATA_DIR ?? path.join(".data", "demo"));
const credentialsFile = path.join(dataDir, "demo-credentials.json");
// The demo is the embedded database's: a DATABASE_URL from the shell must not send it elsewhere.
const baseEnv = { ...process.env, COUNTERSIGN_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
delete baseEnv.DATABASE_URL;

// Children run in their own process groups: a failing launcher must stop them itself.
const children = new Set();

function fail(message) {
  for (const child of children) child.kill("SIGTERM");
  process.stderr.write(`\ndemo: ${message}\n`);
  process.exit(1);
}

function readCredentials() {
  return existsSync(credentialsFile) ? JSON.parse(readFileSync(credentialsFile, "utf8")) : undefined;
}

function saveCredentials({ email, password, apiToken, createdAt, ingestToken, sourceName }) {
  const saved = { email, password, apiToken, createdAt, ingestToken, sourceName };
  writeFileSync(credentialsFile, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
}

function adminCli(args, input) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, env: baseEnv, input, encoding: "utf8" });
  if (result.status !== 0) {
    const hint = /already|exists|CONFLICT/i.test(result.stderr) ? `\n${dataDir} holds an earlier demo whose credentials file is gone: delete the directory, or set COUNTERSIGN_DATA_DIR.` : "";
    fail(`countersign ${args.slice(0, 3).join(" ")} failed:\n${result.stderr.trim()}${hint}`);
  }
  return result.stdout.trim();
}

/** First start: the demo admin (password from COUNTERSIGN_ADMIN_PASSWORD or generated) and an API token. */
function createAdmin() {
  const password = process.env.COUNTERSIGN_ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
  if (password.length < 12) fail("COUNTERSIGN_ADMIN_PASSWORD must have at least 12 characters");
  adminCli(["admin", "user", "create", "--email", EMAIL, "--name", "Demo admin", "--role", "admin", "--password-stdin"], `${password}\n`);
  const apiToken = adminCli(["admin", "token", "create", "--email", EMAIL, "--name", "demo launcher"]);
  const credentials = { email: EMAIL, password, apiToken, createdAt: new Date().toISOString() };
  saveCredentials(credentials);
  return { ...credentials, fresh: true };
}

/** The receipt issuer's Ed25519 key, kept in the data directory so re-runs stay registered. */
function issuerKeyFile() {
  const file = path.join(dataDir, "demo-issuer.private.jwk.json");
  if (!existsSync(file)) {
    const jwk = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
    const kid = createHash("sha256").update(JSON.stringify({ crv: "Ed25519", kty: "OKP", x: jwk.x })).digest("base64url");
    writeFileSync(file, `${JSON.stringify({ ...jwk, kid, alg: "EdDSA" }, null, 2)}\n`, { mode: 0o600 });
  }
  return file;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer().once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

async function choosePort() {
  if (process.env.PORT) return Number(process.env.PORT);
  for (let port = 3000; port < 3020; port++) if (await portIsFree(port)) return port;
  fail("ports 3000–3019 are all taken: set PORT");
}

/** Prefixes a child's output lines so the console's and the simulator's stay readable together. */
function relay(stream, prefix, target) {
  let pending = "";
  stream.on("data", (chunk) => {
    const lines = (pending + chunk.toString()).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) target.write(`${prefix}${line}\n`);
  });
}

async function waitForHealth(url, consoleProcess) {
  const deadline = Date.now() + 10 * 60_000; // the first start builds the app
  while (Date.now() < deadline) {
    if (consoleProcess.exitCode !== null) fail("the console exited before it was ready (see its output above)");
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  fail(`the console did not answer ${url}/api/health in time`);
}

async function api(url, token, method, route, body) {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** The demo's source and its ingest token, created through the API on the first start. */
async function ingestToken(url, credentials) {
  if (credentials.ingestToken) return credentials.ingestToken;
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = attempt === 0 ? SOURCE : `${SOURCE}-${attempt + 1}`;
    const created = await api(url, credentials.apiToken, "POST", "/api/v1/sources", { name, description: "The gate simulator started by npm run demo" });
    if (created.status === 201) {
      saveCredentials({ ...credentials, ingestToken: created.body.token, sourceName: name });
      return created.body.token;
    }
    if (created.status !== 409) fail(`POST /api/v1/sources answered ${created.status}: ${JSON.stringify(created.body)}`);
  }
  fail("could not find a free source name");
}

function simulatorArgs(url, token, credentials, withReceipts) {
  const args = [
    "--url", url, "--token", token, "--gates", "3", "--rate", "120",
    "--surfaces", "filesystem=3,shell=2,github=2,payments,email", "--deny", "0.03", "--silence", "0.01",
    "--shift", "payments:DENY:0.4@3", "--duration", "10080", "--seed", "demo",
  ];
  if (withReceipts) {
    args.push("--receipts", "--issuer", ISSUER, "--key", issuerKeyFile(), "--jwks-out", path.join(dataDir, "demo-issuer.jwks.json"));
    args.push("--register-issuer", "--api-token", credentials.apiToken);
  }
  return args;
}

function banner(url, credentials) {
  const password = credentials.fresh ? credentials.password : `(as printed on the first start; also in ${credentials.file})`;
  process.stdout.write(
    [
      "",
      "┌ countersign demo ─────────────────────────────────────────────",
      `│ console   ${url}`,
      `│ sign in   ${credentials.email}`,
      `│ password  ${password}`,
      `│ data      ${dataDir}`,
      "│ traffic   3 simulated gates, 120 decisions/min; payments DENY 3% → 40% at minute 3",
      "│ Ctrl-C stops the console and the simulator.",
      "└───────────────────────────────────────────────────────────────",
      "",
    ].join("\n") + "\n",
  );
}

async function main() {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const credentials = { ...(readCredentials() ?? createAdmin()), file: credentialsFile };
  const port = await choosePort();
  const url = `http://localhost:${port}`;
  const consoleProcess = spawn(process.execPath, [path.join(root, "lib", "cli", "start.mjs")], {
    cwd: root,
    env: {
      ...baseEnv,
      PORT: String(port),
      COUNTERSIGN_PUBLIC_URL: url,
      COUNTERSIGN_ADMIN_EMAIL: credentials.email,
      COUNTERSIGN_ADMIN_PASSWORD: credentials.password,
      COUNTERSIGN_LOG_LEVEL: process.env.COUNTERSIGN_LOG_LEVEL ?? "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Own process groups: Ctrl-C reaches only this launcher, which stops the simulator first
    // (so its last batches still reach the console), then the console.
    detached: true,
  });
  children.add(consoleProcess);
  relay(consoleProcess.stdout, "console │ ", process.stdout);
  relay(consoleProcess.stderr, "console │ ", process.stderr);
  let stopping = false;
  let simulator;
  const stop = (signal) => {
    if (stopping) {
      simulator?.kill("SIGKILL");
      consoleProcess.kill("SIGTERM");
      return;
    }
    stopping = true;
    process.stdout.write("\ndemo: stopping the simulator, then the console (Ctrl-C again to force)…\n");
    if (simulator && simulator.exitCode === null) {
      simulator.once("exit", () => consoleProcess.kill(signal));
      simulator.kill(signal);
    } else consoleProcess.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  consoleProcess.on("exit", (code) => {
    if (simulator?.exitCode === null) simulator.kill("SIGINT");
    if (!stopping) fail(`the console stopped (exit ${code})`);
    process.exitCode = 0;
  });

  await waitForHealth(url, consoleProcess);
  const token = await ingestToken(url, credentials);
  const withReceipts = (await api(url, credentials.apiToken, "GET", "/api/v1/issuers")).status === 200;
  banner(url, credentials);
  if (stopping) return;
  simulator = spawn(process.execPath, [...simulateEntry, ...simulatorArgs(url, token, credentials, withReceipts)], { cwd: root, env: baseEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.add(simulator);
  relay(simulator.stdout, "gates   │ ", process.stdout);
  relay(simulator.stderr, "gates   │ ", process.stdout);
  simulator.on("exit", (code) => {
    if (!stopping) process.stderr.write(`demo: the simulator stopped (exit ${code}); the console keeps running until Ctrl-C.\n`);
  });
}

await main();
