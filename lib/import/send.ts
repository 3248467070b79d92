import type { IncomingEvent } from "@/lib/events/schema";
import type { RowError, RowMapper } from "./mapping";

/** At most this many events per request (the API takes 5,000; smaller batches give a smoother progress bar and cheaper retries). */
export const BATCH_SIZE = 1_000;
/** Kept under the API's 5 MB, with room for the envelope. */
export const BATCH_BYTES = 4_500_000;

/** What the API answered, or null when the request never got an answer (network down, timeout). */
export interface BatchResponse {
  status: number;
  body: unknown;
  /** Seconds, from a Retry-After header. */
  retryAfter?: number;
}

/** Sends one batch of events: `POST /api/v1/events`. Throws on network failure. */
export type Transport = (events: IncomingEvent[], signal: AbortSignal) => Promise<BatchResponse>;

/** A problem that stops the whole import (signed out, not allowed, server down after retries). */
export class ImportFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportFailure";
  }
}

export interface Batch {
  events: IncomingEvent[];
  /** File row of each event, to map a server 422 back to the file. */
  rows: number[];
}

export interface BatchResult {
  accepted: number;
  duplicates: number;
  /** Rows the server refused (422), each with its reasons; the rest of their batch was sent again. */
  rejected: RowError[];
  rejectedRows: number;
}

export interface DeliveryOptions {
  transport: Transport;
  signal: AbortSignal;
  mapper: Pick<RowMapper, "columnFor">;
  /** Waits, resolving early (and the caller then checks the signal) when the import is cancelled. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Attempts per request before giving up on network errors, 5xx and 429. */
  maxAttempts?: number;
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
}

export const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });

/** 1 s, 2 s, 4 s, 8 s, 16 s… capped at 30 s, or what Retry-After asks for. */
export function backoffMs(attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) return Math.min(60_000, retryAfterSeconds * 1000);
  return Math.min(30_000, 1000 * 2 ** (attempt - 1));
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { index?: number; path?: string; message?: string }[] };
}

const errorOf = (body: unknown) => (body && typeof body === "object" ? (body as ErrorBody).error : undefined);

/**
 * Delivers one batch, sequentially and safely:
 * - network errors, 5xx and 429 are retried with backoff: ids are deterministic, so a batch
 *   that was stored before its answer was lost comes back as duplicates, never twice;
 * - a 422 names the events (by index) the server refused: nothing of the batch was stored, so
 *   those rows go to the error report and the rest of the batch is sent again;
 * - a 413 splits the batch;
 * - 401, 403 and other answers stop the import.
 */
export async function deliverBatch(batch: Batch, options: DeliveryOptions): Promise<BatchResult> {
  const { transport, signal, mapper, maxAttempts = 6, sleep = defaultSleep } = options;
  const result: BatchResult = { accepted: 0, duplicates: 0, rejected: [], rejectedRows: 0 };
  let events = batch.events;
  let rows = batch.rows;
  let attempt = 0;

  while (events.length > 0) {
    if (signal.aborted) throw abortError();
    attempt++;
    let response: BatchResponse;
    try {
      response = await transport(events, signal);
    } catch (error) {
      if (signal.aborted) throw abortError();
      if (attempt >= maxAttempts) throw new ImportFailure(`The server could not be reached after ${maxAttempts} attempts (${describe(error)}).`);
      const delay = backoffMs(attempt);
      options.onRetry?.(attempt, delay, "the connection failed");
      await sleep(delay, signal);
      continue;
    }

    const { status, body } = response;
    if (status >= 200 && status < 300) {
      const counts = (body ?? {}) as { accepted?: unknown; duplicates?: unknown };
      if (typeof counts.accepted !== "number" || typeof counts.duplicates !== "number") {
        throw new ImportFailure("The server answered without saying how many events it stored; the import was stopped. Running it again is safe.");
      }
      result.accepted += counts.accepted;
      result.duplicates += counts.duplicates;
      return result;
    }
    const error = errorOf(body);
    if (status === 422 && error?.details?.some((detail) => typeof detail.index === "number")) {
      const refused = new Map<number, RowError[]>();
      for (const detail of error.details) {
        if (typeof detail.index !== "number" || detail.index < 0 || detail.index >= events.length) continue;
        const path = detail.path && detail.path !== "(event)" ? detail.path : "";
        const list = refused.get(detail.index) ?? [];
        list.push({ row: rows[detail.index], column: path ? mapper.columnFor(path) : "", field: path, message: `${detail.message ?? "is not valid"} (refused by the server)` });
        refused.set(detail.index, list);
      }
      if (refused.size === 0) throw new ImportFailure(error.message ?? "The server refused a batch.");
      for (const list of refused.values()) result.rejected.push(...list);
      result.rejectedRows += refused.size;
      events = events.filter((_, index) => !refused.has(index));
      rows = rows.filter((_, index) => !refused.has(index));
      attempt = 0;
      continue;
    }
    if (status === 413 && events.length > 1) {
      const half = Math.ceil(events.length / 2);
      for (const part of [{ events: events.slice(0, half), rows: rows.slice(0, half) }, { events: events.slice(half), rows: rows.slice(half) }]) {
        const partial = await deliverBatch(part, options);
        result.accepted += partial.accepted;
        result.duplicates += partial.duplicates;
        result.rejected.push(...partial.rejected);
        result.rejectedRows += partial.rejectedRows;
      }
      return result;
    }
    if (status === 429 || status >= 500) {
      if (attempt >= maxAttempts) throw new ImportFailure(`The server kept failing (HTTP ${status}) after ${maxAttempts} attempts: ${error?.message ?? "no details"}`);
      const delay = backoffMs(attempt, response.retryAfter);
      options.onRetry?.(attempt, delay, status === 429 ? "the server asked to slow down" : `the server answered ${status}`);
      await sleep(delay, signal);
      continue;
    }
    if (status === 401) throw new ImportFailure("Your session has ended. Sign in again and import the file again: rows already stored will count as duplicates.");
    if (status === 403) throw new ImportFailure("Your role is not allowed to import events in this workspace.");
    throw new ImportFailure(`The server refused the batch (HTTP ${status}): ${error?.message ?? "no details"}`);
  }
  return result;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function abortError(): Error {
  return new DOMException("The import was cancelled.", "AbortError");
}

/** The browser's transport: the signed-in session posts to the same API machine clients use. */
export const fetchTransport: Transport = async (events, signal) => {
  const response = await fetch("/api/v1/events", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ events }),
    credentials: "same-origin",
    signal,
  });
  const retryAfter = response.headers.get("retry-after");
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return { status: response.status, body, ...(retryAfter && /^\d+$/.test(retryAfter) ? { retryAfter: Number(retryAfter) } : {}) };
};

/**
 * Collects events into batches of at most `size` events and `bytes` bytes of JSON, in file
 * order.
 */
export class Batcher {
  private events: IncomingEvent[] = [];
  private rows: number[] = [];
  private bytes = 0;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly size = BATCH_SIZE,
    private readonly maxBytes = BATCH_BYTES,
  ) {}

  /** Adds an event; returns a full batch when this event would not fit in the current one. */
  add(event: IncomingEvent, row: number): Batch | null {
    const eventBytes = this.encoder.encode(JSON.stringify(event)).byteLength + 1;
    let full: Batch | null = null;
    if (this.events.length > 0 && (this.events.length >= this.size || this.bytes + eventBytes > this.maxBytes)) full = this.take();
    this.events.push(event);
    this.rows.push(row);
    this.bytes += eventBytes;
    return full;
  }

  /** True when the next add would start a new batch by count. */
  get full(): boolean {
    return this.events.length >= this.size;
  }

  get length(): number {
    return this.events.length;
  }

  /** The events collected so far, as a batch (or null when there are none). */
  take(): Batch | null {
    if (this.events.length === 0) return null;
    const batch = { events: this.events, rows: this.rows };
    this.events = [];
    this.rows = [];
    this.bytes = 0;
    return batch;
  }
}
