import { spawn } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/accessibility";
import { consoleState } from "./support/state";

// Journeys run in file-name order against one console: 01-foundation created admin A.
const ADMIN_A = { email: "admin@example.com", password: "admin password 123" };
const ADMIN_B = { email: "second-admin@example.com", password: "second admin password 1" };
const OPERATOR = "agent:e2e-billing-bot";

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

function countersign(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["lib/cli/countersign.mjs", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("break-glass: A requests, B approves, A copies the token, a gate uses it, every use shows, A revokes and gates see it", async ({ page, browser, context }) => {
  test.setTimeout(240_000);
  const url = consoleState().url;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url });
  await signIn(page, ADMIN_A);

  // A second admin (four eyes), an API token to register the gate's receipt key, and a source.
  const created = await page.request.post("/api/v1/users", { headers: { origin: url }, data: { email: ADMIN_B.email, roles: ["admin"], password: ADMIN_B.password } });
  expect(created.status()).toBe(201);
  const apiToken = ((await (await page.request.post("/api/v1/tokens", { headers: { origin: url }, data: { name: "break-glass e2e" } })).json()) as { token: string }).token;
  await page.goto("/sources");
  const sourceForm = page.getByRole("form", { name: "Add a source" });
  await sourceForm.getByLabel("Source name").fill("break-glass-gate");
  await sourceForm.getByRole("button", { name: "Create source and token" }).click();
  const ingestToken = (await page.getByLabel("Ingest token for break-glass-gate").textContent())!.trim();

  // A files the request.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Break-glass grants" }).click();
  await expect(page.getByRole("heading", { name: "Break-glass grants" })).toBeVisible();
  await page.getByRole("link", { name: "Request a grant" }).click();
  const form = page.getByRole("form", { name: "Request a break-glass grant" });
  await form.getByLabel("Operator").fill(OPERATOR);
  await form.getByLabel("Surfaces").fill("payments");
  await form.getByLabel("Actions").fill("transfer, refund");
  await form.getByLabel("Justification").fill("INC-9001: refunds blocked by a mis-scoped deny rule");
  await form.getByLabel("Ticket").fill("INC-9001");
  await form.getByLabel("Duration (minutes)").fill("30");
  await expectNoSeriousA11yViolations(page);
  await form.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("heading", { name: `Grant for ${OPERATOR}` })).toBeVisible();
  const grantId = /\/break-glass\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await expect(page.getByText("You requested this grant: another admin must review it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // B approves from another session; the token is not shown to the reviewer.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, ADMIN_B);
  await reviewer.goto(`/break-glass/${grantId}`);
  await reviewer.getByLabel("Review comment").fill("Confirmed on the incident bridge");
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByText(/The grant is active now/)).toBeVisible();
  await expect(reviewer.getByRole("button", { name: "Retrieve the token" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(reviewer);
  await reviewerContext.close();

  // A retrieves the token once and copies it.
  await page.reload();
  await page.getByRole("button", { name: "Retrieve the token" }).click();
  const shown = (await page.getByLabel("Break-glass token").textContent())!.trim();
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const token = await page.evaluate(() => navigator.clipboard.readText());
  expect(token).toBe(shown);
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(page.getByRole("button", { name: "Download" })).toBeVisible();

  // The simulated gate verifies the token against the published JWKS and sends receipts naming it.
  const jwks = await page.request.get("/.well-known/jwks.json");
  expect(((await jwks.json()) as { keys: Array<{ kid: string }> }).keys.length).toBeGreaterThan(0);
  const run = await countersign([
    "simulate", "--url", url, "--token", ingestToken, "--grant", token, "--receipts", "--register-issuer", "--api-token", apiToken,
    "--surfaces", "payments", "--deny", "0.6", "--rate", "600", "--count", "80", "--seed", "break-glass-e2e",
  ]);
  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain(`honouring break-glass grant ${grantId}`);

  // The linking job runs every few seconds; the page refreshes itself.
  const uses = page.getByRole("table", { name: "Uses" });
  await expect(uses).toBeVisible({ timeout: 30_000 });
  await expect(uses.getByRole("row").nth(1)).toContainText("payments");
  await expect(uses.getByText("in scope").first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("First use: payments");

  // Every use raises a "break-glass used" alert (evaluated now rather than at the minute job).
  expect((await page.request.post("/api/v1/alerts/evaluate", { headers: { origin: url } })).ok()).toBe(true);
  const alerts = (await (await page.request.get("/api/v1/alerts?kind=break_glass_used")).json()) as { items: Array<{ state: string; evidence: { grantId?: string }; links: { grant?: string } }> };
  expect(alerts.items.find((alert) => alert.evidence.grantId === grantId)).toMatchObject({ state: "firing", links: { grant: `/break-glass/${grantId}` } });

  // A revokes; the signed revocation list names the grant, and a gate refuses the token.
  await page.getByLabel("Reason for revoking").fill("Incident closed");
  await page.getByRole("button", { name: "Revoke grant" }).click();
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Revoked");
  await expect(page.getByText("“Incident closed”")).toBeVisible();
  const list = await page.request.get("/api/v1/break-glass/revocations");
  expect(list.headers()["content-type"]).toBe("application/jwt");
  const verdict = await countersign([
    "grant", "verify", "--jwks", `${url}/.well-known/jwks.json`, "--revocations", `${url}/api/v1/break-glass/revocations`, "--json", token,
  ]);
  expect(verdict.code, verdict.output).toBe(1);
  expect(JSON.parse(verdict.output)).toMatchObject({ code: "revoked" });

  await page.goto("/break-glass");
  await page.getByRole("button", { name: "Ended" }).click();
  await expect(page.getByRole("row").filter({ hasText: OPERATOR })).toContainText("Revoked");
  await expectNoSeriousA11yViolations(page);
});
