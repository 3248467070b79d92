import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as journeys } from "@/app/api/v1/journeys/route";
import { GET as funnel } from "@/app/api/v1/metrics/funnel/route";
import { GET as parity } from "@/app/api/v1/metrics/parity/route";
import { GET as roi } from "@/app/api/v1/metrics/roi/route";
import { GET as timeseries } from "@/app/api/v1/metrics/timeseries/route";
import { GET as readSettings, PATCH as patchSettings } from "@/app/api/v1/settings/route";
import type { Db } from "@/db";
import { listAudit } from "@/db/queries/audit";
import { ingestEvents } from "@/db/queries/events";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { event, makeApiKey, makeWorkspace } from "./factories";
import { call, useConnection } from "./http";

let database: TestDatabase;
let db: Db;
let a: { id: string; key: string };
let b: { id: string; key: string };
let writerOnly: string;
let settingsKey: string;

/** One deflected journey and one agent call on 2026-03-02 (UTC). */
const story = (prefix: string) => [
  event({ id: `${prefix}1`, type: "offer.shown", occurredAt: "2026-03-02T10:00:00Z", journey: `${prefix}j`, customer: `${prefix}c`, point: "sms_link" }),
  event({ id: `${prefix}2`, type: "chat.started", occurredAt: "2026-03-02T10:05:00Z", journey: `${prefix}j`, customer: `${prefix}c`, callType: "card_arrival" }),
  event({ id: `${prefix}3`, type: "chat.resolved", occurredAt: "2026-03-02T10:09:00Z", journey: `${prefix}j`, customer: `${prefix}c`, callType: "card_arrival" }),
  event({ id: `${prefix}4`, type: "call.received", occurredAt: "2026-03-02T12:00:00Z", customer: "someone-else", callType: "card_arrival" }),
];

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  const wa = await makeWorkspace(db);
  const wb = await makeWorkspace(db);
  a = { id: wa.id, key: await makeApiKey(db, wa.id, ["metrics:read"]) };
  b = { id: wb.id, key: await makeApiKey(db, wb.id, ["metrics:read"]) };
  writerOnly = await makeApiKey(db, wa.id, ["events:write"]);
  settingsKey = await makeApiKey(db, wa.id, ["settings:write"]);
  await ingestEvents(db, wa.id, story("a"));
});
afterAll(() => database.cleanup());

const period = "from=2026-03-01&to=2026-03-31&asOf=2026-04-15T00:00:00Z";

describe("metrics API", () => {
  it("answers the funnel of DESIGN.md with all five points", async () => {
    const response = await call(funnel, "GET", `/api/v1/metrics/funnel?${period}`, { key: a.key });
    expect(response.status).toBe(200);
    expect(response.json.points.map((p: { point: string }) => p.point)).toEqual(["web_nudge", "ivr_offer", "sms_link", "in_queue", "post_call"]);
    expect(response.json.points[2]).toMatchObject({ offered: 1, engaged: 1, resolved: 1, deflected: 1, pending: 0, bounced: 0 });
    expect(response.json).toMatchObject({ agentCalls: 1, deflectionRate: 0.5, windowHours: 72, asOf: "2026-04-15T00:00:00.000Z" });
  });

  it("shows another workspace nothing of this one's data, whatever filters it sends", async () => {
    const theirs = await call(funnel, "GET", `/api/v1/metrics/funnel?${period}&point=sms_link`, { key: b.key });
    expect(theirs.json.points[2].offered).toBe(0);
    expect(theirs.json.agentCalls).toBe(0);
    const list = await call(journeys, "GET", `/api/v1/journeys?${period}`, { key: b.key });
    expect(list.json).toMatchObject({ items: [], total: 0, nextCursor: null });
    expect((await call(parity, "GET", `/api/v1/metrics/parity?${period}`, { key: b.key })).json.callTypes).toEqual([]);
    const months = await call(roi, "GET", "/api/v1/metrics/roi?from=2026-03&to=2026-03", { key: b.key });
    expect(months.json.total).toEqual({ deflected: 0, savings: 0 });
  });

  it("lists the journeys behind a count, and as CSV", async () => {
    const list = await call(journeys, "GET", `/api/v1/journeys?${period}&stage=deflected`, { key: a.key });
    expect(list.json.total).toBe(1);
    expect(list.json.items[0]).toMatchObject({ journey: "aj", point: "sms_link", callType: "card_arrival", deflected: true });
    const csv = await call(journeys, "GET", `/api/v1/journeys?${period}&stage=deflected`, { key: a.key, headers: { accept: "text/csv" } });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^journey,point,customer,callType/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^aj,sms_link,ac,card_arrival/);
  });

  it("answers timeseries and ROI with every bucket and month", async () => {
    const series = await call(timeseries, "GET", `/api/v1/metrics/timeseries?${period}&interval=week`, { key: a.key });
    expect(series.json.buckets[0].bucket).toBe("2026-02-23");
    expect(series.json.buckets.find((bucket: { bucket: string }) => bucket.bucket === "2026-03-02")).toMatchObject({ deflected: 1, agentCalls: 1 });
    const months = await call(roi, "GET", "/api/v1/metrics/roi?from=2026-02&to=2026-04&asOf=2026-04-15T00:00:00Z", { key: a.key });
    expect(months.json.months.map((m: { month: string }) => m.month)).toEqual(["2026-02", "2026-03", "2026-04"]);
    expect(months.json.months[1]).toMatchObject({ deflected: 1, agentCalls: 1, savings: 5.25 });
  });

  it.each([
    ["from=2026-03-31&to=2026-03-01", "from"],
    ["from=2026-02-30&to=2026-03-01", "from"],
    ["from=yesterday&to=2026-03-01", "from"],
    ["to=2026-03-01", "from"],
    ["from=2020-01-01&to=2026-03-01", "to"],
    [`${period}&point=phone`, "point"],
    [`${period}&asOf=now`, "asOf"],
    [`${period}&callType=Card%20Arrival`, "callType"],
  ])("refuses %s with a 422 naming %s", async (query, field) => {
    const response = await call(funnel, "GET", `/api/v1/metrics/funnel?${query}`, { key: a.key });
    expect(response.status).toBe(422);
    expect(response.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("narrows parity and ROI journeys by point, channel and call type; phone calls only by call type", async () => {
    const all = await call(parity, "GET", `/api/v1/metrics/parity?${period}&point=sms_link`, { key: a.key });
    expect(all.status).toBe(200);
    expect(all.json.callTypes).toMatchObject([{ callType: "card_arrival", phoneCalls: 1, engaged: 1, resolved: 1 }]);
    const other = await call(parity, "GET", `/api/v1/metrics/parity?${period}&point=ivr_offer`, { key: a.key });
    expect(other.json.callTypes).toMatchObject([{ callType: "card_arrival", phoneCalls: 1, engaged: 0, status: "uncovered", topUnresolved: [] }]);

    const months = "from=2026-03&to=2026-03&asOf=2026-04-15T00:00:00Z";
    const kept = await call(roi, "GET", `/api/v1/metrics/roi?${months}&point=sms_link&callType=card_arrival`, { key: a.key });
    expect(kept.json.months[0]).toMatchObject({ deflected: 1, agentCalls: 1 });
    const byPoint = await call(roi, "GET", `/api/v1/metrics/roi?${months}&point=ivr_offer`, { key: a.key });
    expect(byPoint.json.months[0]).toMatchObject({ deflected: 0, agentCalls: 1, savings: 0 });
    const byType = await call(roi, "GET", `/api/v1/metrics/roi?${months}&callType=lost_card`, { key: a.key });
    expect(byType.json.months[0]).toMatchObject({ deflected: 0, agentCalls: 0 });
  });

  it("refuses a bad point on parity and ROI with a 422", async () => {
    const onParity = await call(parity, "GET", `/api/v1/metrics/parity?${period}&point=phone`, { key: a.key });
    expect(onParity.status).toBe(422);
    expect(onParity.json.error.details.map((d: { path: string }) => d.path)).toContain("point");
    const onRoi = await call(roi, "GET", "/api/v1/metrics/roi?from=2026-03&to=2026-03&point=phone", { key: a.key });
    expect(onRoi.status).toBe(422);
    expect(onRoi.json.error.details.map((d: { path: string }) => d.path)).toContain("point");
  });

  it("refuses a key without metrics:read and a cursor it did not give out", async () => {
    expect((await call(funnel, "GET", `/api/v1/metrics/funnel?${period}`, { key: writerOnly })).status).toBe(403);
    expect((await call(journeys, "GET", `/api/v1/journeys?${period}&cursor=bogus`, { key: a.key })).status).toBe(400);
  });
});

describe("settings API", () => {
  it("reads settings with metrics:read and changes them only with settings:write, audited once", async () => {
    expect((await call(readSettings, "GET", "/api/v1/settings", { key: a.key })).json).toMatchObject({ timeZone: "UTC", windowHours: 72 });
    expect((await call(patchSettings, "PATCH", "/api/v1/settings", { key: a.key, body: { windowHours: 48 } })).status).toBe(403);

    const changed = await call(patchSettings, "PATCH", "/api/v1/settings", {
      key: settingsKey,
      body: { windowHours: 48, timeZone: "Europe/Paris", phoneCostByCallType: { card_arrival: 9.5 } },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ windowHours: 48, timeZone: "Europe/Paris", phoneCostByCallType: { card_arrival: 9.5 } });
    const entries = await listAudit(db, a.id, { entityType: "settings" });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: "api_key", action: "update" });
  });

  it("refuses invalid settings with a 422 and changes nothing", async () => {
    const before = (await call(readSettings, "GET", "/api/v1/settings", { key: a.key })).json;
    for (const body of [{ timeZone: "Mars/Base" }, { windowHours: 0 }, { phoneCost: -1 }, { phoneCost: 1.234 }, { currency: "usd" }, { unknown: 1 }, { resolutionTarget: 2 }]) {
      const response = await call(patchSettings, "PATCH", "/api/v1/settings", { key: settingsKey, body });
      expect(response.status).toBe(422);
    }
    expect((await call(readSettings, "GET", "/api/v1/settings", { key: a.key })).json).toEqual(before);
  });
});
