/** Time-series buckets as the charts label them, and the days each one covers inside a period. */
import type { TimeseriesInterval } from "@/lib/metrics/types";
import { formatDay, formatDayShort, formatMonth, formatMonthShort } from "./format";
import { type DayRange, addDays, lastDayOfMonth } from "./period";

export function bucketLabel(bucket: string, interval: TimeseriesInterval): string {
  if (interval === "month") return formatMonthShort(bucket.slice(0, 7), true);
  return formatDayShort(bucket);
}

export function bucketTitle(bucket: string, interval: TimeseriesInterval): string {
  if (interval === "day") return new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" }).format(new Date(`${bucket}T00:00:00Z`)) + `, ${formatDay(bucket)}`;
  if (interval === "week") return `Week of ${formatDay(bucket)}`;
  return formatMonth(bucket.slice(0, 7));
}

/** The days of `bucket` that lie inside `period`: the first and last bucket may be cut by it. */
export function bucketRange(bucket: string, interval: TimeseriesInterval, period: DayRange): DayRange {
  const end = interval === "day" ? bucket : interval === "week" ? addDays(bucket, 6) : lastDayOfMonth(bucket.slice(0, 7));
  return { from: bucket < period.from ? period.from : bucket, to: end > period.to ? period.to : end };
}
