import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { STAGES, type EventType } from "@/lib/domain";
import { eventSchema, type StoredEvent } from "@/lib/events/schema";
import { metricScenarioArb, shuffle, splitIntoBatches, withDuplicates, withUtcOffset, type MetricScenario } from "@/lib/metrics/arbitraries";
import {
  buildJourneys,
  bucketOf,
  dedupeById,
  funnel,
  journeysFor,
  localDay,
  parity,
  phoneCostOf,
  roi,
  stageOf,
  timeseries,
} from "@/lib/metrics/reference";
import type { MetricSettings } from "@/lib/metrics/types";

// ---------------------------------------------------------------------------------------------
// Factories

const settings: MetricSettings = {
  timeZone: "UTC",
  windowHours: 72,
  currency: "USD",
  phoneCost: 6.5,
  phoneCostByCallType: {},
  digitalCost: 0.5,
  resolutionTarget: 0.7,
};

let sequence = 0;

/** One stored event; `at` may carry any offset and is stored as UTC ISO. */
function event(type: EventType, at: string, fields: Partial<StoredEvent> = {}): StoredEvent {
  sequence += 1;
  const isCall = type.startsWith("call.");
  return {
    id: `e${String(sequence).padStart(5, "0")}`,
    type,
    occurredAt: new Date(Date.parse(at)).toISOString(),
    customer: "c1",
    journey: isCall ? null : "j1",
    point: type === "offer.shown" ? "web_nudge" : null,
    channel: null,
    callType: type === "call.received" ? "billing" : null,
    attributes: null,
    ...fields,
  };
}

const call = (at: string, fields: Partial<StoredEvent> = {}) => event("call.received", at, fields);

function onlyJourney(events: StoredEvent[]) {
  const journeys = buildJourneys(events);
  expect(journeys).toHaveLength(1);
  return journeys[0];
}

/** offer 09:00, chat 09:05, resolved 09:20 on 2026-05-04 (UTC): endAt + 72 h is 2026-05-07T09:20:00Z. */
function resolvedJourney(fields: Partial<StoredEvent> = {}) {
  return [
    event("offer.shown", "2026-05-04T09:00:00Z", fields),
    event("chat.started", "2026-05-04T09:05:00Z", fields),
    event("chat.resolved", "2026-05-04T09:20:00Z", fields),
  ];
}

const LATE = "2027-01-01T00:00:00Z";

function stagesWith(journeyEvents: StoredEvent[], calls: StoredEvent[], asOf = LATE) {
  return stageOf(onlyJourney(journeyEvents), calls, settings, asOf);
}

// ---------------------------------------------------------------------------------------------
// Journey fields

describe("journey fields", () => {
  test("offeredAt and point come from the earliest offer.shown, even when other events are earlier", () => {
    const journey = onlyJourney([
      event("sms.sent", "2026-05-04T08:00:00Z", { point: "sms_link" }),
      event("offer.shown", "2026-05-04T09:30:00Z", { point: "in_queue" }),
      event("offer.shown", "2026-05-04T09:00:00Z", { point: "ivr_offer" }),
    ]);
    expect(journey.offeredAt).toBe("2026-05-04T09:00:00.000Z");
    expect(journey.point).toBe("ivr_offer");
    expect(journey.offered).toBe(true);
  });

  test("a journey without offer.shown takes its earliest event's time, and the point of its earliest event with one", () => {
    const journey = onlyJourney([
      event("chat.resolved", "2026-05-05T01:10:00Z", { point: "web_nudge" }),
      event("link.clicked", "2026-05-04T23:30:00Z"),
      event("chat.started", "2026-05-05T01:00:00Z", { point: "sms_link" }),
    ]);
    expect(journey.offeredAt).toBe("2026-05-04T23:30:00.000Z");
    expect(journey.point).toBe("sms_link");
    expect(journey.offered).toBe(false);

    const events = [
      event("link.clicked", "2026-05-04T23:30:00Z", { journey: "j2" }),
      event("chat.started", "2026-05-05T01:00:00Z", { journey: "j2", point: "sms_link" }),
    ];
    const on = (day: string) => funnel(events, settings, { from: day, to: day, asOf: LATE }).points.find((row) => row.point === "sms_link")!.engaged;
    expect(on("2026-05-04")).toBe(1);
    expect(on("2026-05-05")).toBe(0);
  });

  test("a journey with no point anywhere has a null point", () => {
    expect(onlyJourney([event("chat.started", "2026-05-04T09:00:00Z")]).point).toBeNull();
  });

  test("callType is that of the latest chat.* event that has one, else of the latest event that has one", () => {
    const chatWins = onlyJourney([
      event("chat.started", "2026-05-04T09:05:00Z", { callType: "billing" }),
      event("chat.unresolved", "2026-05-04T09:10:00Z", { callType: "fraud" }),
      event("chat.resolved", "2026-05-04T09:20:00Z"),
      event("link.clicked", "2026-05-04T09:30:00Z", { callType: "card_arrival" }),
    ]);
    expect(chatWins.callType).toBe("fraud");

    const fallback = onlyJourney([
      event("offer.shown", "2026-05-04T09:00:00Z", { callType: "billing" }),
      event("sms.sent", "2026-05-04T09:01:00Z", { callType: "fraud" }),
      event("chat.started", "2026-05-04T09:05:00Z"),
    ]);
    expect(fallback.callType).toBe("fraud");
  });

  test("customer is the earliest event's, endAt the latest event's time, engagedAt/resolvedAt the earliest chat.started/chat.resolved", () => {
    const journey = onlyJourney([
      event("chat.resolved", "2026-05-04T10:00:00Z", { customer: "c1" }),
      event("chat.started", "2026-05-04T09:05:00Z", { customer: "c1" }),
      event("offer.shown", "2026-05-04T09:00:00Z", { customer: "c9" }),
      event("chat.resolved", "2026-05-04T09:20:00Z", { customer: "c1" }),
      event("chat.started", "2026-05-04T09:50:00Z", { customer: "c1" }),
    ]);
    expect(journey).toMatchObject({
      customer: "c9",
      endAt: "2026-05-04T10:00:00.000Z",
      engagedAt: "2026-05-04T09:05:00.000Z",
      resolvedAt: "2026-05-04T09:20:00.000Z",
      engaged: true,
      resolved: true,
      accepted: false,
      escalated: false,
    });
  });

  test("channel is the earliest chat.started's with one, else the earliest event's with one", () => {
    const fromChat = onlyJourney([
      event("offer.shown", "2026-05-04T09:00:00Z", { channel: "voice" }),
      event("chat.started", "2026-05-04T09:05:00Z"),
      event("chat.started", "2026-05-04T09:06:00Z", { channel: "whatsapp" }),
    ]);
    expect(fromChat.channel).toBe("whatsapp");
    const fallback = onlyJourney([
      event("chat.started", "2026-05-04T09:05:00Z"),
      event("offer.shown", "2026-05-04T09:00:00Z", { channel: "voice" }),
    ]);
    expect(fallback.channel).toBe("voice");
  });

  test("events on the same millisecond are ordered by id in code-unit order, whatever the arrival order", () => {
    const events = [
      event("offer.shown", "2026-05-04T09:00:00Z", { id: "b1", point: "ivr_offer", customer: "lower" }),
      event("offer.shown", "2026-05-04T09:00:00Z", { id: "B2", point: "sms_link", customer: "upper" }),
      event("chat.unresolved", "2026-05-04T09:10:00Z", { id: "a", callType: "billing" }),
      event("chat.unresolved", "2026-05-04T09:10:00Z", { id: "Z", callType: "fraud" }),
    ];
    // "B2" < "b1" and "Z" < "a" in code units (a locale collation would say the opposite).
    const expected = { point: "sms_link", customer: "upper", callType: "billing" };
    expect(onlyJourney(events)).toMatchObject(expected);
    expect(onlyJourney([...events].reverse())).toMatchObject(expected);
  });

  test("call.* events belong to no journey", () => {
    const journeys = buildJourneys([...resolvedJourney(), call("2026-05-04T09:30:00Z", { journey: "j1" })]);
    expect(journeys.map((journey) => journey.endAt)).toEqual(["2026-05-04T09:20:00.000Z"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Stages

describe("bounced", () => {
  test("a call exactly at endAt + W is not a bounce; one second earlier is", () => {
    expect(stagesWith(resolvedJourney(), [call("2026-05-07T09:20:00.000Z")])).toMatchObject({ bounced: false, deflected: true });
    expect(stagesWith(resolvedJourney(), [call("2026-05-07T09:19:59.000Z")])).toMatchObject({
      bounced: true,
      deflected: false,
      pending: false,
    });
  });

  test("a call before engagedAt does not bounce; a call exactly at engagedAt does", () => {
    expect(stagesWith(resolvedJourney(), [call("2026-05-04T09:04:59.999Z")]).bounced).toBe(false);
    expect(stagesWith(resolvedJourney(), [call("2026-05-04T09:05:00.000Z")]).bounced).toBe(true);
  });

  test("the window runs to the journey's latest event + W, not to resolvedAt + W", () => {
    const journey = [...resolvedJourney(), event("chat.unresolved", "2026-05-05T10:00:00Z")];
    expect(stagesWith(journey, [call("2026-05-08T09:59:59Z")]).bounced).toBe(true);
    expect(stagesWith(journey, [call("2026-05-08T10:00:00Z")]).bounced).toBe(false);
  });

  test("only call.received of the journey's customer (its earliest event's) counts", () => {
    const journey = [
      event("offer.shown", "2026-05-04T09:00:00Z", { customer: "c9" }),
      event("chat.started", "2026-05-04T09:05:00Z", { customer: "c1" }),
      event("chat.resolved", "2026-05-04T09:20:00Z", { customer: "c1" }),
    ];
    expect(stagesWith(journey, [call("2026-05-05T00:00:00Z", { customer: "c1" })]).bounced).toBe(false);
    expect(stagesWith(journey, [event("call.abandoned", "2026-05-05T00:00:00Z", { customer: "c9" })]).bounced).toBe(false);
    expect(stagesWith(journey, [call("2026-05-05T00:00:00Z", { customer: "c9" })]).bounced).toBe(true);
  });

  test("a journey that never engaged cannot bounce", () => {
    expect(stagesWith([event("offer.shown", "2026-05-04T09:00:00Z")], [call("2026-05-04T09:01:00Z")]).bounced).toBe(false);
  });

  test("does not depend on asOf: a call after asOf still bounces", () => {
    const stages = stagesWith(resolvedJourney(), [call("2026-05-06T00:00:00Z")], "2026-05-04T09:30:00Z");
    expect(stages).toMatchObject({ bounced: true, pending: false, deflected: false });
  });
});

describe("deflected and pending", () => {
  const twiceResolved = () => [...resolvedJourney(), event("chat.resolved", "2026-05-04T10:00:00Z")];

  test("pending until resolvedAt (the earliest chat.resolved) + W, deflected from then on", () => {
    expect(stagesWith(twiceResolved(), [], "2026-05-07T09:19:59.999Z")).toMatchObject({ pending: true, deflected: false });
    expect(stagesWith(twiceResolved(), [], "2026-05-07T09:20:00.000Z")).toMatchObject({ pending: false, deflected: true });
  });

  test("an unresolved journey is neither", () => {
    const journey = [event("chat.started", "2026-05-04T09:05:00Z"), event("chat.escalated", "2026-05-04T09:10:00Z")];
    expect(stagesWith(journey, [])).toMatchObject({ engaged: true, escalated: true, resolved: false, deflected: false, pending: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Local days

describe("local days across DST", () => {
  const intlDay = (instant: number, timeZone: string) =>
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);

  test.each([
    ["America/New_York", "2026-03-08"],
    ["America/New_York", "2026-11-01"],
    ["Europe/London", "2026-03-29"],
    ["Europe/London", "2026-10-25"],
    ["Asia/Kolkata", "2026-03-08"],
  ])("in %s around %s, every quarter hour and the second before it agree with Intl", (timeZone, day) => {
    const start = Date.parse(`${day}T00:00:00Z`) - 24 * 3_600_000;
    for (let instant = start; instant < start + 72 * 3_600_000; instant += 15 * 60_000) {
      for (const probe of [instant, instant - 1000]) {
        expect(localDay(new Date(probe).toISOString(), timeZone)).toBe(intlDay(probe, timeZone));
      }
    }
  });

  test("New York: 2026-03-08 has 23 hours and 2026-11-01 has 25, in the funnel and the time series", () => {
    const newYork = { ...settings, timeZone: "America/New_York" };
    const offersAt = (instants: string[]) =>
      instants.map((at, index) => event("offer.shown", at, { journey: `dst-${index}`, point: "ivr_offer" }));
    const spring = offersAt([
      "2026-03-08T04:59:59.999Z", // 03-07 23:59:59.999 EST
      "2026-03-08T05:00:00.000Z", // 03-08 00:00 EST
      "2026-03-09T03:59:59.000Z", // 03-08 23:59:59 EDT
      "2026-03-09T04:00:00.000Z", // 03-09 00:00 EDT
    ]);
    const springSeries = timeseries(spring, newYork, { from: "2026-03-07", to: "2026-03-09", interval: "day", asOf: LATE });
    expect(springSeries.buckets.map((bucket) => [bucket.bucket, bucket.offered])).toEqual([
      ["2026-03-07", 1],
      ["2026-03-08", 2],
      ["2026-03-09", 1],
    ]);

    const autumn = offersAt([
      "2026-11-01T03:59:59.000Z", // 10-31 23:59:59 EDT
      "2026-11-01T04:00:00.000Z", // 11-01 00:00 EDT
      "2026-11-01T05:30:00.000Z", // 11-01 01:30 EDT
      "2026-11-01T06:30:00.000Z", // 11-01 01:30 EST
      "2026-11-02T04:59:59.000Z", // 11-01 23:59:59 EST
      "2026-11-02T05:00:00.000Z", // 11-02 00:00 EST
    ]);
    const autumnDay = funnel(autumn, newYork, { from: "2026-11-01", to: "2026-11-01", asOf: LATE });
    expect(autumnDay.points.find((row) => row.point === "ivr_offer")!.offered).toBe(4);

    const calls = [call("2026-11-01T03:59:59Z"), call("2026-11-01T04:00:00Z"), call("2026-11-02T04:59:59Z"), call("2026-11-02T05:00:00Z")];
    expect(funnel(calls, newYork, { from: "2026-11-01", to: "2026-11-01", asOf: LATE }).agentCalls).toBe(2);
  });

  test("London: the BST day starts at 23:00 UTC the evening before", () => {
    const london = { ...settings, timeZone: "Europe/London" };
    const calls = [call("2026-03-29T22:59:59Z"), call("2026-03-29T23:00:00Z"), call("2026-10-24T23:00:00Z"), call("2026-10-25T23:59:59Z")];
    const agentCallsOn = (day: string) => funnel(calls, london, { from: day, to: day, asOf: LATE }).agentCalls;
    expect(agentCallsOn("2026-03-29")).toBe(1);
    expect(agentCallsOn("2026-03-30")).toBe(1);
    expect(agentCallsOn("2026-10-24")).toBe(0);
    expect(agentCallsOn("2026-10-25")).toBe(2);
  });

  test("an event sent with another offset is counted on the workspace's day", () => {
    const sent = withUtcOffset(Date.parse("2026-03-08T04:30:00Z"), 330, false);
    expect(sent).toBe("2026-03-08T10:00:00+05:30");
    const newYork = { ...settings, timeZone: "America/New_York" };
    expect(funnel([call(sent)], newYork, { from: "2026-03-07", to: "2026-03-07", asOf: LATE }).agentCalls).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Funnel, time series, journeys

describe("funnel", () => {
  test("all five points, in DESIGN.md order, and a null deflection rate when nothing happened", () => {
    const result = funnel([], settings, { from: "2026-05-01", to: "2026-05-31", asOf: "2026-06-01T00:00:00Z" });
    expect(result).toEqual({
      from: "2026-05-01",
      to: "2026-05-31",
      asOf: "2026-06-01T00:00:00.000Z",
      windowHours: 72,
      agentCalls: 0,
      deflectionRate: null,
      points: ["web_nudge", "ivr_offer", "sms_link", "in_queue", "post_call"].map((point) => ({
        point,
        offered: 0,
        accepted: 0,
        engaged: 0,
        resolved: 0,
        escalated: 0,
        bounced: 0,
        deflected: 0,
        pending: 0,
      })),
    });
  });

  test("deflection rate = deflected / (deflected + agent calls); pending journeys do not count", () => {
    const deflected = resolvedJourney({ journey: "a", customer: "ca", point: "web_nudge" });
    const pending = [event("offer.shown", "2026-05-20T09:00:00Z", { journey: "b" }), event("chat.resolved", "2026-05-20T09:10:00Z", { journey: "b" })];
    const calls = [call("2026-05-02T00:00:00Z", { customer: "x" }), call("2026-05-03T00:00:00Z", { customer: "x" }), call("2026-05-31T23:59:59Z", { customer: "x" })];
    const options = { from: "2026-05-01", to: "2026-05-31", asOf: "2026-05-21T00:00:00Z" };
    const result = funnel([...deflected, ...pending, ...calls], settings, options);
    expect(result.agentCalls).toBe(3);
    expect(result.deflectionRate).toBe(0.25);
    expect(result.points[0]).toMatchObject({ point: "web_nudge", offered: 2, resolved: 2, deflected: 1, pending: 1, engaged: 1 });
    expect(funnel(calls, settings, options).deflectionRate).toBe(0);
    expect(funnel(deflected, settings, options).deflectionRate).toBe(1);
  });

  test("the callType filter narrows journeys and agent calls; the point filter narrows journeys only", () => {
    const events = [
      ...resolvedJourney({ journey: "a", customer: "ca", point: "web_nudge", callType: "billing" }),
      ...resolvedJourney({ journey: "b", customer: "cb", point: "sms_link", callType: "fraud" }),
      call("2026-05-10T00:00:00Z", { callType: "billing", customer: "x" }),
      call("2026-05-10T00:00:00Z", { callType: "fraud", customer: "x" }),
      call("2026-05-10T00:00:00Z", { callType: "fraud", customer: "x" }),
    ];
    const base = { from: "2026-05-01", to: "2026-05-31", asOf: LATE };
    const byType = funnel(events, settings, { ...base, callType: "fraud" });
    expect(byType.agentCalls).toBe(2);
    expect(byType.points.map((row) => row.deflected)).toEqual([0, 0, 1, 0, 0]);
    expect(byType.deflectionRate).toBeCloseTo(1 / 3, 12);

    const byPoint = funnel(events, settings, { ...base, point: "web_nudge" });
    expect(byPoint.agentCalls).toBe(3);
    expect(byPoint.points.map((row) => row.deflected)).toEqual([1, 0, 0, 0, 0]);
    expect(byPoint.deflectionRate).toBe(0.25);
  });

  test("a journey with no point is in no point row but counts in the deflection rate", () => {
    const events = [event("chat.started", "2026-05-04T09:05:00Z"), event("chat.resolved", "2026-05-04T09:20:00Z")];
    const result = funnel(events, settings, { from: "2026-05-04", to: "2026-05-04", asOf: LATE });
    expect(result.points.every((row) => row.resolved === 0)).toBe(true);
    expect(result.deflectionRate).toBe(1);
  });

  test("refuses malformed periods and unknown time zones", () => {
    const asOf = LATE;
    expect(() => funnel([], settings, { from: "2026-05-02", to: "2026-05-01", asOf })).toThrow(RangeError);
    expect(() => funnel([], settings, { from: "2026-02-30", to: "2026-03-01", asOf })).toThrow(RangeError);
    expect(() => funnel([], settings, { from: "2026-5-1", to: "2026-05-01", asOf })).toThrow(RangeError);
    expect(() => funnel([], { ...settings, timeZone: "Mars/Olympus" }, { from: "2026-05-01", to: "2026-05-01", asOf })).toThrow(RangeError);
    expect(() => roi([], settings, { from: "2026-13", to: "2027-01", asOf })).toThrow(RangeError);
  });
});

describe("timeseries", () => {
  test("weeks start on Monday; the first bucket may start before `from` but only days in [from, to] count", () => {
    expect(bucketOf("2026-05-10", "week")).toBe("2026-05-04"); // a Sunday
    expect(bucketOf("2026-05-11", "week")).toBe("2026-05-11"); // a Monday
    const events = [
      event("offer.shown", "2026-05-05T12:00:00Z", { journey: "tuesday-before-from" }),
      event("offer.shown", "2026-05-06T12:00:00Z", { journey: "wednesday" }),
      event("offer.shown", "2026-05-18T12:00:00Z", { journey: "last-monday" }),
      call("2026-05-10T23:59:59Z"),
    ];
    const series = timeseries(events, settings, { from: "2026-05-06", to: "2026-05-18", interval: "week", asOf: LATE });
    expect(series.buckets.map(({ bucket, offered, agentCalls }) => ({ bucket, offered, agentCalls }))).toEqual([
      { bucket: "2026-05-04", offered: 1, agentCalls: 1 },
      { bucket: "2026-05-11", offered: 0, agentCalls: 0 },
      { bucket: "2026-05-18", offered: 1, agentCalls: 0 },
    ]);
  });

  test("months: every bucket present, on the first of the month", () => {
    const series = timeseries([], settings, { from: "2026-01-31", to: "2026-03-01", interval: "month", asOf: LATE });
    expect(series.buckets.map((bucket) => bucket.bucket)).toEqual(["2026-01-01", "2026-02-01", "2026-03-01"]);
    expect(series.buckets.every((bucket) => bucket.offered === 0 && bucket.agentCalls === 0)).toBe(true);
  });
});

describe("journeysFor", () => {
  test("lists the journeys behind a count, by offeredAt then journey key", () => {
    const events = [
      ...resolvedJourney({ journey: "b", customer: "cb" }),
      ...resolvedJourney({ journey: "a", customer: "ca" }),
      event("offer.shown", "2026-05-04T08:00:00Z", { journey: "early", customer: "ce" }),
      call("2026-05-05T00:00:00Z", { customer: "cb" }),
    ];
    const options = { from: "2026-05-04", to: "2026-05-04", asOf: LATE };
    expect(journeysFor(events, settings, options).map((journey) => journey.journey)).toEqual(["early", "a", "b"]);
    expect(journeysFor(events, settings, { ...options, stage: "bounced" }).map((journey) => journey.journey)).toEqual(["b"]);
    expect(journeysFor(events, settings, { ...options, stage: "deflected" })).toMatchObject([{ journey: "a", bounced: false, deflected: true, pending: false }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Runtime decisions: treatment and holdout journeys

describe("journeys of runtime decisions", () => {
  const decision = (arm: "treatment" | "holdout") => ({ decisionId: "d", offerId: "offer-1", offerVersion: 2, arm });
  /** A held-out customer who then went through a whole deflection anyway: offered by another source, chatted, resolved. */
  const heldOut = (fields: Partial<StoredEvent> = {}) => [
    event("offer.held_out", "2026-05-04T08:55:00Z", { point: "ivr_offer", callType: "billing", attributes: decision("holdout"), ...fields }),
    event("offer.shown", "2026-05-04T09:00:00Z", { point: "ivr_offer", attributes: decision("treatment"), ...fields }),
    event("offer.accepted", "2026-05-04T09:01:00Z", fields),
    event("chat.started", "2026-05-04T09:05:00Z", { callType: "billing", ...fields }),
    event("chat.unresolved", "2026-05-04T09:06:00Z", { callType: "billing", attributes: { utterance: "Held out" }, ...fields }),
    event("chat.escalated", "2026-05-04T09:07:00Z", { callType: "billing", ...fields }),
    event("chat.resolved", "2026-05-04T09:20:00Z", { callType: "billing", ...fields }),
  ];
  const options = { from: "2026-05-01", to: "2026-05-31", asOf: LATE };

  test("arm: holdout with an offer.held_out whatever else, treatment with an offer.shown marked treatment, else null", () => {
    expect(onlyJourney(heldOut()).arm).toBe("holdout");
    expect(onlyJourney(resolvedJourney({ attributes: decision("treatment") })).arm).toBe("treatment");
    expect(onlyJourney(resolvedJourney()).arm).toBeNull();
    expect(onlyJourney([event("offer.shown", "2026-05-04T09:00:00Z", { attributes: { arm: "control" } })]).arm).toBeNull();
    expect(onlyJourney([event("chat.started", "2026-05-04T09:00:00Z", { attributes: decision("treatment") })]).arm).toBeNull();
    // offeredAt and point come from the offer.held_out when the journey has no offer.shown.
    expect(onlyJourney([heldOut()[0], heldOut()[3]])).toMatchObject({ offeredAt: "2026-05-04T08:55:00.000Z", point: "ivr_offer", offered: false });
  });

  test("a held-out journey counts in no stage, with a call back or without", () => {
    expect(stagesWith(heldOut(), [])).toEqual(Object.fromEntries(STAGES.map((stage) => [stage, false])));
    expect(stagesWith(heldOut(), [call("2026-05-04T10:00:00Z")])).toEqual(Object.fromEntries(STAGES.map((stage) => [stage, false])));
    // The same events without the offer.held_out count everywhere.
    expect(stagesWith(heldOut().slice(1), [])).toMatchObject({ offered: true, accepted: true, engaged: true, resolved: true, escalated: true, deflected: true });
  });

  test("held-out journeys are in no funnel, time series, parity or ROI number, but are listed with their arm", () => {
    const events = [
      ...heldOut({ journey: "held", customer: "ch" }),
      ...resolvedJourney({ journey: "shown", customer: "cs", callType: "billing", attributes: decision("treatment") }),
      call("2026-05-04T10:00:00Z", { customer: "ch", callType: "billing" }),
    ];
    const withoutHeldOut = events.filter((stored) => stored.journey !== "held");
    const point = (result: ReturnType<typeof funnel>) => result.points.find((row) => row.point === "web_nudge")!;
    expect(funnel(events, settings, options)).toEqual(funnel(withoutHeldOut, settings, options));
    expect(point(funnel(events, settings, options))).toMatchObject({ offered: 1, resolved: 1, deflected: 1 });
    expect(funnel(events, settings, options).agentCalls).toBe(1);
    expect(timeseries(events, settings, { ...options, interval: "week" })).toEqual(timeseries(withoutHeldOut, settings, { ...options, interval: "week" }));
    const [billing] = parity(events, settings, options).callTypes;
    expect(billing).toMatchObject({ callType: "billing", phoneCalls: 1, engaged: 1, resolved: 1, escalated: 0, topUnresolved: [] });
    const months = { from: "2026-05", to: "2026-05", asOf: LATE };
    expect(roi(events, settings, months)).toEqual(roi(withoutHeldOut, settings, months));

    expect(journeysFor(events, settings, options).map((journey) => [journey.journey, journey.arm])).toEqual([
      ["held", "holdout"],
      ["shown", "treatment"],
    ]);
    expect(journeysFor(events, settings, { ...options, arm: "holdout" })).toMatchObject([
      { journey: "held", engagedAt: "2026-05-04T09:05:00.000Z", offered: false, engaged: false, resolved: false, bounced: false, deflected: false },
    ]);
    expect(journeysFor(events, settings, { ...options, arm: "treatment" }).map((journey) => journey.journey)).toEqual(["shown"]);
    for (const stage of STAGES) expect(journeysFor(events, settings, { ...options, stage }).some((journey) => journey.journey === "held")).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Parity

describe("parity", () => {
  const period = { from: "2026-05-01", to: "2026-05-31" };
  const parityWith = (events: StoredEvent[], overrides: Partial<MetricSettings> = {}, names?: Record<string, string>) =>
    parity(events, { ...settings, ...overrides }, { ...period, names });
  let journeyNumber = 0;
  /** A journey of `callType` offered on 2026-05-10; `outcome` decides how its chat ends. */
  function chat(callType: string, outcome: "resolved" | "unresolved" | "none", utterances: unknown[] = [], day = "2026-05-10") {
    journeyNumber += 1;
    const fields = { journey: `p${journeyNumber}`, customer: `pc${journeyNumber}` };
    return [
      event("chat.started", `${day}T09:00:00Z`, { ...fields, callType }),
      ...utterances.map((utterance) => event("chat.unresolved", `${day}T09:01:00Z`, { ...fields, attributes: { utterance } })),
      ...(outcome === "resolved" ? [event("chat.resolved", `${day}T09:02:00Z`, fields)] : []),
    ];
  }
  const calls = (callType: string, count: number, day = "2026-05-12") =>
    Array.from({ length: count }, () => call(`${day}T10:00:00Z`, { callType, customer: "caller" }));

  test("rows, statuses, rates and opportunity; ranked by opportunity, then phone calls, then call type", () => {
    const events = [
      // billing: 10 calls, 1 of 4 resolved → below target, 10 × (0.7 − 0.25) × (6.5 − 0.5) = 27
      ...calls("billing", 10),
      ...chat("billing", "resolved"),
      ...chat("billing", "none"),
      ...chat("billing", "none"),
      ...chat("billing", "none"),
      // returns: 45 calls, 3 of 5 resolved → 45 × 0.1 × 6 = 27, ties billing and has more calls
      ...calls("returns", 45),
      ...[1, 2, 3].flatMap(() => chat("returns", "resolved")),
      ...[1, 2].flatMap(() => chat("returns", "none")),
      // fraud: 3 calls, never engaged → uncovered, 3 × 0.7 × (10.5 − 0.5) = 21
      ...calls("fraud", 3),
      // card_arrival and account: at parity, equal calls, ordered by slug
      ...calls("card_arrival", 2),
      ...chat("card_arrival", "resolved"),
      ...calls("account", 2),
      ...chat("account", "resolved"),
      // constructor: no calls, one engaged journey → a row; its name falls back to the slug
      ...chat("constructor", "resolved"),
      // lost: neither phone calls nor an engaged journey in the period → no row
      event("offer.shown", "2026-05-10T09:00:00Z", { journey: "lost", callType: "lost" }),
      ...chat("lost", "none", [], "2026-06-01"),
      ...calls("lost", 1, "2026-04-30"),
    ];
    const result = parityWith(events, { phoneCostByCallType: { fraud: 10.5 } }, { billing: "Billing" });
    expect(result.callTypes.map(({ callType, opportunity, phoneCalls, status }) => [callType, opportunity, phoneCalls, status])).toEqual([
      ["returns", 27, 45, "below_target"],
      ["billing", 27, 10, "below_target"],
      ["fraud", 21, 3, "uncovered"],
      ["account", 0, 2, "at_parity"],
      ["card_arrival", 0, 2, "at_parity"],
      ["constructor", 0, 0, "at_parity"],
    ]);
    expect(result.callTypes[1]).toMatchObject({ name: "Billing", engaged: 4, resolved: 1, resolutionRate: 0.25 });
    expect(result.callTypes[2]).toMatchObject({ name: "fraud", engaged: 0, resolutionRate: null });
    expect(result.callTypes[5].name).toBe("constructor");
  });

  test("a rate exactly at target is at parity; opportunity is rounded to cents", () => {
    const events = [...calls("billing", 1), ...[1, 2, 3, 4, 5, 6, 7].flatMap(() => chat("billing", "resolved")), ...[1, 2, 3].flatMap(() => chat("billing", "none"))];
    expect(parityWith(events).callTypes[0]).toMatchObject({ status: "at_parity", resolutionRate: 0.7, opportunity: 0 });

    // 1 call × (0.7 − 1/3) × 6 = 2.2 exactly; 7 calls × (0.7 − 2/3) × 6 = 1.4
    const third = [...calls("fraud", 1), ...chat("fraud", "resolved"), ...chat("fraud", "none"), ...chat("fraud", "none")];
    expect(parityWith(third).callTypes[0].opportunity).toBe(2.2);
    const twoThirds = [...calls("fraud", 7), ...chat("fraud", "resolved"), ...chat("fraud", "resolved"), ...chat("fraud", "none")];
    expect(parityWith(twoThirds).callTypes[0]).toMatchObject({ status: "below_target", opportunity: 1.4 });
  });

  test("bounced and escalated are counted per call type", () => {
    const events = [
      ...resolvedJourney({ journey: "x", customer: "cx", callType: "billing" }),
      event("chat.escalated", "2026-05-04T09:21:00Z", { journey: "x", customer: "cx" }),
      call("2026-05-04T12:00:00Z", { customer: "cx", callType: "fraud" }),
    ];
    const rows = parityWith(events).callTypes;
    expect(rows.find((row) => row.callType === "billing")).toMatchObject({ engaged: 1, resolved: 1, escalated: 1, bounced: 1, phoneCalls: 0 });
    expect(rows.find((row) => row.callType === "fraud")).toMatchObject({ engaged: 0, phoneCalls: 1, bounced: 0 });
  });

  test("topUnresolved: 5 most frequent utterances, trimmed and lower-cased, ties in text order, non-text skipped", () => {
    const events = [
      ...chat("billing", "none", ["  Refund please ", "REFUND PLEASE", "where is my card", "Where is my card ", "agent"]),
      ...chat("billing", "none", ["b", "B ", "a", "c", 42, "", "   ", null, { text: "x" }]),
      event("chat.unresolved", "2026-05-10T09:03:00Z", { journey: `p${journeyNumber}`, attributes: null }),
      // other call type, and a billing journey outside the period: not counted
      ...chat("fraud", "none", ["zzz", "zzz", "zzz"]),
      ...chat("billing", "none", ["zzz", "zzz", "zzz"], "2026-06-02"),
    ];
    const billing = parityWith(events).callTypes.find((row) => row.callType === "billing")!;
    expect(billing.topUnresolved).toEqual([
      { text: "b", count: 2 },
      { text: "refund please", count: 2 },
      { text: "where is my card", count: 2 },
      { text: "a", count: 1 },
      { text: "agent", count: 1 },
    ]);
  });

  test("trimming removes any Unicode white space (String.prototype.trim), not only spaces", () => {
    const events = chat("billing", "none", ["\tAgent\n", "agent\u00a0", "\u3000AGENT", "Überweisung", "ÜBERWEISUNG"]);
    expect(parityWith(events).callTypes[0].topUnresolved).toEqual([
      { text: "agent", count: 3 },
      { text: "überweisung", count: 2 },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// ROI

describe("roi", () => {
  test("every month present; savings = Σ (phoneCost(callType) − digitalCost) over deflected journeys", () => {
    const events = [
      ...resolvedJourney({ journey: "fraud-jan", customer: "a", callType: "fraud" }).map((e) => ({ ...e, occurredAt: e.occurredAt.replace("2026-05-04", "2026-01-04") })),
      ...resolvedJourney({ journey: "none-jan", customer: "b" }).map((e) => ({ ...e, occurredAt: e.occurredAt.replace("2026-05-04", "2026-01-05") })),
      call("2026-01-20T00:00:00Z", { customer: "x" }),
      ...resolvedJourney({ journey: "pending-mar", customer: "c" }).map((e) => ({ ...e, occurredAt: e.occurredAt.replace("2026-05-04", "2026-03-30") })),
      call("2026-03-02T00:00:00Z", { customer: "x" }),
      call("2026-03-03T00:00:00Z", { customer: "x" }),
      call("2026-04-01T00:00:00Z", { customer: "x" }),
    ];
    const result = roi(events, { ...settings, phoneCostByCallType: { fraud: 10.5 } }, { from: "2026-01", to: "2026-03", asOf: "2026-04-01T00:00:00Z" });
    expect(result).toEqual({
      currency: "USD",
      months: [
        { month: "2026-01", deflected: 2, agentCalls: 1, deflectionRate: 2 / 3, savings: 16 },
        { month: "2026-02", deflected: 0, agentCalls: 0, deflectionRate: null, savings: 0 },
        { month: "2026-03", deflected: 0, agentCalls: 2, deflectionRate: 0, savings: 0 },
      ],
      total: { deflected: 2, savings: 16 },
    });
  });

  test("months are local months; money is rounded once per sum", () => {
    const newYork = { ...settings, timeZone: "America/New_York", phoneCost: 1.005, digitalCost: 0 };
    // Each journey saves 1.005: each month rounds to 1.01, the total 3.015 rounds to 3.02 (not 3.03).
    const events = ["2026-01-10", "2026-02-10", "2026-04-01"].flatMap((day, index) =>
      resolvedJourney({ journey: `j${index}`, customer: `c${index}` }).map((e) => ({ ...e, occurredAt: e.occurredAt.replace("2026-05-04T09", `${day}T03`) })),
    );
    // 2026-04-01T03:00Z is 2026-03-31 in New York.
    const result = roi(events, newYork, { from: "2026-01", to: "2026-03", asOf: LATE });
    expect(result.months.map((month) => month.savings)).toEqual([1.01, 1.01, 1.01]);
    expect(result.total).toEqual({ deflected: 3, savings: 3.02 });
  });

  test("phoneCost override lookups only see the overrides' own keys", () => {
    expect(phoneCostOf(settings, "constructor")).toBe(6.5);
    expect(phoneCostOf({ phoneCost: 6.5, phoneCostByCallType: { billing: 8 } }, "billing")).toBe(8);
    expect(phoneCostOf({ phoneCost: 6.5, phoneCostByCallType: { billing: 8 } }, null)).toBe(6.5);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random logs

/** Every metric over a scenario, with the options it names. */
function everyMetric(events: StoredEvent[], scenario: MetricScenario) {
  const { settings: workspace, from, to, asOf } = scenario;
  return {
    journeys: buildJourneys(events),
    funnel: funnel(events, workspace, { from, to, asOf }),
    funnelOfPoint: funnel(events, workspace, { from, to, asOf, point: "ivr_offer" }),
    funnelOfCallType: funnel(events, workspace, { from, to, asOf, callType: "billing" }),
    days: timeseries(events, workspace, { from, to, asOf, interval: "day" }),
    weeks: timeseries(events, workspace, { from, to, asOf, interval: "week" }),
    months: timeseries(events, workspace, { from, to, asOf, interval: "month" }),
    parity: parity(events, workspace, { from, to }),
    roi: roi(events, workspace, { from: scenario.fromMonth, to: scenario.toMonth, asOf }),
    journeysFor: journeysFor(events, workspace, { from, to, asOf }),
  };
}

describe("properties", { timeout: 60_000 }, () => {
  test("arrival order does not change any result", () => {
    fc.assert(
      fc.property(
        metricScenarioArb().chain((scenario) => fc.tuple(fc.constant(scenario), shuffle(scenario.events))),
        ([scenario, arrivals]) => {
          expect(everyMetric(arrivals, scenario)).toEqual(everyMetric(scenario.events, scenario));
        },
      ),
      { numRuns: 200 },
    );
  });

  test("re-sent events, deduplicated by id (first seen wins), do not change any result", () => {
    fc.assert(
      fc.property(
        metricScenarioArb().chain((scenario) =>
          shuffle(scenario.events).chain((shuffled) => fc.tuple(fc.constant(scenario), fc.constant(shuffled), withDuplicates(shuffled))),
        ),
        ([scenario, shuffled, arrivals]) => {
          expect(dedupeById(arrivals)).toEqual(shuffled);
          expect(everyMetric(dedupeById(arrivals), scenario)).toEqual(everyMetric(scenario.events, scenario));
        },
      ),
      { numRuns: 200 },
    );
  });

  test("batches of re-sent events, stored batch by batch, give the same results", () => {
    fc.assert(
      fc.property(
        metricScenarioArb().chain((scenario) =>
          withDuplicates(scenario.events).chain((arrivals) => fc.tuple(fc.constant(scenario), fc.constant(arrivals), splitIntoBatches(arrivals, 7))),
        ),
        ([scenario, arrivals, batches]) => {
          expect(batches.flat()).toEqual(arrivals);
          expect(batches.every((batch) => batch.length >= 1 && batch.length <= 7)).toBe(true);
          let stored: StoredEvent[] = [];
          for (const batch of batches) stored = dedupeById([...stored, ...batch]);
          expect(everyMetric(stored, scenario)).toEqual(everyMetric(scenario.events, scenario));
        },
      ),
      { numRuns: 100 },
    );
  });

  test("the metrics agree with each other", () => {
    fc.assert(
      fc.property(metricScenarioArb(), (scenario) => {
        const { settings: workspace, from, to, asOf, events } = scenario;
        const journeys = journeysFor(events, workspace, { from, to, asOf });
        const result = funnel(events, workspace, { from, to, asOf });
        for (const journey of journeys) {
          expect(journey.bounced).toBe(journey.bounced && journey.engaged);
          expect(journey.deflected && journey.pending).toBe(false);
          expect(journey.deflected || journey.pending).toBe(journey.resolved && !journey.bounced);
        }
        for (const row of result.points) {
          const ofPoint = journeys.filter((journey) => journey.point === row.point);
          expect(row.offered).toBe(ofPoint.filter((journey) => journey.offered).length);
          expect(row.bounced).toBe(ofPoint.filter((journey) => journey.bounced).length);
          expect(row.deflected).toBe(ofPoint.filter((journey) => journey.deflected).length);
        }
        const days = timeseries(events, workspace, { from, to, asOf, interval: "day" });
        const weeks = timeseries(events, workspace, { from, to, asOf, interval: "week" });
        for (const series of [days, weeks]) {
          const sum = (key: "agentCalls" | "deflected" | "engaged") => series.buckets.reduce((total, bucket) => total + bucket[key], 0);
          expect(sum("agentCalls")).toBe(result.agentCalls);
          expect(sum("deflected")).toBe(journeys.filter((journey) => journey.deflected).length);
          expect(sum("engaged")).toBe(journeys.filter((journey) => journey.engaged).length);
        }
        const rows = parity(events, workspace, { from, to }).callTypes;
        for (const row of rows) {
          const ofType = journeys.filter((journey) => journey.callType === row.callType);
          expect(row.engaged).toBe(ofType.filter((journey) => journey.engaged).length);
          expect(row.bounced).toBe(ofType.filter((journey) => journey.bounced).length);
          expect(row.phoneCalls).toBe(funnel(events, workspace, { from, to, asOf, callType: row.callType }).agentCalls);
        }
        const yearly = roi(events, workspace, { from: scenario.fromMonth, to: scenario.toMonth, asOf });
        expect(yearly.total.deflected).toBe(yearly.months.reduce((total, month) => total + month.deflected, 0));
      }),
      { numRuns: 150 },
    );
  });

  test("asOf only moves journeys from pending to deflected", () => {
    fc.assert(
      fc.property(metricScenarioArb(), fc.integer({ min: 0, max: 10 * 24 }), (scenario, hoursLater) => {
        const { settings: workspace, from, to, events } = scenario;
        const later = new Date(Date.parse(scenario.asOf) + hoursLater * 3_600_000).toISOString();
        const before = funnel(events, workspace, { from, to, asOf: scenario.asOf }).points;
        const after = funnel(events, workspace, { from, to, asOf: later }).points;
        before.forEach((row, index) => {
          expect(after[index].bounced).toBe(row.bounced);
          expect(after[index].deflected + after[index].pending).toBe(row.deflected + row.pending);
          expect(after[index].deflected).toBeGreaterThanOrEqual(row.deflected);
        });
      }),
    );
  });

  test("inputs are valid events, and stored events are the inputs in UTC: same instant, ms precision, no journey on calls", () => {
    const schema = eventSchema(() => Date.parse("2030-01-01T00:00:00Z"));
    fc.assert(
      fc.property(metricScenarioArb(), ({ inputs, events }) => {
        for (const input of inputs) expect(schema.safeParse(input).error).toBeUndefined();
        events.forEach((stored, index) => {
          expect(stored.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          expect(Date.parse(stored.occurredAt)).toBe(Date.parse(inputs[index].occurredAt));
          if (stored.type.startsWith("call.")) expect(stored.journey).toBeNull();
          else expect(stored.journey).toBe(inputs[index].journey);
        });
        expect(new Set(events.map((stored) => stored.id)).size).toBe(events.length);
      }),
    );
  });

  test("the scenarios do reach the cases they are meant to stress", () => {
    const seen = new Map<string, number>();
    const note = (feature: string, present: boolean) => {
      if (present) seen.set(feature, (seen.get(feature) ?? 0) + 1);
    };
    for (const scenario of fc.sample(metricScenarioArb(), { numRuns: 400, seed: 20260308 })) {
      const { events, inputs, settings: workspace } = scenario;
      const journeys = journeysFor(events, workspace, { from: "2000-01-01", to: "2100-01-01", asOf: scenario.asOf });
      const calls = events.filter((stored) => stored.type === "call.received");
      const windowMs = workspace.windowHours * 3_600_000;
      const callsAtWindowEnd = (journey: (typeof journeys)[number], delta: number) =>
        calls.some((stored) => stored.customer === journey.customer && Date.parse(stored.occurredAt) === Date.parse(journey.endAt) + windowMs + delta);
      note("bounced", journeys.some((journey) => journey.bounced));
      note("deflected", journeys.some((journey) => journey.deflected));
      note("pending", journeys.some((journey) => journey.pending));
      note("call exactly at endAt + W", journeys.some((journey) => journey.engaged && callsAtWindowEnd(journey, 0)));
      note("call 1 s before endAt + W", journeys.some((journey) => journey.engaged && callsAtWindowEnd(journey, -1000)));
      note("call 1 s before engagedAt", journeys.some((journey) => journey.engagedAt !== null && calls.some((stored) => stored.customer === journey.customer && Date.parse(stored.occurredAt) === Date.parse(journey.engagedAt!) - 1000)));
      note("journey without offer.shown", journeys.some((journey) => !journey.offered));
      note("customers shared by journeys", new Set(journeys.map((journey) => journey.customer)).size < journeys.length);
      note("same timestamp within a journey", events.some((a) => events.some((b) => a !== b && a.journey !== null && a.journey === b.journey && a.occurredAt === b.occurredAt)));
      note("event at local midnight", events.some((stored) => new Date(stored.occurredAt).toLocaleTimeString("en-GB", { timeZone: workspace.timeZone }) === "00:00:00"));
      note("New York DST day", workspace.timeZone === "America/New_York" && events.some((stored) => ["2026-03-08", "2026-11-01"].includes(localDay(stored.occurredAt, workspace.timeZone))));
      note("London DST day", workspace.timeZone === "Europe/London" && events.some((stored) => ["2026-03-29", "2026-10-25"].includes(localDay(stored.occurredAt, workspace.timeZone))));
      note("+05:30 offset", inputs.some((input) => input.occurredAt.endsWith("+05:30")));
      note("-08:00 offset", inputs.some((input) => input.occurredAt.endsWith("-08:00")));
      note("journey on a call input", inputs.some((input) => input.type.startsWith("call.") && input.journey !== undefined));
      note("treatment journey", journeys.some((journey) => journey.arm === "treatment"));
      note("held-out journey with a chat", journeys.some((journey) => journey.arm === "holdout" && journey.engagedAt !== null));
      note("held-out journey resolved, its customer calling back", journeys.some((journey) => journey.arm === "holdout" && journey.resolvedAt !== null && calls.some((stored) => stored.customer === journey.customer)));
    }
    expect([...seen.keys()].sort()).toEqual(
      [
        "bounced",
        "deflected",
        "pending",
        "call exactly at endAt + W",
        "call 1 s before endAt + W",
        "call 1 s before engagedAt",
        "journey without offer.shown",
        "customers shared by journeys",
        "same timestamp within a journey",
        "event at local midnight",
        "New York DST day",
        "London DST day",
        "+05:30 offset",
        "-08:00 offset",
        "journey on a call input",
        "treatment journey",
        "held-out journey with a chat",
        "held-out journey resolved, its customer calling back",
      ].sort(),
    );
  });
});
