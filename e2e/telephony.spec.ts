import { createServer, type Server } from "node:http";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { verifyChatToken } from "@/lib/telephony/chat-token";
import { twilioSignature } from "@/lib/telephony/twilio-signature";
import { baseURL, fakeTwilioPort } from "../playwright.config";
import { signIn } from "./fixtures";

/*
 * Issue 13 end to end, on Twilio's wire formats (docs/adr/025). A local stand-in for Twilio's API
 * (127.0.0.1 only, the port the server's TWILIO_API_BASE names) records the Messages requests and
 * serves the chat page a link leads to. An admin sets up telephony in the settings page; a signed
 * voice webhook is offered a Gather, the caller presses the key, the stand-in receives one SMS
 * with a link; the customer's phone opens it (one button, nothing consumed), continues, and lands
 * on the chat with a token the chat can verify; the journey shows offered → accepted → clicked;
 * the link does not work twice; STOP from that number and the next call is not offered.
 */

const ACCOUNT_SID = `AC${"e2".repeat(16)}`;
const AUTH_TOKEN = "e2eTwilioAuthToken0123456789abcd";
/** A caller and a queue of this run's own, so a run against a server that ran this spec before starts afresh. */
const LINE = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
const CALLER = `+1415555${LINE}`;
const OTHER_CALLER = `+1415555${String((Number(LINE) + 1) % 10_000).padStart(4, "0")}`;
const QUEUE = `e2e-telephony-${Date.now().toString(36)}`;
const FAKE = `http://127.0.0.1:${fakeTwilioPort}`;

interface SmsRequest {
  path: string;
  authorization: string | undefined;
  form: URLSearchParams;
}
const sent: SmsRequest[] = [];
let server: Server;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? "/", FAKE);
    if (request.method === "POST" && /^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/.test(url.pathname)) {
      sent.push({ path: url.pathname, authorization: request.headers.authorization, form: new URLSearchParams(Buffer.concat(chunks).toString("utf8")) });
      response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid: `SM${String(sent.length).padStart(32, "0")}`, status: "queued" }));
    } else if (url.pathname === "/chat") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end('<!doctype html><html lang="en"><title>Chat</title><main><h1>Chat assistant</h1></main></html>');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(fakeTwilioPort, "127.0.0.1", resolve));
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** POSTs Twilio's form to a webhook path, signed as Twilio signs it: over the configured public URL. */
async function twilio(request: APIRequestContext, pathAndQuery: string, params: [string, string][]) {
  return request.post(pathAndQuery, {
    headers: { "x-twilio-signature": twilioSignature(AUTH_TOKEN, `${baseURL}${pathAndQuery}`, params), "content-type": "application/x-www-form-urlencoded" },
    data: new URLSearchParams(params).toString(),
  });
}

const newCallSid = () => `CA${Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("")}`;

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A journey of the workspace's today, read through GET /api/v1/journeys page by page. */
async function findJourney(page: Page, journey: string) {
  const { timeZone } = await (await page.request.get("/api/v1/settings")).json();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  type JourneyPage = { items: { journey: string; customer: string; endAt: string }[]; nextCursor: string | null };
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({ from: today, to: today, point: "ivr_offer", limit: "500", ...(cursor ? { cursor } : {}) });
    const response = await page.request.get(`/api/v1/journeys?${query}`);
    expect(response.status()).toBe(200);
    const body: JourneyPage = await response.json();
    const found = body.items.find((item) => item.journey === journey);
    if (found) return found;
    cursor = body.nextCursor;
  } while (cursor);
  return null;
}

let workspaceId = "";
let chatKey = "";
let linkPath = "";
let journey = "";

test("an admin sets up Twilio in the settings page; the auth token is never shown again", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/settings");
  const card = page.locator("#telephony");
  await card.getByLabel("SMS provider").selectOption("twilio");
  await card.getByLabel("Public URL of Switchboard").fill(baseURL);
  await card.getByLabel("Chat URL").fill(`${FAKE}/chat?lang=en`);
  await card.getByLabel("Fallback URL").fill(`${FAKE}/queue.xml`);
  await card.getByLabel("Twilio Account SID").fill(ACCOUNT_SID);
  await card.getByLabel("Twilio auth token").fill(AUTH_TOKEN);
  await card.getByLabel("Send from").fill("+1 500 555 0006");
  await card.getByRole("button", { name: "Save telephony settings" }).click();
  await expect(card.getByRole("status")).toContainText("Settings saved");

  await page.reload();
  await expect(card.getByLabel("Twilio auth token")).toHaveValue("");
  await expect(card.getByText("A token is set.")).toBeVisible();
  await expect(card.getByLabel("Send from")).toHaveValue("+15005550006");
  expect(await page.content()).not.toContain(AUTH_TOKEN);
  const settings = await (await page.request.get("/api/v1/settings")).json();
  expect(settings).toMatchObject({ smsProvider: "twilio", publicUrl: baseURL, twilioAuthTokenSet: true });
  expect(JSON.stringify(settings)).not.toContain(AUTH_TOKEN);

  const voiceUrl = (await card.locator("dd").first().innerText()).trim();
  workspaceId = /\/api\/runtime\/twilio\/([^/]+)\/voice$/.exec(voiceUrl)![1];
  await card.getByText("Key for verifying sb_token in the chat platform").click();
  chatKey = (await card.locator("details code").innerText()).trim();
  expect(chatKey).toMatch(/^[0-9a-f]{64}$/);
  await expectNoAxeViolations(page);

  // A template and an offer of this test's own (other specs rename the demo's), the offer for
  // this test's queue only, so no other call of the demo is offered it.
  const suffix = Date.now().toString(36);
  const createdTemplate = await page.request.post("/api/v1/sms-templates", {
    headers: { origin: baseURL },
    data: { name: `E2E telephony link ${suffix}`, locale: "en-US", purpose: "deflection", body: "Chat with us instead: {{chat_link}} Reply STOP to opt out" },
  });
  expect(createdTemplate.status()).toBe(201);
  const template = await createdTemplate.json();
  expect((await page.request.post(`/api/v1/sms-templates/${template.id}/publish`, { headers: { origin: baseURL }, data: {} })).status()).toBe(200);
  const created = await page.request.post("/api/v1/ivr-offers", {
    headers: { origin: baseURL },
    data: {
      name: `E2E telephony ${suffix}`,
      point: "ivr_offer",
      enabled: true,
      prompt: "Press 9 & we'll text you a link to our chat assistant.",
      dtmfKey: "9",
      smsTemplateId: template.id,
      holdoutPercent: 0,
      priority: 1,
      conditions: { queues: [QUEUE] },
    },
  });
  expect(created.status()).toBe(201);
  const offer = await created.json();
  expect((await page.request.post(`/api/v1/ivr-offers/${offer.id}/publish`, { headers: { origin: baseURL }, data: {} })).status()).toBe(200);
});

test("a signed call is offered, the key sends one SMS with a link, the link leads to the chat once with a verifiable token", async ({ page, browser, request }) => {
  expect(workspaceId).not.toBe("");
  const callSid = newCallSid();
  const call: [string, string][] = [["AccountSid", ACCOUNT_SID], ["CallSid", callSid], ["From", CALLER], ["To", "+18005550199"], ["CallStatus", "ringing"]];

  // Unsigned: refused, whatever it says.
  const forged = await request.post(`/api/runtime/twilio/${workspaceId}/voice?queue=${QUEUE}`, { headers: { "content-type": "application/x-www-form-urlencoded" }, data: new URLSearchParams(call).toString() });
  expect(forged.status()).toBe(403);

  const voice = await twilio(request, `/api/runtime/twilio/${workspaceId}/voice?point=ivr_offer&queue=${QUEUE}`, call);
  expect(voice.status()).toBe(200);
  expect(voice.headers()["content-type"]).toBe("text/xml; charset=utf-8");
  const twiml = await voice.text();
  expect(twiml).toContain("<Say>Press 9 &amp; we&apos;ll text you a link to our chat assistant.</Say>");
  expect(twiml).toContain(`<Redirect method="POST">${FAKE}/queue.xml</Redirect>`);
  const action = /<Gather numDigits="1" action="([^"]+)"/.exec(twiml)![1].replace(/&amp;/g, "&");
  expect(action.startsWith(`${baseURL}/api/runtime/twilio/${workspaceId}/gather?decision=`)).toBe(true);
  journey = new URL(action).searchParams.get("decision")!;

  const gather = await twilio(request, action.slice(baseURL.length), [...call, ["Digits", "9"]]);
  expect(gather.status()).toBe(200);
  expect(await gather.text()).toContain("<Hangup/>");

  expect(sent).toHaveLength(1);
  expect(sent[0].path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
  expect(sent[0].authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`);
  expect(sent[0].form.get("To")).toBe(CALLER);
  const body = sent[0].form.get("Body")!;
  const link = new RegExp(`${baseURL.replace(/[.:/]/g, "\\$&")}/l/[A-Za-z0-9_-]{22}`).exec(body)?.[0];
  expect(link, body).toBeTruthy();
  linkPath = link!.slice(baseURL.length);

  await signIn(page, "admin");
  const before = await findJourney(page, journey);
  expect(before).toMatchObject({ offered: true, accepted: true, point: "ivr_offer", channel: expect.any(String) });

  // The customer's phone: no session, the page is plain HTML with one button.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const customer = await phone.newPage();
  await customer.goto(link!);
  await expect(customer.getByRole("heading", { name: "Chat with our assistant" })).toBeVisible();
  expect(await customer.locator("script").count()).toBe(0);
  await expectNoAxeViolations(customer);
  await customer.reload();
  await customer.getByRole("button", { name: "Continue to chat" }).click();
  await customer.waitForURL((url) => url.origin === FAKE && url.pathname === "/chat");
  await expect(customer.getByRole("heading", { name: "Chat assistant" })).toBeVisible();
  const landed = new URL(customer.url());
  expect(landed.searchParams.get("lang")).toBe("en");
  expect(landed.searchParams.get("sb_journey")).toBe(journey);
  const check = verifyChatToken(chatKey, landed.searchParams.get("sb_token")!, journey);
  expect(check).toMatchObject({ valid: true, customer: before!.customer });

  // The journey: offered → accepted → clicked (its end moves to the click).
  await expect.poll(async () => Date.parse((await findJourney(page, journey))!.endAt) > Date.parse(before!.endAt)).toBe(true);

  // A second use of the link is refused, and says so.
  const again = await request.post(linkPath);
  expect(again.status()).toBe(410);
  expect(await again.text()).toContain("This link has already been used");
  await customer.goto(link!);
  await expect(customer.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
  await expectNoAxeViolations(customer);
  await phone.close();
});

test("STOP from that number: the next call is not offered, and the admin pages show it masked", async ({ page, request }) => {
  expect(journey).not.toBe("");
  const stop = await twilio(request, `/api/runtime/twilio/${workspaceId}/sms-inbound`, [["MessageSid", `SM${"5".repeat(32)}`], ["From", CALLER], ["To", "+15005550006"], ["Body", "Stop"]]);
  expect(stop.status()).toBe(200);
  expect(await stop.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

  const voicePath = `/api/runtime/twilio/${workspaceId}/voice?point=ivr_offer&queue=${QUEUE}`;
  const next = await twilio(request, voicePath, [["CallSid", newCallSid()], ["From", CALLER]]);
  expect(await next.text()).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="POST">${FAKE}/queue.xml</Redirect></Response>`);
  // The same offer still goes to everyone else: the caller's opt-out is the reason.
  expect(await (await twilio(request, voicePath, [["CallSid", newCallSid()], ["From", OTHER_CALLER]])).text()).toContain("<Gather");

  await signIn(page, "admin");
  await page.goto("/settings/messaging/opt-outs");
  const row = page.getByRole("row", { name: `+1 415 ••• ${LINE}` });
  await expect(row).toContainText("Replied STOP");
  await expectNoAxeViolations(page);
  expect(await page.content()).not.toContain(CALLER.slice(2));

  await page.getByRole("navigation", { name: "Messaging" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page).toHaveURL(/\/settings\/messaging$/);
  const message = page.getByRole("row", { name: `+1 415 ••• ${LINE}` }).first();
  await expect(message).toContainText("Sent");
  await expect(message).toContainText(`${baseURL}/l/…`);
  expect(await page.content()).not.toContain(linkPath);
  expect(await page.content()).not.toContain(CALLER.slice(2));
  await expectNoAxeViolations(page);
});
