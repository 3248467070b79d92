import { normalizeUtterance } from "@/lib/metrics/definitions";
import { type StoredEvent, plainStoredEvents } from "./schema";

/*
 * A validated batch made ready for the database: its rows, their COPY text and the derivation
 * work they bring. Pure, so that it runs the same in the server's thread and in an ingest worker
 * (lib/events/ingest-worker.ts, docs/adr/020).
 */

/** One stored row of the events table, as ingest writes it. */
export interface EventRow extends StoredEvent {
  utterance: string | null;
}

/** A batch as ingest stores it: every field is plain data that can cross to another thread. */
export interface PreparedBatch {
  /** Events sent, in-batch duplicates included. */
  events: number;
  /** Distinct ids: the rows to store. */
  rows: number;
  /** The call types the rows name, distinct and sorted. */
  callTypes: string[];
  /** The rows as COPY text (FROM STDIN, text format) of events' ingest columns. */
  copy: Uint8Array;
  /** The derivation work: journey keys as a JSON array of strings… */
  journeys: string;
  /** …and calls as a JSON array of [id, customer, occurredAt, callType]. */
  calls: string;
  /** How many journeys and calls that is (derive_queue.size). */
  work: number;
}

export const COPY_COLUMNS = "workspace_id, id, type, occurred_at, customer, journey, point, channel, call_type, attributes, utterance";

const byId = (a: EventRow, b: EventRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The rows of a batch to store: the first copy of each id (a later copy in the same batch is a
 * duplicate), sorted by id. Every batch takes the primary key's row locks in the same order, so
 * batches that share ids wait for each other instead of deadlocking.
 */
export function rowsOf(batch: StoredEvent[]): EventRow[] {
  const seen = new Set<string>();
  const rows: EventRow[] = [];
  for (const event of batch) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    rows.push({
      id: event.id,
      type: event.type,
      occurredAt: event.occurredAt,
      customer: event.customer,
      // DESIGN.md: the journey of a call.* event is ignored.
      journey: event.type.startsWith("call.") ? null : event.journey,
      point: event.point,
      channel: event.channel,
      callType: event.callType,
      attributes: event.attributes,
      utterance: event.type === "chat.unresolved" ? normalizeUtterance(event.attributes?.utterance) : null,
    });
  }
  return rows.sort(byId);
}

/** COPY's text format: backslash, tab, newline and carriage return are escaped; \N is null. */
const SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
function copyField(value: string | null): string {
  if (value === null) return "\\N";
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : value;
}
const nullable = (value: string | null) => (value === null ? "\\N" : value);

/**
 * The rows as COPY text, encoded row by row into one buffer: one string of the whole batch would
 * be flattened (as UTF-16 as soon as one character needs it) and encoded again, which was most
 * of this function's cost. Type, point, channel, call type and time are validated enums, slugs
 * and ISO instants, never escaped; the free-text fields of a row are tested together. The buffer
 * owns its memory (never Buffer's shared pool), so it can be transferred to another thread.
 */
export function copyText(workspaceId: string, rows: EventRow[]): Uint8Array {
  const ws = copyField(workspaceId);
  let buffer = Buffer.allocUnsafeSlow(rows.length * 512);
  let size = 0;
  for (const row of rows) {
    const attributes = row.attributes === null ? null : JSON.stringify(row.attributes);
    const free = `${row.id}${row.customer}${row.journey ?? ""}${attributes ?? ""}${row.utterance ?? ""}`;
    const line = SPECIAL.test(free)
      ? `${ws}\t${copyField(row.id)}\t${row.type}\t${row.occurredAt}\t${copyField(row.customer)}\t${copyField(row.journey)}\t${nullable(row.point)}\t${nullable(row.channel)}\t${nullable(row.callType)}\t${copyField(attributes)}\t${copyField(row.utterance)}\n`
      : `${ws}\t${row.id}\t${row.type}\t${row.occurredAt}\t${row.customer}\t${nullable(row.journey)}\t${nullable(row.point)}\t${nullable(row.channel)}\t${nullable(row.callType)}\t${nullable(attributes)}\t${nullable(row.utterance)}\n`;
    if (buffer.length - size < line.length * 3) {
      const grown = Buffer.allocUnsafeSlow(Math.max(buffer.length * 2, size + line.length * 3));
      buffer.copy(grown, 0, 0, size);
      buffer = grown;
    }
    size += buffer.write(line, size);
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, size);
}

/** The call types named by the rows, distinct and sorted. */
export function callTypesOf(rows: EventRow[]): string[] {
  const slugs = new Set<string>();
  for (const row of rows) if (row.callType !== null) slugs.add(row.callType);
  return [...slugs].sort();
}

/** A validated batch, ready to be stored in `workspaceId`. */
export function prepareBatch(workspaceId: string, batch: StoredEvent[]): PreparedBatch {
  const rows = rowsOf(batch);
  const journeys = new Set<string>();
  const calls: [id: string, customer: string, at: string, callType: string][] = [];
  for (const row of rows) {
    if (row.journey !== null) journeys.add(row.journey);
    // A queued call's null call type is reserved for calls counted already (migration 0005).
    if (row.type === "call.received") calls.push([row.id, row.customer, row.occurredAt, row.callType ?? ""]);
  }
  return {
    events: batch.length,
    rows: rows.length,
    callTypes: callTypesOf(rows),
    copy: copyText(workspaceId, rows),
    journeys: JSON.stringify([...journeys]),
    calls: JSON.stringify(calls),
    work: journeys.size + calls.length,
  };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The prepared batch of a request body whose events are all plainly valid at `now`; null for
 * any other body (not UTF-8, not JSON, anything zod would have to judge), which the route then
 * judges itself and answers as it always does.
 */
export function preparePlainBody(bytes: Uint8Array, workspaceId: string, now: number): PreparedBatch | null {
  let body: unknown;
  try {
    body = JSON.parse(utf8.decode(bytes));
  } catch {
    return null;
  }
  const events = plainStoredEvents(body, now);
  return events && prepareBatch(workspaceId, events);
}
