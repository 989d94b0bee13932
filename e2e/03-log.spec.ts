import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { command as verifyBundle } from "../lib/cli/commands/verify-bundle";
import { generateIssuerKey, signReceipt, type IssuerKeyPair } from "../lib/core/receipts";
import { expectNoSeriousA11yViolations } from "./support/accessibility";
import { consoleState } from "./support/state";

// Journeys run in file-name order against one console; 01-foundation normally created this admin.
const ADMIN = { email: "admin@example.com", password: "admin password 123" };
const ISS = "gate-e2e-log";

async function signIn(page: Page) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/** Runs alone as well: completes first-run setup when no earlier journey did. */
async function ensureAdmin(request: APIRequestContext) {
  const token = new URL(consoleState().setupUrl).searchParams.get("token");
  const response = await request.post("/api/setup", { data: { token, email: ADMIN.email, password: ADMIN.password } });
  expect([200, 403, 409]).toContain(response.status());
}

const navLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
const origin = () => `${new URL(consoleState().url).host}/countersign`;

test.describe.serial("transparency log", () => {
  let gate: IssuerKeyPair;
  let ingestToken = "";
  const receiptIds: string[] = [];

  /** A gate sends `n` fresh receipts signed with its registered key. */
  async function send(request: APIRequestContext, n: number, prefix: string) {
    const iat = Math.floor(Date.now() / 1000) - 5;
    const receipts = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        signReceipt(
          {
            v: 1, id: `${prefix}-${i}-${Date.now()}`, iss: ISS, iat,
            request: { actor: "agent:e2e-log", surface: "payments", action: "transfer", target: `acct:${i}`, context: {} },
            decision: "PERMIT", reason: "rule:e2e", policy: { id: "payments", version: "1", digest: `sha256:${"ab".repeat(32)}` },
          },
          gate.privateJwk,
          { alg: "EdDSA", kid: gate.kid },
        ),
      ),
    );
    const response = await request.post("/api/v1/receipts", { headers: { Authorization: `Bearer ${ingestToken}`, "Content-Type": "application/json" }, data: JSON.stringify(receipts) });
    expect(response.status()).toBe(200);
    const { results } = (await response.json()) as { results: Array<{ status: string; verdict: string; id: string }> };
    expect(results.map((r) => [r.status, r.verdict])).toEqual(receipts.map(() => ["stored", "valid"]));
    receiptIds.push(...results.map((r) => r.id));
  }

  test.beforeAll(async ({ request }) => {
    await ensureAdmin(request);
    gate = await generateIssuerKey("EdDSA", { kid: "e2e-log-1" });
  });

  test("a gate's receipts enter the log within seconds; the log page shows its size, key and signed checkpoint", async ({ page, playwright }) => {
    await signIn(page);
    const headers = { Origin: consoleState().url };
    const issuer = await page.request.post("/api/v1/issuers", { headers, data: { iss: ISS, jwks: { keys: [gate.publicJwk] } } });
    expect(issuer.status()).toBe(201);
    await page.goto("/sources");
    const sourceForm = page.getByRole("form", { name: "Add a source" });
    await sourceForm.getByLabel("Source name").fill("e2e log gate");
    await sourceForm.getByRole("button", { name: "Create source and token" }).click();
    ingestToken = (await page.getByLabel("Ingest token for e2e log gate").textContent())!.trim();
    await send(page.request, 6, "log-a");

    await navLink(page, "Transparency log").click();
    await expect(page.getByRole("heading", { level: 1, name: "Transparency log" })).toBeVisible();
    await expect(page.getByLabel("Log key", { exact: true })).toContainText(new RegExp(`^${origin().replace(/\./g, "\\.")}\\+[0-9a-f]{8}\\+`));
    // The sequencer runs every second and a checkpoint follows within 5 s of growth.
    await expect(async () => {
      await page.reload();
      const note = (await page.getByLabel("Checkpoint", { exact: true }).textContent()) ?? "";
      expect(note.startsWith(`${origin()}\n`)).toBe(true);
      expect(Number(note.split("\n")[1])).toBeGreaterThanOrEqual(6);
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole("table", { name: "Checkpoint history" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const anonymous = await playwright.request.newContext({ baseURL: consoleState().url });
    const checkpoint = await anonymous.get("/api/v1/log/checkpoint");
    expect(checkpoint.status()).toBe(200);
    expect(await checkpoint.text()).toMatch(new RegExp(`^${origin().replace(/\./g, "\\.")}\\n\\d+\\n`));
    await anonymous.dispose();
  });

  test("the browser proves that a newer checkpoint extends an older one", async ({ page }) => {
    await signIn(page);
    await page.goto("/log");
    const before = Number(((await page.getByLabel("Checkpoint", { exact: true }).textContent()) ?? "").split("\n")[1]);
    await send(page.request, 5, "log-b");
    await expect(async () => {
      await page.reload();
      expect(Number(((await page.getByLabel("Checkpoint", { exact: true }).textContent()) ?? "").split("\n")[1])).toBeGreaterThanOrEqual(before + 5);
    }).toPass({ timeout: 20_000 });
    await page.getByLabel("Older checkpoint (size)").selectOption(String(before));
    await page.getByRole("button", { name: "Verify consistency in your browser" }).click();
    await expect(page.getByText("Consistent — verified in your browser")).toBeVisible();
  });

  test("a receipt's page proves, in the browser, that its exact bytes are in the log", async ({ page }) => {
    await signIn(page);
    await page.goto(`/receipts/${receiptIds[2]}`);
    await expect(page.getByText("Included — verified in your browser")).toBeVisible();
    await expect(page.getByLabel("Offline proof")).toContainText(/^c2sp\.org\/tlog-proof@v1\nindex \d+\n/);
    await expectNoSeriousA11yViolations(page);
  });

  test("an auditor exports the gate's receipts as one bundle that verifies offline", async ({ page }, testInfo) => {
    await signIn(page);
    await page.goto(`/log/bundle?issuer=${ISS}`);
    await expect(page.getByText(/^11 receipts in the log match/)).toBeVisible();
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export evidence bundle" }).click();
    const file = testInfo.outputPath("evidence.jsonl");
    await (await downloading).saveAs(file);
    await expect(page.getByText(/^Saved countersign-evidence-/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const vkey = (await (await page.request.get("/api/v1/log/vkey")).text()).trim();
    const out: string[] = [];
    const code = await verifyBundle.run(["--json", "--vkey", vkey, file], { out: (l) => void out.push(l), err: () => {}, readStdin: async () => "", env: {} });
    expect(code, out.join("\n")).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ valid: true, receipts: 11, verified: 11, trustedKeys: 1 });
    const text = readFileSync(file, "utf8");
    for (const id of receiptIds) expect(text).toContain(`"id":"${id}"`);

    await page.goto("/verify");
    const form = page.getByRole("form", { name: "Verify an evidence bundle" });
    await form.getByLabel("Bundle file").setInputFiles(file);
    await form.getByLabel("Pinned log key (optional)").fill(vkey);
    await form.getByRole("button", { name: "Verify bundle" }).click();
    await expect(page.getByText("Valid: 11 receipts verified in your browser")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
