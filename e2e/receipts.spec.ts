import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { FIXTURES_DIR, loadVectorFile, vectorReceipt } from "../lib/core/receipts/fixtures/load-vectors";
import { expectNoSeriousA11yViolations } from "./support/accessibility";
import { consoleState } from "./support/state";

// Journeys run in file-name order against one console; 01-foundation normally created this admin.
const ADMIN = { email: "admin@example.com", password: "admin password 123" };
const ONCALL = { email: "receipts-oncall@example.com", password: "oncall password 123" };
const TRUST_FILE = `${FIXTURES_DIR}/trust.json`;
const vectors = loadVectorFile();
// Non-empty single-line receipts can be pasted one per line; the rest go through a JSON array.
const pasteable = vectors.vectors.filter((v) => !v.build && vectorReceipt(v).trim() !== "" && !/[\r\n]/.test(vectorReceipt(v)));

async function signIn(page: Page, user = ADMIN) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

const navLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
const sameOrigin = () => ({ Origin: consoleState().url });

/** Runs alone as well: completes first-run setup when no earlier journey did. */
async function ensureAdmin(request: APIRequestContext) {
  const token = new URL(consoleState().setupUrl).searchParams.get("token");
  const response = await request.post("/api/setup", { data: { token, email: ADMIN.email, password: ADMIN.password } });
  expect([200, 403, 409]).toContain(response.status());
}

test.describe.serial("signed receipts", () => {
  let ingestToken = "";

  test.beforeAll(async ({ request }) => {
    await ensureAdmin(request);
  });

  test("the admin registers the gates' issuers from the shared trust file and creates an ingest source", async ({ page }) => {
    await signIn(page);
    await navLink(page, "Issuers & keys").click();
    await expect(page.getByRole("heading", { level: 1, name: "Issuers" })).toBeVisible();
    for (const iss of ["gate-eu-1", "gate-us-2", "gate-openssl"]) {
      const form = page.getByRole("form", { name: "Register an issuer" });
      await form.getByLabel("Issuer (iss)").fill(iss);
      await form.getByLabel("Or load a JWKS file").setInputFiles(TRUST_FILE);
      await expect(form.getByLabel("JWKS (public keys)")).toHaveValue(/"keys"/);
      await form.getByRole("button", { name: "Register issuer" }).click();
      await expect(page.getByText(new RegExp(`Registered ${iss}: \\d+ key\\(s\\)`))).toBeVisible();
    }
    await expect(page.getByRole("row").filter({ hasText: "gate-eu-1" })).toContainText("active of 9");
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("link", { name: "gate-eu-1" }).click();
    const revoked = page.getByRole("row").filter({ hasText: "eu1-revoked" });
    await expect(revoked).toContainText("Revoked");
    await expect(revoked).toContainText("2026-06-01T00:00:00Z");
    await expectNoSeriousA11yViolations(page);

    const created = await page.request.post("/api/v1/sources", { headers: sameOrigin(), data: { name: "e2e receipts gate" } });
    expect(created.status()).toBe(201);
    ingestToken = ((await created.json()) as { token: string }).token;
    const user = await page.request.post("/api/v1/users", { headers: sameOrigin(), data: { email: ONCALL.email, roles: ["oncall"], password: ONCALL.password } });
    expect([201, 409]).toContain(user.status());
  });

  test("a gate sends every shared vector; the server gives each the vector's verdict and the explorer shows them", async ({ page, playwright }) => {
    const gate = await playwright.request.newContext({ baseURL: consoleState().url });
    const body = JSON.stringify(vectors.vectors.map(vectorReceipt));
    const response = await gate.post("/api/v1/receipts", { headers: { Authorization: `Bearer ${ingestToken}`, "Content-Type": "application/json" }, data: body });
    expect(response.status()).toBe(200);
    const { results } = (await response.json()) as { results: Array<{ status: string; verdict: string; id: string | null }> };
    expect(results.map((r) => r.verdict)).toEqual(vectors.vectors.map((v) => v.expectedVerdict));
    expect(results.filter((r) => r.status === "equivocation").length).toBeGreaterThan(0);
    const again = await gate.post("/api/v1/receipts", { headers: { Authorization: `Bearer ${ingestToken}`, "Content-Type": "application/jose" }, data: vectorReceipt(pasteable[0]!) });
    expect(((await again.json()) as { results: Array<{ status: string }> }).results[0]!.status).toBe("duplicate");
    expect((await gate.post("/api/v1/receipts", { headers: { "Content-Type": "application/jose" }, data: "a.b.c" })).status()).toBe(401);
    await gate.dispose();

    await signIn(page);
    await navLink(page, "Receipts").click();
    await page.getByLabel("Verdict").selectOption("bad_signature");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/verdict=bad_signature/);
    const table = page.getByRole("table", { name: "Receipts" });
    const badSignatures = results.filter((r, i) => r.id && vectors.vectors[i]!.expectedVerdict === "bad_signature" && r.status !== "duplicate").length;
    await expect(table.getByRole("row")).toHaveCount(badSignatures + 1);
    await expectNoSeriousA11yViolations(page);

    await page.goto("/receipts?verdict=valid&receiptId=rcpt-eddsa");
    await table.getByRole("row").nth(1).getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Receipt rcpt-eddsa" })).toBeVisible();
    await expect(page.getByText("Verdict: valid")).toBeVisible();
    await expect(page.getByText("Thumbprint (RFC 7638)")).toBeVisible();
    await expect(page.getByLabel("Raw receipt")).toHaveText(vectorReceipt(vectors.vectors.find((v) => v.name === "valid-eddsa-compact")!));
    await expect(page.getByRole("button", { name: "Download rcpt-eddsa.jws" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto("/receipts?verdict=key_revoked");
    await table.getByRole("row").nth(1).getByRole("link").click();
    await expect(page.getByText(/Verdict: key_revoked \(step 8\)/)).toBeVisible();

    await navLink(page, "Findings").click();
    await expect(page.getByRole("heading", { name: /^Equivocations \([1-9]\d*\)$/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Receipts by unknown or revoked keys" })).toContainText("unknown_key");
    await expectNoSeriousA11yViolations(page);
  });

  test("the on-call engineer reads receipts but not the auditors' findings", async ({ page }) => {
    await signIn(page, ONCALL);
    await expect(navLink(page, "Receipts")).toBeVisible();
    await expect(navLink(page, "Findings")).toHaveCount(0);
    await page.goto("/findings");
    await expect(page.getByText("Your role does not include")).toBeVisible();
    expect((await page.request.get("/api/v1/receipts/findings")).status()).toBe(403);
    expect((await page.request.get("/api/v1/receipts")).status()).toBe(200);
  });

  test("/verify checks pasted vectors in the browser with the vectors' verdicts, and no request carries a receipt", async ({ page }) => {
    await signIn(page);
    const sent: string[] = [];
    page.on("request", (request) => sent.push(`${request.method()} ${request.url()}\n${request.postData() ?? ""}`));
    await page.goto("/verify");
    await expect(page.getByRole("heading", { name: "Verify receipts" })).toBeVisible();
    await page.getByLabel("Paste receipts").fill(pasteable.map(vectorReceipt).join("\n"));
    await page.getByLabel("A trust file I provide").check();
    await page.getByLabel("Or load a trust file").setInputFiles(TRUST_FILE);
    await page.getByLabel("Verify as of").fill(vectors.now.replace(/Z$/, "").slice(0, 19));
    await page.getByRole("button", { name: "Verify in this browser" }).click();
    const items = page.getByRole("list", { name: "Verification results" }).getByRole("listitem");
    await expect(items).toHaveCount(pasteable.length);
    const verdicts = await items.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-verdict")));
    expect(verdicts).toEqual(pasteable.map((v) => v.expectedVerdict));
    await expectNoSeriousA11yViolations(page);

    // The keys this console publishes give the same verdicts, fetched with a GET that holds no receipt.
    await page.getByLabel("Keys published by this console").check();
    await page.getByRole("button", { name: "Verify in this browser" }).click();
    await expect(page.getByText(`${pasteable.length} receipt(s)`)).toBeVisible();
    expect(await items.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-verdict")))).toEqual(pasteable.map((v) => v.expectedVerdict));

    const fragments = pasteable.flatMap((v) => vectorReceipt(v).split(".").filter((part) => part.length >= 40));
    expect(fragments.length).toBeGreaterThan(50);
    const leaks = sent.filter((request) => fragments.some((fragment) => request.includes(fragment)));
    expect(leaks).toEqual([]);
    expect(sent.some((request) => request.includes("/api/v1/issuers/trust.json"))).toBe(true);
  });

  test("people without an account may verify only while the admin allows public verification", async ({ page, browser }) => {
    const visitor = await browser.newPage();
    await visitor.goto(`${consoleState().url}/verify`);
    await expect(visitor).toHaveURL(/\/signin\?callbackUrl=%2Fverify/);

    await signIn(page);
    await navLink(page, "Issuers & keys").click();
    await page.getByRole("button", { name: "Allow verification without an account" }).click();
    await expect(page.getByText("Open to anyone")).toBeVisible();

    await visitor.goto(`${consoleState().url}/verify`);
    await expect(visitor.getByRole("heading", { name: "Verify receipts" })).toBeVisible();
    await visitor.getByLabel("Paste receipts").fill(vectorReceipt(pasteable[0]!));
    await visitor.getByRole("button", { name: "Verify in this browser" }).click();
    await expect(visitor.getByRole("list", { name: "Verification results" }).getByRole("listitem")).toHaveAttribute("data-verdict", "valid");

    await page.getByRole("button", { name: "Require an account" }).click();
    await expect(page.getByText("Signed-in users only.")).toBeVisible();
    await visitor.goto(`${consoleState().url}/verify`);
    await expect(visitor).toHaveURL(/\/signin/);
    await visitor.close();
  });
});
