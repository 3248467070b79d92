/**
 * Day and month arithmetic for the dashboards. Days are "YYYY-MM-DD" and months "YYYY-MM" in the
 * workspace time zone (DESIGN.md: dates in query strings are local days or months); the maths
 * runs on UTC midnights, where every day has 24 hours, so DST never shifts a day.
 */
import type { TimeseriesInterval } from "@/lib/metrics/types";

export interface DayRange {
  from: string;
  to: string;
}

export interface MonthRange {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MS_PER_DAY = 86_400_000;

/** The longest period the metrics API accepts (lib/metrics/params.ts MAX_PERIOD_DAYS). */
export const MAX_PERIOD_DAYS = 1100;
/** The longest month range the ROI API accepts. */
export const MAX_ROI_MONTHS = 36;

export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1970;
}

export function isMonth(value: string): boolean {
  return MONTH.test(value) && Number(value.slice(0, 4)) >= 1970;
}

/** Today in an IANA time zone, as "YYYY-MM-DD". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Number of days from `from` to `to`, both included. */
export function daysIn(range: DayRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / MS_PER_DAY) + 1;
}

/** The period of equal length that ends the day before `range` starts. */
export function previousPeriod(range: DayRange): DayRange {
  const length = daysIn(range);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

export function addMonths(month: string, months: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function monthsIn(range: MonthRange): number {
  const [fy, fm] = range.from.split("-").map(Number);
  const [ty, tm] = range.to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

export interface PeriodPreset {
  id: string;
  label: string;
  range: DayRange;
}

/**
 * The presets of the date range picker. Rolling presets end yesterday: today is incomplete and a
 * deflection needs the attribution window to pass before it is confirmed.
 */
export function periodPresets(today: string): PeriodPreset[] {
  const yesterday = addDays(today, -1);
  const rolling = (days: number, label: string): PeriodPreset => ({
    id: `${days}d`,
    label,
    range: { from: addDays(yesterday, -(days - 1)), to: yesterday },
  });
  const thisMonth = monthOfDay(today);
  const lastMonth = addMonths(thisMonth, -1);
  return [
    rolling(7, "Last 7 days"),
    rolling(28, "Last 28 days"),
    rolling(90, "Last 90 days"),
    rolling(180, "Last 180 days"),
    { id: "mtd", label: "This month", range: { from: `${thisMonth}-01`, to: today } },
    { id: "last-month", label: "Last month", range: { from: `${lastMonth}-01`, to: lastDayOfMonth(lastMonth) } },
  ];
}

export const DEFAULT_PRESET = "28d";

/** The period a dashboard shows when the link names none: the last 28 days, ending yesterday. */
export function defaultPeriod(today: string): DayRange {
  return periodPresets(today).find((preset) => preset.id === DEFAULT_PRESET)!.range;
}

/**
 * The period a link asks for, made safe: missing or invalid days fall back to the default period,
 * a reversed range is put in order, and a range longer than the API allows is cut to its last days.
 */
export function resolvePeriod(from: string | null | undefined, to: string | null | undefined, today: string): DayRange {
  const fallback = defaultPeriod(today);
  const validFrom = from && isDay(from) ? from : null;
  const validTo = to && isDay(to) ? to : null;
  if (!validFrom && !validTo) return fallback;
  let start = validFrom ?? addDays(validTo!, -(daysIn(fallback) - 1));
  let end = validTo ?? (addDays(validFrom!, daysIn(fallback) - 1) < today ? addDays(validFrom!, daysIn(fallback) - 1) : today);
  if (start > end) [start, end] = [end, start];
  if (daysIn({ from: start, to: end }) > MAX_PERIOD_DAYS) start = addDays(end, -(MAX_PERIOD_DAYS - 1));
  return { from: start, to: end };
}

/** Day buckets up to two months, weeks up to about half a year, months beyond. */
export function autoInterval(range: DayRange): TimeseriesInterval {
  const days = daysIn(range);
  if (days <= 62) return "day";
  if (days <= 190) return "week";
  return "month";
}

export interface MonthPreset {
  id: string;
  label: string;
  range: MonthRange;
}

export function monthPresets(today: string): MonthPreset[] {
  const thisMonth = monthOfDay(today);
  const year = today.slice(0, 4);
  return [
    { id: "6m", label: "Last 6 months", range: { from: addMonths(thisMonth, -5), to: thisMonth } },
    { id: "12m", label: "Last 12 months", range: { from: addMonths(thisMonth, -11), to: thisMonth } },
    { id: "ytd", label: "Year to date", range: { from: `${year}-01`, to: thisMonth } },
    { id: "last-year", label: `${Number(year) - 1}`, range: { from: `${Number(year) - 1}-01`, to: `${Number(year) - 1}-12` } },
  ];
}

/** ROI shows the last six months, this one included, unless the link names others. */
export function resolveMonths(from: string | null | undefined, to: string | null | undefined, today: string): MonthRange {
  const thisMonth = monthOfDay(today);
  const validFrom = from && isMonth(from) ? from : null;
  const validTo = to && isMonth(to) ? to : null;
  let end = validTo ?? (validFrom && addMonths(validFrom, 5) < thisMonth ? addMonths(validFrom, 5) : thisMonth);
  let start = validFrom ?? addMonths(end, -5);
  if (start > end) [start, end] = [end, start];
  if (monthsIn({ from: start, to: end }) > MAX_ROI_MONTHS) start = addMonths(end, -(MAX_ROI_MONTHS - 1));
  return { from: start, to: end };
}
