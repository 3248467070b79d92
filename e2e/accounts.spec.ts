import { expect, test } from "@playwright/test";
import { clickUntilVisible, signIn } from "./fixtures";

/*
 * Accounts on the production server (issue 11, findings 1, 6 and 9): an admin invites a new
 * person, who sets their own password through the one-time link; signing out ends the token
 * itself, not only the cookie in one browser; repeated wrong passwords are throttled.
 */

const stamp = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

test("an invited person sets their own password once, signs in, and their old token is refused after sign-out", async ({ page, browser }) => {
  // Three browser contexts, two bcrypt hashes and two sign-ins: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const email = `invited-${stamp()}@example.com`;
  await signIn(page, "admin");
  await page.goto("/settings/users");
  await page.getByLabel("Name").fill("Invited Person");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Add person" }).click();
  const link = await page.getByTestId("invitation-link").textContent();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row.getByText(/Invited: has not set a password yet/)).toBeVisible();

  const visitor = await browser.newContext();
  const invited = await visitor.newPage();
  await invited.goto(link!);
  await expect(invited.getByRole("heading", { name: "Welcome, Invited Person" })).toBeVisible();
  await invited.getByLabel("New password").fill("a long password of mine");
  await invited.getByLabel("Repeat the password").fill("a long password of mine");
  await invited.getByRole("button", { name: "Set password" }).click();
  await expect(invited.getByText(`Password set for ${email}`)).toBeVisible();

  // The link works once.
  await invited.goto(link!);
  await expect(invited.getByRole("heading", { name: "This invitation has been used" })).toBeVisible();

  await invited.goto("/sign-in");
  await invited.getByLabel("Email").fill(email);
  await invited.getByLabel("Password").fill("a long password of mine");
  await invited.getByRole("button", { name: "Sign in" }).click();
  await expect(invited).not.toHaveURL(/\/sign-in/);
  const funnel = "/api/v1/metrics/funnel?from=2026-01-01&to=2026-01-31";
  expect((await invited.request.get(funnel)).status()).toBe(200);

  // A copy of the session cookie taken before signing out, as a thief would hold it.
  const stolen = await visitor.storageState();
  const signOut = invited.getByRole("menuitem", { name: "Sign out" });
  await clickUntilVisible(invited.getByRole("button", { name: /Account:/ }), signOut);
  await signOut.click();
  await expect(invited).toHaveURL(/\/sign-in/);

  const replay = await browser.newContext({ storageState: stolen });
  expect((await replay.request.get(funnel)).status()).toBe(401);
  const replayPage = await replay.newPage();
  await replayPage.goto("/funnels");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await replay.close();
  await visitor.close();
});

test("a wrong password is throttled after ten tries: the form says how long to wait and the server answers 429 with Retry-After", async ({ page }) => {
  const email = `throttled-${stamp()}@example.com`;
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong password ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Password").fill("wrong password 11");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Too many failed attempts\. Try again in 1[45] minutes\./ })).toBeVisible();

  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const refused = await page.request.post("/api/auth/callback/credentials", {
    form: { email, password: "any", csrfToken, json: "true" },
  });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(800);
});
