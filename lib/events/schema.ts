import { z } from "zod";
import { CALL_TYPE_SLUG, CHANNELS, EVENT_TYPES, INTERVENTION_POINTS } from "@/lib/domain";
import { isoUtc } from "@/lib/domain/time";
import { isStorableText } from "@/lib/domain/text";
import { MAX_PHONE_LENGTH, personalDataKind, personalDataMessage, toE164 } from "./personal-data";

/** Limits of DESIGN.md, "Events" and "HTTP API". */
export const MAX_EVENTS_PER_BATCH = 5_000;
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
export const MAX_ATTRIBUTES_BYTES = 4 * 1024;
export const MAX_FUTURE_MS = 60 * 60 * 1000;
const MAX_ATTRIBUTE_DEPTH = 16;


/*
 * Validation runs for every event of every batch, so each field has one check with a message
 * computed only when it fails: chained checks (`.min().max().refine()`) cost several times more
 * per event and were the largest part of ingest's time on the server.
 */

function textProblem(value: string, max: number): string | null {
  if (value.length === 0) return "must not be empty";
  if (value.length > max) return `must be at most ${max} characters`;
  return isStorableText(value) ? null : "must not contain NUL characters or unpaired surrogates";
}

const text = (max: number) =>
  z.string().refine((value) => textProblem(value, max) === null, { error: (issue) => textProblem(issue.input as string, max) ?? undefined });

/** Why a JSON value could not be stored as attributes, or null when it can. */
function attributeProblem(value: unknown, depth = 0): string | null {
  if (depth > MAX_ATTRIBUTE_DEPTH) return `must not nest deeper than ${MAX_ATTRIBUTE_DEPTH} levels`;
  if (typeof value === "string") {
    if (!isStorableText(value)) return "strings must not contain NUL characters or unpaired surrogates";
    const personal = personalDataKind(value);
    return personal ? `hold a value that ${personalDataMessage(personal)}` : null;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = attributeProblem(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const key in value) {
      if (!isStorableText(key) && key !== "") return "keys must not contain NUL characters or unpaired surrogates";
      const problem = attributeProblem((value as Record<string, unknown>)[key], depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

function attributesProblem(value: unknown): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "must be a JSON object";
  const problem = attributeProblem(value);
  if (problem) return problem;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most attributes are judged by their length alone.
  const json = JSON.stringify(value);
  if (json.length * 3 > MAX_ATTRIBUTES_BYTES && new TextEncoder().encode(json).byteLength > MAX_ATTRIBUTES_BYTES) {
    return `must be at most ${MAX_ATTRIBUTES_BYTES} bytes as JSON`;
  }
  return null;
}

const attributes = z.custom<Record<string, unknown>>((value) => attributesProblem(value) === null, {
  error: (issue) => attributesProblem(issue.input) ?? undefined,
});

const occurredAt = z.iso.datetime({ offset: true, message: "must be an RFC 3339 date-time with an offset" });

const CUSTOMER_PHONE_MESSAGE = "must be a phone number in international form (+ and the country code), e.g. +14155550100";

/** A phone number the server turns into the customer key (DESIGN.md "Events"); never stored. */
const customerPhone = z.string().refine((value) => value.length <= MAX_PHONE_LENGTH && toE164(value) !== null, { error: CUSTOMER_PHONE_MESSAGE });

const baseEvent = z.object({
  id: text(128),
  type: z.enum(EVENT_TYPES),
  occurredAt,
  customer: text(128).optional(),
  customerPhone: customerPhone.optional(),
  journey: text(128).optional(),
  point: z.enum(INTERVENTION_POINTS).optional(),
  channel: z.enum(CHANNELS).optional(),
  callType: z.string().regex(CALL_TYPE_SLUG, "must be a slug of a-z, 0-9 and _ (1 to 64 characters)").optional(),
  attributes: attributes.optional(),
});

/** Builds the event schema against a clock, so "not more than 1 hour in the future" is testable. */
export function eventSchema(now: () => number = Date.now) {
  return baseEvent.superRefine((event, ctx) => {
    const isCall = event.type.startsWith("call.");
    if (event.customer === undefined && event.customerPhone === undefined) {
      ctx.addIssue({ code: "custom", path: ["customer"], message: "is required (or customerPhone, a phone number the server turns into the key)" });
    } else if (event.customer !== undefined && event.customerPhone !== undefined) {
      ctx.addIssue({ code: "custom", path: ["customerPhone"], message: "must not be sent with customer: send one of the two" });
    } else if (event.customer !== undefined) {
      const personal = personalDataKind(event.customer);
      if (personal) ctx.addIssue({ code: "custom", path: ["customer"], message: personalDataMessage(personal) });
    }
    if (!isCall && event.journey === undefined) {
      ctx.addIssue({ code: "custom", path: ["journey"], message: `is required for ${event.type}` });
    }
    // Only offer.shown must name its point (DESIGN.md): the runtime sends one on offer.held_out
    // too, but another source may not, and a held-out journey counts in no stage (docs/adr/002).
    if (event.type === "offer.shown" && event.point === undefined) {
      ctx.addIssue({ code: "custom", path: ["point"], message: "is required for offer.shown" });
    }
    if (event.type === "call.received" && event.callType === undefined) {
      ctx.addIssue({ code: "custom", path: ["callType"], message: "is required for call.received" });
    }
    const occurredAt = Date.parse(event.occurredAt);
    if (Number.isNaN(occurredAt)) {
      ctx.addIssue({ code: "custom", path: ["occurredAt"], message: "is not a valid date" });
    } else if (occurredAt > now() + MAX_FUTURE_MS) {
      ctx.addIssue({ code: "custom", path: ["occurredAt"], message: "must not be more than 1 hour in the future" });
    }
  });
}

/** An event as the schema reads it: with a customer key, or with a phone number the server keys. */
export type IncomingEvent = z.infer<typeof baseEvent>;

/** An event with its customer key, as the server's own sources (runtime, demo, tests) build it. */
export type EventInput = Omit<IncomingEvent, "customer" | "customerPhone"> & { customer: string; customerPhone?: undefined };

export function eventBatchSchema(now: () => number = Date.now) {
  return z.object({
    events: z.array(eventSchema(now)).min(1, "must hold at least one event").max(MAX_EVENTS_PER_BATCH, `must hold at most ${MAX_EVENTS_PER_BATCH} events`),
  });
}

/** An event as stored: journey dropped on call.* events, where DESIGN.md says it is ignored. */
export interface StoredEvent {
  id: string;
  type: EventInput["type"];
  occurredAt: string;
  customer: string;
  journey: string | null;
  point: string | null;
  channel: string | null;
  callType: string | null;
  attributes: Record<string, unknown> | null;
}

/**
 * What the server derives from a `customerPhone` with the workspace's secret
 * (lib/events/customer-keys.ts): the customer key, and the id of an event whose id the import
 * derived from content that held the number.
 */
export interface CustomerKeys {
  customer(phone: string): string;
  eventId(id: string): string;
}

const noKeys: CustomerKeys = {
  customer() {
    throw new Error("customerPhone needs the workspace's customer keys");
  },
  eventId: (id) => id,
};

/** An event as stored; one with a `customerPhone` needs `keyedStoredEvent`. */
export function toStoredEvent(event: IncomingEvent): StoredEvent {
  return keyedStoredEvent(event, noKeys);
}

/** An event as stored, its `customerPhone` (if any) turned into the customer key by `keys`. */
export function keyedStoredEvent(event: IncomingEvent, keys: CustomerKeys): StoredEvent {
  const byPhone = event.customerPhone !== undefined;
  return {
    id: byPhone ? keys.eventId(event.id) : event.id,
    type: event.type,
    occurredAt: isoUtc(Date.parse(event.occurredAt)),
    customer: byPhone ? keys.customer(event.customerPhone!) : event.customer!,
    journey: event.type.startsWith("call.") ? null : (event.journey ?? null),
    point: event.point ?? null,
    channel: event.channel ?? null,
    callType: event.callType ?? null,
    attributes: event.attributes ?? null,
  };
}

/*
 * The fast path of ingest. zod stays the definition of a valid batch, and says what is wrong with
 * one that is not; but parsing 1,000 events with it took ~5 ms of the server's ~25 ms per batch.
 * `plainStoredEvents` checks a batch by the same rules by hand and answers its stored events, or
 * null as soon as anything is not plainly valid — then the route asks zod. A property test
 * (schema.test.ts) proves that whatever it accepts, zod accepts with the same result.
 */

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);
const POINT_SET: ReadonlySet<string> = new Set(INTERVENTION_POINTS);
const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);
const ISO_WITH_OFFSET = occurredAt._zod.def.pattern!;
const EVENT_KEYS: ReadonlySet<string> = new Set(Object.keys(baseEvent.shape));

const isText = (value: unknown): value is string => typeof value === "string" && textProblem(value, 128) === null;
const isOptional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);

/** The stored events of a batch whose every event is plainly valid at `now`, else null. */
export function plainStoredEvents(batch: unknown, now: number): StoredEvent[] | null {
  if (batch === null || typeof batch !== "object" || Array.isArray(batch)) return null;
  const events = (batch as { events?: unknown }).events;
  if (!Array.isArray(events) || events.length < 1 || events.length > MAX_EVENTS_PER_BATCH) return null;
  const stored: StoredEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Record<string, unknown>;
    if (event === null || typeof event !== "object" || Array.isArray(event)) return null;
    for (const key in event) if (!EVENT_KEYS.has(key)) return null;
    const { id, type, occurredAt: at, customer, journey, point, channel, callType, attributes: attrs } = event;
    if (!isText(id) || typeof type !== "string" || !EVENT_TYPE_SET.has(type) || typeof at !== "string" || !ISO_WITH_OFFSET.test(at) || !isText(customer)) return null;
    if (event.customerPhone !== undefined || personalDataKind(customer) !== null) return null;
    if (!isOptional(journey, isText) || !isOptional(point, (v) => typeof v === "string" && POINT_SET.has(v))) return null;
    if (!isOptional(channel, (v) => typeof v === "string" && CHANNEL_SET.has(v))) return null;
    if (!isOptional(callType, (v) => typeof v === "string" && CALL_TYPE_SLUG.test(v)) || !isOptional(attrs, (v) => attributesProblem(v) === null)) return null;
    const isCall = type.startsWith("call.");
    if ((!isCall && journey === undefined) || (type === "offer.shown" && point === undefined) || (type === "call.received" && callType === undefined)) return null;
    const ms = Date.parse(at);
    if (Number.isNaN(ms) || ms > now + MAX_FUTURE_MS) return null;
    stored[i] = {
      id,
      type: type as EventInput["type"],
      occurredAt: isoUtc(ms),
      customer,
      journey: isCall ? null : (journey as string),
      point: (point as string | undefined) ?? null,
      channel: (channel as string | undefined) ?? null,
      callType: (callType as string | undefined) ?? null,
      attributes: (attrs as Record<string, unknown> | undefined) ?? null,
    };
  }
  return stored;
}
