import { expect, test } from "@playwright/test";
import type { Role } from "@/lib/domain";
import { clickUntilVisible, emailOf, navigationLinks, signIn } from "./fixtures";

const ANALYZE = ["Overview", "Funnels", "Knowledge parity", "ROI", "Impact"];
const CONFIG_READ = ["IVR offers", "SMS templates", "Escalation rules", "Audit log"];
const ADMIN = ["Workspace settings", "Users", "API keys", "Messaging"];

const EXPECTED_NAVIGATION: Record<Role, { links: string[]; home: RegExp }> = {
  manager: { links: [...ANALYZE, ...CONFIG_READ], home: /\/$/ },
  supervisor: { links: [...ANALYZE, ...CONFIG_READ, "Import events"], home: /\/$/ },
  executive: { links: ANALYZE, home: /\/roi$/ },
  admin: { links: [...ANALYZE, ...CONFIG_READ, "Import events", ...ADMIN], home: /\/$/ },
};

for (const [role, expected] of Object.entries(EXPECTED_NAVIGATION) as [Role, (typeof EXPECTED_NAVIGATION)[Role]][]) {
  test(`${role} signs in, lands on their home page and sees exactly their navigation`, async ({ page }) => {
    await signIn(page, role);
    await expect(page).toHaveURL(expected.home);
    expect(await navigationLinks(page)).toEqual(expected.links);
  });
}

test("a manager is refused supervisor-only pages and actions by the server", async ({ page }) => {
  await signIn(page, "manager");
  const response = await page.goto("/import");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();

  const settings = await page.goto("/settings/api-keys");
  expect(settings?.status()).toBe(403);

  const write = await page.request.post("/api/v1/events", {
    data: { events: [{ id: "m1", type: "call.received", occurredAt: new Date().toISOString(), customer: "c", callType: "card_arrival" }] },
  });
  expect(write.status()).toBe(403);
  expect((await write.json()).error.code).toBe("forbidden");
});

test("an executive reaches ROI but no configuration", async ({ page }) => {
  await signIn(page, "executive");
  await expect(page).toHaveURL(/\/roi$/);
  expect((await page.goto("/config/escalation-rules"))?.status()).toBe(403);
  expect((await page.goto("/audit"))?.status()).toBe(403);
});

test("a wrong password gets one message that does not say which field was wrong", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(emailOf("manager"));
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const message = page.locator("form [role=alert]");
  await expect(message).toHaveText("Email or password is incorrect.");

  await page.getByLabel("Email").fill("nobody@switchboard.demo");
  await page.getByLabel("Password").fill("switchboard");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(message).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/sign-in/);
});

// Sign-out is tested in accounts.spec.ts with an account of its own: signing out ends every
// session of the user (docs/adr/023), and the demo accounts are shared by tests running in parallel.

test("signed-out visitors are sent to sign-in, the API answers 401, health answers without a session", async ({ page, request }) => {
  await page.goto("/parity");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText("manager@switchboard.demo")).toBeVisible();

  const unauthorized = await request.post("/api/v1/events", { data: { events: [] } });
  expect(unauthorized.status()).toBe(401);
  expect((await unauthorized.json()).error.code).toBe("unauthorized");

  const health = await request.get("/api/health");
  expect(await health.json()).toMatchObject({ ok: true, db: "ok", engine: "pglite" });
});

test("the phone layout keeps the navigation one tap away", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, "manager");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  const dialog = page.getByRole("dialog");
  await clickUntilVisible(page.getByRole("button", { name: "Open menu" }), dialog.getByRole("link", { name: "Knowledge parity" }));
  await dialog.getByRole("link", { name: "Knowledge parity" }).click();
  await expect(page).toHaveURL(/\/parity$/);
  await context.close();
});
