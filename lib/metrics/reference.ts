/**
 * The reference implementation of every metric: a plain in-memory computation from raw events,
 * following DESIGN.md "Metric definitions" word for word. It is the oracle the SQL path is tested
 * against, so it favours being obviously right over being fast (quadratic in places).
 *
 * Conventions beyond DESIGN.md (each one is an ADR decision):
 * - Events are ordered by occurredAt, then by id in code-unit order (`compareText`); "earliest"
 *   is the first and "latest" the last in that order, whatever the arrival order.
 * - Input is the stored event set: ids are unique (use `dedupeById` on raw arrivals first).
 * - A journey with no point counts in no point row of the funnel, but does count in the deflection
 *   rate, the time series and ROI when no point filter is given. A journey with no call type
 *   belongs to no parity row and uses the default phone cost.
 * - The point filter narrows journeys only; agent calls are filtered by call type alone, since a
 *   call does not belong to an intervention point.
 * - Rates are unrounded doubles; money is exact decimal arithmetic rounded to cents once, at the
 *   end of each sum, half away from zero (see money.ts).
 * - A held-out journey (one with an offer.held_out: a runtime decision kept its customer as a
 *   holdout) counts in no stage, whatever other events it has, and so in no parity row, ROI month
 *   or unresolved utterance count; the journeys list shows it, with its arm.
 */
import { TZDate } from "@date-fns/tz";
import { INTERVENTION_POINTS, STAGES, type Channel, type InterventionPoint, type Stage } from "@/lib/domain";
import type { StoredEvent } from "@/lib/events/schema";
import { decimalOf, decimalToCents, subtractDecimals, sumDecimals, type Decimal } from "@/lib/metrics/money";
import { deflectionRate, normalizeUtterance, opportunityOf, statusOf, topTexts } from "@/lib/metrics/definitions";
import type {
  FunnelResult,
  Journey,
  JourneyArm,
  JourneyStages,
  MetricSettings,
  ParityResult,
  ParityRow,
  ParityStatus,
  RoiResult,
  StageCounts,
  StagedJourney,
  Timeseries,
  TimeseriesInterval,
  UnresolvedUtterance,
} from "@/lib/metrics/types";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface PeriodFilter {
  /** First local day, "YYYY-MM-DD", inclusive. */
  from: string;
  /** Last local day, "YYYY-MM-DD", inclusive. */
  to: string;
  point?: InterventionPoint;
  callType?: string;
  channel?: Channel;
}

export interface FunnelOptions extends PeriodFilter {
  asOf: Date | string;
}

export interface TimeseriesOptions extends FunnelOptions {
  interval: TimeseriesInterval;
}

export interface JourneysOptions extends FunnelOptions {
  stage?: Stage;
  arm?: JourneyArm;
}

export interface ParityOptions {
  from: string;
  to: string;
  /** Narrow journeys only: phone calls have no point or channel. */
  point?: InterventionPoint;
  channel?: Channel;
  /** Call type names by slug; a slug missing here is its own name. */
  names?: Readonly<Record<string, string>>;
}

export interface RoiOptions {
  /** First local month, "YYYY-MM", inclusive. */
  from: string;
  /** Last local month, "YYYY-MM", inclusive. */
  to: string;
  asOf: Date | string;
  /** Narrow journeys; agent calls are narrowed by callType only. */
  point?: InterventionPoint;
  callType?: string;
  channel?: Channel;
}

// ---------------------------------------------------------------------------------------------
// Order, identity, time

/**
 * Code-point order, the order of Postgres `COLLATE "C"` on UTF-8 text (byte order). Plain `<`
 * compares UTF-16 code units, which puts characters above U+FFFF before U+E000–U+FFFF.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const difference = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
}

function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${iso}`);
  return ms;
}

function asOfInstant(asOf: Date | string): number {
  const ms = typeof asOf === "string" ? instant(asOf) : asOf.getTime();
  if (Number.isNaN(ms)) throw new RangeError("asOf is not a valid date");
  return ms;
}

/** The one event order behind every "earliest" and "latest": occurredAt, then id. */
export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  return instant(a.occurredAt) - instant(b.occurredAt) || compareText(a.id, b.id);
}

/** What ingestion stores from arrivals: the first event seen with each id, in arrival order. */
export function dedupeById<T extends { id: string }>(events: readonly T[]): T[] {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    kept.push(event);
  }
  return kept;
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new RangeError(`unknown time zone: ${timeZone}`);
  }
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** The workspace-local day, "YYYY-MM-DD", of an instant. */
export function localDay(at: string, timeZone: string): string {
  const local = new TZDate(instant(at), timeZone);
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1, 2)}-${pad(local.getDate(), 2)}`;
}

/** The workspace-local month, "YYYY-MM", of an instant. */
export function localMonth(at: string, timeZone: string): string {
  return localDay(at, timeZone).slice(0, 7);
}

// Calendar arithmetic on day strings: no time zone is involved once an instant is a local day.

function dayNumber(day: string): number {
  const [year, month, date] = day.split("-").map(Number);
  return Date.UTC(year, month - 1, date) / DAY_MS;
}

function dayOfNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function assertDay(day: string, name: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || dayOfNumber(dayNumber(day)) !== day) {
    throw new RangeError(`${name} must be a day YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
}

function assertMonth(month: string, name: string): void {
  if (!/^\d{4}-\d{2}$/.test(month) || dayOfNumber(dayNumber(`${month}-01`)) !== `${month}-01`) {
    throw new RangeError(`${name} must be a month YYYY-MM, got ${JSON.stringify(month)}`);
  }
}

function assertPeriod(from: string, to: string, timeZone: string): void {
  assertDay(from, "from");
  assertDay(to, "to");
  if (from > to) throw new RangeError(`from (${from}) is after to (${to})`);
  assertTimeZone(timeZone);
}

function nextMonth(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number);
  return monthNumber === 12 ? `${pad(year + 1, 4)}-01` : `${pad(year, 4)}-${pad(monthNumber + 1, 2)}`;
}

/** The first day of the bucket a local day falls in; weeks start on Monday. */
export function bucketOf(day: string, interval: TimeseriesInterval): string {
  if (interval === "day") return day;
  if (interval === "month") return `${day.slice(0, 7)}-01`;
  const number = dayNumber(day);
  const weekday = new Date(number * DAY_MS).getUTCDay(); // 0 = Sunday
  return dayOfNumber(number - ((weekday + 6) % 7));
}

function bucketsBetween(from: string, to: string, interval: TimeseriesInterval): string[] {
  const buckets: string[] = [];
  for (let day = from; day <= to; day = dayOfNumber(dayNumber(day) + 1)) {
    const bucket = bucketOf(day, interval);
    if (buckets.at(-1) !== bucket) buckets.push(bucket);
  }
  return buckets;
}

// ---------------------------------------------------------------------------------------------
// Journeys and their stages

const isCall = (event: StoredEvent) => event.type.startsWith("call.");

/**
 * Every journey of the log with its fields per DESIGN.md, sorted by journey key (code-unit order).
 * call.* events belong to no journey.
 */
export function buildJourneys(events: readonly StoredEvent[]): Journey[] {
  const eventsByJourney = new Map<string, StoredEvent[]>();
  for (const event of events) {
    if (isCall(event) || event.journey === null) continue;
    const journeyEvents = eventsByJourney.get(event.journey) ?? [];
    journeyEvents.push(event);
    eventsByJourney.set(event.journey, journeyEvents);
  }
  return [...eventsByJourney.keys()]
    .sort(compareText)
    .map((journey) => journeyOf(journey, [...eventsByJourney.get(journey)!].sort(compareEvents)));
}

function journeyOf(journey: string, ordered: readonly StoredEvent[]): Journey {
  const earliest = (test: (event: StoredEvent) => boolean) => ordered.find(test);
  const latest = (test: (event: StoredEvent) => boolean) => ordered.findLast(test);
  const has = (type: StoredEvent["type"]) => ordered.some((event) => event.type === type);

  const firstOffer = earliest((event) => event.type === "offer.shown");
  const arm: JourneyArm | null = has("offer.held_out")
    ? "holdout"
    : ordered.some((event) => event.type === "offer.shown" && event.attributes?.arm === "treatment")
      ? "treatment"
      : null;
  const firstStart = earliest((event) => event.type === "chat.started");
  const firstResolution = earliest((event) => event.type === "chat.resolved");
  const isChat = (event: StoredEvent) => event.type.startsWith("chat.");

  return {
    journey,
    point:
      earliest((event) => event.type === "offer.shown" && event.point !== null)?.point ??
      earliest((event) => event.point !== null)?.point ??
      null,
    customer: ordered[0].customer,
    offeredAt: (firstOffer ?? ordered[0]).occurredAt,
    callType:
      latest((event) => isChat(event) && event.callType !== null)?.callType ??
      latest((event) => event.callType !== null)?.callType ??
      null,
    channel:
      earliest((event) => event.type === "chat.started" && event.channel !== null)?.channel ??
      earliest((event) => event.channel !== null)?.channel ??
      null,
    endAt: ordered[ordered.length - 1].occurredAt,
    engagedAt: firstStart?.occurredAt ?? null,
    resolvedAt: firstResolution?.occurredAt ?? null,
    arm,
    offered: has("offer.shown"),
    accepted: has("offer.accepted"),
    engaged: has("chat.started"),
    resolved: has("chat.resolved"),
    escalated: has("chat.escalated"),
  };
}

/**
 * Bounced: engaged, and the journey's customer has a call.received at t with
 * engagedAt ≤ t < endAt + W. Any call of the log counts, whatever its period or asOf.
 */
export function isBounced(journey: Journey, calls: readonly StoredEvent[], windowHours: number): boolean {
  if (journey.engagedAt === null) return false;
  const windowStart = instant(journey.engagedAt);
  const windowEnd = instant(journey.endAt) + windowHours * HOUR_MS;
  return calls.some((call) => {
    if (call.type !== "call.received" || call.customer !== journey.customer) return false;
    const at = instant(call.occurredAt);
    return windowStart <= at && at < windowEnd;
  });
}

/** Held-out journeys count in no stage; every other journey counts by its events. */
export const isCounted = (journey: Journey) => journey.arm !== "holdout";

const NO_STAGE: JourneyStages = Object.fromEntries(STAGES.map((stage) => [stage, false])) as JourneyStages;

/** Every stage flag of a journey. `calls` may be the whole log: only call.received events are read. */
export function stageOf(
  journey: Journey,
  calls: readonly StoredEvent[],
  settings: Pick<MetricSettings, "windowHours">,
  asOf: Date | string,
): JourneyStages {
  if (!isCounted(journey)) return { ...NO_STAGE };
  const bounced = isBounced(journey, calls, settings.windowHours);
  const settled = journey.resolvedAt !== null && !bounced;
  const confirmedAt = journey.resolvedAt === null ? null : instant(journey.resolvedAt) + settings.windowHours * HOUR_MS;
  return {
    offered: journey.offered,
    accepted: journey.accepted,
    engaged: journey.engaged,
    resolved: journey.resolved,
    escalated: journey.escalated,
    bounced,
    deflected: settled && confirmedAt! <= asOfInstant(asOf),
    pending: settled && confirmedAt! > asOfInstant(asOf),
  };
}

function countStages(journeys: readonly StagedJourney[]): StageCounts {
  const counts = {} as StageCounts;
  for (const stage of STAGES) counts[stage] = journeys.filter((journey) => journey[stage]).length;
  return counts;
}

/** Journeys whose offeredAt falls on a local day in [from, to] and that match point, callType and channel. */
function journeysInPeriod(events: readonly StoredEvent[], timeZone: string, filter: PeriodFilter): Journey[] {
  return buildJourneys(events).filter((journey) => {
    const day = localDay(journey.offeredAt, timeZone);
    return (
      filter.from <= day &&
      day <= filter.to &&
      (filter.point === undefined || journey.point === filter.point) &&
      (filter.callType === undefined || journey.callType === filter.callType) &&
      (filter.channel === undefined || journey.channel === filter.channel)
    );
  });
}

function stagedJourneysInPeriod(events: readonly StoredEvent[], settings: MetricSettings, options: FunnelOptions): StagedJourney[] {
  return journeysInPeriod(events, settings.timeZone, options).map((journey) => ({
    ...journey,
    ...stageOf(journey, events, settings, options.asOf),
  }));
}

/** Agent calls: call.received events on a local day in [from, to], of `callType` when given. */
function agentCallsInPeriod(events: readonly StoredEvent[], timeZone: string, filter: Omit<PeriodFilter, "point">): StoredEvent[] {
  return events.filter((event) => {
    if (event.type !== "call.received") return false;
    const day = localDay(event.occurredAt, timeZone);
    return filter.from <= day && day <= filter.to && (filter.callType === undefined || event.callType === filter.callType);
  });
}


// ---------------------------------------------------------------------------------------------
// The metrics

export function funnel(events: readonly StoredEvent[], settings: MetricSettings, options: FunnelOptions): FunnelResult {
  assertPeriod(options.from, options.to, settings.timeZone);
  const journeys = stagedJourneysInPeriod(events, settings, options);
  const agentCalls = agentCallsInPeriod(events, settings.timeZone, options).length;
  return {
    from: options.from,
    to: options.to,
    asOf: new Date(asOfInstant(options.asOf)).toISOString(),
    windowHours: settings.windowHours,
    agentCalls,
    deflectionRate: deflectionRate(journeys.filter((journey) => journey.deflected).length, agentCalls),
    points: INTERVENTION_POINTS.map((point) => ({
      point,
      ...countStages(journeys.filter((journey) => journey.point === point)),
    })),
  };
}

export function timeseries(events: readonly StoredEvent[], settings: MetricSettings, options: TimeseriesOptions): Timeseries {
  assertPeriod(options.from, options.to, settings.timeZone);
  const { timeZone } = settings;
  const journeys = stagedJourneysInPeriod(events, settings, options);
  const calls = agentCallsInPeriod(events, timeZone, options);
  return {
    from: options.from,
    to: options.to,
    interval: options.interval,
    asOf: new Date(asOfInstant(options.asOf)).toISOString(),
    windowHours: settings.windowHours,
    buckets: bucketsBetween(options.from, options.to, options.interval).map((bucket) => ({
      bucket,
      agentCalls: calls.filter((call) => bucketOf(localDay(call.occurredAt, timeZone), options.interval) === bucket).length,
      ...countStages(journeys.filter((journey) => bucketOf(localDay(journey.offeredAt, timeZone), options.interval) === bucket)),
    })),
  };
}

/** The journeys behind any count: same filters as the funnel, optionally one stage; by offeredAt, then journey. */
export function journeysFor(events: readonly StoredEvent[], settings: MetricSettings, options: JourneysOptions): StagedJourney[] {
  assertPeriod(options.from, options.to, settings.timeZone);
  return stagedJourneysInPeriod(events, settings, options)
    .filter((journey) => (options.stage === undefined || journey[options.stage]) && (options.arm === undefined || journey.arm === options.arm))
    .sort((a, b) => instant(a.offeredAt) - instant(b.offeredAt) || compareText(a.journey, b.journey));
}

/** The call type's phone cost override, else the workspace default (also for a null call type). */
export function phoneCostOf(settings: Pick<MetricSettings, "phoneCost" | "phoneCostByCallType">, callType: string | null): number {
  return callType !== null && Object.hasOwn(settings.phoneCostByCallType, callType)
    ? settings.phoneCostByCallType[callType]
    : settings.phoneCost;
}

function costDifference(settings: MetricSettings, callType: string | null): Decimal {
  return subtractDecimals(decimalOf(phoneCostOf(settings, callType)), decimalOf(settings.digitalCost));
}

/** Top utterances of chat.unresolved events: trimmed, lower-cased, most frequent first, ties in text order. */
function topUnresolved(events: readonly StoredEvent[], journeys: ReadonlySet<string>): UnresolvedUtterance[] {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.type !== "chat.unresolved" || event.journey === null || !journeys.has(event.journey)) continue;
    const text = normalizeUtterance(event.attributes?.utterance);
    if (text !== null) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return topTexts(counts, compareText);
}

/**
 * Knowledge parity per call type, for journeys and agent calls of local days [from, to].
 * Sorted by opportunity (highest first), then phoneCalls (highest first), then callType.
 * No field depends on asOf (bounced does not), so there is no asOf.
 */
export function parity(events: readonly StoredEvent[], settings: MetricSettings, options: ParityOptions): ParityResult {
  assertPeriod(options.from, options.to, settings.timeZone);
  const names = options.names ?? {};
  const target = decimalOf(settings.resolutionTarget);
  const journeys = journeysInPeriod(events, settings.timeZone, { from: options.from, to: options.to, point: options.point, channel: options.channel }).filter(
    isCounted,
  );
  const calls = agentCallsInPeriod(events, settings.timeZone, { from: options.from, to: options.to });

  const callTypes = new Set<string>();
  for (const call of calls) if (call.callType !== null) callTypes.add(call.callType);
  for (const journey of journeys) if (journey.engaged && journey.callType !== null) callTypes.add(journey.callType);

  const rows: ParityRow[] = [...callTypes].map((callType) => {
    const ofType = journeys.filter((journey) => journey.callType === callType);
    const phoneCalls = calls.filter((call) => call.callType === callType).length;
    const engaged = ofType.filter((journey) => journey.engaged).length;
    const resolved = ofType.filter((journey) => journey.resolved).length;
    return {
      callType,
      name: Object.hasOwn(names, callType) ? names[callType] : callType,
      phoneCalls,
      engaged,
      resolved,
      escalated: ofType.filter((journey) => journey.escalated).length,
      bounced: ofType.filter((journey) => isBounced(journey, events, settings.windowHours)).length,
      resolutionRate: engaged === 0 ? null : resolved / engaged,
      status: statusOf(phoneCalls, engaged, resolved, target),
      opportunity: opportunityOf(phoneCalls, engaged, resolved, target, costDifference(settings, callType)),
      topUnresolved: topUnresolved(events, new Set(ofType.map((journey) => journey.journey))),
    };
  });
  rows.sort((a, b) => b.opportunity - a.opportunity || b.phoneCalls - a.phoneCalls || compareText(a.callType, b.callType));
  return { callTypes: rows };
}

/**
 * ROI per local month in [from, to] (every month present) and in total. Savings are summed
 * exactly over deflected journeys and rounded to cents once per sum, so `total.savings` is the
 * rounded exact total and may differ from the sum of the rounded months by a cent or so.
 */
export function roi(events: readonly StoredEvent[], settings: MetricSettings, options: RoiOptions): RoiResult {
  assertMonth(options.from, "from");
  assertMonth(options.to, "to");
  if (options.from > options.to) throw new RangeError(`from (${options.from}) is after to (${options.to})`);
  assertTimeZone(settings.timeZone);
  const { timeZone } = settings;

  const deflected = buildJourneys(events).filter(
    (journey) =>
      (options.point === undefined || journey.point === options.point) &&
      (options.callType === undefined || journey.callType === options.callType) &&
      (options.channel === undefined || journey.channel === options.channel) &&
      stageOf(journey, events, settings, options.asOf).deflected,
  );
  const agentCalls = events.filter((event) => event.type === "call.received" && (options.callType === undefined || event.callType === options.callType));
  const savingsOf = (journeys: readonly Journey[]) =>
    decimalToCents(sumDecimals(journeys.map((journey) => costDifference(settings, journey.callType))));

  const months: RoiResult["months"] = [];
  for (let month = options.from; month <= options.to; month = nextMonth(month)) {
    const deflectedInMonth = deflected.filter((journey) => localMonth(journey.offeredAt, timeZone) === month);
    const callsInMonth = agentCalls.filter((call) => localMonth(call.occurredAt, timeZone) === month).length;
    months.push({
      month,
      deflected: deflectedInMonth.length,
      agentCalls: callsInMonth,
      deflectionRate: deflectionRate(deflectedInMonth.length, callsInMonth),
      savings: savingsOf(deflectedInMonth),
    });
  }
  const inRange = deflected.filter((journey) => {
    const month = localMonth(journey.offeredAt, timeZone);
    return options.from <= month && month <= options.to;
  });
  return {
    currency: settings.currency,
    months,
    total: { deflected: inRange.length, savings: savingsOf(inRange) },
  };
}
