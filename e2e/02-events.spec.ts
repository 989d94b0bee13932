import { spawn } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { consoleState } from "./support/state";

// Journeys run in file-name order against one console: 01-foundation created this admin.
const ADMIN = { email: "admin@example.com", password: "admin password 123" };

async function signIn(page: Page) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

function simulate(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["lib/cli/countersign.mjs", "simulate", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("an admin connects a gate: creates a source, the simulator sends with its token, the explorer shows and filters", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" }).click();
  const form = page.getByRole("form", { name: "Add a source" });
  await form.getByLabel("Source name").fill("e2e-gate");
  await form.getByRole("button", { name: "Create source and token" }).click();
  const token = (await page.getByLabel("Ingest token for e2e-gate").textContent())!.trim();
  expect(token).toMatch(/^csi_/);
  await expect(page.getByText("OTEL_EXPORTER_OTLP_HEADERS").first()).toBeVisible();

  const run = await simulate(["--url", consoleState().url, "--token", token, "--gates", "2", "--surfaces", "payments,shell", "--deny", "0.3", "--count", "60", "--seed", "7"]);
  expect(run.code, run.output).toBe(0);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Decision events" }).click();
  const table = page.getByRole("table", { name: "Decision events" });
  await expect(table.getByRole("row")).toHaveCount(51); // header + first page of 50
  await page.getByLabel("Outcome").selectOption("DENY");
  await page.getByLabel("Surface").fill("payments");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/outcome=DENY/);
  await expect(page).toHaveURL(/surface=payments/);
  const rows = table.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows.first()).toContainText("payments");
  const texts = await rows.allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(text).toMatch(/payments[\s\S]*DENY/);

  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "payments · DENY" })).toBeVisible();
  await expect(page.getByText("Record attributes")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" }).click();
  // --count bounds the simulated events (heartbeats included): compare with the decisions it reports sent.
  const sent = /decisions: (\d+) sent/.exec(run.output)?.[1];
  expect(sent, run.output).toBeDefined();
  await expect(page.getByRole("row").filter({ hasText: "e2e-gate" }).getByRole("cell").nth(2)).toHaveText(Number(sent).toLocaleString("en-US"));
});

test("the receiver takes a large gzip-less OTLP body through the full server (no proxy buffering limit)", async ({ page, request }) => {
  await signIn(page);
  const created = await page.request.post("/api/v1/sources", { data: { name: "e2e-large" }, headers: { Origin: consoleState().url } });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const now = BigInt(Date.now()) * 1_000_000n;
  const padding = "x".repeat(400);
  const logRecords = Array.from({ length: 20_000 }, (_, i) => ({
    timeUnixNano: String(now - BigInt(i) * 1000n),
    body: { stringValue: "tool_decision" },
    attributes: [
      { key: "tool_name", value: { stringValue: "bulk" } },
      { key: "decision", value: { stringValue: i % 4 ? "accept" : "reject" } },
      { key: "tool_use_id", value: { stringValue: `toolu_bulk_${i}` } },
      { key: "note", value: { stringValue: padding } },
    ],
  }));
  const body = JSON.stringify({ resourceLogs: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "bulk-gate" } }] }, scopeLogs: [{ logRecords }] }] });
  // Over the 10 MB a Next.js proxy would buffer, under the receiver's 16 MiB body limit.
  expect(body.length).toBeGreaterThan(12 * 1024 * 1024);
  expect(body.length).toBeLessThan(16 * 1024 * 1024);
  const response = await request.post("/v1/logs", { data: body, headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("{}");
  const events = await page.request.get("/api/v1/events?surface=bulk&limit=1");
  expect((await events.json()).items).toHaveLength(1);
});
