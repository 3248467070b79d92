import { CHANNELS, EVENT_TYPES, INTERVENTION_POINTS } from "@/lib/domain";
import { type EventInput, eventSchema } from "@/lib/events/schema";
import type { ColumnTarget, ImportMapping } from "./columns";
import { deriveEventId } from "./ids";
import { type DstAdjustment, parseTimestamp } from "./time";

/** One problem with one row, as the error report lists it. Rows are numbered as in a spreadsheet: the header is row 1. */
export interface RowError {
  row: number;
  /** The file's column name, or "" when the problem is with the row as a whole. */
  column: string;
  /** The event field concerned (occurredAt, attributes.waitSeconds…), or "" for the row. */
  field: string;
  message: string;
  /** The offending cell, clipped, when there is one. */
  value?: string;
}

export type RowResult =
  /** An empty line (the end of most files): not a row at all. */
  | { status: "empty" }
  /** A row of empty cells (`,,,`): skipped. */
  | { status: "blank" }
  | { status: "valid"; event: EventInput; adjustment: DstAdjustment | null }
  | { status: "invalid"; errors: RowError[] };

const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);
const POINT_SET = new Set<string>(INTERVENTION_POINTS);
const CHANNEL_SET = new Set<string>(CHANNELS);

const ABANDONED = new Set(["abandoned", "abandon", "aban", "abn", "hungup", "hangup", "callerhungup", "callerabandoned", "abandonedinqueue", "lost", "missed", "unanswered", "notanswered", "noanswer"]);
const ANSWERED = new Set(["", "answered", "handled", "completed", "complete", "connected", "received", "served", "ok", "success", "successful", "transferred", "transfer", "resolved"]);
const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

/** "Card Arrival" → "card_arrival": the slug form of a call type. */
export function toSlug(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * A duration as exported by telephony systems: seconds (`83`, `83.5`), `mm:ss` or `hh:mm:ss`.
 * A header that names another unit (`wait_ms`, `handle minutes`) scales plain numbers.
 */
export function parseDuration(raw: string, header: string): number | null {
  const value = raw.trim();
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d+))?$/.exec(value);
  if (clock) {
    const [, hours, minutes, seconds] = clock;
    return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
  }
  if (!/^\d+(\.\d+)?$/.test(value)) return null;
  const number = Number(value);
  const unit = header.toLowerCase();
  if (/(^|[^a-z])(ms|millis|milliseconds)([^a-z]|$)/.test(unit) || /ms$/.test(unit.replace(/[^a-z]/g, ""))) return round3(number / 1000);
  if (/(^|[^a-z])(min|mins|minutes)([^a-z]|$)/.test(unit) || /minutes$/.test(unit.replace(/[^a-z]/g, ""))) return round3(number * 60);
  return number;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** An extra column's cell as an attribute value: plain numbers become numbers, the rest stays text. */
export function attributeValue(raw: string): string | number {
  const value = raw.trim();
  return /^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** Raw personal data that must not become a customer key (DESIGN: "never raw PII"). */
export function personalDataProblem(value: string): string | null {
  if (/^\+\d[\d\s().-]{6,}$/.test(value) || /^\(\d{3}\)\s?\d{3}[-\s]\d{4}$/.test(value)) {
    return "looks like a raw phone number: send an opaque key such as a hash of it";
  }
  if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value)) return "looks like an email address: send an opaque key such as a hash of it";
  return null;
}

function clip(value: string): string {
  const trimmed = value.trim();
  return trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed;
}

function columnName(headers: string[], index: number): string {
  const header = headers[index]?.replace(/^\uFEFF/, "").trim();
  return header ? header : `Column ${index + 1}`;
}

export interface RowMapper {
  map(cells: string[], row: number): RowResult;
  /** The file column that feeds an event field ("occurredAt", "attributes.queue"), for errors found later. */
  columnFor(path: string): string;
}

/**
 * Turns rows of one file into DESIGN events under one mapping, and checks each with the same
 * `eventSchema()` as the API. `now` is fixed for a whole import so that a check pass and the
 * sending pass that follows judge "at most 1 hour in the future" alike.
 */
export function createRowMapper(headers: string[], mapping: ImportMapping, now: number): RowMapper {
  const schema = eventSchema(() => now);
  const indexOf = (target: ColumnTarget) => mapping.columns.indexOf(target);
  const name = (index: number) => columnName(headers, index);
  const attributeColumns = mapping.columns.flatMap((target, index) => (target === "attribute" ? [index] : []));
  const fieldColumns = new Map<string, string>();
  mapping.columns.forEach((target, index) => {
    if (target === "ignore") return;
    if (target === "attribute") fieldColumns.set(`attributes.${name(index)}`, name(index));
    else if (target === "queue" || target === "waitSeconds" || target === "handleSeconds") fieldColumns.set(`attributes.${target}`, name(index));
    else if (target === "outcome") fieldColumns.set("type", name(index));
    else fieldColumns.set(target, name(index));
  });
  const isCallLog = mapping.kind === "call_log";
  const timestampOptions = { timeZone: mapping.timeZone, dateOrder: mapping.dateOrder };
  const expectedCells = headers.length;

  function columnFor(path: string): string {
    if (path !== "attributes" && fieldColumns.has(path)) return fieldColumns.get(path)!;
    const [head] = path.split(".");
    if (head === "attributes") {
      return [...fieldColumns].filter(([key]) => key === "attributes" || key.startsWith("attributes.")).map(([, column]) => column).join(", ");
    }
    return fieldColumns.get(head) ?? "";
  }

  function map(cells: string[], row: number): RowResult {
    if (cells.length === 1 && cells[0] === "") return { status: "empty" };
    if (cells.every((cell) => cell.trim() === "")) return { status: "blank" };
    const errors: RowError[] = [];
    const fail = (index: number, field: string, message: string) =>
      errors.push({ row, column: index >= 0 ? name(index) : "", field, message, ...(index >= 0 && cells[index]?.trim() ? { value: clip(cells[index]) } : {}) });

    if (cells.length !== expectedCells && !(cells.length > expectedCells && cells.slice(expectedCells).every((cell) => cell.trim() === ""))) {
      errors.push({ row, column: "", field: "", message: `has ${cells.length} values but the header has ${expectedCells} columns` });
      return { status: "invalid", errors };
    }
    const cell = (target: ColumnTarget): string | undefined => {
      const index = indexOf(target);
      return index < 0 ? undefined : (cells[index] ?? "").trim();
    };
    const event: Record<string, unknown> = {};

    // Time
    let adjustment: DstAdjustment | null = null;
    const time = cell("occurredAt");
    if (time !== undefined) {
      const parsed = parseTimestamp(time, timestampOptions);
      if (parsed.ok) {
        event.occurredAt = parsed.iso;
        adjustment = parsed.adjustment;
      } else fail(indexOf("occurredAt"), "occurredAt", parsed.message);
    }

    // Customer
    const customer = cell("customer");
    if (customer !== undefined) {
      const problem = customer === "" ? "is empty" : personalDataProblem(customer);
      if (problem) fail(indexOf("customer"), "customer", problem);
      else event.customer = customer;
    }

    // Call type
    const callType = cell("callType");
    if (callType) {
      const slug = toSlug(callType);
      if (slug === "") fail(indexOf("callType"), "callType", "has no letters or digits to make a call type from");
      else event.callType = slug;
    }

    const attributes: Record<string, unknown> = {};
    if (isCallLog) {
      const outcome = cell("outcome");
      const outcomeHeader = indexOf("outcome") >= 0 ? name(indexOf("outcome")) : "";
      const word = (outcome ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
      const booleanColumn = /abandon/i.test(outcomeHeader);
      if (ABANDONED.has(word) || (booleanColumn && TRUE_WORDS.has(word))) event.type = "call.abandoned";
      else if (ANSWERED.has(word) || (booleanColumn && FALSE_WORDS.has(word))) event.type = "call.received";
      else fail(indexOf("outcome"), "type", `"${clip(outcome ?? "")}" is not an outcome this import knows: use answered (or handled, completed) or abandoned`);
      event.channel = "voice";

      const queue = cell("queue");
      if (queue) attributes.queue = queue;
      for (const target of ["waitSeconds", "handleSeconds"] as const) {
        const raw = cell(target);
        if (!raw) continue;
        const seconds = parseDuration(raw, name(indexOf(target)));
        if (seconds === null) fail(indexOf(target), `attributes.${target}`, `"${clip(raw)}" is not a duration: use seconds or hh:mm:ss`);
        else attributes[target] = seconds;
      }
    } else {
      const type = cell("type");
      if (type !== undefined) {
        const lower = type.toLowerCase();
        if (EVENT_TYPE_SET.has(lower)) event.type = lower;
        else fail(indexOf("type"), "type", type === "" ? "is empty" : `"${clip(type)}" is not an event type (e.g. call.received, offer.shown, chat.resolved)`);
      }
      const journey = cell("journey");
      if (journey) event.journey = journey;
      const point = cell("point");
      if (point) {
        const value = toSlug(point);
        if (POINT_SET.has(value)) event.point = value;
        else fail(indexOf("point"), "point", `"${clip(point)}" is not an intervention point (${INTERVENTION_POINTS.join(", ")})`);
      }
      const channel = cell("channel");
      if (channel) {
        const value = channel.toLowerCase();
        if (CHANNEL_SET.has(value)) event.channel = value;
        else fail(indexOf("channel"), "channel", `"${clip(channel)}" is not a channel (${CHANNELS.join(", ")})`);
      }
      const json = cell("attributes");
      if (json) {
        try {
          const parsed: unknown = JSON.parse(json);
          if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) fail(indexOf("attributes"), "attributes", "is not a JSON object");
          else Object.assign(attributes, parsed);
        } catch {
          fail(indexOf("attributes"), "attributes", "is not valid JSON");
        }
      }
    }
    for (const index of attributeColumns) {
      const raw = (cells[index] ?? "").trim();
      if (raw !== "") attributes[name(index)] = attributeValue(raw);
    }
    if (Object.keys(attributes).length > 0) event.attributes = attributes;

    // Id: the file's, else derived from the row's content.
    const idColumn = indexOf("id");
    if (idColumn >= 0) {
      const id = cell("id")!;
      if (id === "") fail(idColumn, "id", "is empty: give every row an id, or leave the id column out to derive ids from the rows");
      else event.id = id;
    }

    const parsed = schema.safeParse({ id: "pending", ...event });
    if (!parsed.success) {
      const reported = new Set(errors.map((error) => error.field.split(".")[0]));
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join(".");
        const field = path.split(".")[0];
        if (reported.has(field)) continue;
        reported.add(field);
        const column = columnFor(path);
        const index = headers.findIndex((_, i) => name(i) === column);
        if (index < 0 && column) errors.push({ row, column, field: path, message: friendly(path, issue.message, mapping) });
        else fail(index, path || "(event)", friendly(path, issue.message, mapping));
      }
    }
    if (errors.length > 0) return { status: "invalid", errors };
    const valid = parsed.data!;
    if (idColumn < 0) valid.id = deriveEventId(valid);
    return { status: "valid", event: valid, adjustment };
  }

  return { map, columnFor };
}

/** Zod's words for a missing field, in the product's words (and with the column to map). */
function friendly(path: string, message: string, mapping: ImportMapping): string {
  if (!message.startsWith("Invalid input: expected")) return message;
  const missing = !mapping.columns.some((target) => target === path || (path === "type" && target === "outcome"));
  return missing ? "is required: map a column to it" : "is missing";
}

/** The first rows of a file as the events they become, for the preview. */
export function previewRows(headers: string[], sample: string[][], sampleRows: number[], mapping: ImportMapping, now: number): { row: number; result: RowResult }[] {
  const mapper = createRowMapper(headers, mapping, now);
  return sample.map((cells, index) => ({ row: sampleRows[index], result: mapper.map(cells, sampleRows[index]) }));
}
