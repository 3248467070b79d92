import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { CALL_TYPE_SLUG, CHANNELS, INTERVENTION_POINTS, STAGES } from "@/lib/domain";
import { JOURNEY_ARMS, TIMESERIES_INTERVALS } from "./types";

/** The longest period one request may cover, so that no query can run unbounded. */
export const MAX_PERIOD_DAYS = 1100;
export const MAX_PAGE_SIZE = 1000;

function isRealDay(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1970 && y <= 9999;
}

export const dayParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day as YYYY-MM-DD")
  .refine(isRealDay, "is not a calendar day");
export const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
  .refine((value) => Number(value.slice(0, 4)) >= 1970, "must be 1970 or later");

const asOfParam = z.iso.datetime({ offset: true, message: "must be an RFC 3339 date-time with an offset" });

const filters = {
  point: z.enum(INTERVENTION_POINTS).optional(),
  callType: z.string().regex(CALL_TYPE_SLUG, "must be a call type slug").optional(),
  channel: z.enum(CHANNELS).optional(),
  asOf: asOfParam.optional(),
};

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

const periodChecks = <T extends { from: string; to: string }>(schema: z.ZodType<T>) =>
  schema
    .refine((p) => p.from <= p.to, { message: "must not be after to", path: ["from"] })
    .refine((p) => daysBetween(p.from, p.to) < MAX_PERIOD_DAYS, { message: `the period may cover at most ${MAX_PERIOD_DAYS} days`, path: ["to"] });

export const funnelQuery = periodChecks(
  z.object({ from: dayParam, to: dayParam, ...filters, breakdown: z.enum(["callType", "channel"]).optional() }),
);
export const timeseriesQuery = periodChecks(z.object({ from: dayParam, to: dayParam, interval: z.enum(TIMESERIES_INTERVALS), ...filters }));
/** Parity narrows journeys by point and channel; its phone calls are never narrowed by them (docs/adr/016). */
export const parityQuery = periodChecks(
  z.object({ from: dayParam, to: dayParam, point: filters.point, channel: filters.channel, asOf: asOfParam.optional() }),
);
export const roiQuery = z
  .object({ from: monthParam, to: monthParam, ...filters })
  .refine((p) => p.from <= p.to, { message: "must not be after to", path: ["from"] })
  .refine((p) => monthsBetween(p.from, p.to) < 37, { message: "the period may cover at most 36 months", path: ["to"] });
export const journeysQuery = periodChecks(
  z.object({
    from: dayParam,
    to: dayParam,
    ...filters,
    stage: z.enum(STAGES).optional(),
    /** Journeys of runtime decisions of one arm (docs/adr/016). */
    arm: z.enum(JOURNEY_ARMS).optional(),
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  }),
);

/** The incrementality report (DESIGN.md "Incrementality"): decisions by the local day of decidedAt (docs/adr/026). */
export const incrementalityQuery = periodChecks(
  z.object({
    from: dayParam,
    to: dayParam,
    point: filters.point,
    offerId: z.string().min(1, "must not be empty").max(128, "must be at most 128 characters").optional(),
    asOf: asOfParam.optional(),
  }),
);

/** Change annotations: the publishes and roll-backs of a period of local days (docs/adr/026). */
export const changesQuery = periodChecks(z.object({ from: dayParam, to: dayParam }));

/** Instants a cursor may hold: those of journeys, whose days are 1970 to 9999. */
const CURSOR_INSTANTS = { min: Date.UTC(1970, 0, 1), max: Date.UTC(10_000, 0, 1) };

/**
 * A decoded journeys cursor, `[offeredAt, journey]`: an RFC 3339 instant and a journey key as
 * events carry it (1–128 characters, storable text). Anything else is a cursor this API never
 * gave out, refused before it reaches a query (issue 11, finding 10: `["1","x"]` was a 500).
 */
export const journeyCursor = z.tuple([
  z.iso.datetime({ offset: true }).refine((at) => Date.parse(at) >= CURSOR_INSTANTS.min && Date.parse(at) < CURSOR_INSTANTS.max),
  z.string().min(1).max(128).refine((journey) => !journey.includes("\u0000") && journey.isWellFormed()),
]);

/** The most journeys one CSV export holds (docs/adr/021-export-limits.md). */
export const EXPORT_ROW_LIMIT = 50_000;

export type FunnelQuery = z.infer<typeof funnelQuery>;
export type TimeseriesQuery = z.infer<typeof timeseriesQuery>;
export type ParityQuery = z.infer<typeof parityQuery>;
export type RoiQuery = z.infer<typeof roiQuery>;
export type JourneysQuery = z.infer<typeof journeysQuery>;
export type IncrementalityQuery = z.infer<typeof incrementalityQuery>;
export type ChangesQuery = z.infer<typeof changesQuery>;
export interface JourneyFilters {
  point?: string;
  callType?: string;
  channel?: string;
}

function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5));
}

/** Query-string parameters as an object; a repeated parameter is refused by the schema as an array. */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = values.length === 1 ? values[0] : values;
  }
  return result;
}

/** The instant local midnight starts `day` in `timeZone` (right across DST changes). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

export function nextDay(day: string): string {
  const date = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  return date.toISOString().slice(0, 10);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** [start, end) instants of the local days from..to inclusive. */
export function periodBounds(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(from, timeZone), end: startOfLocalDay(nextDay(to), timeZone) };
}

/** [start, end) instants of the local months from..to inclusive. */
export function monthBounds(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(`${from}-01`, timeZone), end: startOfLocalDay(`${nextMonth(to)}-01`, timeZone) };
}

/** The first day of each bucket that overlaps [from, to]; weeks start on Monday. */
export function bucketStarts(from: string, to: string, interval: (typeof TIMESERIES_INTERVALS)[number]): string[] {
  const first = bucketStart(from, interval);
  const buckets: string[] = [];
  for (let day = first; day <= to; ) {
    buckets.push(day);
    if (interval === "day") day = nextDay(day);
    else if (interval === "week") day = new Date(Date.parse(`${day}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    else day = `${nextMonth(day.slice(0, 7))}-01`;
  }
  return buckets;
}

export function bucketStart(day: string, interval: (typeof TIMESERIES_INTERVALS)[number]): string {
  if (interval === "day") return day;
  if (interval === "month") return `${day.slice(0, 7)}-01`;
  const date = new Date(Date.parse(`${day}T00:00:00Z`));
  const mondayOffset = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - mondayOffset * 86_400_000).toISOString().slice(0, 10);
}
