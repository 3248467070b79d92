import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WEEKDAYS, type Weekday } from "@/lib/config/ivr";
import { DTMF_KEYS, OFFER_POINTS } from "@/lib/config/schemas";
import { INTERVENTION_POINTS, type InterventionPoint } from "@/lib/domain";
import {
  assignmentBucket,
  type CallFacts,
  decide,
  type DecisionRequest,
  eligibleOffer,
  type PublishedOffer,
  unavailableAnswer,
} from "./decide";

const WORKSPACE = "ws-test";

function offer(overrides: Partial<PublishedOffer> = {}): PublishedOffer {
  return {
    id: "offer-1",
    version: 3,
    name: "Press 2 for chat",
    point: "ivr_offer",
    enabled: true,
    prompt: "Press 2 and we'll text you a link.",
    dtmfKey: "2",
    smsTemplateId: "tpl-1",
    holdoutPercent: 0,
    priority: 10,
    conditions: {},
    ...overrides,
  };
}

function request(overrides: Partial<DecisionRequest> = {}): DecisionRequest {
  return { point: "ivr_offer", customer: "cust-1", contactId: "contact-1", at: new Date("2026-12-07T15:00:00Z"), ...overrides };
}

function counter() {
  let n = 0;
  return () => `id-${++n}`;
}

const decideOnce = (offers: PublishedOffer[], overrides: Partial<DecisionRequest> = {}, optedOut = false) =>
  decide({ workspaceId: WORKSPACE, request: request(overrides), offers, timeZone: "UTC", optedOut, newId: counter() });

// ——— A reference written apart from decide.ts: every condition spelt out, time read with Intl ———

const INTL_DAY: Record<string, Weekday> = { Mon: "mon", Tue: "tue", Wed: "wed", Thu: "thu", Fri: "fri", Sat: "sat", Sun: "sun" };

function localClock(at: Date, timeZone: string): { day: Weekday; minutes: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: INTL_DAY[part("weekday")], minutes: Number(part("hour")) * 60 + Number(part("minute")) };
}

function toMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

function referenceInSchedule(o: PublishedOffer, call: CallFacts, timeZone: string): boolean {
  const schedule = o.conditions.schedule;
  if (!schedule || schedule.length === 0) return true;
  const { day, minutes } = localClock(call.at, timeZone);
  for (const window of schedule) {
    if (window.days.includes(day) && minutes >= toMinutes(window.start) && minutes < toMinutes(window.end)) return true;
  }
  return false;
}

function referenceWaitOk(o: PublishedOffer, call: CallFacts): boolean {
  const minimum = o.conditions.minEstimatedWaitSeconds;
  if (minimum === undefined) return true;
  const wait = call.estimatedWaitSeconds === undefined ? 0 : call.estimatedWaitSeconds;
  return wait >= minimum;
}

function referenceForThisCall(o: PublishedOffer, call: CallFacts): boolean {
  if (o.point !== call.point) return false;
  const types = o.conditions.callTypes;
  if (types && types.length > 0 && !(call.callType !== undefined && types.includes(call.callType))) return false;
  const queues = o.conditions.queues;
  if (queues && queues.length > 0 && !(call.queue !== undefined && queues.includes(call.queue))) return false;
  return true;
}

function referenceOrder(a: PublishedOffer, b: PublishedOffer): number {
  if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

function referenceEligibility(offers: PublishedOffer[], call: CallFacts, timeZone: string): { offerId: string | null; reason: string } {
  const candidates = offers.filter((o) => referenceForThisCall(o, call));
  candidates.sort(referenceOrder);
  for (const o of candidates) {
    if (o.enabled && referenceInSchedule(o, call, timeZone) && referenceWaitOk(o, call)) return { offerId: o.id, reason: "eligible" };
  }
  const firstEnabled = candidates.find((o) => o.enabled);
  if (firstEnabled) return { offerId: null, reason: referenceInSchedule(firstEnabled, call, timeZone) ? "wait_below_minimum" : "outside_schedule" };
  if (candidates.length > 0) return { offerId: null, reason: "disabled" };
  return { offerId: null, reason: "no_matching_offer" };
}

// ——— Arbitraries: small vocabularies, so offers and calls meet often ———

const CALL_TYPES = ["card_arrival", "lost_card", "transfer"];
const QUEUES = ["general", "cards", "vip"];
const TIME_ZONES = ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"];
const CLOCKS = ["00:00", "06:30", "09:00", "12:00", "17:45", "23:59"];

const subset = <T>(values: T[]) => fc.subarray(values, { minLength: 1 });

const scheduleWindow = fc
  .record({ days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 7 }), start: fc.constantFrom(...CLOCKS), end: fc.constantFrom(...CLOCKS, "24:00") })
  .filter((window) => toMinutes(window.start) < (window.end === "24:00" ? 1440 : toMinutes(window.end)));

const conditions = fc.record(
  {
    callTypes: subset(CALL_TYPES),
    queues: subset(QUEUES),
    minEstimatedWaitSeconds: fc.integer({ min: 0, max: 600 }),
    schedule: fc.array(scheduleWindow, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const arbitraryOffer = fc.record({
  id: fc.constantFrom("a", "b", "c", "d", "e", "f"),
  version: fc.integer({ min: 1, max: 9 }),
  name: fc.constantFrom("Alpha", "Beta", "alpha", "Gamma"),
  point: fc.constantFrom(...OFFER_POINTS),
  enabled: fc.boolean(),
  prompt: fc.constant("Press a key"),
  dtmfKey: fc.constantFrom(...DTMF_KEYS),
  smsTemplateId: fc.constant("tpl"),
  holdoutPercent: fc.integer({ min: 0, max: 50 }),
  priority: fc.integer({ min: 0, max: 3 }),
  conditions,
});

/** Distinct ids, as in a workspace. */
const arbitraryOffers = fc.uniqueArray(arbitraryOffer, { selector: (o) => o.id, maxLength: 6 }) as fc.Arbitrary<PublishedOffer[]>;

const arbitraryCall: fc.Arbitrary<CallFacts> = fc.record(
  {
    point: fc.constantFrom(...(INTERVENTION_POINTS as readonly InterventionPoint[])),
    callType: fc.constantFrom(...CALL_TYPES, "other"),
    queue: fc.constantFrom(...QUEUES, "other"),
    estimatedWaitSeconds: fc.integer({ min: 0, max: 900 }),
    at: fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2027-12-31T23:59:59Z"), noInvalidDate: true }),
  },
  { requiredKeys: ["point", "at"] },
);

describe("eligibleOffer", () => {
  it("equals the reference function over random offers and calls", () => {
    fc.assert(
      fc.property(arbitraryOffers, arbitraryCall, fc.constantFrom(...TIME_ZONES), (offers, call, timeZone) => {
        const got = eligibleOffer(offers, call, timeZone);
        expect({ offerId: got.offer?.id ?? null, reason: got.reason }).toEqual(referenceEligibility(offers, call, timeZone));
      }),
      { numRuns: 2_000 },
    );
  });

  it("takes the first offer by priority, then name, then id", () => {
    const offers = [offer({ id: "z", priority: 20, name: "A" }), offer({ id: "y", priority: 10, name: "B" }), offer({ id: "x", priority: 10, name: "B" })];
    expect(eligibleOffer(offers, request(), "UTC").offer?.id).toBe("x");
    const byName = [offer({ id: "1", name: "b" }), offer({ id: "2", name: "B" })];
    expect(eligibleOffer(byName, request(), "UTC").offer?.id).toBe("2");
  });

  it("reads the schedule in the workspace time zone", () => {
    const nineToFive = offer({ conditions: { schedule: [{ days: ["mon"], start: "09:00", end: "17:00" }] } });
    const mondayNoonNewYork = new Date("2026-12-07T17:00:00Z");
    expect(eligibleOffer([nineToFive], request({ at: mondayNoonNewYork }), "America/New_York").reason).toBe("eligible");
    expect(eligibleOffer([nineToFive], request({ at: mondayNoonNewYork }), "Asia/Tokyo").reason).toBe("outside_schedule");
  });

  it("names the reason of the first enabled offer meant for the call", () => {
    const waiting = offer({ id: "w", priority: 1, conditions: { callTypes: ["lost_card"], minEstimatedWaitSeconds: 120 } });
    const closed = offer({ id: "s", priority: 2, conditions: { schedule: [{ days: ["sun"], start: "00:00", end: "01:00" }] } });
    expect(eligibleOffer([waiting, closed], request({ callType: "lost_card", estimatedWaitSeconds: 60 }), "UTC").reason).toBe("wait_below_minimum");
    expect(eligibleOffer([waiting, closed], request({ callType: "transfer" }), "UTC").reason).toBe("outside_schedule");
    // An unknown wait is no wait: below any positive minimum.
    expect(eligibleOffer([waiting], request({ callType: "lost_card" }), "UTC").reason).toBe("wait_below_minimum");
  });

  it("says disabled only when a disabled offer was meant for the call", () => {
    const off = offer({ enabled: false, conditions: { queues: ["cards"] } });
    expect(eligibleOffer([off], request({ queue: "cards" }), "UTC").reason).toBe("disabled");
    expect(eligibleOffer([off], request({ queue: "general" }), "UTC").reason).toBe("no_matching_offer");
    expect(eligibleOffer([off], request(), "UTC").reason).toBe("no_matching_offer");
  });

  it("never matches offers of another point", () => {
    expect(eligibleOffer([offer({ point: "in_queue" })], request({ point: "ivr_offer" }), "UTC").reason).toBe("no_matching_offer");
    expect(eligibleOffer([offer()], request({ point: "web_nudge" }), "UTC").reason).toBe("no_matching_offer");
  });
});

describe("assignmentBucket", () => {
  it("is the first 8 hex digits of SHA-256(workspace:offer:customer) over 2^32", () => {
    const hex = createHash("sha256").update("ws:offer:cust").digest("hex").slice(0, 8);
    expect(assignmentBucket("ws", "offer", "cust")).toBe(parseInt(hex, 16) / 4_294_967_296);
    expect(assignmentBucket("ws", "offer", "cust")).toBeGreaterThanOrEqual(0);
    expect(assignmentBucket("ws", "offer", "cust")).toBeLessThan(1);
    expect(assignmentBucket("ws", "offer", "cust2")).not.toBe(assignmentBucket("ws", "offer", "cust"));
  });
});

/** χ² with one degree of freedom above which p < 0.001. */
const CHI_SQUARE_P001 = 10.828;

describe("holdout share", () => {
  for (const holdoutPercent of [5, 10, 50]) {
    it(`passes a sample-ratio χ² test at p > 0.001 over 20,000 customers, holdout ${holdoutPercent} %`, () => {
      const offers = [offer({ id: `offer-${holdoutPercent}`, holdoutPercent })];
      const customers = 20_000;
      let held = 0;
      for (let i = 0; i < customers; i++) {
        const { answer } = decideOnce(offers, { customer: `p_customer${i}`, contactId: `c${i}` });
        if (answer.arm === "holdout") held++;
        else expect(answer.arm).toBe("treatment");
      }
      const expectedHeld = (customers * holdoutPercent) / 100;
      const expectedTreated = customers - expectedHeld;
      const chiSquare = (held - expectedHeld) ** 2 / expectedHeld + (customers - held - expectedTreated) ** 2 / expectedTreated;
      expect(chiSquare).toBeLessThan(CHI_SQUARE_P001);
    });
  }

  it("keeps a customer in one arm on every call, whatever else changes", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (customer, holdoutPercent) => {
        const offers = [offer({ holdoutPercent, conditions: { minEstimatedWaitSeconds: 10 } })];
        const arms = new Set<string>();
        for (let call = 0; call < 20; call++) {
          const { answer } = decideOnce(offers, { customer, contactId: `contact-${call}`, estimatedWaitSeconds: 10 + call, at: new Date(Date.UTC(2026, 0, 1 + call)) });
          arms.add(answer.arm);
        }
        expect(arms.size).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it("never holds out when the holdout percent is 0", () => {
    for (let i = 0; i < 1_000; i++) expect(decideOnce([offer({ holdoutPercent: 0 })], { customer: `c${i}` }).answer.arm).toBe("treatment");
  });
});

describe("decide", () => {
  it("offers with the offer's key, prompt and template, and records offer.shown", () => {
    const { answer, events } = decideOnce([offer()], { callType: "card_arrival" });
    expect(answer).toEqual({
      decisionId: "id-1",
      journey: "id-1",
      offer: "true",
      arm: "treatment",
      reason: "eligible",
      offerId: "offer-1",
      offerVersion: "3",
      dtmfKey: "2",
      prompt: "Press 2 and we'll text you a link.",
      smsTemplateId: "tpl-1",
    });
    expect(events).toEqual([
      {
        id: "id-1",
        type: "offer.shown",
        occurredAt: "2026-12-07T15:00:00.000Z",
        customer: "cust-1",
        journey: "id-1",
        point: "ivr_offer",
        channel: "voice",
        callType: "card_arrival",
        attributes: { decisionId: "id-1", offerId: "offer-1", offerVersion: 3, arm: "treatment" },
      },
    ]);
  });

  it("holds out with offer.held_out and nothing to play", () => {
    const { answer, events } = decideOnce([offer({ holdoutPercent: 50 })], { customer: heldOutCustomer(50) });
    expect(answer).toMatchObject({ offer: "false", arm: "holdout", reason: "holdout", offerId: "offer-1", offerVersion: "3", dtmfKey: "", prompt: "", smsTemplateId: "" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "offer.held_out", journey: answer.journey, attributes: { arm: "holdout", offerId: "offer-1", offerVersion: 3 } });
  });

  it("never offers to an opted-out customer and records nothing", () => {
    const { answer, events } = decideOnce([offer()], {}, true);
    expect(answer).toMatchObject({ offer: "false", arm: "none", reason: "opted_out", journey: "", offerId: "" });
    expect(events).toEqual([]);
  });

  it("answers only strings, whatever the outcome", () => {
    fc.assert(
      fc.property(arbitraryOffers, arbitraryCall, fc.boolean(), (offers, call, optedOut) => {
        const { answer, events } = decide({ workspaceId: WORKSPACE, request: { ...call, customer: "c", contactId: "k" }, offers, timeZone: "UTC", optedOut, newId: counter() });
        for (const value of Object.values(answer)) expect(typeof value).toBe("string");
        expect(Object.keys(answer).sort()).toEqual(Object.keys(unavailableAnswer()).sort());
        expect(events.length).toBe(answer.arm === "none" ? 0 : 1);
        expect(answer.offer === "true").toBe(answer.arm === "treatment");
      }),
      { numRuns: 500 },
    );
  });
});

function heldOutCustomer(holdoutPercent: number): string {
  for (let i = 0; ; i++) if (assignmentBucket(WORKSPACE, "offer-1", `h${i}`) < holdoutPercent / 100) return `h${i}`;
}
