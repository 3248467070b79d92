import { type Locator, type Page, expect } from "@playwright/test";
import type { Role } from "@/lib/domain";

export const DEMO_PASSWORD = "switchboard";
export const emailOf = (role: Role) => `${role}@switchboard.demo`;

export async function signIn(page: Page, role: Role) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(emailOf(role));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/**
 * Clicks `trigger` until `opened` shows. A menu opens only once the page is hydrated, and a
 * click before that does nothing (the sign-out test failed CI that way once).
 */
export async function clickUntilVisible(trigger: Locator, opened: Locator) {
  await expect(async () => {
    if (!(await opened.isVisible())) await trigger.click();
    await expect(opened).toBeVisible({ timeout: 2_000 });
  }).toPass();
}

/** The link names of the main navigation, in order. */
export async function navigationLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main" });
  return (await nav.getByRole("link").allInnerTexts()).map((text) => text.trim());
}
