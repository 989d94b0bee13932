import { spawn } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/accessibility";
import { consoleState } from "./support/state";

// Journeys run in file-name order against one console: 01-foundation created these accounts.
const ADMIN = { email: "admin@example.com", password: "admin password 123" };
const ONCALL = { email: "oncall@example.com", password: "oncall password 123" };

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

const navLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });

function simulate(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["lib/cli/countersign.mjs", "simulate", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test.describe.serial("outcome drift journeys", () => {
  test("a DENY shift on payments shows on the dashboard and raises an alert that on-call acknowledges", async ({ page, browser }) => {
    test.setTimeout(240_000);
    const { url } = consoleState();
    await signIn(page, ADMIN);
    await navLink(page, "Sources").click();
    const form = page.getByRole("form", { name: "Add a source" });
    await form.getByLabel("Source name").fill("e2e-drift-gate");
    await form.getByRole("button", { name: "Create source and token" }).click();
    const token = (await page.getByLabel("Ingest token for e2e-drift-gate").textContent())!.trim();

    // Three days and a bit of traffic replayed in about a minute (a baseline needs three days of
    // history), with payments jumping from 2 % to 40 % DENY for the last 30 minutes.
    const run = await simulate([
      "--url", url, "--token", token, "--gates", "2", "--rate", "6", "--surfaces", "payments,shell",
      "--duration", "4500", "--speedup", "4500", "--heartbeat", "300", "--shift", "payments:DENY:0.4@4470", "--seed", "11",
    ]);
    expect(run.code, run.output).toBe(0);

    // Evaluate now (admin-only) instead of waiting for the minute job; it also rebuilds the
    // hourly rollup the backfilled history lands in.
    const evaluated = await page.request.post("/api/v1/alerts/evaluate", { headers: { origin: url }, data: {} });
    expect(evaluated.status(), await evaluated.text()).toBe(200);
    expect(await evaluated.json()).toMatchObject({ baselinesRefreshed: true });

    await navLink(page, "Outcome drift").click();
    // The embedded database serves one statement at a time: the first render may queue behind the minute job.
    await expect(page.getByRole("heading", { name: "Outcome drift" })).toBeVisible({ timeout: 30_000 });
    const surfaces = page.getByRole("table", { name: "Surfaces by distance from baseline" });
    await expect(surfaces.getByRole("row").nth(1)).toContainText("payments");
    await expect(surfaces.getByRole("row").filter({ hasText: "payments" })).toContainText("Firing: DENY");
    await expect(page.getByRole("heading", { name: "payments: DENY and SILENCE over the last 24h" })).toBeVisible();
    await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "1h" }).click();
    await expect(page).toHaveURL(/range=1h/);
    await expect(page.getByRole("heading", { name: "payments: DENY and SILENCE over the last 1h" })).toBeVisible();
    await page.getByText(/Recent buckets with DENY or SILENCE/).click();
    const bucket = page.getByRole("region", { name: "Selected bucket" }).first();
    await expect(bucket.getByRole("link", { name: "denied decisions" })).toHaveAttribute("href", /\/events\?surface=payments&from=.*&outcome=DENY/);
    await expectNoSeriousA11yViolations(page);

    const oncallContext = await browser.newContext();
    const oncall = await oncallContext.newPage();
    await signIn(oncall, ONCALL);
    await navLink(oncall, "Alerts").click();
    const alerts = oncall.getByRole("table", { name: "Alerts" });
    const row = alerts.getByRole("row").filter({ hasText: "payments: DENY at" });
    await expect(row).toContainText("Firing");
    await expectNoSeriousA11yViolations(oncall);
    await row.getByRole("link", { name: /payments: DENY at/ }).click();
    await expect(oncall.getByRole("heading", { name: /payments: DENY at/ })).toBeVisible();
    await expect(oncall.getByText("Exact binomial p-value").first()).toBeVisible();
    await expect(oncall.getByText("CUSUM S / threshold h").first()).toBeVisible();
    await oncall.getByLabel("Note").fill("rolling back policy payments 2026-11-22.1");
    await oncall.getByRole("button", { name: "Acknowledge" }).click();
    await expect(oncall.getByText("Acknowledged by oncall@example.com", { exact: true })).toBeVisible();
    await expect(oncall.getByRole("listitem").filter({ hasText: "acknowledged by oncall@example.com" })).toContainText("rolling back policy payments 2026-11-22.1");

    await oncall.getByRole("link", { name: "The decisions behind it" }).click();
    await expect(oncall).toHaveURL(/\/events\?surface=payments&outcome=DENY/);
    const decisions = oncall.getByRole("table", { name: "Decision events" });
    await expect(decisions.getByRole("row").nth(1)).toContainText("DENY");
    await oncallContext.close();

    await page.goto("/audit");
    await expect(page.getByText("alert.acknowledged").first()).toBeVisible();
  });
});
