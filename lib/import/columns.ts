import { EVENT_TYPES } from "@/lib/domain";
import { detectDateOrder, type DateOrder } from "./time";

/**
 * The two kinds of file the import reads: a call log exported from an ACD or telephony system
 * (one row per call), or an event file whose columns are the event fields of DESIGN.md.
 */
export type FileKind = "call_log" | "event_file";

export const FILE_KINDS: Record<FileKind, { label: string; description: string }> = {
  call_log: {
    label: "Call log",
    description: "One row per phone call: time, customer key, call type, queue, wait and handle time, outcome.",
  },
  event_file: {
    label: "Event file",
    description: "One row per event, with the event fields as columns: id, type, occurredAt, customer, journey…",
  },
};

/** What a column becomes. `attribute` puts the cell into `attributes` under the column's name. */
export type ColumnTarget =
  | "ignore"
  | "attribute"
  | "id"
  | "type"
  | "occurredAt"
  | "customer"
  | "journey"
  | "point"
  | "channel"
  | "callType"
  | "attributes"
  | "queue"
  | "waitSeconds"
  | "handleSeconds"
  | "outcome";

interface TargetInfo {
  label: string;
  hint: string;
  /** Header names (normalised: lower case, letters and digits only) that mean this target. */
  synonyms: string[];
}

const TARGETS: Record<Exclude<ColumnTarget, "ignore" | "attribute">, TargetInfo> = {
  id: { label: "Event id", hint: "The idempotency key; without it an id is derived from the row.", synonyms: ["id", "eventid", "callid", "contactid", "interactionid", "uniqueid"] },
  type: { label: "Event type", hint: "offer.shown, chat.resolved, call.received…", synonyms: ["type", "eventtype", "event", "eventname"] },
  occurredAt: {
    label: "Time",
    hint: "When it happened.",
    synonyms: ["occurredat", "time", "timestamp", "datetime", "date", "calltime", "calldate", "calldatetime", "callstart", "callstarttime", "starttime", "startedat", "start", "receivedat", "answeredat", "arrivaltime", "createdat", "eventtime"],
  },
  customer: {
    label: "Customer key",
    hint: "An opaque key such as a hash of the phone number; never raw personal data.",
    synonyms: ["customer", "customerid", "customerkey", "customerhash", "caller", "callerid", "callerkey", "callerhash", "phonehash", "anihash", "hashedphone", "hashedani", "accountid", "accounthash", "accountkey", "contactkey"],
  },
  journey: { label: "Journey", hint: "Ties one deflection attempt together.", synonyms: ["journey", "journeyid", "journeykey", "session", "sessionid", "conversationid"] },
  point: { label: "Intervention point", hint: "web_nudge, ivr_offer, sms_link, in_queue, post_call.", synonyms: ["point", "interventionpoint", "interventionpointid"] },
  channel: { label: "Channel", hint: "web, sms, whatsapp or voice.", synonyms: ["channel", "medium"] },
  callType: {
    label: "Call type",
    hint: "Becomes a slug (Card arrival → card_arrival); unknown slugs create a call type.",
    synonyms: ["calltype", "calltypeslug", "reason", "callreason", "contactreason", "intent", "category", "topic", "calltypeid"],
  },
  attributes: { label: "Attributes (JSON)", hint: "A JSON object, e.g. {\"utterance\":\"card not here\"}.", synonyms: ["attributes", "attrs", "attributesjson", "metadata", "properties"] },
  queue: { label: "Queue", hint: "Stored as attributes.queue.", synonyms: ["queue", "queuename", "skill", "skillgroup", "split", "department"] },
  waitSeconds: {
    label: "Wait time",
    hint: "Seconds or hh:mm:ss; stored as attributes.waitSeconds.",
    synonyms: ["wait", "waiting", "queuewait", "waitinqueue", "waitseconds", "waitsec", "waittime", "waittimeseconds", "queuetime", "queueseconds", "timeinqueue", "holdtime", "waitms", "waitminutes"],
  },
  handleSeconds: {
    label: "Handle time",
    hint: "Seconds or hh:mm:ss; stored as attributes.handleSeconds.",
    synonyms: ["handle", "handleseconds", "handlesec", "handletime", "handletimeseconds", "aht", "talktime", "talkseconds", "duration", "callduration", "handlems", "handleminutes"],
  },
  outcome: {
    label: "Outcome",
    hint: "Abandoned rows become call.abandoned; answered (or empty) become call.received.",
    synonyms: ["outcome", "status", "result", "callstatus", "callresult", "calloutcome", "abandoned", "isabandoned", "abandon"],
  },
};

/** Targets a column may take in each kind of file, in the order the mapping menu lists them. */
export const TARGETS_BY_KIND: Record<FileKind, ColumnTarget[]> = {
  call_log: ["occurredAt", "customer", "callType", "outcome", "queue", "waitSeconds", "handleSeconds", "id", "attribute", "ignore"],
  event_file: ["id", "type", "occurredAt", "customer", "journey", "point", "channel", "callType", "attributes", "attribute", "ignore"],
};

/** Targets without which no row can become an event. */
export const REQUIRED_TARGETS: Record<FileKind, ColumnTarget[]> = {
  call_log: ["occurredAt", "customer", "callType"],
  event_file: ["type", "occurredAt", "customer"],
};

export function targetLabel(target: ColumnTarget): string {
  if (target === "ignore") return "Don’t import";
  if (target === "attribute") return "Attribute (extra column)";
  return TARGETS[target].label;
}

export function targetHint(target: ColumnTarget): string {
  if (target === "ignore") return "The column is left out.";
  if (target === "attribute") return "Stored in attributes under the column name.";
  return TARGETS[target].hint;
}

/** "Call Type (slug)" → "calltypeslug". */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The settings of one import: what the file is, what each column becomes, how to read times. */
export interface ImportMapping {
  kind: FileKind;
  /** One target per column, in the file's column order. */
  columns: ColumnTarget[];
  /** IANA zone for timestamps without an offset. */
  timeZone: string;
  dateOrder: DateOrder;
}

const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);

/** Event file when a column holds DESIGN event types (call.received, chat.started…), else call log. */
export function detectFileKind(headers: string[], sample: string[][]): FileKind {
  const typeColumn = headers.findIndex((_, index) => {
    const values = columnValues(sample, index);
    return values.length > 0 && values.filter((value) => EVENT_TYPE_SET.has(value.trim().toLowerCase())).length >= Math.ceil(values.length / 2);
  });
  return typeColumn >= 0 ? "event_file" : "call_log";
}

/**
 * Proposes a target for every column: first by header name, then, for required targets still
 * unclaimed, by what the values look like. Each target other than `attribute` and `ignore` is
 * given to one column at most. In an event file, unknown columns default to attributes (DESIGN:
 * "extra columns into attributes"); in a call log they are left out, since ACD exports often
 * carry agent names and raw phone numbers that have no place in Switchboard.
 */
export function detectColumns(kind: FileKind, headers: string[], sample: string[][]): ColumnTarget[] {
  const allowed = new Set(TARGETS_BY_KIND[kind]);
  const targets: ColumnTarget[] = headers.map(() => (kind === "event_file" ? "attribute" : "ignore"));
  const claimed = new Set<ColumnTarget>();
  const claim = (index: number, target: ColumnTarget) => {
    targets[index] = target;
    claimed.add(target);
  };

  // Exact synonyms first, in the order the kind lists its targets (so "type" in an event file is the event type).
  for (const target of TARGETS_BY_KIND[kind]) {
    if (target === "attribute" || target === "ignore") continue;
    const synonyms = TARGETS[target].synonyms;
    for (const synonym of synonyms) {
      const index = headers.findIndex((header, i) => normalizeHeader(header) === synonym && isUnclaimedColumn(targets, i, kind));
      if (index >= 0 && !claimed.has(target)) {
        claim(index, target);
        break;
      }
    }
  }

  // A call log's "type" column holds call types unless its values are event types.
  if (kind === "call_log" && !claimed.has("callType")) {
    const index = headers.findIndex((header, i) => ["type", "calltype"].includes(normalizeHeader(header)) && isUnclaimedColumn(targets, i, kind));
    if (index >= 0) claim(index, "callType");
  }

  // Then headers that contain a synonym ("Call start (UTC)", "Avg handle time (s)"): the longest
  // contained synonym wins, so "handle time" beats "time".
  const partial: { index: number; target: ColumnTarget; length: number }[] = [];
  headers.forEach((header, index) => {
    const normal = normalizeHeader(header);
    for (const target of TARGETS_BY_KIND[kind]) {
      if (target === "attribute" || target === "ignore" || target === "id") continue;
      for (const synonym of TARGETS[target].synonyms) {
        if (synonym.length >= 4 && normal.includes(synonym)) partial.push({ index, target, length: synonym.length });
      }
    }
  });
  partial.sort((a, b) => b.length - a.length || a.index - b.index);
  for (const { index, target } of partial) {
    if (!claimed.has(target) && isUnclaimedColumn(targets, index, kind)) claim(index, target);
  }

  // Finally a time column recognised by its values.
  if (allowed.has("occurredAt") && !claimed.has("occurredAt")) {
    const index = headers.findIndex((_, i) => {
      const values = columnValues(sample, i);
      return isUnclaimedColumn(targets, i, kind) && values.length > 0 && values.every((value) => DATE_LIKE.test(value.trim()));
    });
    if (index >= 0) claim(index, "occurredAt");
  }
  return targets;
}

const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[T\s,]+\d{1,2}:\d{2}/;

function isUnclaimedColumn(targets: ColumnTarget[], index: number, kind: FileKind): boolean {
  return targets[index] === (kind === "event_file" ? "attribute" : "ignore");
}

/** Non-empty values of one column in the sample rows. */
export function columnValues(sample: string[][], index: number): string[] {
  return sample.map((row) => row[index] ?? "").filter((value) => value.trim() !== "");
}

/** A complete first guess for a file: kind, columns, and the day order of its dates. */
export function detectMapping(headers: string[], sample: string[][], timeZone: string): ImportMapping & { dateOrderDetected: boolean } {
  const kind = detectFileKind(headers, sample);
  const columns = detectColumns(kind, headers, sample);
  const timeColumn = columns.indexOf("occurredAt");
  const detectedOrder = timeColumn >= 0 ? detectDateOrder(columnValues(sample, timeColumn)) : null;
  return { kind, columns, timeZone, dateOrder: detectedOrder ?? "mdy", dateOrderDetected: detectedOrder !== null };
}

/**
 * Gives `target` to column `index`; a column that held that target before gets the default
 * target of its kind. `attribute` and `ignore` may be held by any number of columns.
 */
export function assignTarget(mapping: ImportMapping, index: number, target: ColumnTarget): ImportMapping {
  const fallback: ColumnTarget = mapping.kind === "event_file" ? "attribute" : "ignore";
  const columns = mapping.columns.map((current, i) => {
    if (i === index) return target;
    if (target !== "attribute" && target !== "ignore" && current === target) return fallback;
    return current;
  });
  return { ...mapping, columns };
}

/** Switches the kind of file, re-detecting columns for it. */
export function changeKind(mapping: ImportMapping, kind: FileKind, headers: string[], sample: string[][]): ImportMapping {
  return { ...mapping, kind, columns: detectColumns(kind, headers, sample) };
}

/** Required targets that no column provides. */
export function missingTargets(mapping: ImportMapping): ColumnTarget[] {
  return REQUIRED_TARGETS[mapping.kind].filter((target) => !mapping.columns.includes(target));
}
