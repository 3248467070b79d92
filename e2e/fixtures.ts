import { type Page, expect } from "@playwright/test";
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

/** The link names of the main navigation, in order. */
export async function navigationLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main" });
  return (await nav.getByRole("link").allInnerTexts()).map((text) => text.trim());
}
