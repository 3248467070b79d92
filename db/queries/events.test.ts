import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { callTypes, events, journeys } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { normalizeUtterance } from "@/lib/metrics/definitions";
import { event, makeWorkspace } from "@/test/factories";
import { deriveJourneys } from "./derive";
import { ingestEvents } from "./events";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
});
afterAll(() => database.cleanup());

async function journeyRow(workspaceId: string, journey: string) {
  await deriveJourneys(db, workspaceId);
  const [row] = await db.select().from(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.journey, journey)));
  return row;
}

describe("ingestEvents", () => {
  it("stores a batch, counts duplicates, and an id seen before changes nothing", async () => {
    const ws = await makeWorkspace(db);
    const first = event({ id: "a", type: "offer.shown", occurredAt: "2026-03-01T10:00:00Z", journey: "j1" });
    expect(await ingestEvents(db, ws.id, [first, event({ id: "b", type: "offer.accepted", occurredAt: "2026-03-01T10:01:00Z", journey: "j1" })])).toEqual({
      accepted: 2,
      duplicates: 0,
    });
    const replay = { ...first, customer: "someone-else", occurredAt: "2026-02-01T00:00:00.000Z" };
    expect(await ingestEvents(db, ws.id, [replay, replay])).toEqual({ accepted: 0, duplicates: 2 });
    const row = await journeyRow(ws.id, "j1");
    expect(row.customer).toBe("cust-1");
    expect(row.offeredAt).toMatch(/^2026-03-01 10:00:00/);
    expect(row.accepted).toBe(true);
  });

  it("derives a journey by the definitions, whatever order its events arrive in", async () => {
    const ws = await makeWorkspace(db);
    const log = [
      event({ id: "1", type: "link.clicked", occurredAt: "2026-03-02T09:00:00Z", journey: "j", customer: "first", point: "sms_link" }),
      event({ id: "2", type: "offer.shown", occurredAt: "2026-03-02T09:05:00Z", journey: "j", customer: "later", point: "in_queue" }),
      event({ id: "3", type: "chat.started", occurredAt: "2026-03-02T09:10:00Z", journey: "j", channel: "whatsapp", callType: "card_arrival" }),
      event({ id: "4", type: "chat.resolved", occurredAt: "2026-03-02T09:20:00Z", journey: "j", callType: "pin_blocked" }),
      event({ id: "5", type: "sms.sent", occurredAt: "2026-03-02T09:30:00Z", journey: "j", callType: "age_limit" }),
    ];
    await ingestEvents(db, ws.id, [log[4], log[2]]);
    await ingestEvents(db, ws.id, [log[3], log[0]]);
    await ingestEvents(db, ws.id, [log[1]]);
    const row = await journeyRow(ws.id, "j");
    expect(row).toMatchObject({
      point: "in_queue", // of the earliest offer.shown, not of the earliest event
      customer: "first", // of the earliest event
      callType: "pin_blocked", // of the latest chat.* event that has one
      channel: "whatsapp",
      offered: true,
      eventCount: 5,
    });
    expect(row.offeredAt).toMatch(/09:05:00/);
    expect(row.endAt).toMatch(/09:30:00/);
    expect(row.engagedAt).toMatch(/09:10:00/);
    expect(row.resolvedAt).toMatch(/09:20:00/);
  });

  it("records the customer's first call after engagement, even when the call arrives first or last", async () => {
    const ws = await makeWorkspace(db);
    const chat = [
      event({ id: "s", type: "chat.started", occurredAt: "2026-03-03T10:00:00Z", journey: "k", customer: "c9" }),
      event({ id: "r", type: "chat.resolved", occurredAt: "2026-03-03T10:10:00Z", journey: "k", customer: "c9" }),
    ];
    const callBefore = event({ id: "cb", type: "call.received", occurredAt: "2026-03-03T09:00:00Z", customer: "c9" });
    const callAfter = event({ id: "ca", type: "call.received", occurredAt: "2026-03-05T08:00:00Z", customer: "c9" });
    const otherCustomer = event({ id: "co", type: "call.received", occurredAt: "2026-03-03T11:00:00Z", customer: "c10" });

    await ingestEvents(db, ws.id, [callBefore, otherCustomer]);
    await ingestEvents(db, ws.id, chat);
    expect((await journeyRow(ws.id, "k")).nextCallAt).toBeNull();
    await ingestEvents(db, ws.id, [callAfter]);
    expect((await journeyRow(ws.id, "k")).nextCallAt).toMatch(/^2026-03-05 08:00:00/);
  });

  it("keeps call.* events out of journeys and creates unknown call types with a readable name", async () => {
    const ws = await makeWorkspace(db);
    await ingestEvents(db, ws.id, [event({ id: "c", type: "call.received", occurredAt: "2026-03-01T10:00:00Z", callType: "lost_or_stolen_card", journey: "ignored" })]);
    const [stored] = await db.select().from(events).where(eq(events.workspaceId, ws.id));
    expect(stored.journey).toBeNull();
    const [type] = await db.select().from(callTypes).where(eq(callTypes.workspaceId, ws.id));
    expect(type).toMatchObject({ slug: "lost_or_stolen_card", name: "Lost or stolen card", phoneCost: null });
    await deriveJourneys(db, ws.id);
    expect(await db.select().from(journeys).where(eq(journeys.workspaceId, ws.id))).toHaveLength(0);
  });

  it("keeps workspaces apart: the same ids in two workspaces are two events", async () => {
    const a = await makeWorkspace(db);
    const b = await makeWorkspace(db);
    const shared = event({ id: "same-id", type: "offer.shown", occurredAt: "2026-03-01T10:00:00Z", journey: "same-journey" });
    expect(await ingestEvents(db, a.id, [shared])).toEqual({ accepted: 1, duplicates: 0 });
    expect(await ingestEvents(db, b.id, [{ ...shared, point: "web_nudge" }])).toEqual({ accepted: 1, duplicates: 0 });
    expect((await journeyRow(a.id, "same-journey")).point).toBe("ivr_offer");
    expect((await journeyRow(b.id, "same-journey")).point).toBe("web_nudge");
  });

  it("stores nothing of a batch that fails", async () => {
    const ws = await makeWorkspace(db);
    const good = event({ id: "ok", type: "offer.shown", occurredAt: "2026-03-01T10:00:00Z" });
    const broken = { ...event({ id: "bad", type: "offer.shown", occurredAt: "2026-03-01T10:00:00Z" }), occurredAt: "not a date" };
    await expect(ingestEvents(db, ws.id, [good, broken])).rejects.toThrow();
    expect(await db.select().from(events).where(eq(events.workspaceId, ws.id))).toHaveLength(0);
  });
});

describe("ingestEvents stores every text exactly as sent", () => {
  // On PostgreSQL a batch goes through COPY's text format, where tabs, newlines, carriage returns,
  // backslashes and "\N" mean something; on PGlite through JSON. Either way a read gives back what was sent.
  const awkward = fc.oneof(
    fc.constantFrom("\\", "\\N", "\\.", "\t", "\n", "\r\n", "a\\tb", "\\\\N", "'", '"', "{}", "NULL", "🙂", "é", "\u2028"),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }),
  );
  const text = fc.array(awkward, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("").slice(0, 128)).filter((value) => value.length > 0);

  it("round-trips ids, customers, journeys and attributes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.record({ id: text, customer: text, journey: text, note: text }), { minLength: 1, maxLength: 20, selector: (r) => r.id }), async (records) => {
        const ws = await makeWorkspace(db);
        const sent = records.map((r) =>
          event({ id: r.id, type: "chat.unresolved", occurredAt: "2026-03-01T10:00:00Z", customer: r.customer, journey: r.journey, attributes: { utterance: r.note, nested: { note: r.note } } }),
        );
        expect(await ingestEvents(db, ws.id, sent)).toEqual({ accepted: sent.length, duplicates: 0 });
        const stored = await db.select().from(events).where(eq(events.workspaceId, ws.id));
        const byId = new Map(stored.map((row) => [row.id, row]));
        for (const e of sent) {
          const row = byId.get(e.id);
          expect(row).toMatchObject({ customer: e.customer, journey: e.journey, attributes: e.attributes, utterance: normalizeUtterance(e.attributes?.utterance) });
        }
        expect(stored).toHaveLength(sent.length);
      }),
      { numRuns: 40 },
    );
  });

  it("stores a batch that repeats ids stored before: the new ones, once", async () => {
    const ws = await makeWorkspace(db);
    const old = event({ id: "old", type: "offer.shown", occurredAt: "2026-03-01T10:00:00Z", journey: "j1" });
    await ingestEvents(db, ws.id, [old]);
    const fresh = event({ id: "new", type: "offer.accepted", occurredAt: "2026-03-01T10:01:00Z", journey: "j1" });
    expect(await ingestEvents(db, ws.id, [fresh, { ...old, customer: "changed" }, fresh])).toEqual({ accepted: 1, duplicates: 2 });
    const stored = await db.select().from(events).where(eq(events.workspaceId, ws.id));
    expect(stored.map((row) => [row.id, row.customer]).sort()).toEqual([["new", "cust-1"], ["old", "cust-1"]]);
    expect((await journeyRow(ws.id, "j1")).accepted).toBe(true);
  });
});
