import { readFileSync } from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

/**
 * A fixture file as an upload. Customer keys get a prefix unique to this run, so that the first
 * import of a run stores new events even against a database an earlier run already filled.
 */
function upload(name: string, run: string) {
  const text = readFileSync(path.join(__dirname, "fixtures", name), "utf8").replaceAll(",c_", `,c_${run}_`);
  return { name, mimeType: "text/csv", buffer: Buffer.from(text) };
}

const runId = () => `e2e${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function chooseFile(page: Page, file: ReturnType<typeof upload>) {
  await page.getByLabel("CSV file to import").setInputFiles(file);
  await expect(page.getByRole("button", { name: "Check all rows" })).toBeEnabled();
}

async function checkAndImport(page: Page, rows: number) {
  await page.getByRole("button", { name: "Check all rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "rows checked" })).toHaveText(`${rows} rows checked: ${rows} ready to import, 0 with problems.`);
  await page.getByRole("button", { name: `Import ${rows} rows` }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible();
}

test("a supervisor imports a call log, and importing it again changes nothing", async ({ page }) => {
  const file = upload("call-log.csv", runId());
  await signIn(page, "supervisor");
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Upload a CSV file" })).toBeVisible();
  await chooseFile(page, file);

  // Columns are guessed from the headers; the mapping can be changed.
  await expect(page.getByRole("radio", { name: /Call log/ })).toBeChecked();
  await expect(page.getByLabel("Import Call Start as")).toHaveValue("occurredAt");
  await expect(page.getByLabel("Import Caller Hash as")).toHaveValue("customer");
  await expect(page.getByLabel("Import Call Type as")).toHaveValue("callType");
  await expect(page.getByLabel("Import Outcome as")).toHaveValue("outcome");
  await expect(page.getByLabel("Import Agent as")).toHaveValue("ignore");
  await page.getByLabel("Import Caller Hash as").selectOption("ignore");
  await expect(page.getByRole("list", { name: "Required fields" })).toContainText(/Customer key\s*— not mapped/);
  await expect(page.getByRole("button", { name: "Check all rows" })).toBeDisabled();
  await page.getByLabel("Import Caller Hash as").selectOption("customer");
  await page.getByLabel("Time zone of the timestamps").selectOption("America/New_York");

  // The preview shows the first rows as the events they become.
  const preview = page.getByRole("table", { name: "Preview of the first rows as events" });
  await expect(preview.getByRole("row")).toHaveCount(9);
  const firstRow = preview.getByRole("row").nth(1);
  await expect(firstRow).toContainText("call.received");
  await expect(firstRow).toContainText("2025-01-14 08:02:11 EST");
  await expect(firstRow).toContainText("2025-01-14T13:02:11Z");
  await expect(firstRow).toContainText("card_arrival");
  await expect(firstRow).toContainText('"handleSeconds":252');
  await expect(preview.getByRole("row").nth(3)).toContainText("call.abandoned");

  await checkAndImport(page, 10);
  await expect(page.getByRole("status").filter({ hasText: "stored" })).toHaveText("call-log.csv: 10 new events stored, 0 duplicates (already stored).");

  // The same file again: every row is a duplicate, nothing new is stored.
  await page.getByRole("button", { name: "Import another file" }).click();
  await chooseFile(page, file);
  await checkAndImport(page, 10);
  await expect(page.getByRole("status").filter({ hasText: "stored" })).toHaveText("call-log.csv: 0 new events stored, 10 duplicates (already stored).");
});

test("a file with bad rows gets a per-row error report, and only its valid rows are imported", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/import");
  await chooseFile(page, upload("call-log-with-errors.csv", runId()));

  // Problems already show in the preview.
  await expect(page.getByText("2 of 6 valid")).toBeVisible();

  await page.getByRole("button", { name: "Check all rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "rows checked" })).toHaveText(
    "6 rows checked: 2 ready to import, 4 with problems. Rows with problems are left out; the others can be imported now.",
  );
  const report = page.getByRole("table", { name: "Problems by row" });
  const line = (index: number) => report.getByRole("row").nth(index);
  await expect(report.getByRole("row")).toHaveCount(6);
  await expect(line(1)).toContainText(/^3\s*Call Start\s*occurredAt\s*"2025-02-30 09:04:40" has no day 30 in 2025-02/);
  await expect(line(2)).toContainText(/^4\s*Caller Hash\s*customer\s*looks like a phone number, which is never stored: use it as the customer phone/);
  await expect(line(3)).toContainText(/^5\s*Outcome\s*type\s*"Voicemail" is not an outcome/);
  await expect(line(4)).toContainText(/^5\s*Wait Time\s*attributes\.waitSeconds\s*"soon" is not a duration/);
  await expect(line(5)).toContainText(/^6\s*Call Type\s*callType\s*is required for call\.received/);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download error report (CSV)" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv.split("\n")[0]).toBe("row,column,field,problem,value");
  expect(csv).toContain('3,Call Start,occurredAt,"""2025-02-30 09:04:40"" has no day 30 in 2025-02",2025-02-30 09:04:40');
  expect(csv).toContain("6,Call Type,callType,is required for call.received,");

  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "stored" })).toHaveText("call-log-with-errors.csv: 2 new events stored, 0 duplicates (already stored), 4 rows not imported.");
});

test("the import works on a phone-sized screen without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, "admin");
  await page.goto("/import");
  await chooseFile(page, upload("call-log-with-errors.csv", runId()));
  await expect(page.getByRole("list", { name: "Preview of the first rows as events" })).toContainText("Row 3");
  await page.getByRole("button", { name: "Check all rows" }).click();
  await expect(page.getByRole("list", { name: "Problems by row" })).toContainText("Row 6");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test("a manager is refused the import page", async ({ page }) => {
  await signIn(page, "manager");
  const response = await page.goto("/import");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
});
