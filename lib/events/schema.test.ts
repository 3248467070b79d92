import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHANNELS, EVENT_TYPES, INTERVENTION_POINTS } from "@/lib/domain";
import { eventInputLogArb } from "@/lib/metrics/arbitraries";
import { MAX_ATTRIBUTES_BYTES, eventBatchSchema, plainStoredEvents, toStoredEvent } from "./schema";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const schema = eventBatchSchema(() => NOW);
/** A clock after every generated log, for logs that must be valid. */
const FAR_FUTURE = Date.parse("2100-01-01T00:00:00Z");

/** Values near every rule's edge, valid and not. */
const awkwardText = fc.oneof(
  fc.constantFrom("", "a", "x".repeat(128), "x".repeat(129), "\u0000", "a\ud800b", "🙂".repeat(64), "🙂".repeat(65), " ", "\\N", "\t\n"),
  fc.string({ maxLength: 140 }),
);
const awkwardTime = fc.oneof(
  fc.constantFrom("2026-06-01T12:59:59Z", "2026-06-01T13:00:00.001Z", "2026-06-01T13:00:00Z", "2026-02-29T10:00:00Z", "2024-02-29T10:00:00+01:00", "2026-06-01 12:00:00Z", "2026-06-01T12:00:00", "2026-06-01T12:00:00.123456789-07:00", "2026-13-01T00:00:00Z", "2026-06-01T24:00:00Z"),
  fc.date({ min: new Date("1990-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
);
const awkwardAttributes = fc.oneof(
  fc.constantFrom({}, { utterance: "where is my card" }, { pad: "p".repeat(MAX_ATTRIBUTES_BYTES) }, { pad: "é".repeat(1500) }, [], "text", null, { k: "\u0000" }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
);
const anyOf = <T>(values: readonly T[]) => fc.oneof(fc.constantFrom(...values), fc.constantFrom("", "Other", 7, null));
/** Mostly a plain valid value, now and then one at or past an edge. */
const mostly = <T, U>(plain: fc.Arbitrary<T>, awkward: fc.Arbitrary<U>) => fc.oneof({ weight: 6, arbitrary: plain }, { weight: 1, arbitrary: awkward });

const eventLike = fc.record(
  {
    id: mostly(fc.constantFrom("e1", "e2", "evt-3"), fc.oneof(awkwardText, fc.integer())),
    type: mostly(fc.constantFrom(...EVENT_TYPES), anyOf(EVENT_TYPES)),
    occurredAt: mostly(fc.constantFrom("2026-05-31T10:00:00-04:00", "2026-06-01T11:00:00.250Z"), fc.oneof(awkwardTime, fc.integer())),
    customer: mostly(fc.constantFrom("c1", "cust_9f2"), awkwardText),
    journey: mostly(fc.constantFrom("j1", "j-2"), awkwardText),
    point: mostly(fc.constantFrom(...INTERVENTION_POINTS), anyOf(INTERVENTION_POINTS)),
    channel: mostly(fc.constantFrom(...CHANNELS), anyOf(CHANNELS)),
    callType: mostly(fc.constantFrom("card_arrival", "x".repeat(64)), fc.oneof(fc.constantFrom("Card Arrival", "x".repeat(65), "a-b"), fc.string({ maxLength: 6 }))),
    attributes: mostly(fc.constantFrom({ utterance: "where is my card" }, { queue: "cards", waitSeconds: 12 }), awkwardAttributes),
  },
  { requiredKeys: ["id", "type", "occurredAt", "customer"] },
).chain((event) =>
  // Now and then a required field is missing or an unknown one is added.
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(event) },
    { weight: 1, arbitrary: fc.constantFrom("id", "type", "occurredAt", "customer").map((key) => Object.fromEntries(Object.entries(event).filter(([k]) => k !== key))) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }).map((extra) => ({ ...event, extra })) },
  ),
);

describe("plainStoredEvents, the fast path of ingest", () => {
  it("accepts only what the zod schema accepts, with the same result", () => {
    let accepted = 0;
    let valid = 0;
    fc.assert(
      fc.property(fc.array(eventLike, { minLength: 0, maxLength: 3 }), (events) => {
        const batch = JSON.parse(JSON.stringify({ events }));
        const fast = plainStoredEvents(batch, NOW);
        const parsed = schema.safeParse(batch);
        if (parsed.success) valid++;
        if (fast !== null) {
          accepted++;
          expect(parsed.success).toBe(true);
          expect(fast).toEqual(parsed.data!.events.map(toStoredEvent));
        }
      }),
      { numRuns: 20_000 },
    );
    // Both answers were met often: the property compared real acceptances, not only refusals.
    expect(accepted).toBeGreaterThan(1000);
    expect(valid - accepted).toBeLessThan(valid);
    // 20,000 runs take a few seconds alone, several times that on a busy machine.
  }, 60_000);

  it("takes valid batches itself", () => {
    fc.assert(
      fc.property(eventInputLogArb({ maxJourneys: 6, maxCalls: 6 }).filter((events) => events.length > 0), (events) => {
        const batch = JSON.parse(JSON.stringify({ events }));
        const parsed = eventBatchSchema(() => FAR_FUTURE).safeParse(batch);
        expect(parsed.success).toBe(true);
        expect(plainStoredEvents(batch, FAR_FUTURE)).toEqual(parsed.data!.events.map(toStoredEvent));
      }),
      { numRuns: 300 },
    );
  });

  it("takes offer.held_out with a journey, with or without a point, and refuses it without a journey", () => {
    const heldOut = { id: "d1", type: "offer.held_out", occurredAt: "2026-06-01T10:00:00Z", customer: "c", journey: "d1" };
    const withPoint = { ...heldOut, point: "ivr_offer", attributes: { decisionId: "d1", offerId: "o1", offerVersion: 3, arm: "holdout" } };
    for (const event of [heldOut, withPoint]) {
      expect(plainStoredEvents({ events: [event] }, NOW)).toEqual([toStoredEvent(schema.parse({ events: [event] }).events[0])]);
    }
    const { journey: _journey, ...noJourney } = heldOut;
    expect(plainStoredEvents({ events: [noJourney] }, NOW)).toBeNull();
    expect(schema.safeParse({ events: [noJourney] }).error?.issues).toEqual([
      expect.objectContaining({ path: ["events", 0, "journey"], message: "is required for offer.held_out" }),
    ]);
  });

  it("leaves batches that are not a list of 1 to 5,000 events to zod", () => {
    const event = { id: "e1", type: "call.received", occurredAt: "2026-06-01T10:00:00Z", customer: "c", callType: "card_arrival" };
    expect(plainStoredEvents({ events: [] }, NOW)).toBeNull();
    expect(plainStoredEvents({ events: Array(5001).fill(event) }, NOW)).toBeNull();
    expect(plainStoredEvents([event], NOW)).toBeNull();
    expect(plainStoredEvents({ events: [event] }, NOW)).toHaveLength(1);
  });
});
