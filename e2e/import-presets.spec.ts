import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

/*
 * Vendors' exports through the page (docs/adr/027): the preset is recognised from the header row
 * and can be changed, the outcome table says what each status becomes, and after the import the
 * overview opens on the imported days. Screenshots of the preset and the outcome table go to the
 * test's output (copied to docs/screenshots by hand).
 */

const FIXTURES = path.join(__dirname, "..", "test", "fixtures", "import");

/** A fixture as an upload, its ids made unique to this run so a reused database stores them anew. */
function upload(name: string) {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const text = readFileSync(path.join(FIXTURES, name), "utf8").replaceAll("CA5f1b0c2d3e4f5a6b7c8d9e0f1a2b3c", `CA${run}x`).replaceAll("conv-10", `conv-${run}-`);
  return { name, mimeType: "text/csv", buffer: Buffer.from(text) };
}

async function chooseFile(page: Page, file: ReturnType<typeof upload>) {
  await page.getByLabel("CSV file to import").setInputFiles(file);
  await expect(page.getByRole("button", { name: "Check all rows" })).toBeEnabled();
}

test("a Twilio call log is recognised, its outcomes can be changed, and the overview opens on its day", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/import");
  await chooseFile(page, upload("twilio-call-log.csv"));

  await expect(page.getByRole("heading", { name: "Looks like a Twilio call log" })).toBeVisible();
  await expect(page.getByLabel("Read the file as")).toHaveValue("twilio_call_log");
  await expect(page.getByLabel("Import From as")).toHaveValue("customerPhone");
  await expect(page.getByLabel("Import Sid as")).toHaveValue("id");
  await expect(page.getByLabel("Import Status as")).toHaveValue("outcome");
  await expect(page.getByLabel("Import Duration as")).toHaveValue("handleSeconds");
  await expect(page.getByLabel("Import FromFormatted as")).toHaveValue("ignore");
  await expect(page.getByLabel("Call type", { exact: true })).toHaveValue("general");
  await expect(page.getByRole("list", { name: "Rows imported" })).toContainText("Only rows whose Direction is “inbound” are imported; the rest are skipped.");

  const outcomes = page.getByTestId("outcome-table");
  await expect(outcomes.getByLabel("completed")).toHaveValue("received");
  await expect(outcomes.getByLabel("canceled")).toHaveValue("abandoned");
  await expect(outcomes.getByLabel("busy")).toHaveValue("skipped");

  // The preview never shows the number, only that it becomes a key.
  const preview = page.getByRole("table", { name: "Preview of the first rows as events" });
  await expect(preview.getByRole("row").nth(1)).toContainText("phone +1415•••0100 → key");
  await expect(preview).not.toContainText("+14155550100");
  await shoot(page, "laptop");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);

  // A busy line counts as abandoned for this center.
  await outcomes.getByLabel("busy").selectOption("abandoned");
  await page.getByRole("button", { name: "Check all rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "rows checked" })).toHaveText(
    "10 rows checked: 6 ready to import, 2 with problems, 2 skipped. Rows with problems are left out; the others can be imported now.",
  );
  await expect(page.getByText("2 rows skipped by the outcome table or the row filters")).toBeVisible();
  await page.getByRole("button", { name: "Import 6 rows" }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "stored" })).toHaveText("twilio-call-log.csv: 6 new events stored, 0 duplicates (already stored), 2 rows not imported.");

  await page.getByRole("link", { name: "See the overview of 2026-12-02" }).click();
  await expect(page).toHaveURL(/\/\?from=2026-12-02&to=2026-12-02$/);
});

test("a bot export is read as conversations, and importing it as calls is warned against", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/import");
  await chooseFile(page, upload("bot-conversations.csv"));
  await expect(page.getByRole("heading", { name: "Looks like a bot conversation export" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Bot conversations/ })).toBeChecked();
  const preview = page.getByRole("table", { name: "Preview of the first rows as events" });
  await expect(preview.getByRole("row").nth(1)).toContainText("chat.started + chat.resolved");
  await expect(preview.getByRole("row").nth(7)).toContainText("looks like a phone number, which is never stored: use it as the customer phone");

  await page.getByRole("radio", { name: /Call log/ }).check();
  await expect(page.getByRole("alert").filter({ hasText: "chat columns" })).toContainText("every conversation would count as an agent call. Import it as bot conversations.");
});

test("the preset and the outcome table fit a phone-sized screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, "supervisor");
  await page.goto("/import");
  await chooseFile(page, upload("amazon-connect-ctr.csv"));
  await expect(page.getByRole("heading", { name: "Looks like Amazon Connect contact records" })).toBeVisible();
  // Connect's outcome is whether an agent answered: the table lists no timestamps, only empty and any other value.
  const outcomes = page.getByTestId("outcome-table");
  await expect(outcomes.getByRole("row")).toHaveCount(3);
  await expect(outcomes.getByLabel("(empty)")).toHaveValue("abandoned");
  await expect(outcomes.getByLabel("(any other status)")).toHaveValue("received");

  await page.getByRole("button", { name: "Choose another file" }).click();
  await chooseFile(page, upload("twilio-call-log.csv"));
  await expect(page.getByRole("heading", { name: "Looks like a Twilio call log" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shoot(page, "phone");
  await context.close();
});

/** The preset card and the outcome table, each at the top of the screen. */
async function shoot(page: Page, width: "laptop" | "phone") {
  // Below the sticky top bar.
  const reveal = (element: Element) => {
    element.closest("div.rounded-lg")?.scrollIntoView({ block: "start" });
    window.scrollBy(0, -72);
  };
  await page.getByRole("heading", { name: /^Looks like/ }).evaluate(reveal);
  await page.screenshot({ path: test.info().outputPath(`import-preset-supervisor-${width}.png`) });
  await page.getByTestId("outcome-table").evaluate(reveal);
  await page.screenshot({ path: test.info().outputPath(`import-outcomes-supervisor-${width}.png`) });
}
