import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, emailOf, signIn } from "./fixtures";

// Callback addresses from the audit (issue 11, finding 3) and others that leave the app once a
// browser reads them. Outside hosts resolve nowhere in these tests, so leaving would show as a URL.
const OUTSIDE = ["/\\evil.example", "/\t/evil.example", "/\\/evil.example", "/.//evil.example", "https://evil.example/"];

for (const callbackUrl of OUTSIDE) {
  test(`signing in with the callback ${JSON.stringify(callbackUrl)} stays on the app`, async ({ page, baseURL }) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(emailOf("manager"));
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("time[data-as-of]").first()).toBeVisible();
    expect(new URL(page.url()).origin).toBe(baseURL);
    expect(new URL(page.url()).pathname).toBe("/");
  });
}

test("a signed-in user sent to the sign-in page with an outside callback stays on the app", async ({ page, baseURL }) => {
  await signIn(page, "manager");
  for (const callbackUrl of OUTSIDE) {
    const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
    expect(response.status(), callbackUrl).toBe(307);
    expect(new URL(response.headers().location, baseURL).href, callbackUrl).toBe(`${baseURL}/start`);
  }
});

test("a callback on the app is kept through sign-in", async ({ page, baseURL }) => {
  await page.goto("/parity?window=7");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fparity%3Fwindow%3D7$/);
  await page.getByLabel("Email").fill(emailOf("manager"));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/parity?window=7`);
});
