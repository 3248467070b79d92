import "server-only";
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import { callTypes } from "@/db/schema";
import { INTERVENTION_POINTS, type Stage } from "@/lib/domain";
import { deflectionRate, opportunityOf, statusOf, topTexts } from "@/lib/metrics/definitions";
import { decimalOf, decimalToCents, subtractDecimals } from "@/lib/metrics/money";
import {
  type FunnelQuery,
  type JourneyFilters,
  type JourneysQuery,
  type ParityQuery,
  type RoiQuery,
  type TimeseriesQuery,
  bucketStarts,
  monthBounds,
  nextMonth,
  periodBounds,
} from "@/lib/metrics/params";
import { compareText } from "@/lib/metrics/reference";
import type {
  FunnelResult,
  ParityResult,
  ParityRow,
  RoiResult,
  StageCounts,
  StagedJourney,
  Timeseries,
  TimeseriesBucket,
} from "@/lib/metrics/types";
import type { WorkspaceSettings } from "@/lib/settings/schema";
import { deriveJourneys } from "./derive";
import { refreshRollups } from "./rollups";
import { bouncedCondition, resolvedKeptCondition, windowInterval } from "./stages";

/*
 * The fast path of every metric, by the definitions of DESIGN.md: daily rollups for the counts
 * that do not depend on asOf, the derived `journeys` table for pending journeys and drill-downs
 * (docs/adr/002, 018). The reference computation in lib/metrics/reference.ts is the oracle it is
 * tested against.
 */

const window = windowInterval;
const bounced = bouncedCondition;
const resolvedKept = resolvedKeptCondition;
const deflected = (settings: WorkspaceSettings, asOf: Date) =>
  sql`(${resolvedKept(settings)} and j.resolved_at + ${window(settings)} <= ${asOf.toISOString()}::timestamptz)`;
const pending = (settings: WorkspaceSettings, asOf: Date) =>
  sql`(${resolvedKept(settings)} and j.resolved_at + ${window(settings)} > ${asOf.toISOString()}::timestamptz)`;

function stageCondition(stage: Stage, settings: WorkspaceSettings, asOf: Date): SQL {
  switch (stage) {
    case "offered":
      return sql`j.offered`;
    case "accepted":
      return sql`j.accepted`;
    case "engaged":
      return sql`j.engaged_at is not null`;
    case "resolved":
      return sql`j.resolved_at is not null`;
    case "escalated":
      return sql`j.escalated`;
    case "bounced":
      return bounced(settings);
    case "deflected":
      return deflected(settings, asOf);
    case "pending":
      return pending(settings, asOf);
  }
}


function journeysWhere(workspaceId: string, start: Date, end: Date, filters: JourneyFilters): SQL {
  return sql.join(
    [
      sql`j.workspace_id = ${workspaceId}`,
      sql`j.offered_at >= ${start.toISOString()}::timestamptz`,
      sql`j.offered_at < ${end.toISOString()}::timestamptz`,
      filters.point ? sql`j.point = ${filters.point}` : undefined,
      filters.callType ? sql`j.call_type = ${filters.callType}` : undefined,
      filters.channel ? sql`j.channel = ${filters.channel}` : undefined,
    ].filter((part): part is SQL => part !== undefined),
    sql` and `,
  );
}



export interface FunnelAnswer extends FunnelResult {
  /** Every journey of the period, those without an intervention point included. */
  totals: StageCounts;
  breakdown?: ({ key: string | null } & StageCounts)[];
}

/*
 * Stage counts come from the daily rollups: `resolved_kept` (resolved, not bounced) splits into
 * deflected and pending by asOf, so the pending journeys are counted from the journeys table —
 * only those resolved within W before asOf, found through the resolved_at index.
 */

const ROLLUP_STAGES = ["offered", "accepted", "engaged", "resolved", "escalated", "bounced"] as const;

const rollupSums = sql.join(
  [...ROLLUP_STAGES.map((stage) => sql`sum(r.${sql.identifier(stage)})::int as ${sql.identifier(stage)}`), sql`sum(r.resolved_kept)::int as resolved_kept`],
  sql`, `,
);

function rollupWhere(workspaceId: string, from: string, to: string, filters: JourneyFilters): SQL {
  return sql.join(
    [
      sql`r.workspace_id = ${workspaceId}`,
      sql`r.day >= ${from}::date`,
      sql`r.day <= ${to}::date`,
      filters.point ? sql`r.point = ${filters.point}` : undefined,
      filters.callType ? sql`r.call_type = ${filters.callType}` : undefined,
      filters.channel ? sql`r.channel = ${filters.channel}` : undefined,
    ].filter((part): part is SQL => part !== undefined),
    sql` and `,
  );
}

/** Journeys of the period that are pending at asOf: resolved, not bounced, resolvedAt + W > asOf. */
function pendingWhere(workspaceId: string, start: Date, end: Date, filters: JourneyFilters, settings: WorkspaceSettings, asOf: Date): SQL {
  return sql`${journeysWhere(workspaceId, start, end, filters)}
    and j.resolved_at > ${asOf.toISOString()}::timestamptz - ${window(settings)} and ${pending(settings, asOf)}`;
}

type RollupRow = Record<(typeof ROLLUP_STAGES)[number] | "resolved_kept", number>;

function stagesFrom(rollup: RollupRow | undefined, pendingCount: number): StageCounts {
  const kept = Number(rollup?.resolved_kept ?? 0);
  return {
    offered: Number(rollup?.offered ?? 0),
    accepted: Number(rollup?.accepted ?? 0),
    engaged: Number(rollup?.engaged ?? 0),
    resolved: Number(rollup?.resolved ?? 0),
    escalated: Number(rollup?.escalated ?? 0),
    bounced: Number(rollup?.bounced ?? 0),
    deflected: kept - pendingCount,
    pending: pendingCount,
  };
}

const orNull = (value: string) => (value === "" ? null : value);

export async function getFunnel(db: Db, workspaceId: string, settings: WorkspaceSettings, query: FunnelQuery, now = new Date()): Promise<FunnelAnswer> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  await refreshRollups(db, workspaceId, settings);
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const where = rollupWhere(workspaceId, query.from, query.to, query);
  const pendingOf = pendingWhere(workspaceId, start, end, query, settings, asOf);
  const breakdownColumn = query.breakdown === "callType" ? "call_type" : "channel";
  const [byPoint, pendingByPoint, calls, breakdown, pendingByKey] = await Promise.all([
    queryRows<RollupRow & { point: string; is_total: number }>(
      db,
      sql`select r.point, grouping(r.point)::int as is_total, ${rollupSums}
          from journey_daily r where ${where} group by grouping sets ((r.point), ())`,
    ),
    queryRows<{ point: string | null; is_total: number; n: number }>(
      db,
      sql`select j.point, grouping(j.point)::int as is_total, count(*)::int as n
          from journeys j where ${pendingOf} group by grouping sets ((j.point), ())`,
    ),
    queryRows<{ n: number }>(db, sql`select coalesce(sum(r.calls), 0)::int as n from calls_daily r
      where r.workspace_id = ${workspaceId} and r.day >= ${query.from}::date and r.day <= ${query.to}::date
      ${query.callType ? sql`and r.call_type = ${query.callType}` : sql``}`),
    query.breakdown
      ? queryRows<RollupRow & { key: string }>(
          db,
          sql`select r.${sql.identifier(breakdownColumn)} as key, ${rollupSums} from journey_daily r where ${where} group by 1`,
        )
      : Promise.resolve([]),
    query.breakdown
      ? queryRows<{ key: string; n: number }>(
          db,
          sql`select coalesce(j.${sql.identifier(breakdownColumn)}, '') as key, count(*)::int as n from journeys j where ${pendingOf} group by 1`,
        )
      : Promise.resolve([]),
  ]);
  const pendingTotal = Number(pendingByPoint.find((row) => Number(row.is_total) === 1)?.n ?? 0);
  const totals = stagesFrom(byPoint.find((row) => Number(row.is_total) === 1), pendingTotal);
  const agentCalls = Number(calls[0]?.n ?? 0);
  return {
    from: query.from,
    to: query.to,
    asOf: asOf.toISOString(),
    windowHours: settings.windowHours,
    agentCalls,
    deflectionRate: deflectionRate(totals.deflected, agentCalls),
    points: INTERVENTION_POINTS.map((point) => ({
      point,
      ...stagesFrom(
        byPoint.find((row) => Number(row.is_total) === 0 && row.point === point),
        Number(pendingByPoint.find((row) => Number(row.is_total) === 0 && row.point === point)?.n ?? 0),
      ),
    })),
    totals,
    ...(query.breakdown
      ? {
          breakdown: breakdown
            .map((row) => ({ key: orNull(row.key), ...stagesFrom(row, Number(pendingByKey.find((p) => p.key === row.key)?.n ?? 0)) }))
            .sort((a, b) => b.offered - a.offered || b.engaged - a.engaged || compareText(a.key ?? "", b.key ?? "")),
        }
      : {}),
  };
}

export async function getTimeseries(db: Db, workspaceId: string, settings: WorkspaceSettings, query: TimeseriesQuery, now = new Date()): Promise<Timeseries> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  await refreshRollups(db, workspaceId, settings);
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const unit = sql.raw(`'${query.interval}'`);
  const bucketOfDay = sql`to_char(date_trunc(${unit}, r.day::timestamp), 'YYYY-MM-DD')`;
  const [rollups, pendingRows, callRows] = await Promise.all([
    queryRows<RollupRow & { bucket: string }>(
      db,
      sql`select ${bucketOfDay} as bucket, ${rollupSums} from journey_daily r
          where ${rollupWhere(workspaceId, query.from, query.to, query)} group by 1`,
    ),
    queryRows<{ bucket: string; n: number }>(
      db,
      sql`select to_char(date_trunc(${unit}, j.offered_at at time zone ${settings.timeZone}), 'YYYY-MM-DD') as bucket, count(*)::int as n
          from journeys j where ${pendingWhere(workspaceId, start, end, query, settings, asOf)} group by 1`,
    ),
    queryRows<{ bucket: string; n: number }>(
      db,
      sql`select ${bucketOfDay} as bucket, sum(r.calls)::int as n from calls_daily r
          where r.workspace_id = ${workspaceId} and r.day >= ${query.from}::date and r.day <= ${query.to}::date
          ${query.callType ? sql`and r.call_type = ${query.callType}` : sql``} group by 1`,
    ),
  ]);
  const rollupByBucket = new Map(rollups.map((row) => [row.bucket, row]));
  const pendingByBucket = new Map(pendingRows.map((row) => [row.bucket, Number(row.n)]));
  const callsByBucket = new Map(callRows.map((row) => [row.bucket, Number(row.n)]));
  const buckets: TimeseriesBucket[] = bucketStarts(query.from, query.to, query.interval).map((bucket) => ({
    bucket,
    agentCalls: callsByBucket.get(bucket) ?? 0,
    ...stagesFrom(rollupByBucket.get(bucket), pendingByBucket.get(bucket) ?? 0),
  }));
  return { from: query.from, to: query.to, interval: query.interval, asOf: asOf.toISOString(), windowHours: settings.windowHours, buckets };
}

function costGap(settings: WorkspaceSettings, callType: string | null) {
  const phoneCost =
    callType !== null && Object.hasOwn(settings.phoneCostByCallType, callType) ? settings.phoneCostByCallType[callType] : settings.phoneCost;
  return subtractDecimals(decimalOf(phoneCost), decimalOf(settings.digitalCost));
}

/*
 * Parity: a point or channel filter narrows journeys (stage counts and unresolved utterances), never
 * phone calls (docs/adr/016). `unresolved_daily` has no point or channel, so with either filter the
 * utterances are counted from the journeys of the period instead.
 */
export async function getParity(db: Db, workspaceId: string, settings: WorkspaceSettings, query: ParityQuery): Promise<ParityResult> {
  await refreshRollups(db, workspaceId, settings);
  const days = sql`r.workspace_id = ${workspaceId} and r.day >= ${query.from}::date and r.day <= ${query.to}::date`;
  const filters: JourneyFilters = { point: query.point, channel: query.channel };
  const narrowed = Boolean(query.point || query.channel);
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const [calls, journeyRows, utterances, names] = await Promise.all([
    queryRows<{ call_type: string; n: number }>(
      db,
      sql`select r.call_type, sum(r.calls)::int as n from calls_daily r where ${days} and r.call_type <> '' group by 1`,
    ),
    queryRows<{ call_type: string; engaged: number; resolved: number; escalated: number; bounced: number }>(
      db,
      sql`select r.call_type, sum(r.engaged)::int as engaged, sum(r.resolved)::int as resolved,
            sum(r.escalated)::int as escalated, sum(r.bounced)::int as bounced
          from journey_daily r where ${rollupWhere(workspaceId, query.from, query.to, filters)} and r.call_type <> '' group by 1`,
    ),
    queryRows<{ call_type: string; utterance: string; n: number }>(
      db,
      narrowed
        ? sql`select j.call_type, e.utterance, count(*)::int as n
            from journeys j
            join events e on e.workspace_id = j.workspace_id and e.journey = j.journey
              and e.type = 'chat.unresolved' and e.utterance is not null
            where ${journeysWhere(workspaceId, start, end, filters)} and j.call_type is not null
            group by 1, 2`
        : sql`select r.call_type, r.utterance, sum(r.count)::int as n from unresolved_daily r where ${days} group by 1, 2`,
    ),
    db.select({ slug: callTypes.slug, name: callTypes.name }).from(callTypes).where(eq(callTypes.workspaceId, workspaceId)),
  ]);

  const nameOf = new Map(names.map((row) => [row.slug, row.name]));
  const phoneCalls = new Map(calls.map((row) => [row.call_type, Number(row.n)]));
  const journeyStats = new Map(journeyRows.map((row) => [row.call_type, row]));
  const unresolved = new Map<string, Map<string, number>>();
  for (const row of utterances) {
    const counts = unresolved.get(row.call_type) ?? new Map<string, number>();
    counts.set(row.utterance, (counts.get(row.utterance) ?? 0) + Number(row.n));
    unresolved.set(row.call_type, counts);
  }

  const target = decimalOf(settings.resolutionTarget);
  const slugs = new Set([...phoneCalls.keys(), ...journeyRows.filter((row) => Number(row.engaged) > 0).map((row) => row.call_type)]);
  const rows: ParityRow[] = [...slugs].map((callType) => {
    const stats = journeyStats.get(callType);
    const calls = phoneCalls.get(callType) ?? 0;
    const engaged = Number(stats?.engaged ?? 0);
    const resolved = Number(stats?.resolved ?? 0);
    return {
      callType,
      name: nameOf.get(callType) ?? callType,
      phoneCalls: calls,
      engaged,
      resolved,
      escalated: Number(stats?.escalated ?? 0),
      bounced: Number(stats?.bounced ?? 0),
      resolutionRate: engaged === 0 ? null : resolved / engaged,
      status: statusOf(calls, engaged, resolved, target),
      opportunity: opportunityOf(calls, engaged, resolved, target, costGap(settings, callType)),
      topUnresolved: topTexts(unresolved.get(callType) ?? new Map(), compareText),
    };
  });
  rows.sort((a, b) => b.opportunity - a.opportunity || b.phoneCalls - a.phoneCalls || compareText(a.callType, b.callType));
  return { callTypes: rows };
}

export async function getRoi(db: Db, workspaceId: string, settings: WorkspaceSettings, query: RoiQuery, now = new Date()): Promise<RoiResult> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  await refreshRollups(db, workspaceId, settings);
  const { start, end } = monthBounds(query.from, query.to, settings.timeZone);
  const firstDay = `${query.from}-01`;
  const lastDay = `${nextMonth(query.to)}-01`;
  // Point, call type and channel narrow journeys; agent calls only by call type (docs/adr/016).
  const filters: JourneyFilters = { point: query.point, callType: query.callType, channel: query.channel };
  const [keptRows, pendingRows, callRows] = await Promise.all([
    queryRows<{ month: string; call_type: string; n: number }>(
      db,
      sql`select to_char(r.day, 'YYYY-MM') as month, r.call_type, sum(r.resolved_kept)::int as n from journey_daily r
          where r.workspace_id = ${workspaceId} and r.day >= ${firstDay}::date and r.day < ${lastDay}::date
          ${filters.point ? sql`and r.point = ${filters.point}` : sql``}
          ${filters.callType ? sql`and r.call_type = ${filters.callType}` : sql``}
          ${filters.channel ? sql`and r.channel = ${filters.channel}` : sql``}
          group by 1, 2`,
    ),
    queryRows<{ month: string; call_type: string; n: number }>(
      db,
      sql`select to_char(j.offered_at at time zone ${settings.timeZone}, 'YYYY-MM') as month, coalesce(j.call_type, '') as call_type, count(*)::int as n
          from journeys j where ${pendingWhere(workspaceId, start, end, filters, settings, asOf)} group by 1, 2`,
    ),
    queryRows<{ month: string; n: number }>(
      db,
      sql`select to_char(r.day, 'YYYY-MM') as month, sum(r.calls)::int as n from calls_daily r
          where r.workspace_id = ${workspaceId} and r.day >= ${firstDay}::date and r.day < ${lastDay}::date
          ${filters.callType ? sql`and r.call_type = ${filters.callType}` : sql``} group by 1`,
    ),
  ]);
  const pendingOf = new Map(pendingRows.map((row) => [`${row.month}|${row.call_type}`, Number(row.n)]));
  const deflectedRows = keptRows.map((row) => ({
    month: row.month,
    callType: orNull(row.call_type),
    n: Number(row.n) - (pendingOf.get(`${row.month}|${row.call_type}`) ?? 0),
  }));
  // Savings in exact integer arithmetic: Σ count × (phone cost − digital cost), rounded to cents once.
  const savingsCents = (rows: typeof deflectedRows) => {
    const parts = rows.map((row) => ({ n: BigInt(row.n), gap: costGap(settings, row.callType) }));
    const scale = Math.max(0, ...parts.map((part) => part.gap.scale));
    const total = parts.reduce((sum, part) => sum + part.n * part.gap.units * 10n ** BigInt(scale - part.gap.scale), 0n);
    return decimalToCents({ units: total, scale });
  };
  const calls = new Map(callRows.map((row) => [row.month, Number(row.n)]));
  const months: RoiResult["months"] = [];
  for (let month = query.from; month <= query.to; month = nextMonth(month)) {
    const rows = deflectedRows.filter((row) => row.month === month);
    const deflected = rows.reduce((sum, row) => sum + row.n, 0);
    const agentCalls = calls.get(month) ?? 0;
    months.push({ month, deflected, agentCalls, deflectionRate: deflectionRate(deflected, agentCalls), savings: savingsCents(rows) });
  }
  return {
    currency: settings.currency,
    months,
    total: { deflected: months.reduce((sum, m) => sum + m.deflected, 0), savings: savingsCents(deflectedRows) },
  };
}

interface JourneyRow {
  journey: string;
  point: string | null;
  customer: string;
  offered_at: string;
  call_type: string | null;
  channel: string | null;
  end_at: string;
  engaged_at: string | null;
  resolved_at: string | null;
  offered: boolean;
  accepted: boolean;
  escalated: boolean;
  bounced: boolean;
  deflected: boolean;
  pending: boolean;
}

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

function toJourney(row: JourneyRow): StagedJourney {
  return {
    journey: row.journey,
    point: row.point,
    customer: row.customer,
    offeredAt: iso(row.offered_at)!,
    callType: row.call_type,
    channel: row.channel,
    endAt: iso(row.end_at)!,
    engagedAt: iso(row.engaged_at),
    resolvedAt: iso(row.resolved_at),
    offered: row.offered,
    accepted: row.accepted,
    engaged: row.engaged_at !== null,
    resolved: row.resolved_at !== null,
    escalated: row.escalated,
    bounced: row.bounced,
    deflected: row.deflected,
    pending: row.pending,
  };
}

export function encodeCursor(journey: StagedJourney): string {
  return Buffer.from(JSON.stringify([journey.offeredAt, journey.journey])).toString("base64url");
}

export function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === "string" && !Number.isNaN(Date.parse(value[0]))) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  return null;
}

export interface JourneyPage {
  items: StagedJourney[];
  nextCursor: string | null;
  total: number;
}

/** The journeys behind any count: same filters as the funnel, oldest offer first, keyset-paged. */
export async function listJourneys(
  db: Db,
  workspaceId: string,
  settings: WorkspaceSettings,
  query: Omit<JourneysQuery, "cursor"> & { cursor?: [string, string] | null },
  now = new Date(),
): Promise<JourneyPage> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  await deriveJourneys(db, workspaceId);
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const where = and(
    journeysWhere(workspaceId, start, end, query),
    query.stage ? stageCondition(query.stage, settings, asOf) : undefined,
  )!;
  const after = query.cursor
    ? sql`and (j.offered_at, j.journey collate "C") > (${query.cursor[0]}::timestamptz, ${query.cursor[1]} collate "C")`
    : sql``;
  const [rows, count] = await Promise.all([
    queryRows<JourneyRow>(
      db,
      sql`select j.journey, j.point, j.customer, j.offered_at, j.call_type, j.channel, j.end_at, j.engaged_at, j.resolved_at,
            j.offered, j.accepted, j.escalated,
            ${bounced(settings)} as bounced, ${deflected(settings, asOf)} as deflected, ${pending(settings, asOf)} as pending
          from journeys j where ${where} ${after}
          order by j.offered_at, j.journey collate "C" limit ${query.limit + 1}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from journeys j where ${where}`),
  ]);
  const items = rows.slice(0, query.limit).map(toJourney);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1]) : null, total: Number(count[0]?.n ?? 0) };
}
