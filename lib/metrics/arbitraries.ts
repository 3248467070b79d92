/**
 * fast-check arbitraries for random event logs that stress the metric definitions: few customers
 * shared by many journeys, calls just before, inside and after attribution windows (including
 * exactly at endAt + W and one second earlier), journeys without offer.shown, events out of order
 * and on the same millisecond, local midnights and DST transition days, and source systems that
 * send occurredAt with mixed UTC offsets; journeys of runtime decisions, treatment and holdout,
 * held-out ones with later offer, SMS and chat events that must not count.
 *
 * `metricScenarioArb()` gives a whole scenario: settings, the events as sent (`inputs`, offsets
 * mixed) and as stored (`events`, UTC ISO with milliseconds), an asOf and a period around an
 * interesting day. `shuffle`, `withDuplicates` and `splitIntoBatches` replay a log the way
 * arrivals may come.
 */
import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { CHANNELS, INTERVENTION_POINTS, type Channel, type EventType, type InterventionPoint } from "@/lib/domain";
import { toStoredEvent, type EventInput, type StoredEvent } from "@/lib/events/schema";
import type { MetricSettings } from "@/lib/metrics/types";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const SCENARIO_TIME_ZONES = ["America/New_York", "Europe/London", "UTC", "Asia/Kolkata"] as const;

/**
 * Local days around which a scenario's events cluster: the 2026 DST changes of New York
 * (03-08, 11-01) and London (03-29, 10-25), a month end and a year end.
 */
export const ANCHOR_DAYS = ["2026-03-08", "2026-11-01", "2026-03-29", "2026-10-25", "2026-02-28", "2026-12-31"] as const;

export const SCENARIO_CALL_TYPES = ["billing", "card_arrival", "fraud", "constructor"] as const;

/** Ids and keys compare differently in code-unit order and in a locale ("B" < "a" < "é"). */
const ID_TAG_UNITS = ["a", "B", "b", "A", "0", "9", "_", "-", "é", "Z"];
const JOURNEY_KEYS = ["j1", "J2", "j10", "j9", "é3", "jA", "ja", "j_"];
const CUSTOMERS = ["c1", "C1", "c2"];

/** Offsets from the anchor day's local midnight: the midnight itself, ±1 s, hours across a DST change, days. */
const START_OFFSETS = [0, 0, -SECOND, SECOND, -HOUR, HOUR, 2 * HOUR, 3 * HOUR, 23 * HOUR, 24 * HOUR, 25 * HOUR, -DAY, 2 * DAY, 31 * DAY];
/** Gaps between consecutive events of a journey; 0 makes equal timestamps, negatives put events out of order. */
const STEP_GAPS = [0, 0, SECOND, MINUTE, 10 * MINUTE, HOUR, 20 * HOUR, -HOUR, -SECOND];
/** UTC offsets (minutes) source systems send occurredAt with: Z, +05:30, -08:00, -05:00, +01:00, +05:45, -03:30, +14:00. */
const UTC_OFFSETS = [0, 0, 330, -480, -300, 60, 345, -210, 840];

/** Utterances that collide once trimmed (any Unicode white space, as String.prototype.trim) and lower-cased. */
const UTTERANCES: unknown[] = [
  "  Refund please ",
  "refund please",
  "REFUND PLEASE",
  "Where is my card",
  "where is my card  ",
  "agent",
  "Agent",
  "\tAGENT\n",
  "Überweisung",
  "überweisung\u00a0",
  "b",
  "B ",
  "",
  "   ",
  42,
  null,
];

/** The canonical path of a journey; a journey takes a prefix of it, then a random tail. */
const PATH: EventType[] = ["offer.shown", "offer.accepted", "sms.sent", "sms.delivered", "link.clicked", "chat.started"];
const TAIL_TYPES: EventType[] = [
  "chat.unresolved",
  "chat.unresolved",
  "chat.resolved",
  "chat.escalated",
  "chat.started",
  "chat.resolved",
  "offer.declined",
  "sms.failed",
  "offer.shown",
];

export interface MetricScenario {
  settings: MetricSettings;
  /** The events as source systems send them: occurredAt with mixed offsets, journey sometimes on call.* events. */
  inputs: EventInput[];
  /** The same events as stored (what `toStoredEvent` makes of `inputs`), in generation order. */
  events: StoredEvent[];
  asOf: string;
  /** A period of local days around the anchor day. */
  from: string;
  to: string;
  /** A period of local months around the anchor day. */
  fromMonth: string;
  toMonth: string;
}

interface EventNoise {
  tag: string;
  gap: number;
  callType: string | null;
  point: InterventionPoint | null;
  channel: Channel | null;
  strayCustomer: number | null;
  utterance: { value: unknown } | null;
  otherAttributes: boolean;
  utcOffset: number;
  showMilliseconds: boolean;
  journeyOnCall: boolean;
}

/** A journey's runtime decision: none (events from a source system), or a treatment or holdout decision. */
type DecisionSpec = "none" | "treatment" | "holdout";

interface JourneySpec {
  customer: number;
  point: InterventionPoint;
  decision: DecisionSpec;
  start: number;
  types: EventType[];
  noise: EventNoise[];
}

type CallAnchor = "engagedAt" | "endAt+W" | "offeredAt";

interface CallSpec {
  journey: number | null;
  anchor: CallAnchor;
  delta: number;
  absoluteOffset: number;
  customer: number;
  callType: string;
  abandoned: boolean;
  noise: EventNoise;
}

interface AsOfSpec {
  journey: number | null;
  delta: number;
  afterAnchor: number;
}

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
/** The arbitrary's value `present` times in `present + absent`, else null. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, present: number, absent: number): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary, weight: present }, { arbitrary: fc.constant(null), weight: absent });

const noiseArb: fc.Arbitrary<EventNoise> = fc.record({
  tag: fc.string({ unit: pick(ID_TAG_UNITS), minLength: 1, maxLength: 2 }),
  gap: pick(STEP_GAPS),
  callType: sometimes(pick(SCENARIO_CALL_TYPES), 1, 1),
  point: sometimes(pick(INTERVENTION_POINTS), 1, 4),
  channel: sometimes(pick(CHANNELS), 1, 1),
  strayCustomer: sometimes(fc.nat({ max: CUSTOMERS.length - 1 }), 1, 7),
  utterance: sometimes(fc.record({ value: pick(UTTERANCES) }), 4, 1),
  otherAttributes: fc.nat({ max: 3 }).map((roll) => roll === 0),
  utcOffset: pick(UTC_OFFSETS),
  showMilliseconds: fc.boolean(),
  journeyOnCall: fc.boolean(),
});

const journeySpecArb: fc.Arbitrary<JourneySpec> = fc
  .record({
    customer: fc.nat({ max: CUSTOMERS.length - 1 }),
    point: pick(INTERVENTION_POINTS),
    start: pick(START_OFFSETS),
    withOffer: fc.nat({ max: 3 }).map((roll) => roll > 0), // a quarter of the journeys have no offer.shown
    decision: pick<DecisionSpec>(["none", "none", "none", "treatment", "holdout"]),
    depth: fc.integer({ min: 1, max: PATH.length }),
    tail: fc.array(pick(TAIL_TYPES), { maxLength: 4 }),
  })
  .chain(({ customer, point, start, withOffer, decision, depth, tail }) => {
    // A held-out journey opens with offer.held_out, and may go on as if offered (it must still count nowhere).
    const path =
      decision === "holdout"
        ? ["offer.held_out" as const, ...PATH.slice(1, depth)]
        : PATH.slice(0, depth).filter((type) => withOffer || decision === "treatment" || type !== "offer.shown");
    const types = [...path, ...tail];
    if (types.length === 0) types.push("chat.started");
    return fc
      .array(noiseArb, { minLength: types.length, maxLength: types.length })
      .map((noise): JourneySpec => ({ customer, point, start, decision, types, noise }));
  });

const callSpecArb: fc.Arbitrary<CallSpec> = fc.record({
  journey: sometimes(fc.nat({ max: 7 }), 3, 1),
  anchor: pick<CallAnchor>(["engagedAt", "endAt+W", "endAt+W", "offeredAt"]),
  delta: pick([0, -SECOND, 0, -SECOND, SECOND, -HOUR, HOUR]),
  absoluteOffset: pick(START_OFFSETS),
  customer: fc.nat({ max: CUSTOMERS.length - 1 }),
  callType: pick(SCENARIO_CALL_TYPES),
  abandoned: fc.nat({ max: 4 }).map((roll) => roll === 0),
  noise: noiseArb,
});

const asOfSpecArb: fc.Arbitrary<AsOfSpec> = fc.record({
  journey: sometimes(fc.nat({ max: 7 }), 1, 1),
  delta: pick([-SECOND, 0, SECOND]),
  afterAnchor: pick([0, DAY, 3 * DAY, 4 * DAY, 10 * DAY, 45 * DAY]),
});

export const metricSettingsArb: fc.Arbitrary<MetricSettings> = fc
  .record({
    timeZone: pick(SCENARIO_TIME_ZONES),
    windowHours: pick([72, 24, 1]),
    currency: pick(["USD", "EUR", "GBP"]),
    phoneCost: pick([6.5, 5, 4.125]),
    overrides: fc.tuple(...SCENARIO_CALL_TYPES.map(() => sometimes(pick([8.1, 0.2, 1.005]), 1, 1))),
    digitalCost: pick([0.35, 0.1, 0]),
    resolutionTarget: pick([0.7, 0.5, 0.9, 0.3333]),
  })
  .map(({ overrides, ...settings }) => ({
    ...settings,
    phoneCostByCallType: Object.fromEntries(
      SCENARIO_CALL_TYPES.flatMap((callType, index) => (overrides[index] === null ? [] : [[callType, overrides[index]]])),
    ),
  }));

/** occurredAt as a source system in another zone would send it, e.g. 2026-03-08T10:30:00.000+05:30. */
export function withUtcOffset(at: number, offsetMinutes: number, showMilliseconds = true): string {
  const wallClock = new Date(at + offsetMinutes * MINUTE).toISOString().slice(0, showMilliseconds ? 23 : 19);
  if (offsetMinutes === 0) return `${wallClock}Z`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const magnitude = Math.abs(offsetMinutes);
  return `${wallClock}${sign}${String(Math.floor(magnitude / 60)).padStart(2, "0")}:${String(magnitude % 60).padStart(2, "0")}`;
}

function localMidnight(day: string, timeZone: string): number {
  const [year, month, date] = day.split("-").map(Number);
  return new TZDate(year, month - 1, date, timeZone).getTime();
}

function shiftDay(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

interface Draft {
  type: EventType;
  at: number;
  customer: string;
  journey?: string;
  point?: InterventionPoint;
  callType?: string;
  /** The attributes a runtime decision stores on its offer.shown or offer.held_out. */
  decision?: Record<string, unknown>;
  noise: EventNoise;
}

function buildScenario(
  settings: MetricSettings,
  anchorDay: string,
  journeySpecs: JourneySpec[],
  callSpecs: CallSpec[],
  asOfSpec: AsOfSpec,
  period: { fromShift: number; toShift: number; monthsBefore: number; monthsAfter: number },
): MetricScenario {
  const base = localMidnight(anchorDay, settings.timeZone);
  const windowMs = settings.windowHours * HOUR;
  const drafts: Draft[] = [];
  const facts: { customer: string; offeredAt: number; engagedAt: number | null; endAt: number; resolvedAt: number | null }[] = [];

  journeySpecs.forEach((spec, index) => {
    const journey = JOURNEY_KEYS[index];
    const customer = CUSTOMERS[spec.customer];
    let at = base + spec.start;
    const times: { type: EventType; at: number }[] = [];
    spec.types.forEach((type, step) => {
      const noise = spec.noise[step];
      if (step > 0) at += noise.gap;
      times.push({ type, at });
      const decided = step === 0 && spec.decision !== "none";
      drafts.push({
        type,
        at,
        customer: noise.strayCustomer === null || step === 0 ? customer : CUSTOMERS[noise.strayCustomer],
        journey,
        point: type === "offer.shown" || decided ? (step === 0 ? spec.point : (noise.point ?? spec.point)) : (noise.point ?? undefined),
        callType: noise.callType ?? undefined,
        decision: decided ? { decisionId: journey, offerId: `offer_${spec.point}`, offerVersion: 1, arm: spec.decision } : undefined,
        noise,
      });
    });
    const earliest = (type: EventType) => {
      const matching = times.filter((time) => time.type === type).map((time) => time.at);
      return matching.length === 0 ? null : Math.min(...matching);
    };
    facts.push({
      customer,
      offeredAt: earliest("offer.shown") ?? Math.min(...times.map((time) => time.at)),
      engagedAt: earliest("chat.started"),
      endAt: Math.max(...times.map((time) => time.at)),
      resolvedAt: earliest("chat.resolved"),
    });
  });

  for (const call of callSpecs) {
    const fact = call.journey === null || facts.length === 0 ? null : facts[call.journey % facts.length];
    let at = base + call.absoluteOffset;
    if (fact !== null) {
      const anchor = call.anchor === "engagedAt" ? fact.engagedAt : call.anchor === "endAt+W" ? fact.endAt + windowMs : null;
      at = (anchor ?? fact.offeredAt) + call.delta;
    }
    drafts.push({
      type: call.abandoned ? "call.abandoned" : "call.received",
      at,
      customer: fact?.customer ?? CUSTOMERS[call.customer],
      // A source system may send a journey on a call; storage must drop it.
      journey: call.noise.journeyOnCall ? JOURNEY_KEYS[0] : undefined,
      callType: call.callType,
      noise: call.noise,
    });
  }

  const inputs = drafts.map((draft, index): EventInput => {
    const { noise } = draft;
    const input: EventInput = {
      id: `${noise.tag}.${index}`,
      type: draft.type,
      occurredAt: withUtcOffset(draft.at, noise.utcOffset, noise.showMilliseconds || draft.at % SECOND !== 0),
      customer: draft.customer,
    };
    if (draft.journey !== undefined) input.journey = draft.journey;
    if (draft.point !== undefined) input.point = draft.point;
    if (noise.channel !== null) input.channel = noise.channel;
    if (draft.callType !== undefined) input.callType = draft.callType;
    if (draft.type === "chat.unresolved" && noise.utterance !== null) input.attributes = { utterance: noise.utterance.value };
    else if (draft.decision !== undefined) input.attributes = draft.decision;
    else if (noise.otherAttributes) input.attributes = { queue: "general", waitSeconds: 90 };
    return input;
  });

  const resolvedFact = asOfSpec.journey === null || facts.length === 0 ? null : facts[asOfSpec.journey % facts.length];
  const asOf =
    resolvedFact !== null && resolvedFact.resolvedAt !== null
      ? resolvedFact.resolvedAt + windowMs + asOfSpec.delta
      : base + asOfSpec.afterAnchor;

  const anchorMonth = anchorDay.slice(0, 7);
  const monthShift = (months: number) => {
    const [year, month] = anchorMonth.split("-").map(Number);
    return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 7);
  };

  return {
    settings,
    inputs,
    events: inputs.map(toStoredEvent),
    asOf: new Date(asOf).toISOString(),
    from: shiftDay(anchorDay, period.fromShift),
    to: shiftDay(anchorDay, period.toShift),
    fromMonth: monthShift(-period.monthsBefore),
    toMonth: monthShift(period.monthsAfter),
  };
}

/** A whole random scenario; see the module comment. */
export function metricScenarioArb(options: { maxJourneys?: number; maxCalls?: number } = {}): fc.Arbitrary<MetricScenario> {
  const maxJourneys = Math.min(options.maxJourneys ?? 6, JOURNEY_KEYS.length);
  return fc
    .record({
      settings: metricSettingsArb,
      anchorDay: pick(ANCHOR_DAYS),
      journeys: fc.array(journeySpecArb, { maxLength: maxJourneys }),
      calls: fc.array(callSpecArb, { maxLength: options.maxCalls ?? 8 }),
      asOf: asOfSpecArb,
      period: fc.record({
        fromShift: pick([-2, -1, 0, 0]),
        toShift: pick([0, 0, 1, 2, 31]),
        monthsBefore: pick([0, 1]),
        monthsAfter: pick([0, 1]),
      }),
    })
    .map(({ settings, anchorDay, journeys, calls, asOf, period }) => buildScenario(settings, anchorDay, journeys, calls, asOf, period));
}

/** Random stored event logs (UTC ISO occurredAt), without the scenario around them. */
export function eventLogArb(options?: { maxJourneys?: number; maxCalls?: number }): fc.Arbitrary<StoredEvent[]> {
  return metricScenarioArb(options).map((scenario) => scenario.events);
}

/** Random event batches as source systems send them (mixed UTC offsets), for ingestion tests. */
export function eventInputLogArb(options?: { maxJourneys?: number; maxCalls?: number }): fc.Arbitrary<EventInput[]> {
  return metricScenarioArb(options).map((scenario) => scenario.inputs);
}

// ---------------------------------------------------------------------------------------------
// Replaying a log the way arrivals may come

/** The same items in any order. */
export function shuffle<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}

/**
 * The items with some of them sent again later (after their first copy), as retries do. A resent
 * copy may differ from the original (by default its customer is changed): ingestion must keep the
 * first one seen, so `dedupeById` of the result gives back exactly `items`.
 */
export function withDuplicates<T extends { id: string; customer: string }>(
  items: readonly T[],
  alter: (item: T) => T = (item) => ({ ...item, customer: `${item.customer}~resent` }),
): fc.Arbitrary<T[]> {
  if (items.length === 0) return fc.constant([]);
  const resend = fc.record({ index: fc.nat({ max: items.length - 1 }), later: fc.nat(), altered: fc.boolean() });
  return fc.array(resend, { maxLength: Math.min(items.length, 10) }).map((resends) => {
    const placed = items.map((item, index) => ({ item, position: index }));
    for (const { index, later, altered } of resends) {
      // Just before an item after the original, or at the end: position in (index, length].
      const position = index + 1 + (later % (items.length - index)) - 0.5;
      placed.push({ item: altered ? alter(items[index]) : { ...items[index] }, position });
    }
    return placed.sort((a, b) => a.position - b.position).map(({ item }) => item);
  });
}

/** The items cut into consecutive non-empty batches of at most `maxBatchSize`, in order. */
export function splitIntoBatches<T>(items: readonly T[], maxBatchSize = Number.POSITIVE_INFINITY): fc.Arbitrary<T[][]> {
  if (items.length === 0) return fc.constant([]);
  return fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, items.length - 1) }), { maxLength: items.length - 1 }).map((cuts) => {
    const bounds = [0, ...cuts.filter((cut) => cut < items.length).sort((a, b) => a - b), items.length];
    const batches: T[][] = [];
    for (let index = 1; index < bounds.length; index += 1) {
      for (let start = bounds[index - 1]; start < bounds[index]; start += maxBatchSize) {
        batches.push(items.slice(start, Math.min(start + maxBatchSize, bounds[index])));
      }
    }
    return batches;
  });
}
