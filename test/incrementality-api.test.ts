import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as incrementality } from "@/app/api/v1/metrics/incrementality/route";
import { GET as readSettings, PATCH as patchSettings } from "@/app/api/v1/settings/route";
import type { Db } from "@/db";
import { ingestEvents } from "@/db/queries/events";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import type { StoredEvent } from "@/lib/events/schema";
import { event, makeApiKey, makeWorkspace } from "./factories";
import { call, useConnection } from "./http";

let database: TestDatabase;
let db: Db;
let a: { id: string; key: string };
let b: { id: string; key: string };
let writerOnly: string;
let settingsKey: string;

/** 30 decisions of one offer on 2026-03-02 (UTC): 24 treatment (3 call within W), 6 holdout (3 call). */
function experiment(): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let i = 0; i < 30; i++) {
    const held = i % 5 === 0;
    const at = Date.parse("2026-03-02T10:00:00Z") + i * 60_000;
    events.push(
      event({
        id: `d${i}`, type: held ? "offer.held_out" : "offer.shown", occurredAt: new Date(at).toISOString(), customer: `k${i}`, journey: `j${i}`,
        point: "ivr_offer", attributes: { decisionId: `x${i}`, offerId: "offer-1", offerVersion: 1, arm: held ? "holdout" : "treatment" },
      }),
    );
    if (held ? i < 15 : i % 8 === 1) events.push(event({ id: `c${i}`, type: "call.received", occurredAt: new Date(at + 3_600_000).toISOString(), customer: `k${i}` }));
    if (!held) events.push(event({ id: `s${i}`, type: "sms.sent", occurredAt: new Date(at + 1_000).toISOString(), customer: `k${i}`, journey: `j${i}`, attributes: { segments: 2 } }));
  }
  return events;
}

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  const wa = await makeWorkspace(db);
  const wb = await makeWorkspace(db);
  a = { id: wa.id, key: await makeApiKey(db, wa.id, ["metrics:read"]) };
  b = { id: wb.id, key: await makeApiKey(db, wb.id, ["metrics:read"]) };
  writerOnly = await makeApiKey(db, wa.id, ["events:write"]);
  settingsKey = await makeApiKey(db, wa.id, ["settings:write", "metrics:read"]);
  await ingestEvents(db, wa.id, experiment());
});
afterAll(() => database.cleanup());

const period = "from=2026-03-01&to=2026-03-31&asOf=2026-04-15T00:00:00Z";

describe("GET /api/v1/metrics/incrementality", () => {
  it("answers DESIGN.md's shape: per offer and per point, rates as fractions, money in the workspace currency", async () => {
    const response = await call(incrementality, "GET", `/api/v1/metrics/incrementality?${period}`, { key: a.key });
    expect(response.status).toBe(200);
    const body = response.json;
    expect(body).toMatchObject({ from: "2026-03-01", to: "2026-03-31", asOf: "2026-04-15T00:00:00.000Z", windowHours: 72, currency: "USD" });
    expect(body.offers).toHaveLength(1);
    const offer = body.offers[0];
    expect(offer).toMatchObject({
      offerId: "offer-1", name: null, point: "ivr_offer", holdoutPercent: null, srm: null,
      nTreatment: 24, nHoldout: 6, calledTreatment: 3, calledHoldout: 3, pTreatment: 0.125, pHoldout: 0.5, enough: false,
    });
    expect(offer.lift.value).toBeCloseTo(0.375, 12);
    expect(offer.lift.low).toBeLessThan(offer.lift.value);
    expect(offer.incrementalDeflections.value).toBeCloseTo(9, 9);
    expect(offer.relativeLift).toBeCloseTo(0.75, 12);
    expect(offer.netSavings).toMatchObject({ smsSegments: 48, smsCost: 0.38, botConversations: 0, botCost: 0 });
    expect(Object.keys(offer.netSavings)).toEqual(expect.arrayContaining(["value", "low", "high", "smsCost", "botCost"]));
    expect(body.points.map((point: { point: string }) => point.point)).toEqual(["web_nudge", "ivr_offer", "sms_link", "in_queue", "post_call"]);
    expect(body.points[1]).toMatchObject({ nTreatment: 24, nHoldout: 6 });
    expect(body.points[1]).not.toHaveProperty("srm");
  });

  it("narrows by point and offer; leaves out decisions not yet W old at asOf", async () => {
    const other = await call(incrementality, "GET", `/api/v1/metrics/incrementality?${period}&point=in_queue`, { key: a.key });
    expect(other.json.offers).toEqual([]);
    const byOffer = await call(incrementality, "GET", `/api/v1/metrics/incrementality?${period}&offerId=nope`, { key: a.key });
    expect(byOffer.json.offers).toEqual([]);
    const early = await call(incrementality, "GET", "/api/v1/metrics/incrementality?from=2026-03-01&to=2026-03-31&asOf=2026-03-05T10:10:00Z", { key: a.key });
    // W = 72 h: only the first 11 decisions (10:00 to 10:10) are old enough.
    expect(early.json.offers[0].nTreatment + early.json.offers[0].nHoldout).toBe(11);
  });

  it("shows another workspace nothing of this one's decisions", async () => {
    const theirs = await call(incrementality, "GET", `/api/v1/metrics/incrementality?${period}&offerId=offer-1`, { key: b.key });
    expect(theirs.status).toBe(200);
    expect(theirs.json.offers).toEqual([]);
  });

  it("refuses bad parameters with a 422 naming each, and keys without metrics:read (no credential: test/security/matrix.test.ts)", async () => {
    const bad = await call(incrementality, "GET", "/api/v1/metrics/incrementality?from=2026-02-30&to=2026-03-01&point=phone&asOf=yesterday", { key: a.key });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(["asOf", "from", "point"]);
    const long = await call(incrementality, "GET", `/api/v1/metrics/incrementality?${period}&offerId=${"x".repeat(129)}`, { key: a.key });
    expect(long.status).toBe(422);
    const twice = await call(incrementality, "GET", `/api/v1/metrics/incrementality?${period}&point=ivr_offer&point=in_queue`, { key: a.key });
    expect(twice.status).toBe(422);
    expect((await call(incrementality, "GET", `/api/v1/metrics/incrementality?${period}`, { key: writerOnly })).status).toBe(403);
  });

  it("subtracts the SMS and bot costs the settings name, which PATCH /api/v1/settings changes and GET shows", async () => {
    const refused = await call(patchSettings, "PATCH", "/api/v1/settings", { key: settingsKey, body: { smsCostPerSegment: 0.00001, botCostPerConversation: -1 } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(["botCostPerConversation", "smsCostPerSegment"]);
    const saved = await call(patchSettings, "PATCH", "/api/v1/settings", { key: settingsKey, body: { smsCostPerSegment: 0.05, botCostPerConversation: 0.25 } });
    expect(saved.status).toBe(200);
    expect((await call(readSettings, "GET", "/api/v1/settings", { key: a.key })).json).toMatchObject({ smsCostPerSegment: 0.05, botCostPerConversation: 0.25 });
    const offer = (await call(incrementality, "GET", `/api/v1/metrics/incrementality?${period}`, { key: a.key })).json.offers[0];
    expect(offer.netSavings).toMatchObject({ smsSegments: 48, smsCost: 2.4, botCost: 0 });
    // 9 incremental deflections × (6 − 0.75) − 2.40
    expect(offer.netSavings.value).toBeCloseTo(9 * 5.25 - 2.4, 9);
  });
});
