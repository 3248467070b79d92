import AxeBuilder from "@axe-core/playwright";
import { type Locator, type Page, expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

/*
 * The configuration lever on the demo workspace: a supervisor writes an SMS template and watches
 * its length while typing, publishes it, links it to a new IVR offer, reorders escalation rules
 * and rolls one back; a stale edit is caught; a manager sees everything read-only; an executive
 * is refused. Tests in this file run in order and share the demo data they change.
 */

const unique = () => Date.now().toString(36);

async function confirm(page: Page, button: string | RegExp, action: string) {
  await page.getByRole("button", { name: button, exact: typeof button === "string" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
}

async function ruleOrder(page: Page): Promise<string[]> {
  const list = page.getByRole("list", { name: "Escalation rules in order" });
  return (await list.locator(":scope > li a").allInnerTexts()).map((text) => text.trim());
}

async function expectNoAxeViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  const results = await (include ? builder.include(include) : builder).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe.configure({ mode: "serial" });

test("a supervisor writes an SMS template, watches the segment count while typing, publishes it and links it to a new IVR offer", async ({ page }) => {
  const name = `E2E chat link ${unique()}`;
  await signIn(page, "supervisor");
  await page.goto("/config/sms-templates");
  await page.getByRole("link", { name: "New template" }).click();
  await expect(page.getByRole("heading", { name: "New SMS template" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(name);
  const body = page.getByLabel("Body");
  const segments = page.getByTestId("segment-count");
  const encoding = page.getByTestId("encoding");
  await body.fill("Hi {{first_name}}, skip the queue and chat with us: {{chat_link}} Reply STOP to opt out.");
  await expect(segments).toHaveText("1 segment");
  await expect(encoding).toHaveText("GSM-7");

  // Typing past one SMS: the counter follows every keystroke.
  await body.press("End");
  await body.pressSequentially(" Our assistant answers card, transfer and top-up questions at any hour, and can hand you to a person.");
  await expect(segments).toHaveText("2 segments");

  // One character outside the GSM alphabet turns the whole message into UCS-2: 67 units per part.
  await body.pressSequentially(" 😊");
  await expect(encoding).toHaveText("UCS-2");
  await expect(segments).toHaveText("4 segments");
  await expect(page.getByText(/each customer is billed for 4 SMS/)).toBeVisible();

  // Back under two segments, with a variable inserted from the toolbar at the cursor.
  await body.fill("Hi {{first_name}}, skip the queue: chat with us at {{chat_link}} Reply STOP to opt out.");
  await body.press("End");
  await page.getByRole("button", { name: /Insert \{\{company\}\}/ }).click();
  await expect(body).toHaveValue(/opt out\.\{\{company\}\}$/);
  await expect(page.getByTestId("sms-preview")).toContainText("opt out.Acme");
  await body.fill("{{company}}: hi {{first_name}}, skip the queue and chat with us at {{chat_link}} Reply STOP to opt out.");
  await expect(segments).toHaveText("1 segment");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/config\/sms-templates\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Version 1 is saved but not live.", { exact: true })).toBeVisible();
  await confirm(page, "Publish version 1", "Publish");
  await expect(page.getByText("Version 1 is live.", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "main");

  // A new IVR offer that sends it.
  const offerName = `E2E offer ${unique()}`;
  await page.goto("/config/ivr-offers/new");
  await page.getByLabel("Name", { exact: true }).fill(offerName);
  await page.getByLabel("SMS template").selectOption({ label: name });
  await expect(page.getByText("skip the queue and chat with us at https://chat.example.com")).toBeVisible();
  await page.locator("label", { has: page.getByRole("radio", { name: /^Key 7/ }) }).click();
  await page.getByLabel("Call types").fill("card_arrival");
  await page.getByLabel("Call types").press("Enter");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/config\/ivr-offers\/[0-9a-f-]{36}$/);
  await confirm(page, "Publish version 1", "Publish");
  await expect(page.getByText("Version 1 is live.", { exact: true })).toBeVisible();

  await page.goto("/config/ivr-offers");
  const row = page.getByRole("listitem").filter({ hasText: offerName });
  await expect(row).toContainText(`sends “${name}”`);
  await expect(row).toContainText("Live · v1");
});

test("a second offer on the same key is warned about as a draft and refused on publish", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/config/ivr-offers/new");
  await page.getByLabel("Name", { exact: true }).fill(`E2E clash ${unique()}`);
  await page.locator("label", { has: page.getByRole("radio", { name: /^Key 2/ }) }).click();
  await expect(page.getByText("This key clashes with a live offer")).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/config\/ivr-offers\/[0-9a-f-]{36}$/);
  await confirm(page, "Publish version 1", "Publish");
  await expect(page.getByRole("status").filter({ hasText: "cannot be published" })).toContainText("both use key 2");
});

test("a supervisor reorders escalation rules, publishes the new order, and rolls a rule back", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/config/escalation-rules");
  const moved = "Gold and platinum customers";
  await expect(page.getByRole("list", { name: "Escalation rules in order" }).getByRole("link", { name: moved })).toBeVisible();
  const before = await ruleOrder(page);
  const index = before.indexOf(moved);
  expect(index).toBeGreaterThan(0);

  await page.getByRole("button", { name: `Move “${moved}” up` }).click();
  await expect.poll(() => ruleOrder(page)).toEqual([...before.slice(0, index - 1), moved, before[index - 1], ...before.slice(index + 1)]);
  await expect(page.getByText("2 rules have unpublished changes")).toBeVisible();

  // "Which rule fires?" can test the drafts before they go live.
  await page.getByRole("radio", { name: "With drafts" }).click();
  await page.getByLabel("Customer’s last message").fill("My card was charged twice");
  await page.getByLabel("Customer tier").fill("Gold");
  await page.getByLabel("Failed bot attempts").fill("3");
  await page.getByLabel("Sentiment (−1 to 1)").fill("-0.8");
  await expect(page.getByTestId("firing-rule")).toContainText(moved);
  await page.getByRole("radio", { name: "Live rules" }).click();
  await expect(page.getByTestId("firing-rule")).toContainText("Frustrated after two failed answers");

  await confirm(page, "Publish all changes", "Publish all");
  await expect(page.getByText("Published 2 escalation rules.")).toBeVisible();
  await expect(page.getByText(/unpublished changes/)).toBeHidden();

  // Roll the moved rule back to its first version.
  await page.getByRole("link", { name: moved }).click();
  await expect(page.getByRole("heading", { name: moved })).toBeVisible();
  await expect(page.getByText("Live · v2").first()).toBeVisible();
  await page.getByRole("button", { name: "What changed" }).first().click();
  await expect(page.getByText("Priority").last()).toBeVisible();
  await confirm(page, "Roll back to version 1", "Roll back");
  await expect(page.getByText("Escalation rule rolled back: version 1 is live.")).toBeVisible();
  await expect(page.getByText("Live · v1").first()).toBeVisible();

  await page.goto("/audit?entity=escalation_rule");
  await expect(page.getByText(`rolled back escalation rule “${moved}” to version 1`)).toBeVisible();
  await expect(page.getByText(`published escalation rule “${moved}”, version 2`)).toBeVisible();
});

test("publishing a change that removes the path to a person is refused with the reason", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/config/escalation-rules");
  await page.getByRole("link", { name: "Everyone else: talk to a person" }).click();
  await page.getByRole("radio", { name: /Ticket only/ }).check();
  await expect(page.getByText("Publishing this would be refused")).toBeVisible();
  await page.getByRole("button", { name: "Save as new draft" }).click();
  await expect(page.getByText(/saved but not live/)).toBeVisible();
  await confirm(page, /^Publish version \d+$/, "Publish");
  await expect(page.getByRole("status").filter({ hasText: "cannot be published" })).toContainText("sends the customer to a person");
  await expect(page.getByText(/Live · v1/).first()).toBeVisible();
});

test("a stale edit says who changed the item and offers to reload", async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const [alice, bob] = [await first.newPage(), await second.newPage()];
  await signIn(alice, "supervisor");
  await signIn(bob, "admin");
  await alice.goto("/config/sms-templates");
  await alice.getByRole("link", { name: "IVR: chat link" }).click();
  await expect(alice).toHaveURL(/\/config\/sms-templates\/[0-9a-f-]{36}$/);
  await bob.goto(alice.url());

  await bob.getByLabel("Name", { exact: true }).fill("IVR: chat link (admin's edit)");
  await bob.getByRole("button", { name: "Save as new draft" }).click();
  await expect(bob.getByText(/Saved as draft version 2/)).toBeVisible();

  await alice.getByLabel("Name", { exact: true }).fill("IVR: chat link (supervisor's edit)");
  await alice.getByRole("button", { name: "Save as new draft" }).click();
  const notice = alice.getByText("Someone else saved this first").locator("..").locator("..");
  await expect(notice).toContainText("changed by admin@switchboard.demo");
  await alice.getByRole("button", { name: "Reload" }).click();
  await expect(alice.getByLabel("Name", { exact: true })).toHaveValue("IVR: chat link (admin's edit)");
  await first.close();
  await second.close();
});

test("a manager sees configuration and the audit log read-only, and the server refuses their writes", async ({ page }) => {
  await signIn(page, "manager");
  for (const path of ["/config/sms-templates", "/config/ivr-offers", "/config/escalation-rules"]) {
    await page.goto(path);
    await expect(page.getByText("Read-only")).toBeVisible();
    await expect(page.getByRole("link", { name: /^New / })).toHaveCount(0);
  }
  await expect(page.getByRole("button", { name: /^Move / })).toHaveCount(0);
  await expect(page.getByTestId("firing-rule")).toBeVisible();

  await page.getByRole("link", { name: "Everyone else: talk to a person" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: /Save|Publish|Delete|Duplicate|Disable|Roll back/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Versions" })).toBeVisible();

  await page.goto("/config/sms-templates");
  await page.getByRole("link", { name: "In queue: chat instead of waiting" }).click();
  await expect(page.getByLabel("Body")).toBeDisabled();
  await expect(page.getByTestId("segment-count")).toHaveText("2 segments");

  expect((await page.goto("/config/sms-templates/new"))?.status()).toBe(403);
  expect((await page.goto("/audit"))?.status()).toBe(200);
  await expect(page.getByRole("list", { name: "Audit entries" })).toBeVisible();

  const list = await page.request.get("/api/v1/escalation-rules");
  expect(list.status()).toBe(200);
  const rule = (await list.json()).items[0];
  const write = await page.request.put(`/api/v1/escalation-rules/${rule.id}`, { data: { ...rule, enabled: false } });
  expect(write.status()).toBe(403);
  expect((await page.request.post(`/api/v1/escalation-rules/${rule.id}/publish`, { data: {} })).status()).toBe(403);
  expect((await page.request.delete(`/api/v1/escalation-rules/${rule.id}`)).status()).toBe(403);
});

test("an executive is refused configuration and the audit log, pages and API alike", async ({ page }) => {
  await signIn(page, "executive");
  for (const path of ["/config/sms-templates", "/config/ivr-offers", "/config/escalation-rules", "/audit"]) {
    expect((await page.goto(path))?.status(), path).toBe(403);
  }
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  expect((await page.request.get("/api/v1/sms-templates")).status()).toBe(403);
});

test("the editors work on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, "supervisor");
  await page.goto("/config/sms-templates/new");
  const body: Locator = page.getByLabel("Body");
  await body.fill("Hi {{first_name}}: {{chat_link}} Reply STOP to opt out");
  await expect(page.getByTestId("segment-count")).toHaveText("1 segment");
  await page.goto("/config/escalation-rules");
  await expect(page.getByRole("button", { name: /^Move “.*” up$/ }).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
