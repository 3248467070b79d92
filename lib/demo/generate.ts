import { TZDate, tzOffset } from "@date-fns/tz";
import { demoOffers } from "@/lib/config/demo";
import { ivrOfferSchema } from "@/lib/config/schemas";
import { MAX_EVENTS_PER_BATCH, type EventInput, type StoredEvent } from "@/lib/events/schema";
import { loadBanking77 } from "@/lib/demo/banking77";
import { DEMO_CALL_TYPES, type BotStrength, type DemoCallType } from "@/lib/demo/call-types";
import { type PublishedOffer, decide } from "@/lib/runtime/decide";

/**
 * The demo data generator: a deterministic, simulated contact center that emits the DESIGN.md
 * event format. Same options → byte-identical events: all randomness comes from one seeded
 * PRNG, and nothing reads the clock. The seed command feeds the batches through the real
 * ingestion path.
 *
 * The model, per day of the period (in the workspace time zone):
 * - Customer *needs* arrive (weekly seasonality, intraday curve, slight upward drift, noise),
 *   each with a call type drawn by demand weight. A need goes to the help pages first (web_nudge),
 *   gets a proactive SMS (sms_link), or goes straight to the phone.
 * - A phone call may meet the IVR offer (ivr_offer, live from the middle of the period), then
 *   waits in its queue, where it may get an in-queue offer or be abandoned; answered calls are
 *   `call.received` (stamped when an agent answers), and at the end of some the agent's system
 *   offers a chat link for next time (post_call). A few answered calls leave the issue unsettled:
 *   the customer calls about it again within days.
 * - Those three offers are decided as a live contact center's platform would ask for them: by the
 *   runtime's `decide` (lib/runtime/decide.ts) with the workspace's published offers, so the same
 *   conditions, the same SHA-256 holdout buckets and the same offer.shown / offer.held_out events.
 *   A treatment caller is offered; a held-out one gets an offer.held_out and then goes on exactly
 *   as a caller who was never offered (queue, agent, call-backs at the base rate).
 * - An engaged customer chats with the bot; the outcome follows the call type's bot strength.
 *   Unresolved, escalated and some resolved chats are followed by a call from the same customer
 *   (bounce-back), a few of them just after the attribution window.
 *
 * Clipping: the demo is a snapshot taken at the end of `endDate`. Journeys started near the end
 * would continue later (a click tomorrow, a call back in two days); those later events are not
 * generated, so no event is later than the end of `endDate` in the time zone.
 */

export const DEMO_DEFAULTS = {
  seed: 77,
  days: 180,
  scale: 1,
  timeZone: "America/New_York",
} as const;

/** The attribution window the model's bounce-backs and late callbacks are placed around (DESIGN default). */
export const DEMO_WINDOW_HOURS = 72;

/**
 * Who decides: the workspace and its published offers, as the runtime reads them. Assignment
 * hashes the workspace id, the offer id and the customer, so the seed passes the demo workspace's
 * real ids; without them the demo offers take fixed ids (`demoRuntime`).
 */
export interface DemoRuntime {
  workspaceId: string;
  offers: readonly PublishedOffer[];
}

/** The demo offers of lib/config/demo.ts as a workspace would publish them, under fixed ids. */
export function demoRuntime(workspaceId = "demo-workspace"): DemoRuntime {
  const templates = { ivr: "demo-template-ivr", inQueue: "demo-template-in-queue", postCall: "demo-template-post-call" };
  const offers = demoOffers(templates).map((offer) => ({ ...ivrOfferSchema.parse(offer), id: `demo-offer-${offer.point}`, version: 1 }));
  return { workspaceId, offers };
}

export interface DemoOptions {
  /** Last day included, YYYY-MM-DD in `timeZone`. */
  endDate: string;
  seed?: number;
  days?: number;
  /** Multiplies every volume; 1 is about 450 agent calls per weekday. */
  scale?: number;
  /** IANA time zone of the workspace. */
  timeZone?: string;
  /** Folder of the banking77 files; defaults to db/demo/banking77 under the working directory. */
  dataDir?: string;
  /** At most this many events per batch; defaults to the API's limit of 5,000. */
  batchSize?: number;
  /** The workspace and published offers the decisions are made with; defaults to `demoRuntime()`. */
  runtime?: DemoRuntime;
}

export interface DemoPeriod {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day (endDate), YYYY-MM-DD. */
  to: string;
  /** First day with ivr_offer journeys. */
  ivrLaunchDate: string;
  /** The end of `to` in the time zone, as an ISO instant: no event is at or after it. */
  endsAt: string;
  timeZone: string;
  days: number;
}

// ---------------------------------------------------------------------------------------------
// Model parameters (scale 1). Rates are probabilities per opportunity.

/** Customer needs per day before weekday, drift and noise; calibrated to ~450 agent calls per weekday. */
const NEEDS_PER_DAY = 610;
/** Sunday … Saturday. Monday peaks, weekends are about 40% of a weekday. */
const WEEKDAY_FACTOR = [0.38, 1.18, 1.04, 1.0, 0.97, 0.91, 0.43];
/** Growth of demand from the first to the last day. */
const DRIFT = 0.04;
/** Standard deviation of the daily multiplicative noise. */
const DAILY_NOISE = 0.04;
/** Relative arrivals per local hour: quiet nights, morning ramp, lunchtime bump, evening decline. */
const HOUR_WEIGHTS = [
  0.3, 0.18, 0.12, 0.1, 0.14, 0.3, 0.8, 2.2, 4.6, 6.5, 7.5, 7.0, 8.2, 7.6, 6.6, 6.4, 6.0, 5.0, 3.6, 2.6, 1.9, 1.3, 0.8, 0.45,
];
/** Share of needs that come from customers seen before. */
const RETURNING_CUSTOMER_SHARE = 0.2;

const ROUTE = { webFirst: 0.38, smsLink: 0.09 };

const WEB_NUDGE = { accept: 0.13, dismiss: 0.35, chatStarts: 0.94, callsIfNotEngaged: 0.5 };
const SMS_LINK = { delivered: 0.97, click: 0.22, optOut: 0.03, chatStarts: 0.9, callsIfNotEngaged: 0.55 };
/** Whether an IVR, in-queue or post-call offer is made is decided by `decide`; these are what callers do with one. */
const IVR_OFFER = { accept: 0.3, delivered: 0.97, click: 0.85, chatStarts: 0.95, callsAgainIfNotEngaged: 0.7 };
const IN_QUEUE = { accept: 0.16, declineAnswered: 0.6, delivered: 0.97, hangsUp: 0.7, click: 0.8, chatStarts: 0.9, callsAgainIfNotEngaged: 0.6 };
const POST_CALL = { accept: 0.08, declineAnswered: 0.3, delivered: 0.97, click: 0.5, chatStarts: 0.85 };
/** The platform's estimate of a caller's wait, asked at the in-queue point: the real wait, give or take a quarter. */
const WAIT_ESTIMATE_ERROR = 0.25;

/** Of the chats that do not resolve, the share that ends escalated (the rest is left unresolved). */
const ESCALATION_SHARE: Record<BotStrength, number> = { strong: 0.45, medium: 0.5, weak: 0.55, absent: 0 };
/** An escalation's action: a phone callback (an agent call), else a live chat agent. */
const ESCALATION_CALLBACK = 0.35;
/** Probability of a call from the customer within ~2 days of a chat, by outcome and strength. */
const BOUNCE_AFTER_RESOLVED: Record<BotStrength, number> = { strong: 0.05, medium: 0.1, weak: 0.2, absent: 0 };
const BOUNCE_AFTER_UNRESOLVED: Record<BotStrength, number> = { strong: 0.4, medium: 0.5, weak: 0.6, absent: 0 };
const BOUNCE_AFTER_LIVE_AGENT = 0.15;
/** Resolved chats followed by a call just after the attribution window (not a bounce). */
const LATE_CALLBACK_AFTER_RESOLVED = 0.02;
/**
 * Calls an agent did not settle: the customer calls again about it within a few hours to two and a
 * half days. The base rate a post-call decision's customers call back at, in both arms.
 */
const REPEAT_AFTER_AGENT = 0.05;

const WHATSAPP_SHARE = 0.25;
/** The chance a caller hangs up grows with the wait: waitSeconds / ABANDON_SECONDS, at most 30%. */
const ABANDON_SECONDS = 2400;
const ABANDON_RETRY = 0.45;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Seeded randomness.

/** mulberry32: small, fast, good enough for simulation, and identical on every platform. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = mix32(Math.trunc(seed) ^ 0x5bd1e995) >>> 0;
  }

  next(): number {
    return this.uint32() / 4294967296;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A version 4 UUID, as `randomUUID` makes them, from this generator. */
  uuid(): string {
    const hex = (value: number) => value.toString(16).padStart(8, "0");
    const [a, b, c, d] = [hex(this.uint32()), hex(this.uint32()), hex(this.uint32()), hex(this.uint32())];
    const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Log-uniform between low and high: as many short delays as long ones per decade. */
  logBetween(low: number, high: number): number {
    return low * Math.exp(Math.log(high / low) * this.next());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A count whose expectation is `expected`: the fraction is rounded up with its probability. */
  count(expected: number): number {
    const whole = Math.floor(expected);
    return whole + (this.chance(expected - whole) ? 1 : 0);
  }
}

/** murmur3's finalizer: a bijection on 32-bit integers. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Picks from weights by binary search over their running sums. */
class WeightedPicker<T> {
  private readonly sums: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weightOf: (item: T) => number,
  ) {
    let sum = 0;
    for (const item of items) this.sums.push((sum += weightOf(item)));
    this.total = sum;
  }

  pick(random: Random): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.sums.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sums[mid] > target) high = mid;
      else low = mid + 1;
    }
    return this.items[low];
  }
}

// ---------------------------------------------------------------------------------------------
// Time: days and instants in the workspace time zone.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: string): number {
  const match = DATE_PATTERN.exec(day);
  if (!match) throw new RangeError(`endDate must be YYYY-MM-DD, got ${JSON.stringify(day)}`);
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(utc).toISOString().slice(0, 10) !== day) throw new RangeError(`endDate is not a calendar day: ${day}`);
  return utc;
}

function dayString(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new RangeError(`unknown time zone: ${timeZone}`);
  }
}

/** Local midnight of a calendar day in the time zone, as an instant. */
function startOfDayIn(utcMidnight: number, timeZone: string): number {
  const date = new Date(utcMidnight);
  return new TZDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), timeZone).getTime();
}

/**
 * UTC offsets of the time zone, cached per quarter hour (every zone in use changes offset on a
 * quarter-hour boundary), and RFC 3339 formatting with that offset.
 */
class ZoneClock {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly timeZone: string) {}

  offsetMinutes(instant: number): number {
    const bucket = Math.floor(instant / (15 * MINUTE));
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = tzOffset(this.timeZone, new Date(bucket * 15 * MINUTE));
      this.offsets.set(bucket, offset);
    }
    return offset;
  }

  /** The instant of a local wall-clock time, given as the UTC midnight of its day plus seconds. */
  instantOf(utcMidnight: number, secondOfDay: number): number {
    const wall = utcMidnight + secondOfDay * SECOND;
    const guess = wall - this.offsetMinutes(wall) * MINUTE;
    return wall - this.offsetMinutes(guess) * MINUTE;
  }

  /** "2026-06-01T09:15:02-04:00" */
  format(instant: number): string {
    const offset = this.offsetMinutes(instant);
    const local = new Date(instant + offset * MINUTE).toISOString().slice(0, 19);
    const sign = offset < 0 ? "-" : "+";
    const absolute = Math.abs(offset);
    return `${local}${sign}${pad2(Math.floor(absolute / 60))}:${pad2(absolute % 60)}`;
  }
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

// ---------------------------------------------------------------------------------------------
// Options.

interface ResolvedOptions {
  seed: number;
  days: number;
  scale: number;
  timeZone: string;
  batchSize: number;
  firstDayUtc: number;
  endDayUtc: number;
  runtime: DemoRuntime;
}

function resolveOptions(options: DemoOptions): ResolvedOptions {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const days = options.days ?? DEMO_DEFAULTS.days;
  const scale = options.scale ?? DEMO_DEFAULTS.scale;
  const timeZone = options.timeZone ?? DEMO_DEFAULTS.timeZone;
  const batchSize = options.batchSize ?? MAX_EVENTS_PER_BATCH;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new RangeError(`days must be an integer from 1 to 3660, got ${days}`);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new RangeError(`scale must be above 0 and at most 100, got ${scale}`);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_EVENTS_PER_BATCH) {
    throw new RangeError(`batchSize must be an integer from 1 to ${MAX_EVENTS_PER_BATCH}, got ${batchSize}`);
  }
  assertTimeZone(timeZone);
  const endDayUtc = parseDay(options.endDate);
  const runtime = options.runtime ?? demoRuntime();
  return { seed, days, scale, timeZone, batchSize, firstDayUtc: endDayUtc - (days - 1) * DAY, endDayUtc, runtime };
}

function ivrLaunchIndex(days: number): number {
  return Math.floor(days / 2);
}

/** The period a generation covers, and when the IVR offer goes live. Cheap: reads no data. */
export function demoPeriod(options: DemoOptions): DemoPeriod {
  const { days, timeZone, firstDayUtc, endDayUtc } = resolveOptions(options);
  return {
    from: dayString(firstDayUtc),
    to: dayString(endDayUtc),
    ivrLaunchDate: dayString(firstDayUtc + ivrLaunchIndex(days) * DAY),
    endsAt: new Date(startOfDayIn(endDayUtc + DAY, timeZone)).toISOString(),
    timeZone,
    days,
  };
}

// ---------------------------------------------------------------------------------------------
// The simulation.

interface PendingEvent {
  at: number;
  event: EventInput;
}

type ChatOutcome = "resolved" | "escalated" | "unresolved";

interface CallOptions {
  /** Whether IVR and in-queue offers can be made (not on re-calls, callbacks and bounce-backs). */
  offers: boolean;
  canAbandon: boolean;
  postCall: boolean;
  /** Whether an answered call can leave its issue unsettled, to be called about again. */
  canRepeat: boolean;
}

const DIRECT_CALL: CallOptions = { offers: true, canAbandon: true, postCall: true, canRepeat: true };
const RETRY_CALL: CallOptions = { offers: false, canAbandon: false, postCall: true, canRepeat: false };
const BOUNCE_CALL: CallOptions = { offers: false, canAbandon: false, postCall: false, canRepeat: false };

const MEAN_HANDLE_SECONDS: Record<DemoCallType["queue"], number> = {
  cards: 300,
  payments: 360,
  transfers: 390,
  top_ups: 280,
  account: 420,
  security: 560,
};

/** One journey's events: ids `<journey>:<seq>` (a decision's journey is its decision id, and so is its first event's id). */
class Journey {
  constructor(
    private readonly day: Day,
    readonly id: string,
    readonly customer: string,
    readonly callType: DemoCallType,
    private seq = 0,
  ) {}

  emit(type: EventInput["type"], at: number, fields: Omit<EventInput, "id" | "type" | "occurredAt" | "customer" | "journey">): void {
    this.day.push(at, { id: `${this.id}:${this.seq++}`, type, occurredAt: "", customer: this.customer, journey: this.id, ...fields });
  }
}

/** A decision's event as a source system sends it: no null fields, occurredAt set when the day is written. */
function inputOf(event: StoredEvent): EventInput {
  const input: EventInput = { id: event.id, type: event.type, occurredAt: "", customer: event.customer };
  if (event.journey !== null) input.journey = event.journey;
  if (event.point !== null) input.point = event.point as EventInput["point"];
  if (event.channel !== null) input.channel = event.channel as EventInput["channel"];
  if (event.callType !== null) input.callType = event.callType;
  if (event.attributes !== null) input.attributes = event.attributes;
  return input;
}

type OfferPoint = "ivr_offer" | "in_queue" | "post_call";

/** The events generated for one day's needs, and the counters that make their ids. */
class Day {
  readonly events: PendingEvent[] = [];
  private journeys = 0;
  private calls = 0;

  constructor(readonly label: string) {}

  push(at: number, event: EventInput): void {
    this.events.push({ at: Math.round(at / SECOND) * SECOND, event });
  }

  nextJourneyId(): string {
    return `j_${this.label}_${++this.journeys}`;
  }

  nextCallId(): string {
    return `c_${this.label}_${++this.calls}`;
  }
}

class Simulation {
  private readonly random: Random;
  private readonly clock: ZoneClock;
  private readonly callTypes = new WeightedPicker(DEMO_CALL_TYPES, (callType) => callType.weight);
  private readonly hours = new WeightedPicker(
    HOUR_WEIGHTS.map((_, hour) => hour),
    (hour) => HOUR_WEIGHTS[hour],
  );
  private customers = 0;
  private contacts = 0;
  private ivrLive = false;
  private day!: Day;
  /** Decision ids come from a stream of their own, so that they do not move the simulation's draws. */
  private readonly ids: Random;
  private readonly newId = () => this.ids.uuid();

  constructor(
    private readonly options: ResolvedOptions,
    private readonly utterancesBySlug: Map<string, string[]>,
  ) {
    this.random = new Random(options.seed);
    this.ids = new Random(mix32(options.seed) ^ 0x2545f491);
    this.clock = new ZoneClock(options.timeZone);
  }

  *run(): Generator<EventInput[]> {
    const { days, firstDayUtc, endDayUtc, timeZone, batchSize } = this.options;
    const endsAt = startOfDayIn(endDayUtc + DAY, timeZone);
    let batch: EventInput[] = [];
    for (let index = 0; index < days; index++) {
      const dayUtc = firstDayUtc + index * DAY;
      this.ivrLive = index >= ivrLaunchIndex(days);
      this.day = new Day(dayString(dayUtc).replaceAll("-", ""));
      this.simulateDay(dayUtc, index);
      const events = this.day.events.filter((pending) => pending.at < endsAt).sort((a, b) => a.at - b.at);
      for (const { at, event } of events) {
        event.occurredAt = this.clock.format(at);
        batch.push(event);
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  private simulateDay(dayUtc: number, index: number): void {
    const { random } = this;
    const weekday = new Date(dayUtc).getUTCDay();
    const drift = 1 + (DRIFT * index) / Math.max(1, this.options.days - 1);
    const noise = Math.max(0.8, 1 + DAILY_NOISE * random.normal());
    const needs = random.count(NEEDS_PER_DAY * this.options.scale * WEEKDAY_FACTOR[weekday] * drift * noise);
    for (let n = 0; n < needs; n++) {
      const secondOfDay = this.hours.pick(random) * 3600 + Math.floor(random.next() * 3600);
      const at = this.clock.instantOf(dayUtc, secondOfDay);
      const callType = this.callTypes.pick(random);
      const customer = this.customer();
      const route = random.next();
      if (route < ROUTE.webFirst) this.webNudge(at, customer, callType);
      else if (route < ROUTE.webFirst + ROUTE.smsLink && callType.strength !== "absent") this.smsLink(at, customer, callType);
      else this.call(at, customer, callType, DIRECT_CALL);
    }
  }

  /** An opaque customer key: a new customer, or (sometimes) one seen on an earlier need. */
  private customer(): string {
    const number =
      this.customers > 0 && this.random.chance(RETURNING_CUSTOMER_SHARE) ? Math.floor(this.random.next() * this.customers) : this.customers++;
    const high = mix32(number ^ mix32(this.options.seed));
    const low = mix32(high ^ number ^ 0x9e3779b9);
    return `cust_${high.toString(16).padStart(8, "0")}${low.toString(16).padStart(8, "0")}`;
  }

  private journey(customer: string, callType: DemoCallType): Journey {
    return new Journey(this.day, this.day.nextJourneyId(), customer, callType);
  }

  // -- Intervention points ------------------------------------------------------------------

  private webNudge(at: number, customer: string, callType: DemoCallType): void {
    const { random } = this;
    const journey = this.journey(customer, callType);
    journey.emit("offer.shown", at, { point: "web_nudge", channel: "web", attributes: { page: `/help/${callType.queue}` } });
    let engaged = false;
    if (random.chance(WEB_NUDGE.accept)) {
      const acceptedAt = at + random.between(4, 60) * SECOND;
      journey.emit("offer.accepted", acceptedAt, { point: "web_nudge", channel: "web" });
      if (this.botEngages(callType) && random.chance(WEB_NUDGE.chatStarts)) {
        engaged = true;
        this.chat(journey, acceptedAt + random.between(3, 20) * SECOND, "web");
      }
    } else if (random.chance(WEB_NUDGE.dismiss)) {
      journey.emit("offer.declined", at + random.between(2, 30) * SECOND, { point: "web_nudge", channel: "web" });
    }
    if (!engaged && random.chance(WEB_NUDGE.callsIfNotEngaged)) {
      this.call(at + random.logBetween(2 * MINUTE, 3 * HOUR), customer, callType, DIRECT_CALL);
    }
  }

  private smsLink(at: number, customer: string, callType: DemoCallType): void {
    const { random } = this;
    const journey = this.journey(customer, callType);
    journey.emit("offer.shown", at, { point: "sms_link", channel: "sms", callType: callType.slug });
    const clickedAt = this.smsDelivery(journey, at + SECOND, "proactive-chat-link", SMS_LINK.delivered, SMS_LINK.click, 5 * MINUTE, 8 * HOUR);
    let engaged = false;
    if (clickedAt !== null) {
      journey.emit("offer.accepted", clickedAt, { point: "sms_link", channel: "sms" });
      if (this.botEngages(callType) && random.chance(SMS_LINK.chatStarts)) {
        engaged = true;
        this.chat(journey, clickedAt + random.between(5, 30) * SECOND, this.chatChannel());
      }
    } else if (random.chance(SMS_LINK.optOut)) {
      journey.emit("offer.declined", at + random.logBetween(MINUTE, 2 * HOUR), { point: "sms_link", channel: "sms" });
    }
    if (!engaged && random.chance(SMS_LINK.callsIfNotEngaged)) {
      this.call(at + random.logBetween(10 * MINUTE, 6 * HOUR), customer, callType, DIRECT_CALL);
    }
  }

  /**
   * A phone call from arrival: IVR offer, queue (in-queue offer, abandonment), agent, post-call
   * follow-up. `call.received` is stamped when the agent answers.
   */
  private call(arrivedAt: number, customer: string, callType: DemoCallType, options: CallOptions): void {
    const { random } = this;
    let queuedAt = arrivedAt + random.between(15, 45) * SECOND;
    if (options.offers && this.ivrLive) {
      const askedAt = arrivedAt + random.between(10, 30) * SECOND;
      const journey = this.decide("ivr_offer", askedAt, customer, callType);
      if (journey) {
        const declinedAt = this.ivrOffer(journey, askedAt);
        if (declinedAt === null) return;
        queuedAt = declinedAt + random.between(5, 15) * SECOND;
      }
    }

    const queue = callType.queue;
    const meanWait = 40 + 25 * HOUR_WEIGHTS[this.localHour(queuedAt)];
    const waitSeconds = Math.min(1800, Math.max(3, Math.round(random.exponential(meanWait))));

    // A minute or so into the wait, the platform asks whether to offer the chat link instead.
    const askedAt = queuedAt + random.between(45, 75) * SECOND;
    if (options.offers && askedAt < queuedAt + waitSeconds * SECOND) {
      const estimatedWaitSeconds = Math.round(waitSeconds * random.between(1 - WAIT_ESTIMATE_ERROR, 1 + WAIT_ESTIMATE_ERROR));
      const journey = this.decide("in_queue", askedAt, customer, callType, estimatedWaitSeconds);
      if (journey && this.inQueueOffer(journey, askedAt, queuedAt)) return;
    }

    if (options.canAbandon && random.chance(Math.min(0.3, waitSeconds / ABANDON_SECONDS))) {
      const abandonedAfter = Math.max(3, Math.round(waitSeconds * random.between(0.3, 1)));
      this.day.push(queuedAt + abandonedAfter * SECOND, {
        id: this.day.nextCallId(),
        type: "call.abandoned",
        occurredAt: "",
        customer,
        channel: "voice",
        callType: callType.slug,
        attributes: { queue, waitSeconds: abandonedAfter },
      });
      if (random.chance(ABANDON_RETRY)) {
        this.call(queuedAt + abandonedAfter * SECOND + random.logBetween(5 * MINUTE, 2 * HOUR), customer, callType, RETRY_CALL);
      }
      return;
    }

    const answeredAt = queuedAt + waitSeconds * SECOND;
    const handleSeconds = Math.max(45, Math.round(MEAN_HANDLE_SECONDS[queue] * Math.exp(0.4 * random.normal() - 0.08)));
    this.day.push(answeredAt, {
      id: this.day.nextCallId(),
      type: "call.received",
      occurredAt: "",
      customer,
      channel: "voice",
      callType: callType.slug,
      attributes: { queue, waitSeconds, handleSeconds },
    });
    if (options.postCall) {
      const endingAt = answeredAt + (handleSeconds - random.between(5, 20)) * SECOND;
      const journey = this.decide("post_call", endingAt, customer, callType);
      if (journey) this.postCall(journey, endingAt);
    }
    if (options.canRepeat && random.chance(REPEAT_AFTER_AGENT)) {
      this.call(answeredAt + handleSeconds * SECOND + random.logBetween(3 * HOUR, 60 * HOUR), customer, callType, RETRY_CALL);
    }
  }

  /**
   * Asks the runtime's decision, as the contact center's platform does at an offer point, and
   * records its event (offer.shown or offer.held_out, at the moment asked). Returns the offer's
   * journey when the caller is offered, else null: held out, or no published offer applies.
   */
  private decide(point: OfferPoint, at: number, customer: string, callType: DemoCallType, estimatedWaitSeconds?: number): Journey | null {
    const askedAt = Math.round(at / SECOND) * SECOND;
    const { answer, events } = decide({
      workspaceId: this.options.runtime.workspaceId,
      request: {
        point,
        customer,
        contactId: `contact-${++this.contacts}`,
        callType: callType.slug,
        queue: callType.queue,
        ...(estimatedWaitSeconds === undefined ? {} : { estimatedWaitSeconds }),
        at: new Date(askedAt),
      },
      offers: this.options.runtime.offers,
      timeZone: this.options.timeZone,
      optedOut: false,
      newId: this.newId,
    });
    for (const event of events) this.day.push(askedAt, inputOf(event));
    return answer.offer === "true" ? new Journey(this.day, answer.journey, customer, callType, 1) : null;
  }

  /** The IVR offer, shown at `at`; returns when the caller declined (and stays on the line), else null. */
  private ivrOffer(journey: Journey, at: number): number | null {
    const { random } = this;
    const { customer, callType } = journey;
    const answeredAt = at + random.between(6, 15) * SECOND;
    if (!random.chance(IVR_OFFER.accept)) {
      journey.emit("offer.declined", answeredAt, { point: "ivr_offer", channel: "voice" });
      return answeredAt;
    }
    journey.emit("offer.accepted", answeredAt, { point: "ivr_offer", channel: "voice" });
    const clickedAt = this.smsDelivery(journey, answeredAt + 2 * SECOND, "ivr-chat-link", IVR_OFFER.delivered, IVR_OFFER.click, 20 * SECOND, 15 * MINUTE);
    if (clickedAt !== null && this.botEngages(callType) && random.chance(IVR_OFFER.chatStarts)) {
      this.chat(journey, clickedAt + random.between(5, 25) * SECOND, this.chatChannel());
    } else if (random.chance(IVR_OFFER.callsAgainIfNotEngaged)) {
      this.call(answeredAt + random.logBetween(5 * MINUTE, 90 * MINUTE), customer, callType, RETRY_CALL);
    }
    return null;
  }

  /** The in-queue offer, shown at `at`; returns true when the caller left the queue for the chat link. */
  private inQueueOffer(journey: Journey, at: number, queuedAt: number): boolean {
    const { random } = this;
    const { customer, callType } = journey;
    const queue = callType.queue;
    const answeredAt = at + random.between(5, 15) * SECOND;
    if (!random.chance(IN_QUEUE.accept)) {
      if (random.chance(IN_QUEUE.declineAnswered)) journey.emit("offer.declined", answeredAt, { point: "in_queue", channel: "voice" });
      return false;
    }
    journey.emit("offer.accepted", answeredAt, { point: "in_queue", channel: "voice" });
    if (!random.chance(IN_QUEUE.hangsUp)) {
      this.smsDelivery(journey, answeredAt + 2 * SECOND, "in-queue-chat-link", IN_QUEUE.delivered, 0, 0, 0);
      return false;
    }
    const hungUpAt = answeredAt + random.between(3, 10) * SECOND;
    this.day.push(hungUpAt, {
      id: this.day.nextCallId(),
      type: "call.abandoned",
      occurredAt: "",
      customer,
      channel: "voice",
      callType: callType.slug,
      attributes: { queue, waitSeconds: Math.round((hungUpAt - queuedAt) / SECOND) },
    });
    const clickedAt = this.smsDelivery(journey, answeredAt + 2 * SECOND, "in-queue-chat-link", IN_QUEUE.delivered, IN_QUEUE.click, 20 * SECOND, 10 * MINUTE);
    if (clickedAt !== null && this.botEngages(callType) && random.chance(IN_QUEUE.chatStarts)) {
      this.chat(journey, clickedAt + random.between(5, 25) * SECOND, this.chatChannel());
    } else if (random.chance(IN_QUEUE.callsAgainIfNotEngaged)) {
      this.call(hungUpAt + random.logBetween(5 * MINUTE, 2 * HOUR), customer, callType, RETRY_CALL);
    }
    return true;
  }

  /** The post-call offer, spoken as the call ends at `at`: press 1 for a chat link for next time. */
  private postCall(journey: Journey, at: number): void {
    const { random } = this;
    const answeredAt = at + random.between(4, 12) * SECOND;
    if (!random.chance(POST_CALL.accept)) {
      if (random.chance(POST_CALL.declineAnswered)) journey.emit("offer.declined", answeredAt, { point: "post_call", channel: "voice" });
      return;
    }
    journey.emit("offer.accepted", answeredAt, { point: "post_call", channel: "voice" });
    const clickedAt = this.smsDelivery(journey, answeredAt + 2 * SECOND, "post-call-follow-up", POST_CALL.delivered, POST_CALL.click, 5 * MINUTE, 20 * HOUR);
    // A follow-up to an issue an agent has just handled: whatever the chat's outcome, the customer
    // does not call about it again, so the offer changes nobody's calls (docs/adr/017).
    if (clickedAt !== null && this.botEngages(journey.callType) && random.chance(POST_CALL.chatStarts)) {
      this.chat(journey, clickedAt + random.between(5, 30) * SECOND, this.chatChannel(), false);
    }
  }

  /** sms.sent, then sms.delivered or sms.failed, then maybe link.clicked; returns the click time or null. */
  private smsDelivery(journey: Journey, sentAt: number, template: string, delivered: number, click: number, clickMin: number, clickMax: number): number | null {
    const { random } = this;
    journey.emit("sms.sent", sentAt, { channel: "sms", attributes: { template } });
    const settledAt = sentAt + random.between(2, 20) * SECOND;
    if (!random.chance(delivered)) {
      journey.emit("sms.failed", settledAt, { channel: "sms", attributes: { reason: random.chance(0.5) ? "unreachable" : "carrier_rejected" } });
      return null;
    }
    journey.emit("sms.delivered", settledAt, { channel: "sms" });
    if (!random.chance(click)) return null;
    const clickedAt = settledAt + random.logBetween(clickMin, clickMax);
    journey.emit("link.clicked", clickedAt, { channel: "sms" });
    return clickedAt;
  }

  // -- The bot ------------------------------------------------------------------------------

  private botEngages(callType: DemoCallType): boolean {
    return callType.strength !== "absent";
  }

  private chatChannel(): "web" | "whatsapp" {
    return this.random.chance(WHATSAPP_SHARE) ? "whatsapp" : "web";
  }

  /** A bot conversation and what the customer does after it; with `callsAfter` false it leads to no call. */
  private chat(journey: Journey, startedAt: number, channel: "web" | "whatsapp", callsAfter = true): void {
    const { random } = this;
    const { callType } = journey;
    const slug = callType.slug;
    journey.emit("chat.started", startedAt, { channel, callType: slug });

    let outcome: ChatOutcome;
    if (random.chance(callType.resolutionRate)) outcome = "resolved";
    else outcome = random.chance(ESCALATION_SHARE[callType.strength]) ? "escalated" : "unresolved";

    const failedTurns = outcome === "resolved" ? (random.chance(0.2) ? 1 : 0) : 1 + Math.floor(random.next() * 3);
    let at = startedAt;
    for (let turn = 0; turn < failedTurns; turn++) {
      at += random.between(25, 120) * SECOND;
      journey.emit("chat.unresolved", at, { channel, callType: slug, attributes: { utterance: this.utterance(slug) } });
    }

    let callAt: number | null = null;
    if (outcome === "resolved") {
      at += random.between(40, 240) * SECOND;
      journey.emit("chat.resolved", at, { channel, callType: slug });
      if (random.chance(BOUNCE_AFTER_RESOLVED[callType.strength])) callAt = at + this.bounceDelay();
      else if (random.chance(LATE_CALLBACK_AFTER_RESOLVED)) callAt = at + DEMO_WINDOW_HOURS * HOUR + random.between(15 * MINUTE, 12 * HOUR);
    } else if (outcome === "escalated") {
      at += random.between(10, 40) * SECOND;
      const callback = random.chance(ESCALATION_CALLBACK);
      journey.emit("chat.escalated", at, {
        channel,
        callType: slug,
        attributes: callback ? { action: "callback", withinMinutes: 30 } : { action: "live_agent", queue: callType.queue },
      });
      if (callback) callAt = at + random.between(3 * MINUTE, 30 * MINUTE);
      else if (random.chance(BOUNCE_AFTER_LIVE_AGENT)) callAt = at + this.bounceDelay();
    } else if (random.chance(BOUNCE_AFTER_UNRESOLVED[callType.strength])) {
      callAt = at + this.bounceDelay();
    }
    if (callAt !== null && callsAfter) this.call(callAt, journey.customer, callType, BOUNCE_CALL);
  }

  /** How long after a chat a bounce-back call comes: mostly within hours, some up to two days. */
  private bounceDelay(): number {
    return this.random.chance(0.55) ? this.random.logBetween(10 * MINUTE, 6 * HOUR) : this.random.between(6 * HOUR, 48 * HOUR);
  }

  /** A real banking77 utterance of the call type; earlier ones in the file are picked more often, so some recur. */
  private utterance(slug: string): string {
    const utterances = this.utterancesBySlug.get(slug)!;
    const u = this.random.next();
    return utterances[Math.floor(utterances.length * u * u)];
  }

  private localHour(instant: number): number {
    return new Date(instant + this.clock.offsetMinutes(instant) * MINUTE).getUTCHours();
  }
}

/**
 * Demo events for `days` days ending with `endDate`, in batches of at most `batchSize` (5,000).
 * Days come in order; a day's events are those of the needs that arose that day, sorted by time,
 * so a few of them (a click the next morning, a call back two days later) are later than the
 * first events of the following days. Batches are filled across days.
 */
export function* generateDemoEvents(options: DemoOptions): Generator<EventInput[]> {
  const resolved = resolveOptions(options);
  const { utterancesBySlug } = loadBanking77(options.dataDir);
  yield* new Simulation(resolved, utterancesBySlug).run();
}
