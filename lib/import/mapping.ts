import { CHANNELS, EVENT_TYPES, INTERVENTION_POINTS } from "@/lib/domain";
import { personalDataKind, personalDataMessage, toE164 } from "@/lib/events/personal-data";
import { type IncomingEvent, eventSchema } from "@/lib/events/schema";
import { type ColumnTarget, type FixedTarget, type ImportMapping, OUTCOME_EMPTY, OUTCOME_OTHER, type OutcomeAction, outcomeKey } from "./columns";
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
  /** A row the outcome table says to leave out (a failed or outbound call…). */
  | { status: "skipped"; reason: string }
  /** One event per row, two for a bot conversation (chat.started and how it ended). */
  | { status: "valid"; events: IncomingEvent[]; adjustment: DstAdjustment | null; zoneless: boolean }
  | { status: "invalid"; errors: RowError[] };

const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);
const POINT_SET = new Set<string>(INTERVENTION_POINTS);
const CHANNEL_SET = new Set<string>(CHANNELS);

const ABANDONED = new Set(["abandoned", "abandon", "aban", "abn", "hungup", "hangup", "callerhungup", "callerabandoned", "abandonedinqueue", "lost", "missed", "unanswered", "notanswered", "noanswer"]);
const ANSWERED = new Set(["", "answered", "handled", "completed", "complete", "connected", "received", "served", "ok", "success", "successful", "transferred", "transfer", "resolved"]);
const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

/** The import's own reading of the common status words, for files without an outcome table. */
export function knownOutcome(status: string): OutcomeAction | null {
  const word = status.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (ABANDONED.has(word)) return "abandoned";
  if (ANSWERED.has(word)) return "received";
  return null;
}

/** "Card Arrival" → "card_arrival", "TechSupport" → "tech_support": the slug form of a call type, word breaks kept. */
export function toSlug(value: string): string {
  return value
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
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

/** Raw personal data that must not be stored anywhere but as the customer phone's key (DESIGN: "never raw PII"). */
export function personalDataProblem(value: string): string | null {
  const kind = personalDataKind(value.trim());
  return kind ? personalDataMessage(kind) : null;
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

const BOT_OUTCOMES = { escalated: "chat.escalated", resolved: "chat.resolved", unresolved: "chat.unresolved" } as const;

/**
 * Turns rows of one file into DESIGN events under one mapping, and checks each with the same
 * `eventSchema()` as the API. `now` is fixed for a whole import so that a check pass and the
 * sending pass that follows judge "at most 1 hour in the future" alike.
 *
 * Personal data goes nowhere but the customer phone: a phone column is sent as `customerPhone`
 * in E.164 (the server keys it and drops it), and any other mapped cell that looks like a phone
 * number or an e-mail address fails its row. Ignored columns are never read.
 */
export function createRowMapper(headers: string[], mapping: ImportMapping, now: number): RowMapper {
  const schema = eventSchema(() => now);
  const indexOf = (target: ColumnTarget) => mapping.columns.indexOf(target);
  const name = (index: number) => columnName(headers, index);
  const attributeColumns = mapping.columns.flatMap((target, index) => (target === "attribute" ? [index] : []));
  const fieldColumns = new Map<string, string>();
  mapping.columns.forEach((target, index) => {
    if (target !== "ignore") fieldColumns.set(fieldOf(target, index), name(index));
  });
  const { kind } = mapping;
  const fixed = mapping.fixed ?? {};
  const timestampOptions = { timeZone: mapping.timeZone, dateOrder: mapping.dateOrder };
  const expectedCells = headers.length;
  const filters = (mapping.filters ?? []).flatMap(({ column, values }) => {
    const index = headers.findIndex((_, i) => name(i) === column);
    return index >= 0 ? [{ index, column, keep: new Set(values.map((value) => value.trim().toLowerCase())), shown: values.join(" or ") }] : [];
  });

  /** The event field a column feeds ("attributes.queue"; the outcome and the bot's flags make the type). */
  function fieldOf(target: ColumnTarget, index: number): string {
    if (target === "attribute") return `attributes.${name(index)}`;
    if (target === "queue" || target === "waitSeconds" || target === "handleSeconds" || target === "utterance") return `attributes.${target}`;
    if (target === "outcome" || target === "resolved" || target === "escalated") return "type";
    return target;
  }

  function columnFor(path: string): string {
    if (path !== "attributes" && fieldColumns.has(path)) return fieldColumns.get(path)!;
    const [head] = path.split(".");
    if (head === "attributes") {
      return [...fieldColumns].filter(([key]) => key === "attributes" || key.startsWith("attributes.")).map(([, column]) => column).join(", ");
    }
    if (head === "customer" && fieldColumns.has("customerPhone")) return fieldColumns.get("customerPhone")!;
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
    for (const filter of filters) {
      const value = (cells[filter.index] ?? "").trim();
      if (!filter.keep.has(value.toLowerCase())) return { status: "skipped", reason: `${filter.column} is ${value === "" ? "empty" : `"${clip(value)}"`}, not ${filter.shown}` };
    }
    const cell = (target: ColumnTarget): string | undefined => {
      const index = indexOf(target);
      return index < 0 ? undefined : (cells[index] ?? "").trim();
    };
    // A status the outcome table skips (a failed call, a busy line) is left out before anything else is read.
    const outcome = kind === "call_log" ? outcomeOf(cell("outcome")) : null;
    if (outcome === "skipped") return { status: "skipped", reason: `status "${clip(cell("outcome") ?? "")}" is skipped by the outcome table` };
    /** A column's cell, else the file's fixed value for that field. */
    const cellOrFixed = (target: FixedTarget): string | undefined => cell(target) || fixed[target]?.trim() || undefined;

    // Personal data in any mapped column but the customer phone fails the row (nothing of an invalid row is sent).
    mapping.columns.forEach((target, index) => {
      if (target === "ignore" || target === "customerPhone") return;
      const problem = personalDataProblem(cells[index] ?? "");
      if (problem) fail(index, fieldOf(target, index), problem);
    });

    const event: Record<string, unknown> = {};

    // Time
    let adjustment: DstAdjustment | null = null;
    let zoneless = false;
    const time = cell("occurredAt");
    if (time !== undefined) {
      const parsed = parseTimestamp(time, timestampOptions);
      if (parsed.ok) {
        event.occurredAt = parsed.iso;
        adjustment = parsed.adjustment;
        zoneless = !parsed.hadOffset;
      } else fail(indexOf("occurredAt"), "occurredAt", parsed.message);
    }

    // Customer: an opaque key, or a phone number the server keys.
    const customer = cell("customer");
    if (customer !== undefined) {
      if (customer === "") fail(indexOf("customer"), "customer", "is empty");
      else event.customer = customer;
    }
    const phone = cell("customerPhone");
    if (phone !== undefined) {
      const e164 = phone === "" ? null : toE164(phone, mapping.phoneCountry || undefined);
      if (phone === "") fail(indexOf("customerPhone"), "customerPhone", "is empty");
      else if (e164 === null) {
        fail(indexOf("customerPhone"), "customerPhone", mapping.phoneCountry ? `is not a phone number of ${mapping.phoneCountry} or in international form` : "is not a phone number in international form (+ and the country code): choose the country of national numbers");
      } else event.customerPhone = e164;
    }

    // Call type
    const callType = cellOrFixed("callType");
    if (callType) {
      const slug = toSlug(callType);
      if (slug === "") fail(indexOf("callType"), "callType", "has no letters or digits to make a call type from");
      else event.callType = slug;
    }

    const attributes: Record<string, unknown> = {};
    const queue = cellOrFixed("queue");
    if (queue) attributes.queue = queue;
    if (kind === "call_log") {
      if (outcome === "received") event.type = "call.received";
      else if (outcome === "abandoned") event.type = "call.abandoned";
      else if (outcome !== null && typeof outcome === "object") fail(indexOf("outcome"), "type", outcome.problem);
      event.channel = "voice";
      for (const target of ["waitSeconds", "handleSeconds"] as const) {
        const raw = cell(target);
        if (!raw) continue;
        const seconds = parseDuration(raw, name(indexOf(target)));
        if (seconds === null) fail(indexOf(target), `attributes.${target}`, `"${clip(raw)}" is not a duration: use seconds or hh:mm:ss`);
        else attributes[target] = seconds;
      }
    } else {
      if (kind === "event_file") {
        const type = cell("type");
        if (type !== undefined) {
          const lower = type.toLowerCase();
          if (EVENT_TYPE_SET.has(lower)) event.type = lower;
          else fail(indexOf("type"), "type", type === "" ? "is empty" : `"${clip(type)}" is not an event type (e.g. call.received, offer.shown, chat.resolved)`);
        }
      }
      const journey = cell("journey");
      if (journey) event.journey = journey;
      else if (kind === "bot_export" && journey === "") fail(indexOf("journey"), "journey", "is empty: every conversation needs its id");
      const point = cellOrFixed("point");
      if (point) {
        const value = toSlug(point);
        if (POINT_SET.has(value)) event.point = value;
        else fail(indexOf("point"), "point", `"${clip(point)}" is not an intervention point (${INTERVENTION_POINTS.join(", ")})`);
      }
      const channel = cellOrFixed("channel");
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

    if (kind === "bot_export") return botEvents(event, cells, row, errors, fail, { adjustment, zoneless });

    // Id: the file's, else derived from the row's content.
    const idColumn = indexOf("id");
    if (idColumn >= 0) {
      const id = cell("id")!;
      if (id === "") fail(idColumn, "id", "is empty: give every row an id, or leave the id column out to derive ids from the rows");
      else event.id = id;
    }

    const valid = validate(event, cells, row, errors, zoneless);
    if (!valid) return { status: "invalid", errors };
    if (idColumn < 0) valid.id = deriveEventId(valid);
    return { status: "valid", events: [valid], adjustment, zoneless };
  }

  /** A bot conversation: chat.started at its start, and chat.escalated, .resolved or .unresolved at its end. */
  function botEvents(base: Record<string, unknown>, cells: string[], row: number, errors: RowError[], fail: (index: number, field: string, message: string) => void, time: { adjustment: DstAdjustment | null; zoneless: boolean }): RowResult {
    const cell = (target: ColumnTarget) => {
      const index = indexOf(target);
      return index < 0 ? undefined : (cells[index] ?? "").trim();
    };
    const flag = (target: "resolved" | "escalated"): boolean => {
      const raw = cell(target);
      if (raw === undefined || raw === "") return false;
      const word = raw.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      fail(indexOf(target), "type", `"${clip(raw)}" is not yes or no (true/false, 1/0)`);
      return false;
    };
    const escalated = flag("escalated");
    const resolved = flag("resolved");
    const ending = escalated ? "escalated" : resolved ? "resolved" : "unresolved";
    let endedAt = base.occurredAt;
    const endRaw = cell("endedAt");
    if (endRaw) {
      const parsed = parseTimestamp(endRaw, { timeZone: mapping.timeZone, dateOrder: mapping.dateOrder });
      if (parsed.ok) endedAt = parsed.iso;
      else fail(indexOf("endedAt"), "endedAt", parsed.message);
    }
    if (typeof endedAt === "string" && typeof base.occurredAt === "string" && Date.parse(endedAt) < Date.parse(base.occurredAt)) {
      fail(indexOf("endedAt"), "endedAt", "is before the conversation started");
    }
    const utterance = cell("utterance");
    const journey = typeof base.journey === "string" ? base.journey : "";
    const started = validate({ ...base, id: `bot-${journey}-started`, type: "chat.started" }, cells, row, errors, time.zoneless);
    const endAttributes = { ...(base.attributes as Record<string, unknown> | undefined), ...(utterance ? { utterance } : {}) };
    const end = validate(
      { ...base, id: `bot-${journey}-ended`, type: BOT_OUTCOMES[ending], occurredAt: endedAt, ...(Object.keys(endAttributes).length > 0 ? { attributes: endAttributes } : {}) },
      cells,
      row,
      errors,
      time.zoneless,
    );
    if (!started || !end || errors.length > 0) return { status: "invalid", errors };
    return { status: "valid", events: [started, end], ...time };
  }

  /** The event as the API's schema reads it, or null with its problems added to `errors` (one per field). */
  function validate(event: Record<string, unknown>, cells: string[], row: number, errors: RowError[], zoneless: boolean): IncomingEvent | null {
    const parsed = schema.safeParse({ id: "pending", ...event });
    if (parsed.success && errors.length === 0) return parsed.data;
    if (parsed.success) return null;
    const reported = new Set(errors.map((error) => error.field.split(".")[0]));
    // The customer phone reported stands for the customer the event lacks because of it.
    if (reported.has("customerPhone")) reported.add("customer");
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      const field = path.split(".")[0];
      if (reported.has(field)) continue;
      reported.add(field);
      let message = friendly(path, issue.message, mapping);
      if (field === "occurredAt" && zoneless && /future/.test(message)) {
        message += `: the file gives no time zone and was read as ${mapping.timeZone} time; choose the zone the file was written in`;
      }
      const column = columnFor(path);
      const index = headers.findIndex((_, i) => name(i) === column);
      const value = index >= 0 && field !== "customerPhone" ? (cells[index] ?? "").trim() : "";
      errors.push({ row, column: index >= 0 ? name(index) : column, field: path || "(event)", message, ...(value ? { value: clip(value) } : {}) });
    }
    return null;
  }

  /** What a call log row's status makes of it: the outcome table, else the words the import knows. */
  function outcomeOf(status: string | undefined): OutcomeAction | { problem: string } {
    const raw = status ?? "";
    const table = mapping.outcomes;
    if (table && Object.keys(table).length > 0) {
      const key = raw === "" ? OUTCOME_EMPTY : outcomeKey(raw);
      const action = table[key] ?? table[OUTCOME_OTHER] ?? knownOutcome(raw);
      if (action) return action;
      return { problem: `"${clip(raw)}" is not in the outcome table: choose received, abandoned or skipped for it` };
    }
    const header = indexOf("outcome") >= 0 ? name(indexOf("outcome")) : "";
    const word = raw.toLowerCase().replace(/[^a-z0-9]/g, "");
    if (/abandon/i.test(header) && TRUE_WORDS.has(word)) return "abandoned";
    if (/abandon/i.test(header) && FALSE_WORDS.has(word)) return "received";
    const known = knownOutcome(raw);
    if (known) return known;
    return { problem: `"${clip(raw)}" is not an outcome this import knows: use answered (or handled, completed) or abandoned, or say what it is in the outcome table` };
  }

  return { map, columnFor };
}

/** Zod's words for a missing field, in the product's words (and with the column to map). */
function friendly(path: string, message: string, mapping: ImportMapping): string {
  if (path === "customer" && message.startsWith("is required") && !mapping.columns.some((target) => target === "customer" || target === "customerPhone")) {
    return "is required: map a column to it (a customer key, or the customer phone)";
  }
  if (!message.startsWith("Invalid input: expected")) return message;
  const missing = !mapping.columns.some((target) => target === path || (path === "type" && target === "outcome"));
  return missing ? "is required: map a column to it" : "is missing";
}

/** The first rows of a file as the events they become, for the preview. */
export function previewRows(headers: string[], sample: string[][], sampleRows: number[], mapping: ImportMapping, now: number): { row: number; result: RowResult }[] {
  const mapper = createRowMapper(headers, mapping, now);
  return sample.map((cells, index) => ({ row: sampleRows[index], result: mapper.map(cells, sampleRows[index]) }));
}
