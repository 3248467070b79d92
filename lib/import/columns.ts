import { EVENT_TYPES } from "@/lib/domain";
import { personalDataKind } from "@/lib/events/personal-data";
import { detectDateOrder, type DateOrder } from "./time";

/**
 * The kinds of file the import reads: a call log exported from an ACD or telephony system (one
 * row per call), an event file whose columns are the event fields of DESIGN.md, or a chatbot's
 * conversation export (one row per conversation, two events).
 */
export type FileKind = "call_log" | "event_file" | "bot_export";

export const FILE_KINDS: Record<FileKind, { label: string; description: string }> = {
  call_log: {
    label: "Call log",
    description: "One row per phone call: time, customer key, call type, queue, wait and handle time, outcome.",
  },
  event_file: {
    label: "Event file",
    description: "One row per event, with the event fields as columns: id, type, occurredAt, customer, journey…",
  },
  bot_export: {
    label: "Bot conversations",
    description: "One row per chatbot conversation: started and ended, resolved or escalated, intent, the last thing the customer wrote.",
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
  | "customerPhone"
  | "journey"
  | "point"
  | "channel"
  | "callType"
  | "attributes"
  | "queue"
  | "waitSeconds"
  | "handleSeconds"
  | "outcome"
  | "endedAt"
  | "resolved"
  | "escalated"
  | "utterance";

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
  customerPhone: {
    label: "Customer phone",
    hint: "A phone number: turned into the workspace's customer key on the server, never stored.",
    synonyms: ["customerphone", "phone", "phonenumber", "from", "ani", "callerphone", "callernumber", "callerphonenumber", "msisdn", "mobile", "mobilenumber", "customerendpointaddress", "telephone", "customernumber", "fromnumber"],
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
    synonyms: ["wait", "waiting", "queuewait", "waitinqueue", "waitseconds", "waitsec", "waittime", "waittimeseconds", "queuetime", "queueseconds", "timeinqueue", "holdtime", "waitms", "waitminutes", "queueduration", "totalqueue"],
  },
  handleSeconds: {
    label: "Handle time",
    hint: "Seconds or hh:mm:ss; stored as attributes.handleSeconds.",
    synonyms: ["handle", "handleseconds", "handlesec", "handletime", "handletimeseconds", "aht", "talktime", "talkseconds", "duration", "callduration", "handlems", "handleminutes", "agentinteractionduration", "totalhandle"],
  },
  outcome: {
    label: "Outcome",
    hint: "What each status becomes is in the outcome table below: received, abandoned or skipped.",
    synonyms: ["outcome", "status", "result", "callstatus", "callresult", "calloutcome", "abandoned", "isabandoned", "abandon"],
  },
  endedAt: { label: "Ended", hint: "When the conversation ended; its outcome event gets this time.", synonyms: ["endedat", "endtime", "ended", "end", "closedat", "endedtime", "conversationend", "finishedat"] },
  resolved: { label: "Resolved", hint: "true / yes / 1 when the bot resolved the conversation.", synonyms: ["resolved", "isresolved", "wasresolved", "contained", "goalcompleted", "selfserved"] },
  escalated: {
    label: "Escalated",
    hint: "true / yes / 1 when the conversation was handed to a person (chat.escalated).",
    synonyms: ["escalated", "isescalated", "handoff", "handedoff", "escalatedtoagent", "transferredtoagent", "agenthandoff", "livechathandoff"],
  },
  utterance: {
    label: "Last customer message",
    hint: "Stored as attributes.utterance: the words knowledge parity lists for unresolved conversations.",
    synonyms: ["utterance", "lastusermessage", "lastmessage", "lastcustomermessage", "lastutterance", "usermessage", "lastuserutterance", "lastinput"],
  },
};

/** Targets a column may take in each kind of file, in the order the mapping menu lists them. */
export const TARGETS_BY_KIND: Record<FileKind, ColumnTarget[]> = {
  call_log: ["occurredAt", "customerPhone", "customer", "callType", "outcome", "queue", "waitSeconds", "handleSeconds", "id", "attribute", "ignore"],
  event_file: ["id", "type", "occurredAt", "customerPhone", "customer", "journey", "point", "channel", "callType", "attributes", "attribute", "ignore"],
  bot_export: ["journey", "occurredAt", "endedAt", "customerPhone", "customer", "resolved", "escalated", "callType", "utterance", "point", "channel", "attribute", "ignore"],
};

/** Targets without which no row can become an event; `customer` is met by a customer phone too. */
export const REQUIRED_TARGETS: Record<FileKind, ColumnTarget[]> = {
  call_log: ["occurredAt", "customer", "callType"],
  event_file: ["type", "occurredAt", "customer"],
  bot_export: ["journey", "occurredAt", "customer"],
};

/** Fields a whole file may be given one value for ("a call type for the whole file"); a column, where mapped, wins over it. */
export const FIXED_TARGETS = ["callType", "queue", "point", "channel"] as const;
export type FixedTarget = (typeof FIXED_TARGETS)[number];

/** What a call log row with a given status becomes; `skipped` rows are counted and left out. */
export const OUTCOME_ACTIONS = ["received", "abandoned", "skipped"] as const;
export type OutcomeAction = (typeof OUTCOME_ACTIONS)[number];

/**
 * Status (trimmed, lower case) → what the row becomes. `""` is an empty cell and `"*"` any status
 * the table does not list. Without a table the import knows the common words (answered,
 * abandoned…) and refuses the rest.
 */
export type OutcomeTable = Record<string, OutcomeAction>;
export const OUTCOME_EMPTY = "";
export const OUTCOME_OTHER = "*";
export const outcomeKey = (status: string) => status.trim().toLowerCase();

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
  /** Values for fields no column gives, or for a column's empty cells. */
  fixed?: Partial<Record<FixedTarget, string>>;
  /** Call logs: what each status becomes. */
  outcomes?: OutcomeTable;
  /** ISO country (US, GB…) of phone numbers written without `+` and a country code. */
  phoneCountry?: string;
  /** Only rows whose cell in a column is one of some values are imported (inbound voice calls…); the rest are skipped. */
  filters?: { column: string; values: string[] }[];
  /** The preset the mapping started from, if any (lib/import/presets.ts). */
  preset?: string | null;
}

const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);

/**
 * Event file when a column holds DESIGN event types (call.received, chat.started…); bot
 * conversations when the header speaks of resolved / escalated conversations; else call log.
 */
export function detectFileKind(headers: string[], sample: string[][]): FileKind {
  const typeColumn = headers.findIndex((_, index) => {
    const values = columnValues(sample, index);
    return values.length > 0 && values.filter((value) => EVENT_TYPE_SET.has(value.trim().toLowerCase())).length >= Math.ceil(values.length / 2);
  });
  if (typeColumn >= 0) return "event_file";
  return chatColumns(headers).length >= 2 && callColumns(headers).length === 0 ? "bot_export" : "call_log";
}

const CHAT_WORDS = ["resolved", "escalated", "handoff", "utterance", "lastusermessage", "lastmessage", "intent", "conversationid", "transcript", "botid", "contained"];
const CALL_WORDS = ["handletime", "handleseconds", "aht", "talktime", "waittime", "queuewait", "queueduration", "ani", "dnis", "agentinteractionduration", "callsid", "calltype", "abandoned"];

/** Headers that only a chatbot's export has. */
export function chatColumns(headers: string[]): string[] {
  return headers.filter((header) => CHAT_WORDS.some((word) => normalizeHeader(header).includes(word)));
}

/** Headers that only a phone system's export has. */
export function callColumns(headers: string[]): string[] {
  return headers.filter((header) => {
    const normal = normalizeHeader(header);
    return CALL_WORDS.some((word) => (word.length <= 4 ? normal === word : normal.includes(word)));
  });
}

/**
 * A warning when the file looks like the other kind: chat columns imported as calls would count
 * every conversation as an agent call, and call columns imported as conversations leave agent
 * calls out.
 */
export function wrongKindWarning(kind: FileKind, headers: string[]): string | null {
  const chat = chatColumns(headers);
  const calls = callColumns(headers);
  if (kind === "call_log" && chat.length >= 2 && calls.length === 0) {
    return `This file has chat columns (${chat.slice(0, 3).join(", ")}) and no call columns: imported as a call log, every conversation would count as an agent call. Import it as bot conversations.`;
  }
  if (kind === "bot_export" && calls.length >= 1) {
    return `This file has call columns (${calls.slice(0, 3).join(", ")}): imported as bot conversations, its calls would not count as agent calls. Import it as a call log.`;
  }
  return null;
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
      // A timestamp is no duration ("Queue.EnqueueTimestamp" holds "queuetime").
      if ((target === "waitSeconds" || target === "handleSeconds") && /timestamp|date/.test(normal)) continue;
      for (const synonym of TARGETS[target].synonyms) {
        if (synonym.length >= 4 && normal.includes(synonym)) partial.push({ index, target, length: synonym.length });
      }
    }
  });
  partial.sort((a, b) => b.length - a.length || a.index - b.index);
  for (const { index, target } of partial) {
    if (!claimed.has(target) && isUnclaimedColumn(targets, index, kind)) claim(index, target);
  }

  // A customer column of phone numbers is the customer phone (keyed on the server), and any other
  // column of phone numbers is proposed as the customer phone when nothing else is.
  const phoneColumn = headers.findIndex((_, i) => {
    const values = columnValues(sample, i);
    return values.length > 0 && values.every((value) => personalDataKind(value.trim()) === "phone");
  });
  if (phoneColumn >= 0 && !claimed.has("customerPhone") && (targets[phoneColumn] === "customer" || (isUnclaimedColumn(targets, phoneColumn, kind) && !claimed.has("customer")))) {
    if (targets[phoneColumn] === "customer") claimed.delete("customer");
    claim(phoneColumn, "customerPhone");
  }
  if (claimed.has("customerPhone") && claimed.has("customer")) {
    // One customer per event: the phone, which joins the runtime's customers, wins.
    const index = targets.indexOf("customer");
    targets[index] = kind === "event_file" ? "attribute" : "ignore";
    claimed.delete("customer");
  }
  // Columns of personal data are never proposed as attributes.
  targets.forEach((target, i) => {
    if (target === "attribute" && columnValues(sample, i).some((value) => personalDataKind(value.trim()) !== null)) targets[i] = "ignore";
  });

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

/**
 * The outcome table a call log's statuses propose: the words the import knows are filled in
 * (answered → received, abandoned → abandoned); the rest are left for the user to choose.
 */
export function proposeOutcomes(statuses: string[], known: (status: string) => OutcomeAction | null): OutcomeTable {
  const table: OutcomeTable = {};
  for (const status of statuses) {
    const key = outcomeKey(status);
    const action = known(key);
    if (action && !(key in table)) table[key] = action;
  }
  return table;
}

/** Required targets that no column (or fixed value) provides. */
export function missingTargets(mapping: ImportMapping): ColumnTarget[] {
  return REQUIRED_TARGETS[mapping.kind].filter((target) => {
    if (mapping.columns.includes(target)) return false;
    if (target === "customer" && mapping.columns.includes("customerPhone")) return false;
    return !(FIXED_TARGETS as readonly string[]).includes(target) || !mapping.fixed?.[target as FixedTarget]?.trim();
  });
}
