/**
 * How numbers read on the dashboards. One locale (en-US) on server and client, so that the first
 * paint and the hydrated page print the same characters.
 */
const LOCALE = "en-US";

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percent1 = new Intl.NumberFormat(LOCALE, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

export const EMPTY = "—";

export function formatCount(value: number): string {
  return integer.format(value);
}

/** 0.1313 → "13.1%"; null (no denominator) → "—". */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? EMPTY : percent1.format(value);
}

function moneyFormat(currency: string, cents: boolean): Intl.NumberFormat {
  const key = `${currency}:${cents}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      style: "currency",
      currency,
      minimumFractionDigits: cents ? 2 : 0,
      maximumFractionDigits: cents ? 2 : 0,
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/** Money with cents, as DESIGN.md keeps it: "$40,524.95". */
export function formatMoney(value: number, currency: string): string {
  return moneyFormat(currency, true).format(value);
}

/** Money for chart axes: "$9.8K". */
export function formatMoneyCompact(value: number, currency: string): string {
  return new Intl.NumberFormat(LOCALE, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/** A 95% interval as "12.5–13.8%". */
export function formatInterval(interval: { low: number; high: number } | null): string {
  if (!interval) return EMPTY;
  return `${(interval.low * 100).toFixed(1)}–${(interval.high * 100).toFixed(1)}%`;
}

const dayFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const dayShortFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: "long", year: "numeric", timeZone: "UTC" });
const monthShortFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", timeZone: "UTC" });
const monthShortYearFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", year: "2-digit", timeZone: "UTC" });

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

/** "2026-10-27" → "Oct 27, 2026" */
export function formatDay(day: string): string {
  return dayFormat.format(utcDay(day));
}

/** "2026-10-27" → "Oct 27" */
export function formatDayShort(day: string): string {
  return dayShortFormat.format(utcDay(day));
}

/** "Oct 27 – Nov 23, 2026", or with both years when they differ. */
export function formatDayRange(from: string, to: string): string {
  if (from === to) return formatDay(from);
  if (from.slice(0, 4) === to.slice(0, 4)) return `${formatDayShort(from)} – ${formatDay(to)}`;
  return `${formatDay(from)} – ${formatDay(to)}`;
}

/** "2026-11" → "November 2026" */
export function formatMonth(month: string): string {
  return monthFormat.format(utcDay(`${month}-01`));
}

/** "2026-11" → "Nov" (or "Nov 26" when `withYear`) */
export function formatMonthShort(month: string, withYear = false): string {
  return (withYear ? monthShortYearFormat : monthShortFormat).format(utcDay(`${month}-01`));
}

/** "Jun – Nov 2026", "Dec 2025 – Jan 2026", "November 2026". */
export function formatMonthRange(from: string, to: string): string {
  if (from === to) return formatMonth(from);
  const short = (month: string) => monthShortFormat.format(utcDay(`${month}-01`));
  if (from.slice(0, 4) === to.slice(0, 4)) return `${short(from)} – ${short(to)} ${to.slice(0, 4)}`;
  return `${short(from)} ${from.slice(0, 4)} – ${short(to)} ${to.slice(0, 4)}`;
}

/** An instant in the workspace time zone: "Nov 24, 12:35 PM EST". */
export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** An instant with seconds, for the journeys table. */
export function formatTimestamp(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

export type Direction = "up" | "down" | "flat";

export interface Change {
  direction: Direction;
  /** "+12.4%", "−1.2 pts", "no change", "new" */
  text: string;
  /** For screen readers: "up 12.4% from 1,317". */
  description: string;
}

const MINUS = "\u2212";

/** Relative change of a count or an amount. */
export function countChange(current: number, previous: number, format: (value: number) => string = formatCount): Change | null {
  if (previous === 0) {
    if (current === 0) return { direction: "flat", text: "no change", description: "no change from 0" };
    return { direction: "up", text: "new", description: `up from 0` };
  }
  const ratio = (current - previous) / previous;
  const rounded = Math.round(ratio * 1000) / 10;
  if (rounded === 0) return { direction: "flat", text: "no change", description: `about the same as ${format(previous)}` };
  const direction = rounded > 0 ? "up" : "down";
  const text = `${rounded > 0 ? "+" : MINUS}${Math.abs(rounded).toFixed(1)}%`;
  return { direction, text, description: `${direction} ${Math.abs(rounded).toFixed(1)}% from ${format(previous)}` };
}

/** Change of a rate, in percentage points. */
export function rateChange(current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null) return null;
  const points = Math.round((current - previous) * 1000) / 10;
  if (points === 0) return { direction: "flat", text: "no change", description: `about the same as ${formatRate(previous)}` };
  const direction = points > 0 ? "up" : "down";
  const text = `${points > 0 ? "+" : MINUS}${Math.abs(points).toFixed(1)} pts`;
  return { direction, text, description: `${direction} ${Math.abs(points).toFixed(1)} percentage points from ${formatRate(previous)}` };
}
