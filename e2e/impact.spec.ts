import { randomBytes } from "node:crypto";
import { type Page, expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

/*
 * Issue 14: the Impact page says what the API says; a publish is flagged on the overview's trend
 * chart; a point's funnel compares the days before and after a publish, dated. A supervisor
 * publishes an IVR offer with a 20 % holdout through the API (as the configuration pages do), and
 * posts 300 decisions of it ten days ago, as the runtime would have recorded them.
 */

const TIME_ZONE = "America/New_York";
const run = randomBytes(3).toString("hex");
const offerName = `E2E holdout offer ${run}`;
const localDay = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(at);
const today = localDay(new Date());
const decisionDay = localDay(new Date(Date.now() - 10 * 86_400_000));
/** The last two weeks up to today: the dashboards' default period ends yesterday, before the publish. */
const recent = `from=${localDay(new Date(Date.now() - 13 * 86_400_000))}&to=${today}`;
const formatDay = (day: string) => new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
const formatRate = (value: number) => `${(value * 100).toFixed(1)}%`;
const per100 = (value: number) => (value * 100).toFixed(1);

test.describe.configure({ mode: "serial" });

let offerId = "";

async function api(page: Page, method: "GET" | "POST", path: string, body?: unknown) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.fetch(path, { method, data: body, headers: { origin, "content-type": "application/json" } });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

test("a published offer's holdout decisions: the Impact page shows the API's numbers", async ({ page }) => {
  await signIn(page, "supervisor");
  const templates = (await api(page, "GET", "/api/v1/sms-templates")).items as { id: string; status: string; purpose: string; publishedVersion: number | null }[];
  const template = templates.find((item) => item.purpose === "deflection" && item.publishedVersion !== null)!;
  const offer = await api(page, "POST", "/api/v1/ivr-offers", {
    name: offerName,
    point: "ivr_offer",
    enabled: true,
    prompt: "Press 8 and we will text you a link to our chat assistant.",
    dtmfKey: "8",
    smsTemplateId: template.id,
    holdoutPercent: 20,
    priority: 90,
    // A queue of its own: never offered on the same call as another run's offer with key 8.
    conditions: { callTypes: ["lost_or_stolen_card"], queues: [`e2e_${run}`] },
  });
  offerId = offer.id;
  await api(page, "POST", `/api/v1/ivr-offers/${offerId}/publish`, {});

  // 300 callers ten days ago: 60 held out (18 called an agent within the window), 240 offered (24 called).
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < 300; i++) {
    const held = i % 5 === 0;
    const at = new Date(Date.parse(`${decisionDay}T15:00:00Z`) + i * 60_000);
    const customer = `e2e-${run}-${i}`;
    events.push({
      id: `${run}-d${i}`, type: held ? "offer.held_out" : "offer.shown", occurredAt: at.toISOString(), customer, journey: `${run}-j${i}`,
      point: "ivr_offer", channel: "voice", callType: "lost_or_stolen_card",
      attributes: { decisionId: `${run}-x${i}`, offerId, offerVersion: 1, arm: held ? "holdout" : "treatment" },
    });
    if (held ? i % 10 === 0 && i < 180 : i % 10 === 1) {
      events.push({ id: `${run}-c${i}`, type: "call.received", occurredAt: new Date(at.getTime() + 2 * 3_600_000).toISOString(), customer, callType: "lost_or_stolen_card" });
    }
  }
  await api(page, "POST", "/api/v1/events", { events });

  await page.goto(`/impact?from=${decisionDay}&to=${decisionDay}&point=ivr_offer`);
  const card = page.locator(`[data-testid="offer-impact"][data-offer-id="${offerId}"]`);
  await expect(card).toBeVisible();
  const asOf = await page.locator("time[data-as-of]").getAttribute("data-as-of");
  const report = await api(page, "GET", `/api/v1/metrics/incrementality?from=${decisionDay}&to=${decisionDay}&point=ivr_offer&asOf=${encodeURIComponent(asOf!)}`);
  const expected = report.offers.find((row: { offerId: string }) => row.offerId === offerId);
  expect(expected).toMatchObject({ name: offerName, holdoutPercent: 20, nTreatment: 240, nHoldout: 60 });
  await expect(card.getByTestId("p-holdout")).toHaveText(formatRate(expected.pHoldout));
  await expect(card.getByTestId("p-treatment")).toHaveText(formatRate(expected.pTreatment));
  await expect(card.getByTestId("lift")).toContainText(per100(expected.lift.value));
  await expect(card.getByTestId("lift-interval")).toHaveText(`95% CI ${per100(expected.lift.low)} to ${per100(expected.lift.high)}`);
  await expect(card.getByTestId("required")).toContainText(expected.requiredPerArm.toLocaleString("en-US"));
  await expect(card.getByTestId("impact-sentence")).toContainText(`Not enough data yet for “${offerName}”`);
  // Drill-down: the held-out arm's journeys.
  await expect(card.getByRole("link", { name: /held out \(not offered\) decisions: list the journeys/ })).toHaveAttribute("href", /arm=holdout/);

  await page.screenshot({ path: test.info().outputPath("impact-supervisor-laptop.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(card).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("impact-supervisor-phone.png"), fullPage: true });
});

test("the publish is flagged on the overview's trend chart, with who and what", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto(`/?${recent}`);
  const marker = page.locator('[data-testid="change-marker"]').filter({ hasText: offerName });
  await expect(marker).toHaveCount(1);
  await expect(marker.locator("title")).toContainText("by supervisor@switchboard.demo");
  const list = page.getByTestId("change-list").first();
  await list.locator("summary").click();
  await expect(list.getByText(`Published IVR offer “${offerName}” v1`)).toBeVisible();
  await expect(list.getByRole("link", { name: "Audit entry" }).last()).toHaveAttribute("href", new RegExp(`^/audit\\?entity=ivr_offer&from=${today}&to=${today}#audit-\\d+$`));
  await page.screenshot({ path: test.info().outputPath("overview-change-marker-supervisor-laptop.png") });
});

test("the IVR funnel compares the days before and after the publish, dated", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto(`/funnels/ivr_offer?${recent}`);
  const comparison = page.getByTestId("before-after");
  await comparison.getByLabel("Change").selectOption({ label: `${formatDay(today)}: Published IVR offer “${offerName}” v1` });
  await expect(comparison.getByTestId("before-after-date")).toHaveText(formatDay(today));
  await expect(comparison.getByRole("table")).toBeVisible();
  await comparison.scrollIntoViewIfNeeded();
  await comparison.screenshot({ path: test.info().outputPath("funnels-before-after-supervisor-laptop.png") });
});
