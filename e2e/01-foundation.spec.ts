import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/accessibility";
import { consoleState } from "./support/state";

const ADMIN = { email: "admin@example.com", password: "admin password 123" };
const AUDITOR = { email: "auditor@example.com", password: "auditor password 123" };
const ONCALL = { email: "oncall@example.com", password: "oncall password 123" };

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

// Next.js keeps an empty route announcer with role=alert on every page.
const navLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });
const alertBox = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to countersign" })).toBeVisible();
}

test.describe.serial("foundation journeys", () => {
  test("first-run setup creates the admin through the one-time link", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
    await page.goto("/setup");
    await expect(page.getByText("This page needs the one-time setup link")).toBeVisible();

    await page.goto(consoleState().setupUrl);
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Admin email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Repeat the password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create the first admin" }).click();
    await expect(page.getByText("The admin account is ready: sign in with it.")).toBeVisible();

    await page.goto(consoleState().setupUrl);
    await expect(page.getByText("Setup is complete")).toBeVisible();
  });

  test("a wrong password is refused without saying whether the account exists", async ({ page }) => {
    await page.goto("/signin");
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(alertBox(page)).toHaveText("The email or password is not correct, or the account is disabled.");
  });

  test("the admin creates an auditor and an on-call engineer", async ({ page }) => {
    await signIn(page, ADMIN);
    await expectNoSeriousA11yViolations(page);
    await navLink(page, "Users").click();
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
    for (const [user, role] of [[AUDITOR, "Auditor"], [ONCALL, "On-call"]] as const) {
      const form = page.getByRole("form", { name: "Add a user" });
      await form.getByLabel("Email").fill(user.email);
      await form.getByLabel("Initial password").fill(user.password);
      await form.getByLabel("Auditor").setChecked(role === "Auditor");
      await form.getByLabel(role).check();
      await form.getByRole("button", { name: "Add user" }).click();
      await expect(page.getByText(`Created ${user.email}.`)).toBeVisible();
      await expect(page.getByRole("row").filter({ hasText: user.email })).toContainText(role);
    }
    await expectNoSeriousA11yViolations(page);

    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Email").fill(AUDITOR.email.toUpperCase());
    await form.getByLabel("Initial password").fill(AUDITOR.password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(alertBox(page)).toContainText("already exists");
    await signOut(page);
  });

  test("the auditor signs in, sees only the auditor's navigation, and is refused the users page", async ({ page }) => {
    await signIn(page, AUDITOR);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Audit trail" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
    await expect(page.getByText("Your role does not include")).toBeVisible();
    await signOut(page);
  });

  test("the on-call engineer is refused the audit trail, page and API alike", async ({ page }) => {
    await signIn(page, ONCALL);
    await page.goto("/audit");
    await expect(page.getByText("Your role does not include")).toBeVisible();
    const api = await page.request.get("/api/v1/audit");
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    await signOut(page);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the admin verifies the audit chain and creates an API token that scripts can use", async ({ page, playwright }) => {
    await signIn(page, ADMIN);
    await navLink(page, "Audit trail").click();
    await expect(page.getByRole("cell", { name: "user.created" }).first()).toBeVisible();
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByText(/Chain intact: \d+ entries verified/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await navLink(page, "Account & API tokens").click();
    const form = page.getByRole("form", { name: "Create an API token" });
    await form.getByLabel("Token name").fill("e2e script");
    await form.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByLabel("New API token").textContent())!.trim();
    expect(token).toMatch(/^csk_/);
    await expectNoSeriousA11yViolations(page);

    const script = await playwright.request.newContext({ baseURL: consoleState().url });
    const me = await script.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ email: ADMIN.email, roles: ["admin"] });
    expect((await script.get("/api/v1/me")).status()).toBe(401);
    await page.getByRole("button", { name: "Revoke token e2e script" }).click();
    await expect(page.getByRole("row").filter({ hasText: "e2e script" })).toContainText("Revoked");
    expect((await script.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
    await script.dispose();
  });

  test("cross-origin state changes are refused even with a valid session", async ({ page }) => {
    await signIn(page, ADMIN);
    const response = await page.request.post("/api/v1/tokens", {
      headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
      data: { name: "csrf" },
    });
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { reason: "CROSS_ORIGIN" } });
  });
});
