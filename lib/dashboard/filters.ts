/**
 * From what the URL says to what the API is asked: one pure function, used by the server to
 * prefetch and by the browser to fetch, so both build the same query keys.
 */
import type { Channel, InterventionPoint, Stage } from "@/lib/domain";
import type { TimeseriesInterval } from "@/lib/metrics/types";
import { type DayRange, autoInterval, resolveMonths, resolvePeriod } from "./period";
import type { JourneyFilterParams, ParityParams, RoiParams } from "./query-keys";
import { compact } from "./query-keys";

export interface UrlFilters {
  from: string | null;
  to: string | null;
  point?: InterventionPoint | null;
  callType?: string | null;
  channel?: Channel | null;
  interval?: TimeseriesInterval | null;
}

export function journeyFilters(url: UrlFilters, today: string, asOf: string, point?: InterventionPoint): JourneyFilterParams {
  const period = resolvePeriod(url.from, url.to, today);
  return compact({
    ...period,
    point: point ?? url.point ?? undefined,
    callType: url.callType ?? undefined,
    channel: url.channel ?? undefined,
    asOf,
  });
}

export function trendIntervalOf(url: Pick<UrlFilters, "interval">, period: DayRange): TimeseriesInterval {
  return url.interval ?? autoInterval(period);
}

export function roiMonths(url: { from: string | null; to: string | null }, today: string) {
  return resolveMonths(url.from, url.to, today);
}

/** The parity API's parameters from the URL: the period, and the point and channel of its journeys. */
export function parityParams(url: Pick<UrlFilters, "from" | "to" | "point" | "channel">, today: string, asOf: string): ParityParams {
  return compact({ ...resolvePeriod(url.from, url.to, today), point: url.point ?? undefined, channel: url.channel ?? undefined, asOf });
}

/** The ROI API's parameters from the URL: the months, and the point, call type and channel of its journeys. */
export function roiParams(url: Pick<UrlFilters, "from" | "to" | "point" | "callType" | "channel">, today: string, asOf: string): RoiParams {
  return compact({
    ...roiMonths(url, today),
    point: url.point ?? undefined,
    callType: url.callType ?? undefined,
    channel: url.channel ?? undefined,
    asOf,
  });
}

/** The `/journeys` link behind a number: the same filters, a stage, and the `asOf` it was computed at. */
export function journeysHref(params: JourneyFilterParams & { stage?: Stage }): string {
  const query = new URLSearchParams();
  const ordered = ["from", "to", "point", "callType", "channel", "stage", "asOf"] as const;
  for (const key of ordered) {
    const value = params[key];
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  return `/journeys?${query.toString()}`;
}

/** "?from=…&to=…" carrying a view's filters to another dashboard page. */
export function filtersQuery(filters: Partial<JourneyFilterParams>, keys: ("from" | "to" | "point" | "callType" | "channel")[] = ["from", "to", "callType", "channel"]): string {
  const query = new URLSearchParams();
  for (const key of keys) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}
