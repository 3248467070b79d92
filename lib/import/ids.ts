import type { IncomingEvent } from "@/lib/events/schema";
import { sha256Hex } from "./sha256";

/** Ids the import derives start with this, so they can be told apart from source systems' ids. */
export const DERIVED_ID_PREFIX = "csv-";

/** JSON with object keys sorted at every level: one text for one value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

/**
 * The content an event is identified by: every field as it will be stored, with the instant in
 * UTC (so `09:00+01:00` and `08:00Z` are one event) and without the journey of `call.*` events,
 * which the store ignores.
 */
export function eventFingerprint(event: Omit<IncomingEvent, "id"> & { id?: string }): string {
  return canonicalJson([
    event.type,
    new Date(Date.parse(event.occurredAt)).toISOString(),
    // A phone number is hashed here only on its way to the server, which keys such an id with the
    // workspace's secret before storing it (lib/events/customer-keys.ts).
    event.customer ?? `tel:${event.customerPhone}`,
    event.type.startsWith("call.") ? null : (event.journey ?? null),
    event.point ?? null,
    event.channel ?? null,
    event.callType ?? null,
    event.attributes ?? null,
  ]);
}

/**
 * A deterministic id for an event that came without one: 128 bits of SHA-256 over its
 * fingerprint. The same row imported again (from this file or another export with the same
 * content) gets the same id, so the API counts it as a duplicate and stores nothing twice.
 */
export function deriveEventId(event: Omit<IncomingEvent, "id"> & { id?: string }): string {
  return DERIVED_ID_PREFIX + sha256Hex(eventFingerprint(event)).slice(0, 32);
}
