import { tz, tzOffset } from "@date-fns/tz";
import { isValid, parse as parseWithFormat } from "date-fns";

/** How to read `03/04/2026`: 3 April (day first) or 4 March (month first). ISO dates need neither. */
export type DateOrder = "mdy" | "dmy";

/**
 * What happened to a wall-clock time on a daylight-saving change: `gap` (the clock skipped it,
 * e.g. 02:30 on a spring-forward night; read as the same instant the clock shows an hour later)
 * or `ambiguous` (it happened twice on a fall-back night; read as the first, earlier one). This
 * is the "compatible" rule of ECMAScript Temporal and of most calendar software.
 */
export type DstAdjustment = "gap" | "ambiguous";

export type ParsedTimestamp =
  | { ok: true; iso: string; hadOffset: boolean; adjustment: DstAdjustment | null }
  | { ok: false; message: string };

export interface TimestampOptions {
  /** IANA zone applied to timestamps that carry no offset. */
  timeZone: string;
  dateOrder: DateOrder;
}

interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

// The spaces before AM/PM belong to the AM/PM: a `\s*` of its own would meet the `\s*` that
// follows TIME, and the two would try every split of a run of spaces (quadratic, issue 11).
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp][Mm]))?`;
const OFFSET = String.raw`(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+${TIME})?\s*${OFFSET}$`, "i");
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[T\s,]+${TIME})?\s*${OFFSET}$`, "i");
const EPOCH_SECONDS = /^\d{9,10}(\.\d{1,6})?$/;
const EPOCH_MILLISECONDS = /^\d{12,13}$/;
/** A spreadsheet's serial date: days since 1899-12-30 (Excel, Google Sheets, LibreOffice), 1954–2119. */
const SPREADSHEET_SERIAL = /^[2-7]\d{4}(\.\d{1,12})?$/;
const SPREADSHEET_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/*
 * Dates written with month names, as RFC 2822 (`Wed, 02 Dec 2026 11:58:10 +0000`: Twilio's API
 * and e-mail), and as spreadsheets display them (`2-Dec-2026 11:58`, `Dec 2, 2026, 11:58:10 AM`).
 * Read with date-fns in UTC: the fields of a zone-less one are its wall-clock time.
 */
const NAMED_WITH_OFFSET = ["EEE, d MMM yyyy HH:mm:ss xx", "EEE, d MMM yyyy HH:mm xx", "d MMM yyyy HH:mm:ss xx", "d MMM yyyy HH:mm xx"];
const NAMED_WITHOUT_OFFSET = [
  "d MMM yyyy HH:mm:ss",
  "d MMM yyyy HH:mm",
  "d-MMM-yyyy HH:mm:ss",
  "d-MMM-yyyy HH:mm",
  "d-MMM-yy HH:mm:ss",
  "d-MMM-yy HH:mm",
  "d-MMM-yyyy h:mm:ss a",
  "d-MMM-yyyy h:mm a",
  "MMM d, yyyy h:mm:ss a",
  "MMM d, yyyy h:mm a",
  "MMM d, yyyy, h:mm:ss a",
  "MMM d, yyyy, h:mm a",
  "MMM d, yyyy HH:mm:ss",
  "MMM d, yyyy HH:mm",
  "EEE, d MMM yyyy HH:mm:ss",
];
const MONTH_NAME = /[a-z]{3}/i;
/** RFC 2822's names for UTC, and ISO's `Z`, written as the numeric offset date-fns reads. */
const UTC_NAME = /\s+(?:GMT|UTC?|Z)$/i;
const UTC_ZONE = tz("UTC");

const MINUTE = 60_000;
/** Longer than any layout below needs; checked before a pattern runs. */
const MAX_TIMESTAMP_LENGTH = 64;

/**
 * Reads a timestamp as found in CSV exports: ISO 8601 / RFC 3339 (with or without offset, `T` or
 * space), `YYYY/MM/DD`, `MM/DD/YYYY` or `DD/MM/YYYY` (by `dateOrder`, with optional AM/PM), and
 * Unix epoch seconds or milliseconds. A timestamp without an offset is wall-clock time in
 * `timeZone`. The result is always a UTC instant in RFC 3339.
 */
export function parseTimestamp(raw: string, options: TimestampOptions): ParsedTimestamp {
  const value = raw.trim();
  if (value === "") return { ok: false, message: "is empty" };
  if (value.length > MAX_TIMESTAMP_LENGTH) return { ok: false, message: `"${clip(value)}" is too long to be a date and time` };

  if (EPOCH_SECONDS.test(value)) return fromEpoch(Number(value) * 1000);
  if (EPOCH_MILLISECONDS.test(value)) return fromEpoch(Number(value));
  if (SPREADSHEET_SERIAL.test(value)) return inZone(SPREADSHEET_EPOCH + Math.round((Number(value) * DAY) / 1000) * 1000, options.timeZone);
  if (MONTH_NAME.test(value)) return parseNamed(value, options.timeZone);

  let year: number, month: number, day: number, rest: (string | undefined)[];
  const yearFirst = YEAR_FIRST.exec(value);
  const yearLast = yearFirst ? null : YEAR_LAST.exec(value);
  if (yearFirst) {
    [year, month, day] = [Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])];
    rest = yearFirst.slice(4);
  } else if (yearLast) {
    const [first, second] = [Number(yearLast[1]), Number(yearLast[2])];
    [month, day] = options.dateOrder === "mdy" ? [first, second] : [second, first];
    year = yearLast[3].length === 2 ? 2000 + Number(yearLast[3]) : Number(yearLast[3]);
    rest = yearLast.slice(4);
  } else {
    return { ok: false, message: `"${clip(value)}" is not a date and time this import can read (e.g. 2026-03-01 09:15:00)` };
  }

  const [hourText, minuteText, secondText, fractionText, meridiem, offsetText] = rest;
  if (hourText === undefined) return { ok: false, message: `"${clip(value)}" has a date but no time of day` };
  let hour = Number(hourText);
  if (meridiem) {
    if (hour < 1 || hour > 12) return { ok: false, message: `"${clip(value)}" has an hour outside 1–12 with AM/PM` };
    hour = (hour % 12) + (meridiem.toLowerCase() === "pm" ? 12 : 0);
  }
  const fields: LocalFields = {
    year,
    month,
    day,
    hour,
    minute: Number(minuteText),
    second: secondText === undefined ? 0 : Number(secondText),
    millisecond: fractionText === undefined ? 0 : Math.floor(Number(`0.${fractionText}`) * 1000),
  };
  const problem = rangeProblem(fields);
  if (problem) return { ok: false, message: `"${clip(value)}" ${problem}` };

  const wallClock = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
  if (offsetText !== undefined) {
    return { ok: true, iso: new Date(wallClock - offsetMinutes(offsetText) * MINUTE).toISOString(), hadOffset: true, adjustment: null };
  }
  return inZone(wallClock, options.timeZone);
}

/** A wall-clock time (given as if it were UTC) read in `timeZone`. */
function inZone(wallClock: number, timeZone: string): ParsedTimestamp {
  const { instant, adjustment } = zonedToInstant(wallClock, timeZone);
  if (Number.isNaN(instant)) return { ok: false, message: `cannot be placed in time zone ${timeZone}` };
  return { ok: true, iso: new Date(instant).toISOString(), hadOffset: false, adjustment };
}

function parseNamed(value: string, timeZone: string): ParsedTimestamp {
  const text = value.replace(UTC_NAME, " +0000");
  const reference = new Date(0);
  for (const format of NAMED_WITH_OFFSET) {
    const date = parseWithFormat(text, format, reference, { in: UTC_ZONE });
    if (isValid(date)) return { ok: true, iso: new Date(date.getTime()).toISOString(), hadOffset: true, adjustment: null };
  }
  for (const format of NAMED_WITHOUT_OFFSET) {
    const date = parseWithFormat(text, format, reference, { in: UTC_ZONE });
    if (isValid(date)) return inZone(date.getTime(), timeZone);
  }
  return { ok: false, message: `"${clip(value)}" is not a date and time this import can read (e.g. 2026-03-01 09:15:00, or Wed, 02 Dec 2026 11:58:10 +0000)` };
}

/**
 * The instant at which clocks in `timeZone` show `wallClock` (given as if it were UTC), and
 * whether a daylight-saving change made that reading a choice (see `DstAdjustment`).
 */
export function zonedToInstant(wallClock: number, timeZone: string): { instant: number; adjustment: DstAdjustment | null } {
  const offsetBefore = tzOffset(timeZone, new Date(wallClock - 24 * 60 * MINUTE));
  const offsetAfter = tzOffset(timeZone, new Date(wallClock + 24 * 60 * MINUTE));
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallClock - offset * MINUTE)
    .filter((instant) => wallClock - tzOffset(timeZone, new Date(instant)) * MINUTE === instant)
    .sort((a, b) => a - b);
  if (candidates.length === 1) return { instant: candidates[0], adjustment: null };
  if (candidates.length > 1) return { instant: candidates[0], adjustment: "ambiguous" };
  // Skipped by the clock: read with the offset in force before the change, i.e. pushed forward.
  return { instant: wallClock - offsetBefore * MINUTE, adjustment: "gap" };
}

function fromEpoch(milliseconds: number): ParsedTimestamp {
  const date = new Date(milliseconds);
  if (Number.isNaN(date.getTime())) return { ok: false, message: "is not a valid Unix time" };
  return { ok: true, iso: date.toISOString(), hadOffset: true, adjustment: null };
}

function offsetMinutes(text: string): number {
  if (/^(Z|UTC|GMT)$/i.test(text)) return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
}

function rangeProblem({ year, month, day, hour, minute, second }: LocalFields): string | null {
  if (month < 1 || month > 12) return "has no month " + month;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `has no day ${day} in ${year}-${String(month).padStart(2, "0")}`;
  if (hour > 23 || minute > 59 || second > 59) return "has a time of day out of range";
  return null;
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * Guesses how slash dates in a column are ordered: a first number above 12 means day first, a
 * second above 12 means month first. Null when the values do not say (or hold no such dates).
 */
export function detectDateOrder(values: string[]): DateOrder | null {
  let dayFirst = false;
  let monthFirst = false;
  for (const value of values) {
    const match = YEAR_LAST.exec(value.trim());
    if (!match) continue;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
  }
  if (dayFirst === monthFirst) return null;
  return dayFirst ? "dmy" : "mdy";
}

/** True when some value is a date with the year last, whose day/month order matters. */
export function hasYearLastDates(values: string[]): boolean {
  return values.some((value) => YEAR_LAST.test(value.trim()));
}

/** True when the value parses as a timestamp under either day order (used to recognise time columns). */
export function looksLikeTimestamp(value: string): boolean {
  const options = { timeZone: "UTC", dateOrder: "mdy" as const };
  return parseTimestamp(value, options).ok || parseTimestamp(value, { ...options, dateOrder: "dmy" }).ok;
}
