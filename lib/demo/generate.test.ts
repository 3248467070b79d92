import { mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { CALL_TYPE_SLUG, INTERVENTION_POINTS, type InterventionPoint } from "@/lib/domain";
import { eventSchema, type EventInput } from "@/lib/events/schema";
import { defaultBanking77Dir, loadBanking77 } from "@/lib/demo/banking77";
import { BOT_RESOLUTION_RANGES, DEMO_CALL_TYPES, DEMO_CALL_TYPES_BY_SLUG, DEMO_IVR_OFFER_CALL_TYPES } from "@/lib/demo/call-types";
import { DEMO_DEFAULTS, demoPeriod, demoRuntime, generateDemoEvents, type DemoOptions } from "@/lib/demo/generate";
import { newcombeDifference, requiredSamplePerArm } from "@/lib/metrics/incrementality";
import { assignmentBucket, isHeldOut } from "@/lib/runtime/decide";

function generateAll(options: DemoOptions): EventInput[] {
  return [...generateDemoEvents(options)].flat();
}

function localDay(event: EventInput): string {
  return event.occurredAt.slice(0, 10);
}

const HOUR_MS = 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Per offer, what the incrementality report of DESIGN.md reads, with its own formulas: each
 * customer's first decision from `from` whose window ended by `endsAt`, by arm, and whether the
 * customer then reached an agent within the window; `lift` is p(holdout) − p(treatment) with its
 * Newcombe interval, `enough` whether both arms reach the sample size for a 2-point difference.
 */
function armsByOffer(events: EventInput[], from: number, endsAt: number, windowHours = 72) {
  const windowMs = windowHours * HOUR_MS;
  const calls = new Map<string, number[]>();
  for (const event of events) {
    if (event.type === "call.received") calls.set(event.customer, [...(calls.get(event.customer) ?? []), Date.parse(event.occurredAt)]);
  }
  const decisions = events
    .filter((event) => event.type === "offer.shown" || event.type === "offer.held_out")
    .filter((event) => typeof event.attributes?.offerId === "string")
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const offers = new Map<string, { seen: Set<string>; treatment: { n: number; called: number }; holdout: { n: number; called: number } }>();
  for (const decision of decisions) {
    const at = Date.parse(decision.occurredAt);
    if (at < from || at + windowMs > endsAt) continue;
    const offerId = decision.attributes!.offerId as string;
    const offer = offers.get(offerId) ?? { seen: new Set(), treatment: { n: 0, called: 0 }, holdout: { n: 0, called: 0 } };
    offers.set(offerId, offer);
    if (offer.seen.has(decision.customer)) continue;
    offer.seen.add(decision.customer);
    const arm = decision.type === "offer.held_out" ? offer.holdout : offer.treatment;
    arm.n++;
    if ((calls.get(decision.customer) ?? []).some((t) => at <= t && t < at + windowMs)) arm.called++;
  }
  return new Map(
    [...offers].map(([offerId, { treatment, holdout }]) => {
      const required = requiredSamplePerArm((treatment.called + holdout.called) / (treatment.n + holdout.n));
      const lift = newcombeDifference(holdout.called, holdout.n, treatment.called, treatment.n)!;
      return [offerId, { nT: treatment.n, nH: holdout.n, lift, required, enough: Math.min(treatment.n, holdout.n) >= required }];
    }),
  );
}

/** Journeys of each point that have an event of `type`, keyed by the point of their offer.shown. */
function journeysByPoint(events: EventInput[], type: EventInput["type"]): Map<InterventionPoint, Set<string>> {
  const pointOf = new Map<string, InterventionPoint>();
  for (const event of events) if (event.type === "offer.shown") pointOf.set(event.journey!, event.point!);
  const result = new Map<InterventionPoint, Set<string>>(INTERVENTION_POINTS.map((point) => [point, new Set<string>()]));
  for (const event of events) {
    const point = event.journey === undefined ? undefined : pointOf.get(event.journey);
    if (event.type === type && point) result.get(point)!.add(event.journey!);
  }
  return result;
}

describe("demo call types", () => {
  it("are the 77 banking77 intents as valid, unique slugs with readable names", () => {
    const { slugs, utterancesBySlug } = loadBanking77();
    expect(DEMO_CALL_TYPES).toHaveLength(77);
    expect(DEMO_CALL_TYPES.map((callType) => callType.slug)).toEqual(slugs);
    expect(new Set(slugs).size).toBe(77);
    for (const slug of slugs) expect(slug).toMatch(CALL_TYPE_SLUG);
    expect(DEMO_CALL_TYPES_BY_SLUG.get("refund_not_showing_up")?.banking77Category).toBe("Refund_not_showing_up");
    expect(DEMO_CALL_TYPES_BY_SLUG.get("reverted_card_payment")?.banking77Category).toBe("reverted_card_payment?");
    expect(DEMO_CALL_TYPES_BY_SLUG.get("atm_support")?.name).toBe("ATM support");
    expect(DEMO_CALL_TYPES_BY_SLUG.get("apple_pay_or_google_pay")?.name).toBe("Apple Pay or Google Pay");
    expect(DEMO_CALL_TYPES_BY_SLUG.get("get_physical_card")?.name).toBe("Get physical card");
    const utteranceCount = [...utterancesBySlug.values()].reduce((sum, utterances) => sum + utterances.length, 0);
    expect(utteranceCount).toBeGreaterThan(13_000);
  });

  it("have demand weights, strengths within their ranges, about five absent, and a few phone cost overrides", () => {
    for (const callType of DEMO_CALL_TYPES) {
      expect(callType.weight).toBeGreaterThan(0);
      const [low, high] = BOT_RESOLUTION_RANGES[callType.strength];
      expect(callType.resolutionRate).toBeGreaterThanOrEqual(low);
      expect(callType.resolutionRate).toBeLessThanOrEqual(high);
    }
    const absent = DEMO_CALL_TYPES.filter((callType) => callType.strength === "absent").map((callType) => callType.slug);
    expect(absent).toHaveLength(5);
    expect(absent).toContain("compromised_card");
    const withOverride = DEMO_CALL_TYPES.filter((callType) => callType.phoneCost !== null);
    expect(withOverride.length).toBeGreaterThanOrEqual(3);
    expect(DEMO_CALL_TYPES_BY_SLUG.get("card_arrival")!.weight).toBeGreaterThan(10 * DEMO_CALL_TYPES_BY_SLUG.get("age_limit")!.weight);
    for (const slug of DEMO_IVR_OFFER_CALL_TYPES) expect(DEMO_CALL_TYPES_BY_SLUG.get(slug)?.strength).toMatch(/^(strong|medium)$/);
  });

  it("refuses a data folder whose categories do not match", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "banking77-"));
    writeFileSync(path.join(dir, "categories.json"), JSON.stringify(["card_arrival"]));
    copyFileSync(path.join(defaultBanking77Dir(), "train.csv"), path.join(dir, "train.csv"));
    expect(() => loadBanking77(dir)).toThrow(/does not match/);
    expect(() => generateAll({ endDate: "2026-06-30", days: 1, dataDir: dir })).toThrow(/does not match/);
  });
});

describe("generateDemoEvents", () => {
  // Eight weeks at 40%: the IVR offer launches after four weeks, enough volume for every point.
  const options: DemoOptions = { seed: 11, endDate: "2026-06-30", days: 56, scale: 0.4 };
  const period = demoPeriod(options);
  const endsAt = Date.parse(period.endsAt);
  let batches: EventInput[][];
  let events: EventInput[];

  beforeAll(() => {
    batches = [...generateDemoEvents(options)];
    events = batches.flat();
  });

  it("describes its period", () => {
    expect(period).toEqual({
      from: "2026-05-06",
      to: "2026-06-30",
      ivrLaunchDate: "2026-06-03",
      endsAt: "2026-07-01T04:00:00.000Z",
      timeZone: "America/New_York",
      days: 56,
    });
    expect(DEMO_DEFAULTS).toEqual({ seed: 77, days: 180, scale: 1, timeZone: "America/New_York" });
  });

  it("is deterministic: the same options give identical events, another seed different ones", () => {
    const small: DemoOptions = { seed: 5, endDate: "2026-03-10", days: 10, scale: 0.2 };
    const first = JSON.stringify([...generateDemoEvents(small)]);
    expect(JSON.stringify([...generateDemoEvents(small)])).toBe(first);
    expect(JSON.stringify([...generateDemoEvents({ ...small, seed: 6 })])).not.toBe(first);
  });

  it("yields full batches of at most 5,000 events, day by day", () => {
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches.slice(0, -1)) expect(batch).toHaveLength(5_000);
    expect(batches.at(-1)!.length).toBeLessThanOrEqual(5_000);
    const small = [...generateDemoEvents({ endDate: "2026-06-30", days: 3, scale: 0.2, batchSize: 100 })];
    expect(small.slice(0, -1).every((batch) => batch.length === 100)).toBe(true);
    const firstDays = events.slice(0, 200).map(localDay);
    expect(firstDays.every((day) => day === period.from)).toBe(true);
  });

  it("makes events that pass the event schema with a clock at the end of endDate", () => {
    const schema = eventSchema(() => endsAt);
    for (const event of events) {
      const result = schema.safeParse(event);
      if (!result.success) throw new Error(`${JSON.stringify(event)}: ${result.error.message}`);
    }
  });

  it("gives every event a unique id, and never an event after the end of endDate", () => {
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const latest = Math.max(...events.map((event) => Date.parse(event.occurredAt)));
    expect(latest).toBeLessThan(endsAt);
    expect(latest).toBeGreaterThan(endsAt - 6 * 60 * 60 * 1000);
    expect(events.every((event) => Date.parse(event.occurredAt) >= Date.parse("2026-05-06T04:00:00Z"))).toBe(true);
  });

  it("formats occurredAt in the workspace time zone, across a DST change and in other zones", () => {
    const check = (sample: EventInput[], timeZone: string) => {
      for (const event of sample) {
        const local = format(new TZDate(Date.parse(event.occurredAt), timeZone), "yyyy-MM-dd'T'HH:mm:ssxxx");
        expect(event.occurredAt).toBe(local);
      }
    };
    const march = generateAll({ endDate: "2026-03-09", days: 3, scale: 0.2 });
    expect(new Set(march.map((event) => event.occurredAt.slice(19)))).toEqual(new Set(["-05:00", "-04:00"]));
    check(march, "America/New_York");
    const kolkata = generateAll({ endDate: "2026-03-09", days: 2, scale: 0.1, timeZone: "Asia/Kolkata" });
    expect(kolkata.every((event) => event.occurredAt.endsWith("+05:30"))).toBe(true);
    check(kolkata, "Asia/Kolkata");
    expect(demoPeriod({ endDate: "2026-03-09", days: 2, timeZone: "Asia/Kolkata" }).endsAt).toBe("2026-03-09T18:30:00.000Z");
  });

  it("has calls with a call type, queue, wait and handle time, and opaque customers, some recurring across days", () => {
    const calls = events.filter((event) => event.type === "call.received");
    for (const call of calls) {
      expect(DEMO_CALL_TYPES_BY_SLUG.has(call.callType!)).toBe(true);
      expect(call.channel).toBe("voice");
      expect(call.attributes).toMatchObject({ queue: expect.any(String), waitSeconds: expect.any(Number), handleSeconds: expect.any(Number) });
    }
    expect(events.some((event) => event.type === "call.abandoned")).toBe(true);
    for (const event of events) expect(event.customer).toMatch(/^cust_[0-9a-f]{16}$/);
    const daysByCustomer = new Map<string, Set<string>>();
    for (const event of events) {
      const days = daysByCustomer.get(event.customer) ?? new Set<string>();
      days.add(localDay(event));
      daysByCustomer.set(event.customer, days);
    }
    const recurring = [...daysByCustomer.values()].filter((days) => days.size > 1).length;
    expect(recurring / daysByCustomer.size).toBeGreaterThan(0.05);
  });

  it("has weekly seasonality: weekends are well below weekdays, Monday is the peak", () => {
    const callsByWeekday = Array.from({ length: 7 }, () => ({ calls: 0, days: new Set<string>() }));
    for (const event of events) {
      if (event.type !== "call.received") continue;
      const day = localDay(event);
      const bucket = callsByWeekday[new Date(`${day}T12:00:00Z`).getUTCDay()];
      bucket.calls += 1;
      bucket.days.add(day);
    }
    const average = callsByWeekday.map((bucket) => bucket.calls / bucket.days.size);
    const weekday = (average[1] + average[2] + average[3] + average[4] + average[5]) / 5;
    expect((average[0] + average[6]) / 2 / weekday).toBeLessThan(0.55);
    expect(Math.max(...average)).toBe(average[1]);
    expect(weekday / options.scale!).toBeGreaterThan(380);
    expect(weekday / options.scale!).toBeLessThan(520);
  });

  it("reaches all five points, with different acceptance rates", () => {
    const offered = journeysByPoint(events, "offer.shown");
    const accepted = journeysByPoint(events, "offer.accepted");
    const engaged = journeysByPoint(events, "chat.started");
    const rate = new Map(INTERVENTION_POINTS.map((point) => [point, accepted.get(point)!.size / offered.get(point)!.size]));
    for (const point of INTERVENTION_POINTS) {
      expect(offered.get(point)!.size).toBeGreaterThan(200);
      expect(engaged.get(point)!.size).toBeGreaterThan(10);
    }
    const sorted = [...rate.values()].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThan(0.01);
    expect(rate.get("ivr_offer")).toBeCloseTo(0.3, 1);
    expect(Math.min(...rate.values())).toBe(rate.get("post_call"));
    expect(offered.get("web_nudge")!.size).toBe(Math.max(...[...offered.values()].map((journeys) => journeys.size)));
  });

  it("launches the IVR offer halfway, and the agent calls of its call types fall", () => {
    const ivrDays = events.filter((event) => event.type === "offer.shown" && event.point === "ivr_offer").map(localDay);
    expect(ivrDays.length).toBeGreaterThan(0);
    expect(ivrDays.every((day) => day >= period.ivrLaunchDate)).toBe(true);
    expect(ivrDays).toContain(period.ivrLaunchDate);

    const targeted = new Set(DEMO_IVR_OFFER_CALL_TYPES);
    let before = 0;
    let after = 0;
    for (const event of events) {
      if (event.type !== "call.received" || !targeted.has(event.callType!)) continue;
      if (localDay(event) < period.ivrLaunchDate) before++;
      else if (localDay(event) <= period.to) after++;
    }
    // Both halves are four whole weeks; the offer takes out a few percent of these calls despite
    // the drift: half of its callers are held out and call as before.
    expect(after / before).toBeLessThan(0.97);
  });

  it("makes its IVR, in-queue and post-call decisions with the runtime's decide: its conditions, its hashing, its events", () => {
    const runtime = demoRuntime();
    const offerOf = new Map(runtime.offers.map((offer) => [offer.id, offer]));
    const decisions = events.filter((event) => event.type === "offer.held_out" || (event.type === "offer.shown" && event.point !== "web_nudge" && event.point !== "sms_link"));
    const offered = events.filter((event) => event.type === "offer.shown");
    expect(decisions.length).toBeGreaterThan(1000);
    for (const decision of decisions) {
      const offer = offerOf.get(decision.attributes?.offerId as string)!;
      const arm = decision.type === "offer.held_out" ? "holdout" : "treatment";
      expect(decision).toMatchObject({ id: decision.journey, point: offer.point, attributes: { decisionId: decision.id, offerVersion: 1, arm } });
      expect(decision.id).toMatch(UUID);
      // The arm is the customer's SHA-256 bucket for the workspace and offer: sticky, as live.
      expect(isHeldOut(assignmentBucket(runtime.workspaceId, offer.id, decision.customer), offer.holdoutPercent)).toBe(arm === "holdout");
      if (offer.conditions.callTypes) expect(offer.conditions.callTypes).toContain(decision.callType);
    }
    // The points the runtime decides are offered only through it.
    for (const event of offered) {
      if (event.point === "ivr_offer" || event.point === "in_queue" || event.point === "post_call") expect(event.attributes?.arm).toBe("treatment");
    }
    const customersByArm = (arm: string) => new Set(decisions.filter((decision) => decision.attributes?.arm === arm).map((decision) => `${decision.attributes?.offerId}|${decision.customer}`));
    const treated = customersByArm("treatment");
    for (const key of customersByArm("holdout")) expect(treated.has(key)).toBe(false);
    // The held-out share of each offer is its holdout percent, within sampling error.
    for (const offer of runtime.offers) {
      const ofOffer = decisions.filter((decision) => decision.attributes?.offerId === offer.id);
      const share = ofOffer.filter((decision) => decision.type === "offer.held_out").length / ofOffer.length;
      expect(Math.abs(share - offer.holdoutPercent / 100)).toBeLessThan(4 * Math.sqrt((0.25 / ofOffer.length)));
    }
  });

  it("lets a held-out caller go on as if never offered: the journey holds its offer.held_out alone", () => {
    const byJourney = new Map<string, EventInput[]>();
    for (const event of events) if (event.journey) byJourney.set(event.journey, [...(byJourney.get(event.journey) ?? []), event]);
    const heldOut = [...byJourney.values()].filter((journey) => journey.some((event) => event.type === "offer.held_out"));
    expect(heldOut.length).toBeGreaterThan(300);
    for (const journey of heldOut) expect(journey.map((event) => event.type)).toEqual(["offer.held_out"]);
  });

  it("draws assignment from the workspace and offer ids it is given, and stays deterministic for them", () => {
    const small: DemoOptions = { seed: 5, endDate: "2026-03-10", days: 10, scale: 0.3 };
    const elsewhere = { ...small, runtime: demoRuntime("another-workspace") };
    const heldOutCustomers = (options: DemoOptions) =>
      [...generateDemoEvents(options)].flat().filter((event) => event.type === "offer.held_out").map((event) => event.customer);
    expect(heldOutCustomers(elsewhere)).toEqual(heldOutCustomers(elsewhere));
    expect(heldOutCustomers(elsewhere)).not.toEqual(heldOutCustomers(small));
  });

  it("never engages the bot for absent call types, which still reach agents", () => {
    const absent = new Set(DEMO_CALL_TYPES.filter((callType) => callType.strength === "absent").map((callType) => callType.slug));
    expect(events.some((event) => event.type.startsWith("chat.") && absent.has(event.callType!))).toBe(false);
    const called = new Set(events.filter((event) => event.type === "call.received").map((event) => event.callType));
    for (const slug of absent) expect(called.has(slug)).toBe(true);
  });

  it("takes unresolved utterances from banking77, for the chat's call type", () => {
    const { utterancesBySlug } = loadBanking77();
    const unresolved = events.filter((event) => event.type === "chat.unresolved");
    expect(unresolved.length).toBeGreaterThan(100);
    for (const event of unresolved) {
      expect(utterancesBySlug.get(event.callType!)).toContain(event.attributes?.utterance);
    }
  });

  it("has bounce-backs: calls from engaged customers after their chat", () => {
    const engagedAt = new Map<string, number>();
    for (const event of events) {
      if (event.type === "chat.started") engagedAt.set(event.customer, Math.min(engagedAt.get(event.customer) ?? Infinity, Date.parse(event.occurredAt)));
    }
    const bounced = new Set(
      events.filter((event) => event.type === "call.received" && Date.parse(event.occurredAt) >= (engagedAt.get(event.customer) ?? Infinity)).map((event) => event.customer),
    );
    expect(bounced.size / engagedAt.size).toBeGreaterThan(0.1);
    expect(bounced.size / engagedAt.size).toBeLessThan(0.4);
  });

  it("scales volumes roughly linearly", () => {
    const base: DemoOptions = { seed: 3, endDate: "2026-06-30", days: 14 };
    const tenth = generateAll({ ...base, scale: 0.1 }).length;
    const full = generateAll({ ...base, scale: 1 }).length;
    expect(full / tenth).toBeGreaterThan(8.5);
    expect(full / tenth).toBeLessThan(11.5);
  });

  it("refuses invalid options", () => {
    expect(() => generateAll({ endDate: "2026-02-30" })).toThrow(RangeError);
    expect(() => generateAll({ endDate: "30/06/2026" })).toThrow(RangeError);
    expect(() => generateAll({ endDate: "2026-06-30", timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => generateAll({ endDate: "2026-06-30", days: 0 })).toThrow(RangeError);
    expect(() => generateAll({ endDate: "2026-06-30", scale: 0 })).toThrow(RangeError);
    expect(() => generateAll({ endDate: "2026-06-30", batchSize: 5_001 })).toThrow(RangeError);
  });
});

describe("the default demo's holdouts, as the incrementality report reads them", () => {
  // The whole default demo (180 days at scale 1, about 300,000 events): generated once.
  const options: DemoOptions = { endDate: "2026-12-03" };
  const period = demoPeriod(options);
  let arms: ReturnType<typeof armsByOffer>;

  beforeAll(() => {
    const events = [...generateDemoEvents(options)].flat();
    // The IVR offer's live period: the last 90 days.
    arms = armsByOffer(events, Date.parse(`${period.ivrLaunchDate}T05:00:00Z`), Date.parse(period.endsAt));
  }, 120_000);

  it("show a clear lift for the IVR offer, none for the post-call follow-up, and too few held-out callers to say for the in-queue offer", () => {
    const [ivr, inQueue, postCall] = ["ivr_offer", "in_queue", "post_call"].map((point) => arms.get(`demo-offer-${point}`)!);
    // Held-out callers reach an agent far more often than offered ones, on enough customers.
    expect(ivr.enough).toBe(true);
    expect(ivr.lift.low).toBeGreaterThan(0.15);
    // Enough customers, and an interval that rules out any effect of 2 points either way. (Its
    // true effect is none; whether the interval also holds zero is chance, 19 periods in 20.)
    expect(postCall.enough).toBe(true);
    expect(postCall.lift.low).toBeGreaterThan(-0.02);
    expect(postCall.lift.high).toBeLessThan(0.02);
    // A 1 % holdout: about a hundred held-out customers, where thousands are needed.
    expect(inQueue.enough).toBe(false);
    expect(inQueue.nH).toBeLessThan(inQueue.required / 10);
  });
});
