import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as journeys } from "@/app/api/v1/journeys/route";
import { GET as funnel } from "@/app/api/v1/metrics/funnel/route";
import { GET as parity } from "@/app/api/v1/metrics/parity/route";
import { GET as roi } from "@/app/api/v1/metrics/roi/route";
import type { Db } from "@/db";
import { ingestEvents } from "@/db/queries/events";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { event, makeApiKey, makeWorkspace } from "./factories";
import { call, useConnection } from "./http";

/*
 * Journeys of runtime decisions through the API (docs/adr/016): a held-out journey counts in no
 * funnel stage, parity row or ROI month, whatever it went on to do, and the journeys list shows
 * each decision's arm, filters by it, and exports it as a CSV column.
 */

let database: TestDatabase;
let db: Db;
let key: string;

const decision = (id: string, arm: "treatment" | "holdout") => ({ decisionId: id, offerId: "offer-1", offerVersion: 1, arm });

/** A treatment journey that deflects, and a held-out one that (offered by another path) chats and resolves too. */
const events = [
  event({ id: "t1", type: "offer.shown", occurredAt: "2026-03-02T10:00:00Z", journey: "treated", customer: "ct", point: "ivr_offer", attributes: decision("treated", "treatment") }),
  event({ id: "t2", type: "chat.started", occurredAt: "2026-03-02T10:05:00Z", journey: "treated", customer: "ct", callType: "card_arrival" }),
  event({ id: "t3", type: "chat.resolved", occurredAt: "2026-03-02T10:09:00Z", journey: "treated", customer: "ct", callType: "card_arrival" }),
  event({ id: "h1", type: "offer.held_out", occurredAt: "2026-03-02T11:00:00Z", journey: "held", customer: "ch", point: "ivr_offer", attributes: decision("held", "holdout") }),
  event({ id: "h2", type: "offer.shown", occurredAt: "2026-03-02T11:01:00Z", journey: "held", customer: "ch", point: "ivr_offer" }),
  event({ id: "h3", type: "chat.started", occurredAt: "2026-03-02T11:05:00Z", journey: "held", customer: "ch", callType: "card_arrival" }),
  event({ id: "h4", type: "chat.unresolved", occurredAt: "2026-03-02T11:06:00Z", journey: "held", customer: "ch", callType: "card_arrival", attributes: { utterance: "held out" } }),
  event({ id: "h5", type: "chat.resolved", occurredAt: "2026-03-02T11:09:00Z", journey: "held", customer: "ch", callType: "card_arrival" }),
  event({ id: "n1", type: "offer.shown", occurredAt: "2026-03-02T12:00:00Z", journey: "plain", customer: "cn", point: "sms_link" }),
];

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  const workspace = await makeWorkspace(db);
  key = await makeApiKey(db, workspace.id, ["metrics:read"]);
  await ingestEvents(db, workspace.id, events);
});
afterAll(() => database.cleanup());

const period = "from=2026-03-01&to=2026-03-31&asOf=2026-04-15T00:00:00Z";

describe("journeys of runtime decisions", () => {
  it("count held-out journeys in no funnel stage, parity row or ROI month", async () => {
    const answer = await call(funnel, "GET", `/api/v1/metrics/funnel?${period}`, { key });
    expect(answer.json.points[1]).toMatchObject({ point: "ivr_offer", offered: 1, engaged: 1, resolved: 1, deflected: 1 });
    expect(answer.json.totals).toMatchObject({ offered: 2, engaged: 1, resolved: 1, deflected: 1 });
    const rows = await call(parity, "GET", `/api/v1/metrics/parity?${period}`, { key });
    expect(rows.json.callTypes).toMatchObject([{ callType: "card_arrival", engaged: 1, resolved: 1, topUnresolved: [] }]);
    const months = await call(roi, "GET", "/api/v1/metrics/roi?from=2026-03&to=2026-03&asOf=2026-04-15T00:00:00Z", { key });
    expect(months.json.months[0]).toMatchObject({ deflected: 1 });
  });

  it("lists every journey with its arm, and filters by arm", async () => {
    const all = await call(journeys, "GET", `/api/v1/journeys?${period}`, { key });
    expect(all.json.total).toBe(3);
    expect(all.json.items.map((j: { journey: string; arm: string | null }) => [j.journey, j.arm])).toEqual([
      ["treated", "treatment"],
      ["held", "holdout"],
      ["plain", null],
    ]);

    const held = await call(journeys, "GET", `/api/v1/journeys?${period}&arm=holdout`, { key });
    expect(held.json).toMatchObject({ total: 1, nextCursor: null });
    expect(held.json.items).toMatchObject([
      { journey: "held", arm: "holdout", engagedAt: "2026-03-02T11:05:00.000Z", offered: false, engaged: false, resolved: false, deflected: false },
    ]);
    const treated = await call(journeys, "GET", `/api/v1/journeys?${period}&arm=treatment&stage=deflected`, { key });
    expect(treated.json.total).toBe(1);
    expect(treated.json.items.map((j: { journey: string }) => j.journey)).toEqual(["treated"]);
    const heldAndEngaged = await call(journeys, "GET", `/api/v1/journeys?${period}&arm=holdout&stage=engaged`, { key });
    expect(heldAndEngaged.json).toMatchObject({ total: 0, items: [] });
  });

  it("pages a list narrowed by arm", async () => {
    const first = await call(journeys, "GET", `/api/v1/journeys?${period}&arm=treatment&limit=1`, { key });
    expect(first.json).toMatchObject({ total: 1, nextCursor: null });
    const both = await call(journeys, "GET", `/api/v1/journeys?${period}&limit=1`, { key });
    const next = await call(journeys, "GET", `/api/v1/journeys?${period}&limit=1&cursor=${both.json.nextCursor}`, { key });
    expect(next.json.items.map((j: { journey: string }) => j.journey)).toEqual(["held"]);
  });

  it("exports the arm as a CSV column", async () => {
    const csv = await call(journeys, "GET", `/api/v1/journeys?${period}&arm=holdout`, { key, headers: { accept: "text/csv" } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain("journeys-2026-03-01-to-2026-03-31-holdout.csv");
    const [header, ...rows] = csv.text.trim().split(/\r?\n/);
    const arm = header.split(",").indexOf("arm");
    expect(arm).toBeGreaterThan(0);
    expect(rows.map((row) => row.split(",")[arm])).toEqual(["holdout"]);
  });

  it("refuses an unknown arm with a 422 naming it", async () => {
    for (const arm of ["none", "control", "Holdout"]) {
      const response = await call(journeys, "GET", `/api/v1/journeys?${period}&arm=${arm}`, { key });
      expect(response.status).toBe(422);
      expect(response.json.error.details.map((d: { path: string }) => d.path)).toContain("arm");
    }
  });
});
