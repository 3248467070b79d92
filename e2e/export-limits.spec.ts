import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

/*
 * Issue 11, finding 11 (docs/adr/021-export-limits.md): the journeys CSV holds at most 50,000
 * journeys. The demo workspace's whole history holds more, so exporting it is refused before a
 * byte is streamed, and the Export button shows the server's message instead of a download.
 */

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test("exporting more journeys than one CSV holds shows why and how to narrow it", async ({ page }) => {
  await signIn(page, "manager");
  const to = dayOf(Date.now() + 86_400_000);
  const from = dayOf(Date.now() - 1_000 * 86_400_000);
  await page.goto(`/journeys?from=${from}&to=${to}`);

  const total = Number((await page.getByTestId("journeys-total").textContent())!.replaceAll(",", ""));
  expect(total, "the demo's history holds more journeys than one export").toBeGreaterThan(50_000);

  let downloaded = false;
  page.on("download", () => {
    downloaded = true;
  });
  await page.getByRole("button", { name: /^Export [\d,]+ as CSV$/ }).click();
  const message = page.getByRole("alert").filter({ hasText: "one CSV holds at most 50,000" });
  await expect(message).toHaveText(
    `This export would hold ${new Intl.NumberFormat("en-US").format(total)} journeys; one CSV holds at most 50,000. Choose a shorter period or narrow the filters.`,
  );
  expect(downloaded).toBe(false);
});
