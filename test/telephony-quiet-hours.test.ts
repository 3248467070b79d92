import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { events, messages, optOuts } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { customerKeyFromPhone } from "@/lib/customers/phone-key";
import { makeApiKey } from "./factories";
import { call, useConnection } from "./http";
import { fakeTwilio, settings, telephonyWorkspace } from "./telephony-fixtures";

/*
 * Quiet hours with a fixed clock (docs/adr/025): an unrequested message is held while they last,
 * sent when they end, dropped once held 12 hours; a requested one goes at once. The number of a
 * held message is sealed, and erased when it leaves or is dropped.
 */

const twilio = await fakeTwilio();
process.env.TWILIO_API_BASE = twilio.base;
const { listMessages, releaseHeldMessages, sendMessage, telephonyConfig } = await import("@/db/queries/messaging");
const messagesRoute = (await import("@/app/api/runtime/messages/route")).POST;

const PHONE = "+14155550123";
const NIGHT = { start: "21:00", end: "08:00" };
/** 23:00 on 3 December 2026 in New York (UTC−5). */
const LATE = new Date("2026-12-04T04:00:00Z");
const MORNING = new Date("2026-12-04T13:00:00Z");

let database: TestDatabase;
let db: Db;
let acme: Awaited<ReturnType<typeof telephonyWorkspace>>;
let sends = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  acme = await telephonyWorkspace(db, { timeZone: "America/New_York", offer: null });
  await settings(db, acme.id, { smsProvider: "twilio", quietHours: NIGHT });
});
afterAll(async () => {
  await database.cleanup();
  await twilio.close();
});
afterEach(async () => {
  twilio.requests.length = 0;
  await settings(db, acme.id, { quietHours: NIGHT });
  await db.delete(optOuts).where(eq(optOuts.workspaceId, acme.id));
});

async function send(now: Date, requested = false, point: "sms_link" | "post_call" = "sms_link") {
  const config = (await telephonyConfig(db, acme.id))!;
  const n = ++sends;
  const customer = customerKeyFromPhone(config.customerKeySecret, PHONE);
  return sendMessage(db, config, { point, journey: `journey-${n}`, customer, phone: PHONE, requested, templateId: acme.templateId, dedupeKey: `contact:${point}:c${n}` }, { now });
}

const messageRow = async (id: string) => (await db.select().from(messages).where(and(eq(messages.workspaceId, acme.id), eq(messages.id, id))))[0];
const eventTypes = async (journey: string) => (await db.select().from(events).where(and(eq(events.workspaceId, acme.id), eq(events.journey, journey)))).map((e) => e.type).sort();

describe("an unrequested message in quiet hours", () => {
  it("is held with its number sealed, then sent when they end, and recorded then", async () => {
    const held = await send(LATE);
    expect(held).toMatchObject({ status: "held", fresh: true });
    let row = await messageRow(held.messageId);
    expect(row.holdUntil).toEqual(MORNING);
    expect(row.heldTo).toMatch(/^v1\./);
    expect(row.heldTo).not.toContain("4155550123");
    expect(row.maskedTo).toBe("+1 415 ••• 0123");
    expect(twilio.requests).toEqual([]);
    expect(await eventTypes(row.journey)).toEqual([]);

    expect(await releaseHeldMessages(db, new Date(MORNING.getTime() - 60_000))).toMatchObject({ sent: 0, dropped: 0 });
    expect(twilio.requests).toEqual([]);

    expect(await releaseHeldMessages(db, MORNING)).toMatchObject({ sent: 1, dropped: 0 });
    expect(twilio.requests).toHaveLength(1);
    expect(twilio.requests[0].form.get("To")).toBe(PHONE);
    expect(twilio.requests[0].form.get("Body")).toMatch(/\/l\/[A-Za-z0-9_-]{22} Reply STOP/);
    row = await messageRow(held.messageId);
    expect(row).toMatchObject({ status: "sent", heldTo: null, sentAt: MORNING });
    expect(await eventTypes(row.journey)).toEqual(["offer.shown", "sms.sent"]);

    expect(await releaseHeldMessages(db, new Date(MORNING.getTime() + 3_600_000))).toMatchObject({ sent: 0 });
    expect(twilio.requests).toHaveLength(1);
  });

  it("is dropped, never sent, once held 12 hours, and the number is erased", async () => {
    await settings(db, acme.id, { quietHours: { start: "18:00", end: "09:00" } });
    const evening = new Date("2026-12-03T23:30:00Z"); // 18:30, quiet until 09:00: 14.5 hours
    const held = await send(evening, false, "post_call");
    expect((await messageRow(held.messageId)).holdUntil).toEqual(new Date(evening.getTime() + 12 * 3_600_000));
    expect(await releaseHeldMessages(db, new Date(evening.getTime() + 12 * 3_600_000))).toMatchObject({ sent: 0, dropped: 1 });
    const row = await messageRow(held.messageId);
    expect(row).toMatchObject({ status: "dropped", heldTo: null, errorCode: "held_too_long", sentAt: null });
    expect(twilio.requests).toEqual([]);
    expect(await eventTypes(row.journey)).toEqual([]);
  });

  it("is not sent when the customer opted out while it was held", async () => {
    const held = await send(LATE);
    const config = (await telephonyConfig(db, acme.id))!;
    await db.insert(optOuts).values({ workspaceId: acme.id, customer: customerKeyFromPhone(config.customerKeySecret, PHONE), source: "sms_keyword", maskedPhone: "+1 415 ••• 0123" });
    await releaseHeldMessages(db, MORNING);
    const row = await messageRow(held.messageId);
    expect(row).toMatchObject({ status: "opted_out", heldTo: null, errorCode: "opted_out" });
    expect(twilio.requests).toEqual([]);
    expect(await eventTypes(row.journey)).toEqual(["sms.failed"]);
  });

  it("waits for the new end when quiet hours were moved while it was held", async () => {
    const held = await send(LATE);
    await settings(db, acme.id, { quietHours: { start: "21:00", end: "10:00" } });
    expect(await releaseHeldMessages(db, MORNING)).toMatchObject({ sent: 0, held: 1 });
    expect((await messageRow(held.messageId)).holdUntil).toEqual(new Date("2026-12-04T15:00:00Z"));
    expect(await releaseHeldMessages(db, new Date("2026-12-04T15:00:00Z"))).toMatchObject({ sent: 1 });
  });

  it("goes at once outside quiet hours", async () => {
    const sent = await send(MORNING);
    expect(sent).toMatchObject({ status: "sent" });
    expect(twilio.requests).toHaveLength(1);
  });
});

describe("a message the caller asked for with a key press", () => {
  it("goes at once, in the middle of the night", async () => {
    const sent = await send(LATE, true, "post_call");
    expect(sent).toMatchObject({ status: "sent" });
    expect(twilio.requests).toHaveLength(1);
    expect((await messageRow(sent.messageId)).heldTo).toBeNull();
  });
});

describe("the outbox", () => {
  it("lists every outcome, newest first, masked", async () => {
    const list = await listMessages(db, acme.id);
    expect(new Set(list.map((m) => m.status))).toEqual(new Set(["sent", "dropped", "opted_out"]));
    expect(list.every((m) => m.maskedTo === "+1 415 ••• 0123")).toBe(true);
    expect(list.map((m) => m.createdAt.getTime())).toEqual([...list.map((m) => m.createdAt.getTime())].sort((a, b) => b - a));
  });
});

describe("POST /api/runtime/messages: an unrequested message from a platform", () => {
  /** Quiet hours around the real clock's hour in New York, so the route (which reads the clock) is inside them. */
  function quietNow() {
    const hour = Number(new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "2-digit", hourCycle: "h23" }).format(new Date()));
    const clock = (h: number) => `${String((h + 24) % 24).padStart(2, "0")}:00`;
    return { start: clock(hour - 1), end: clock(hour + 2) };
  }
  const post = (key: string, body: Record<string, unknown>) => call(messagesRoute, "POST", "/api/runtime/messages", { key, body });

  it("is held in quiet hours and says until when; the same contact sends nothing more", async () => {
    const key = await makeApiKey(db, acme.id, ["runtime"]);
    await settings(db, acme.id, { quietHours: quietNow() });
    const body = { point: "sms_link", to: "+1 (415) 555-0123", contactId: "campaign-7:row-1", templateId: acme.templateId, firstName: "Ada" };
    const first = await post(key, body);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: "held", errorCode: null });
    expect(Date.parse(first.json.holdUntil)).toBeGreaterThan(Date.now());
    expect(first.json.customer).toBe(customerKeyFromPhone((await telephonyConfig(db, acme.id))!.customerKeySecret, PHONE));
    const again = await post(key, body);
    expect(again.json).toEqual(first.json);
    expect((await listMessages(db, acme.id)).filter((m) => m.id === first.json.messageId)).toHaveLength(1);
    expect(twilio.requests).toEqual([]);
  });

  it("goes at once outside quiet hours", async () => {
    const key = await makeApiKey(db, acme.id, ["runtime"]);
    await settings(db, acme.id, { quietHours: null });
    const sent = await post(key, { point: "post_call", to: "+14155550123", contactId: "call-42", templateId: acme.templateId });
    expect(sent.json).toMatchObject({ status: "sent", holdUntil: null });
    expect(twilio.requests).toHaveLength(1);
    expect((await db.select().from(events).where(eq(events.journey, sent.json.journey))).map((e) => e.type).sort()).toEqual(["offer.shown", "sms.sent"]);
  });

  // Anonymous callers and signed-in users are refused by the security matrix (test/security/matrix.test.ts).
  it("refuses what it cannot send with a 422 naming the field, and keys without the runtime scope", async () => {
    const key = await makeApiKey(db, acme.id, ["runtime"]);
    const other = await telephonyWorkspace(db, { name: "Globex", offer: null });
    const base = { point: "sms_link", to: "+14155550123", contactId: "c-1", templateId: acme.templateId };
    for (const [body, path] of [
      [{ ...base, to: "anonymous" }, "to"],
      [{ ...base, templateId: other.templateId }, "templateId"],
      [{ ...base, point: "ivr_offer" }, "point"],
      [{ ...base, contactId: "" }, "contactId"],
    ] as const) {
      const response = await post(key, body);
      expect(response.status).toBe(422);
      expect(response.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await post(await makeApiKey(db, acme.id, ["events:write", "settings:write"]), base)).status).toBe(403);
  });
});
