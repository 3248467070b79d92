/**
 * Readable differences between two versions of a configuration item (or the before and after of
 * any audit entry): one line per field that changed, lists shown as what was added and removed,
 * long texts word by word. Pure, so the versions panel and the audit log show the same thing.
 */

export type ChangeKind = "added" | "removed" | "changed";

export interface FieldChange {
  /** Dotted path: `body`, `conditions.callTypes`, `action.queue`. */
  path: string;
  label: string;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
  /** For lists of plain values: the items only in `after` / only in `before`. */
  itemsAdded?: string[];
  itemsRemoved?: string[];
}

const LABELS: Record<string, string> = {
  name: "Name",
  locale: "Locale",
  purpose: "Purpose",
  body: "Message body",
  point: "Intervention point",
  enabled: "Enabled",
  prompt: "Prompt",
  dtmfKey: "DTMF key",
  smsTemplateId: "SMS template",
  holdoutPercent: "Holdout (%)",
  priority: "Priority",
  "conditions.callTypes": "Call types",
  "conditions.queues": "Queues",
  "conditions.minEstimatedWaitSeconds": "Minimum estimated wait (s)",
  "conditions.schedule": "Schedule",
  "conditions.minFailedAttempts": "Failed bot attempts at least",
  "conditions.maxSentiment": "Sentiment at most",
  "conditions.customerTiers": "Customer tiers",
  "conditions.keywords": "Keywords",
  "conditions.outsideBusinessHours": "Only outside business hours",
  "action.type": "Action",
  "action.queue": "Queue",
  "action.withinMinutes": "Call back within (min)",
  "action.phoneNumber": "Phone number",
  version: "Version",
  publishedVersion: "Published version",
};

export function fieldLabel(path: string): string {
  if (LABELS[path]) return LABELS[path];
  const last = path.split(".").pop() ?? path;
  const words = last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaves of a JSON value by dotted path. Arrays are leaves: a list is compared as a whole. */
function flatten(value: unknown, prefix = "", into = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
    if (Object.keys(value).length === 0 && prefix) into.set(prefix, value);
  } else if (value !== undefined) {
    into.set(prefix, value);
  }
  return into;
}

/** Equality of JSON values, whatever the order of object keys (jsonb reorders them). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function isPrimitiveList(value: unknown): value is (string | number | boolean)[] {
  return Array.isArray(value) && value.every((item) => ["string", "number", "boolean"].includes(typeof item));
}

/**
 * What changed from `before` to `after`, field by field, in the order the fields appear (after's
 * order first, then fields only `before` had). Either side may be null (a creation or a deletion).
 */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const old = flatten(before ?? {});
  const now = flatten(after ?? {});
  const paths = [...now.keys(), ...[...old.keys()].filter((path) => !now.has(path))];
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const a = old.get(path);
    const b = now.get(path);
    if (old.has(path) && now.has(path) && sameJson(a, b)) continue;
    const kind: ChangeKind = !old.has(path) ? "added" : !now.has(path) ? "removed" : "changed";
    const change: FieldChange = { path, label: fieldLabel(path), kind, before: a, after: b };
    if (kind === "changed" && isPrimitiveList(a) && isPrimitiveList(b)) {
      const beforeItems = a.map(String);
      const afterItems = b.map(String);
      change.itemsAdded = afterItems.filter((item) => !beforeItems.includes(item));
      change.itemsRemoved = beforeItems.filter((item) => !afterItems.includes(item));
    }
    changes.push(change);
  }
  return changes;
}

const DAY_NAMES: Record<string, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };

function isScheduleWindow(value: unknown): value is { days: string[]; start: string; end: string } {
  return isPlainObject(value) && Array.isArray(value.days) && typeof value.start === "string" && typeof value.end === "string";
}

/** "Mon, Tue 09:00–17:00" */
export function formatScheduleWindow(window: { days: readonly string[]; start: string; end: string }): string {
  return `${window.days.map((day) => DAY_NAMES[day] ?? day).join(", ")} ${window.start}–${window.end}`;
}

/** A value as one short line of text for people. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "(none)";
    if (value.every(isScheduleWindow)) return value.map(formatScheduleWindow).join("; ");
    return value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(", ");
  }
  if (isPlainObject(value) && Object.keys(value).length === 0) return "(none)";
  return JSON.stringify(value);
}

export interface TextPiece {
  kind: "same" | "added" | "removed";
  text: string;
}

/**
 * A word-level difference between two texts (longest common subsequence of words, each with the
 * spaces after it), for message bodies and prompts. Texts are at most a few thousand characters, so
 * the quadratic table is small.
 */
export function textDiff(before: string, after: string): TextPiece[] {
  const a = words(before);
  const b = words(after);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1] + 1 : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
    }
  }
  const pieces: TextPiece[] = [];
  const push = (kind: TextPiece["kind"], text: string) => {
    const last = pieces[pieces.length - 1];
    if (last && last.kind === kind) last.text += text;
    else pieces.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push("same", a[i]);
      i++;
      j++;
    } else if (table[(i + 1) * cols + j] >= table[i * cols + j + 1]) {
      push("removed", a[i++]);
    } else {
      push("added", b[j++]);
    }
  }
  while (i < a.length) push("removed", a[i++]);
  while (j < b.length) push("added", b[j++]);
  return pieces;
}

/** "Chat with  us" → ["Chat ", "with  ", "us"]: words keep their trailing spaces, leading spaces stand alone. */
function words(text: string): string[] {
  return text.match(/^\s+|\S+\s*/g) ?? [];
}
