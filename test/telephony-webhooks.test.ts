import { and, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Db, queryRows } from "@/db";
import { events, messages, optOuts, runtimeDecisions } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { customerKeyFromPhone } from "@/lib/customers/phone-key";
import { verifyChatToken } from "@/lib/telephony/chat-token";
import { useConnection } from "./http";
import { ACCOUNT_SID, AUTH_TOKEN, CHAT_URL, FALLBACK_URL, PUBLIC_URL, fakeTwilio, newCallSid, settings, telephonyWorkspace, twilioPost } from "./telephony-fixtures";

/*
 * The Twilio webhooks through their route handlers, on PGlite and PostgreSQL (docs/adr/025): a
 * call offered, the key pressed, the SMS composed and sent (outbox, and Twilio's API on a local
 * stand-in), its link clicked once, delivery reports, opt-outs; and refusals that store nothing.
 */

const twilio = await fakeTwilio();
process.env.TWILIO_API_BASE = twilio.base;

const voice = (await import("@/app/api/runtime/twilio/[workspaceId]/voice/route")).POST;
const gatherRoute = (await import("@/app/api/runtime/twilio/[workspaceId]/gather/route")).POST;
const smsStatus = (await import("@/app/api/runtime/twilio/[workspaceId]/sms-status/route")).POST;
const smsInbound = (await import("@/app/api/runtime/twilio/[workspaceId]/sms-inbound/route")).POST;
const link = await import("@/app/l/[token]/route");

const CALLER = "+14155550100";
const CALLER_DIGITS = "4155550100";

let database: TestDatabase;
let db: Db;
let acme: Awaited<ReturnType<typeof telephonyWorkspace>>;
let secret: string;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  acme = await telephonyWorkspace(db);
  const [row] = await queryRows<{ customer_key_secret: string }>(db, sql`select customer_key_secret from workspaces where id = ${acme.id}`);
  secret = row.customer_key_secret;
});
afterAll(async () => {
  await database.cleanup();
  await twilio.close();
});
afterEach(async () => {
  twilio.requests.length = 0;
  twilio.answer = (form) => ({ status: 201, body: { sid: `SM${"0".repeat(31)}${twilio.requests.length}`, status: "queued", to: form.get("To") } });
  await settings(db, acme.id, { smsProvider: "outbox" });
  await db.delete(optOuts).where(eq(optOuts.workspaceId, acme.id));
});

const callParams = (callSid: string, from = CALLER, extra: [string, string][] = []): [string, string][] => [
  ["AccountSid", ACCOUNT_SID],
  ["CallSid", callSid],
  ["CallStatus", "ringing"],
  ["Direction", "inbound"],
  ["From", from],
  ["To", "+18005551212"],
  ...extra,
];

async function offerCall(callSid = newCallSid(), from = CALLER) {
  const response = await twilioPost(voice, acme.id, "voice", callParams(callSid, from));
  expect(response.status).toBe(200);
  const action = /<Gather [^>]*action="([^"]+)"/.exec(response.text)?.[1]?.replace(/&amp;/g, "&");
  return { response, callSid, action, decisionId: action ? new URL(action).searchParams.get("decision")! : null };
}

async function pressKey(callSid: string, decisionId: string, digits: string | null, from = CALLER) {
  return twilioPost(gatherRoute, acme.id, "gather", callParams(callSid, from, digits === null ? [] : [["Digits", digits]]), { query: `decision=${decisionId}` });
}

/** Events at one instant (a key press and its SMS) in the order of the path. */
const PATH = ["offer.shown", "offer.accepted", "offer.declined", "sms.sent", "sms.failed", "sms.delivered", "link.clicked"];

async function eventsOfJourney(journey: string) {
  const rows = await db.select().from(events).where(and(eq(events.workspaceId, acme.id), eq(events.journey, journey)));
  return rows.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || PATH.indexOf(a.type) - PATH.indexOf(b.type));
}

async function countRows() {
  const [row] = await queryRows<{ decisions: number; events: number; messages: number; opt_outs: number }>(
    db,
    sql`select (select count(*)::int from runtime_decisions where workspace_id = ${acme.id}) as decisions,
      (select count(*)::int from events where workspace_id = ${acme.id}) as events,
      (select count(*)::int from messages where workspace_id = ${acme.id}) as messages,
      (select count(*)::int from opt_outs where workspace_id = ${acme.id}) as opt_outs`,
  );
  return row;
}

/** Every text in every table of the database, to look for the caller's number. */
async function everything(): Promise<string> {
  const tables = await queryRows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const dumps: string[] = [];
  for (const { table_name } of tables) dumps.push(JSON.stringify(await queryRows(db, sql`select * from ${sql.identifier(table_name)}`)));
  return dumps.join("\n");
}

describe("voice", () => {
  it("offers a call: the prompt, escaped, in a one-key Gather that posts to gather, then the fallback", async () => {
    const { response, decisionId, action, callSid } = await offerCall();
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    expect(response.text).toContain("<Say>Press 2 &amp; we&apos;ll text you a link to our &lt;chat&gt; assistant.</Say>");
    expect(response.text).toMatch(/<Gather numDigits="1" action="[^"]+" method="POST" timeout="5" actionOnEmptyResult="true">/);
    expect(response.text).toContain(`</Gather><Redirect method="POST">${FALLBACK_URL}</Redirect></Response>`);
    expect(action).toBe(`${PUBLIC_URL}/api/runtime/twilio/${acme.id}/gather?decision=${decisionId}`);

    const customer = customerKeyFromPhone(secret, CALLER);
    const [decision] = await db.select().from(runtimeDecisions).where(and(eq(runtimeDecisions.workspaceId, acme.id), eq(runtimeDecisions.contactId, callSid)));
    expect(decision).toMatchObject({ point: "ivr_offer", customer, decisionId });
    expect(await eventsOfJourney(decision.journey)).toMatchObject([{ type: "offer.shown", customer, point: "ivr_offer", channel: "voice" }]);
  });

  it("gives a retried call the same offer and stores nothing new", async () => {
    const first = await offerCall();
    const before = await countRows();
    const again = await offerCall(first.callSid);
    expect(again.decisionId).toBe(first.decisionId);
    expect(await countRows()).toEqual(before);
  });

  it("sends a caller it cannot text, and a call with nothing to offer, straight to the fallback", async () => {
    const anonymous = await twilioPost(voice, acme.id, "voice", callParams(newCallSid(), "anonymous"));
    expect(anonymous.text).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="POST">${FALLBACK_URL}</Redirect></Response>`);
    const inQueue = await twilioPost(voice, acme.id, "voice", callParams(newCallSid()), { query: "point=in_queue" });
    expect(inQueue.text).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="POST">${FALLBACK_URL}</Redirect></Response>`);
  });

  it("reads the offer's conditions from the query: a call type the offer is not for gets no offer", async () => {
    const globex = await telephonyWorkspace(db, { name: "Globex", offer: { conditions: { callTypes: ["card_arrival"] } } });
    const post = (query: string) => twilioPost(voice, globex.id, "voice", callParams(newCallSid()), { query });
    expect((await post("callType=card_arrival")).text).toContain("<Gather");
    expect((await post("callType=lost_card")).text).not.toContain("<Gather");
    expect((await post("point=web_nudge")).status).toBe(422);
  });
});

describe("signatures", () => {
  const refusals: [string, Parameters<typeof twilioPost>[4]][] = [
    ["no signature", { signature: null }],
    ["a wrong signature", { signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=" }],
    ["a signature with another token", { token: "ffffffffffffffffffffffffffffffff" }],
    ["a signature over the Host the request came to, not the configured public URL", { signedUrl: `http://localhost/api/runtime/twilio/WS/voice` }],
    ["a signature over another query", { query: "point=in_queue", signedUrl: `${PUBLIC_URL}/api/runtime/twilio/WS/voice` }],
  ];
  for (const [what, options] of refusals) {
    it(`refuses ${what} (403) and stores nothing`, async () => {
      const before = await countRows();
      const fixed = options?.signedUrl ? { ...options, signedUrl: options.signedUrl.replace("WS", acme.id) } : options;
      const response = await twilioPost(voice, acme.id, "voice", callParams(newCallSid()), fixed);
      expect(response.status).toBe(403);
      expect(response.json.error.code).toBe("forbidden");
      expect(await countRows()).toEqual(before);
    });
  }

  it("answers an unknown workspace and one without an auth token exactly as a wrong signature", async () => {
    const unknown = await twilioPost(voice, "no-such-workspace", "voice", callParams(newCallSid()));
    const bare = await telephonyWorkspace(db, { name: "Initech" });
    await settings(db, bare.id, { twilioAuthToken: null });
    const tokenless = await twilioPost(voice, bare.id, "voice", callParams(newCallSid()));
    const wrong = await twilioPost(voice, acme.id, "voice", callParams(newCallSid()), { signature: "x" });
    expect([unknown.status, tokenless.status]).toEqual([403, 403]);
    expect(unknown.text).toBe(wrong.text);
    expect(tokenless.text).toBe(wrong.text);
  });

  it("accepts the public URL's default port written out", async () => {
    const path = `/api/runtime/twilio/${acme.id}/voice`;
    const response = await twilioPost(voice, acme.id, "voice", callParams(newCallSid()), { signedUrl: `https://switchboard.example.com:443${path}` });
    expect(response.status).toBe(200);
  });

  it("checks the signature before the parameters: a signed request with bad parameters is a 422, an unsigned one a 403", async () => {
    expect((await twilioPost(voice, acme.id, "voice", [["From", CALLER]])).status).toBe(422);
    expect((await twilioPost(voice, acme.id, "voice", [["From", CALLER]], { signature: null })).status).toBe(403);
    expect((await twilioPost(voice, acme.id, "voice", callParams(newCallSid()), { contentType: "text/plain" })).status).toBe(403);
  });
});

describe("gather", () => {
  it("the offer's key: offer.accepted, the SMS in the outbox with sms.sent, a confirmation and the end of the call", async () => {
    const { callSid, decisionId } = await offerCall();
    const response = await pressKey(callSid, decisionId!, "2");
    expect(response.status).toBe(200);
    expect(response.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Thank you. We have sent you a text message with a link to our chat assistant. Goodbye.</Say><Hangup/></Response>',
    );
    const journeyEvents = await eventsOfJourney(decisionId!);
    expect(journeyEvents.map((e) => e.type)).toEqual(["offer.shown", "offer.accepted", "sms.sent"]);
    expect(journeyEvents[2]).toMatchObject({ channel: "sms", attributes: { provider: "outbox", segments: 1, encoding: "GSM-7" } });
    const [message] = await db.select().from(messages).where(and(eq(messages.workspaceId, acme.id), eq(messages.journey, decisionId!)));
    expect(message).toMatchObject({ status: "outbox", maskedTo: "+1 415 ••• 0100", requested: true, segments: 1, encoding: "GSM-7", heldTo: null, provider: "outbox" });
    expect(message.body).toBe("Acme: chat with our assistant {{chat_link}} Reply STOP to opt out");
    expect(Number(message.cost)).toBeCloseTo(0.0079, 6);
    expect(twilio.requests).toEqual([]);
  });

  it("stores the caller's number nowhere: not in events, decisions, messages, links or opt-outs", async () => {
    const { callSid, decisionId } = await offerCall();
    await pressKey(callSid, decisionId!, "2");
    await twilioPost(smsInbound, acme.id, "sms-inbound", [["MessageSid", "SM1"], ["From", CALLER], ["Body", "STOP"]]);
    const dump = await everything();
    expect(dump).not.toContain(CALLER_DIGITS);
    expect(dump).not.toContain(CALLER_DIGITS.slice(3));
  });

  it("another key, or none: offer.declined and on to the fallback, nothing sent", async () => {
    for (const digits of ["1", null]) {
      const { callSid, decisionId } = await offerCall();
      const response = await pressKey(callSid, decisionId!, digits);
      expect(response.text).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="POST">${FALLBACK_URL}</Redirect></Response>`);
      expect((await eventsOfJourney(decisionId!)).map((e) => e.type)).toEqual(["offer.shown", "offer.declined"]);
      expect(await db.select().from(messages).where(eq(messages.journey, decisionId!))).toEqual([]);
    }
  });

  it("sends one message however often Twilio posts the key", async () => {
    const { callSid, decisionId } = await offerCall();
    await settings(db, acme.id, { smsProvider: "twilio" });
    await pressKey(callSid, decisionId!, "2");
    await pressKey(callSid, decisionId!, "2");
    expect(twilio.requests).toHaveLength(1);
    expect((await eventsOfJourney(decisionId!)).map((e) => e.type)).toEqual(["offer.shown", "offer.accepted", "sms.sent"]);
  });

  it("refuses a decision that was not made for this call or this caller (422)", async () => {
    const { callSid, decisionId } = await offerCall();
    expect((await pressKey(newCallSid(), decisionId!, "2")).status).toBe(422);
    expect((await pressKey(callSid, decisionId!, "2", "+14155550199")).status).toBe(422);
    expect((await pressKey(callSid, "no-such-decision", "2")).status).toBe(422);
    expect((await eventsOfJourney(decisionId!)).map((e) => e.type)).toEqual(["offer.shown"]);
  });
});

describe("Twilio as the provider", () => {
  it("sends one Messages request with Basic auth, the caller's number and a link, and records the sid", async () => {
    await settings(db, acme.id, { smsProvider: "twilio" });
    const { callSid, decisionId } = await offerCall();
    await pressKey(callSid, decisionId!, "2");
    expect(twilio.requests).toHaveLength(1);
    const [request] = twilio.requests;
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`);
    expect(request.form.get("To")).toBe(CALLER);
    expect(request.form.get("From")).toBe("+15005550006");
    expect(request.form.get("Body")).toMatch(new RegExp(`^Acme: chat with our assistant ${PUBLIC_URL}/l/[A-Za-z0-9_-]{22} Reply STOP to opt out$`));
    const [message] = await db.select().from(messages).where(eq(messages.journey, decisionId!));
    expect(request.form.get("StatusCallback")).toBe(`${PUBLIC_URL}/api/runtime/twilio/${acme.id}/sms-status?message=${message.id}`);
    expect(message).toMatchObject({ status: "sent", provider: "twilio" });
    expect(message.providerSid).toMatch(/^SM/);
  });

  it("turns status callbacks into sms.delivered and sms.failed, and refuses a report for a message it did not send", async () => {
    await settings(db, acme.id, { smsProvider: "twilio" });
    const sent = [] as { id: string; sid: string; journey: string }[];
    for (let i = 0; i < 2; i++) {
      const { callSid, decisionId } = await offerCall();
      await pressKey(callSid, decisionId!, "2");
      const [message] = await db.select().from(messages).where(eq(messages.journey, decisionId!));
      sent.push({ id: message.id, sid: message.providerSid!, journey: decisionId! });
    }
    const report = (i: number, status: string, extra: [string, string][] = []) =>
      twilioPost(smsStatus, acme.id, "sms-status", [["MessageSid", sent[i].sid], ["MessageStatus", status], ["AccountSid", ACCOUNT_SID], ...extra], { query: `message=${sent[i].id}` });
    expect((await report(0, "sent")).status).toBe(200);
    expect((await report(0, "delivered")).status).toBe(200);
    expect((await report(1, "undelivered", [["ErrorCode", "30003"]])).status).toBe(200);
    expect((await eventsOfJourney(sent[0].journey)).map((e) => e.type)).toEqual(["offer.shown", "offer.accepted", "sms.sent", "sms.delivered"]);
    const failed = await eventsOfJourney(sent[1].journey);
    expect(failed.map((e) => e.type)).toEqual(["offer.shown", "offer.accepted", "sms.sent", "sms.failed"]);
    expect(failed[3].attributes).toMatchObject({ code: "30003" });
    const wrongSid = await twilioPost(smsStatus, acme.id, "sms-status", [["MessageSid", sent[1].sid], ["MessageStatus", "delivered"]], { query: `message=${sent[0].id}` });
    expect(wrongSid.status).toBe(422);
  });

  it("records error 21610 (unsubscribed) as sms.failed and an opt-out, 21211 (invalid number) as sms.failed, and tells the caller", async () => {
    await settings(db, acme.id, { smsProvider: "twilio" });
    for (const code of [21211, 21610]) {
      twilio.answer = () => ({ status: 400, body: { code, message: "refused", status: 400 } });
      const { callSid, decisionId } = await offerCall();
      const response = await pressKey(callSid, decisionId!, "2");
      expect(response.text).toContain("Sorry, we could not send the text message.");
      expect(response.text).toContain(`<Redirect method="POST">${FALLBACK_URL}</Redirect>`);
      const journeyEvents = await eventsOfJourney(decisionId!);
      expect(journeyEvents.map((e) => e.type)).toEqual(["offer.shown", "offer.accepted", "sms.failed"]);
      expect(journeyEvents[2].attributes).toMatchObject({ code: String(code) });
      const [message] = await db.select().from(messages).where(eq(messages.journey, decisionId!));
      expect(message).toMatchObject({ status: "failed", errorCode: String(code) });
    }
    const optedOut = await db.select().from(optOuts).where(eq(optOuts.workspaceId, acme.id));
    expect(optedOut).toMatchObject([{ customer: customerKeyFromPhone(secret, CALLER), source: "provider_unsubscribed", maskedPhone: "+1 415 ••• 0100" }]);
  });
});

describe("opt-outs by SMS", () => {
  const inbound = (body: string, from = CALLER) => twilioPost(smsInbound, acme.id, "sms-inbound", [["MessageSid", "SM0001"], ["From", from], ["To", "+15005550006"], ["Body", body]]);

  it.each(["STOP", "stopall", " Unsubscribe ", "END", "quit", "Cancel", "REVOKE", "optout"])("%j opts the caller out, and the next call is not offered", async (word) => {
    const response = await inbound(word);
    expect(response.status).toBe(200);
    expect(response.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await db.select().from(optOuts).where(eq(optOuts.workspaceId, acme.id))).toMatchObject([{ source: "sms_keyword", maskedPhone: "+1 415 ••• 0100" }]);
    const { response: call, callSid } = await offerCall();
    expect(call.text).not.toContain("<Gather");
    const [decision] = await db.select().from(runtimeDecisions).where(eq(runtimeDecisions.contactId, callSid));
    expect(decision.answer).toMatchObject({ offer: "false", reason: "opted_out" });
  });

  it.each(["START", "unstop", "Yes"])("%j opts back in", async (word) => {
    await inbound("STOP");
    await inbound(word);
    expect(await db.select().from(optOuts).where(eq(optOuts.workspaceId, acme.id))).toEqual([]);
    expect((await offerCall()).response.text).toContain("<Gather");
  });

  it.each(["STOP please", "STOP.", "ſtop", "Stop texting me"])("%j is no keyword", async (body) => {
    await inbound(body);
    expect(await db.select().from(optOuts).where(eq(optOuts.workspaceId, acme.id))).toEqual([]);
  });

  it("keeps an opted-out customer from a message even when the key was pressed before the STOP", async () => {
    const { callSid, decisionId } = await offerCall();
    await inbound("STOP");
    const response = await pressKey(callSid, decisionId!, "2");
    expect(response.text).toContain("Sorry, we could not send the text message.");
    const [message] = await db.select().from(messages).where(eq(messages.journey, decisionId!));
    expect(message).toMatchObject({ status: "opted_out", errorCode: "opted_out" });
  });
});

describe("chat links", () => {
  async function sentLink(): Promise<{ token: string; journey: string }> {
    await settings(db, acme.id, { smsProvider: "twilio" });
    const { callSid, decisionId } = await offerCall();
    await pressKey(callSid, decisionId!, "2");
    const body = twilio.requests.at(-1)!.form.get("Body")!;
    return { token: /\/l\/([A-Za-z0-9_-]{22})/.exec(body)![1], journey: decisionId! };
  }
  const open = (method: "GET" | "POST", token: string) =>
    (method === "GET" ? link.GET : link.POST)(new NextRequest(`http://localhost/l/${token}`, { method }), { params: Promise.resolve({ token }) });

  it("GET shows one plain form and consumes nothing; POST uses it once and redirects to the chat with a token the chat can verify", async () => {
    const { token, journey } = await sentLink();
    for (let i = 0; i < 2; i++) {
      const page = await open("GET", token);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<form method="post" action="/l/${token}"><button type="submit">Continue to chat</button></form>`);
      expect(html).not.toContain("<script");
      expect(page.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https://chat.example.com; base-uri 'none'; frame-ancestors 'none'");
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    }
    expect((await eventsOfJourney(journey)).map((e) => e.type)).not.toContain("link.clicked");

    const response = await open("POST", token);
    expect(response.status).toBe(303);
    const target = new URL(response.headers.get("location")!);
    expect(`${target.origin}${target.pathname}`).toBe("https://chat.example.com/start");
    expect(target.searchParams.get("lang")).toBe("en");
    expect(target.searchParams.get("sb_journey")).toBe(journey);
    const [row] = await queryRows<{ chat_token_secret: string }>(db, sql`select chat_token_secret from workspaces where id = ${acme.id}`);
    expect(verifyChatToken(row.chat_token_secret, target.searchParams.get("sb_token")!, journey)).toMatchObject({ valid: true, customer: customerKeyFromPhone(secret, CALLER) });
    expect((await eventsOfJourney(journey)).map((e) => e.type)).toEqual(["offer.shown", "offer.accepted", "sms.sent", "link.clicked"]);

    const again = await open("POST", token);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("This link has already been used");
    expect((await open("GET", token)).status).toBe(410);
    expect((await eventsOfJourney(journey)).filter((e) => e.type === "link.clicked")).toHaveLength(1);
  });

  it("answers an unknown or malformed token with a page that says so", async () => {
    for (const token of ["A".repeat(22), "short", "%3Cscript%3E"]) {
      const response = await open("POST", token);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("This link does not work");
    }
  });

  it("stores only a hash of the token", async () => {
    const { token } = await sentLink();
    expect(await everything()).not.toContain(token);
  });

  it("sends to a chat URL of the workspace's choosing only (the redirect target comes from settings)", async () => {
    const { token } = await sentLink();
    await settings(db, acme.id, { chatUrl: null });
    const response = await open("POST", token);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("Chat is not available");
    await settings(db, acme.id, { chatUrl: CHAT_URL });
  });
});
