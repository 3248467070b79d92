import { type ColumnTarget, type FileKind, type FixedTarget, type ImportMapping, OUTCOME_EMPTY, OUTCOME_OTHER, type OutcomeTable, columnValues, detectMapping, normalizeHeader } from "./columns";
import { detectDateOrder } from "./time";

/*
 * What contact centers actually export, recognised by the header row (docs/adr/027). A preset is
 * only a first mapping: every column, fixed value, outcome and filter stays editable on the page,
 * and the command line takes the same presets by name.
 */

export const PRESET_IDS = ["twilio_call_log", "amazon_connect", "genesys_cloud", "bot_export"] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** Rows whose cell in `column` (a header of the file) is none of `values` (any case) are skipped. */
export interface RowFilter {
  column: string;
  values: string[];
}

export interface Preset {
  id: PresetId;
  /** Its name, as in a menu. */
  label: string;
  /** "Looks like …": the name as a sentence says it. */
  looksLike: string;
  kind: FileKind;
  /** Normalised headers that must all be present. */
  signature: string[];
  /** Normalised header → target; other columns are left out. Earlier entries win a target. */
  columns: [header: string, target: ColumnTarget][];
  fixed: Partial<Record<FixedTarget, string>>;
  outcomes?: OutcomeTable;
  filters: RowFilter[];
  /** What the user should know about the preset's choices. */
  notes: string[];
}

export const PRESETS: Record<PresetId, Preset> = {
  // Twilio's Call resource, as the Console's call log export and `twilio api:core:calls:list` write
  // it: StartTime in RFC 2822, Duration in seconds, Status one of queued, ringing, in-progress,
  // canceled, completed, failed, busy, no-answer.
  twilio_call_log: {
    id: "twilio_call_log",
    label: "Twilio call log",
    looksLike: "a Twilio call log",
    kind: "call_log",
    signature: ["sid", "from", "to", "status", "duration", "direction"],
    columns: [
      ["sid", "id"],
      ["from", "customerPhone"],
      ["starttime", "occurredAt"],
      ["datecreated", "occurredAt"],
      ["status", "outcome"],
      ["duration", "handleSeconds"],
    ],
    fixed: { callType: "general" },
    outcomes: {
      completed: "received",
      "no-answer": "abandoned",
      canceled: "abandoned",
      busy: "skipped",
      failed: "skipped",
      queued: "skipped",
      ringing: "skipped",
      "in-progress": "skipped",
    },
    filters: [{ column: "Direction", values: ["inbound"] }],
    notes: ["A Twilio call log has no call type: the whole file gets the one below.", "Duration counts the whole call, IVR included, as handle time."],
  },
  // Amazon Connect contact records (CTR) flattened to CSV with their dotted field names;
  // timestamps in ISO 8601 UTC, durations in seconds.
  amazon_connect: {
    id: "amazon_connect",
    label: "Amazon Connect contact records",
    looksLike: "Amazon Connect contact records",
    kind: "call_log",
    signature: ["contactid", "customerendpointaddress", "initiationtimestamp"],
    columns: [
      ["contactid", "id"],
      ["customerendpointaddress", "customerPhone"],
      ["initiationtimestamp", "occurredAt"],
      ["queuename", "queue"],
      ["queueduration", "waitSeconds"],
      ["agentagentinteractionduration", "handleSeconds"],
      ["agentconnectedtoagenttimestamp", "outcome"],
    ],
    fixed: { callType: "general" },
    outcomes: { [OUTCOME_EMPTY]: "abandoned", [OUTCOME_OTHER]: "received" },
    filters: [
      { column: "Channel", values: ["VOICE"] },
      { column: "InitiationMethod", values: ["INBOUND"] },
    ],
    notes: ["A contact that never reached an agent (no Agent.ConnectedToAgentTimestamp) is an abandoned call.", "ContactId is the event id, never the customer: the caller's number is."],
  },
  // Genesys Cloud's Interactions view (Performance › Interactions), exported as CSV: local times
  // without a zone, durations as hh:mm:ss, ANI as a tel: URI, wrap-up codes as written.
  genesys_cloud: {
    id: "genesys_cloud",
    label: "Genesys Cloud conversation detail export",
    looksLike: "a Genesys Cloud conversation detail export",
    kind: "call_log",
    signature: ["conversationid", "ani", "mediatype", "direction"],
    columns: [
      ["conversationid", "id"],
      ["ani", "customerPhone"],
      ["conversationstart", "occurredAt"],
      ["date", "occurredAt"],
      ["queue", "queue"],
      ["totalqueue", "waitSeconds"],
      ["totalhandle", "handleSeconds"],
      ["wrapup", "callType"],
      ["abandoned", "outcome"],
    ],
    fixed: { callType: "general" },
    outcomes: { yes: "abandoned", true: "abandoned", no: "received", false: "received", [OUTCOME_EMPTY]: "received" },
    filters: [
      { column: "Media Type", values: ["voice", "call"] },
      { column: "Direction", values: ["inbound"] },
    ],
    notes: ["Genesys writes local times without a zone: check the time zone below.", "A call without a wrap-up code gets the call type below."],
  },
  // A chatbot's conversation export, in the common shape of bot platforms' CSV downloads.
  bot_export: {
    id: "bot_export",
    label: "Bot conversation export",
    looksLike: "a bot conversation export",
    kind: "bot_export",
    signature: ["conversationid", "resolved", "escalated"],
    columns: [
      ["conversationid", "journey"],
      ["customerphone", "customerPhone"],
      ["phone", "customerPhone"],
      ["customerid", "customer"],
      ["customer", "customer"],
      ["startedat", "occurredAt"],
      ["started", "occurredAt"],
      ["endedat", "endedAt"],
      ["ended", "endedAt"],
      ["resolved", "resolved"],
      ["escalated", "escalated"],
      ["intent", "callType"],
      ["lastusermessage", "utterance"],
      ["lastmessage", "utterance"],
      ["channel", "channel"],
    ],
    fixed: { point: "web_nudge", channel: "web" },
    filters: [],
    notes: ["Each conversation becomes chat.started and chat.resolved, chat.unresolved or chat.escalated, with the last message as the utterance."],
  },
};

/** The preset whose signature the header row carries, or null. */
export function detectPreset(headers: string[]): Preset | null {
  const present = new Set(headers.map(normalizeHeader));
  return PRESET_IDS.map((id) => PRESETS[id]).find((preset) => preset.signature.every((header) => present.has(header))) ?? null;
}

/** The mapping a preset makes of a file's header row, with the day order its first rows show (month first when they do not say). */
export function presetMapping(preset: Preset, headers: string[], timeZone: string, sample: string[][] = []): ImportMapping {
  const normal = headers.map(normalizeHeader);
  const columns: ColumnTarget[] = headers.map(() => "ignore");
  for (const [header, target] of preset.columns) {
    const index = normal.indexOf(header);
    if (index >= 0 && columns[index] === "ignore" && !columns.includes(target)) columns[index] = target;
  }
  const filters = preset.filters.flatMap((filter) => {
    const index = normal.indexOf(normalizeHeader(filter.column));
    return index >= 0 ? [{ column: headers[index], values: filter.values }] : [];
  });
  const timeColumn = columns.indexOf("occurredAt");
  return {
    kind: preset.kind,
    columns,
    timeZone,
    dateOrder: (timeColumn >= 0 ? detectDateOrder(columnValues(sample, timeColumn)) : null) ?? "mdy",
    fixed: { ...preset.fixed },
    ...(preset.outcomes ? { outcomes: { ...preset.outcomes } } : {}),
    filters,
    preset: preset.id,
  };
}

/** A file's first mapping: its preset's when the header row names one, else one guessed column by column. */
export function detectFileMapping(headers: string[], sample: string[][], timeZone: string): { mapping: ImportMapping; preset: Preset | null; dateOrderDetected: boolean } {
  const preset = detectPreset(headers);
  if (!preset) {
    const { dateOrderDetected, ...mapping } = detectMapping(headers, sample, timeZone);
    return { mapping: { ...mapping, preset: null }, preset: null, dateOrderDetected };
  }
  const mapping = presetMapping(preset, headers, timeZone, sample);
  const timeColumn = mapping.columns.indexOf("occurredAt");
  return { mapping, preset, dateOrderDetected: timeColumn >= 0 && detectDateOrder(columnValues(sample, timeColumn)) !== null };
}

export function presetById(id: string): Preset | null {
  return (PRESET_IDS as readonly string[]).includes(id) ? PRESETS[id as PresetId] : null;
}
