#!/usr/bin/env node
// `npm test`: every tier on a fresh machine — lint, types, unit and service tests (PGlite and
// the PostgreSQL on 127.0.0.1:5432), then the Playwright journeys in Chromium against `npm start`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const reports = mkdtempSync(path.join(tmpdir(), "countersign-tests-"));
const totals = { passed: 0, failed: 0, skipped: 0 };

function step(title, command, args, env = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`=== ${title}: ${result.status === 0 ? "ok" : `failed (exit ${result.status})`} in ${Math.round((Date.now() - started) / 1000)} s`);
  return result.status === 0;
}

function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (existsSync(candidate)) return candidate;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("Chromium is missing: installing Debian's chromium with apt-get…");
    spawnSync("apt-get", ["update"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error("\nThe browser tests need Chromium. Install it with:\n  sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium binary) and run `npm test` again.");
  process.exit(2);
}

function count(file, read) {
  if (!existsSync(file)) return false;
  const counts = read(JSON.parse(readFileSync(file, "utf8")));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  return true;
}

const chromium = findChromium();
let ok = step("lint", bin("eslint"), [".", "--max-warnings=0", "--no-warn-ignored"]);
ok = step("types", bin("tsc"), ["--noEmit", "-p", "."]) && ok;

const vitestReport = path.join(reports, "vitest.json");
ok = step("unit and service tests (PGlite + PostgreSQL)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]) && ok;
if (!count(vitestReport, (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }))) totals.failed += 1;

const playwrightReport = path.join(reports, "playwright.json");
ok =
  step("browser journeys (Playwright, Chromium)", bin("playwright"), ["test", "--reporter=list,json"], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  }) && ok;
if (!count(playwrightReport, (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky, skipped: r.stats.skipped }))) totals.failed += 1;

console.log(`\nall tiers: ${ok ? "ok" : "FAILED"}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
