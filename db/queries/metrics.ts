import "server-only";
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import { CALL_GRAIN, JOURNEY_GRAIN, UNRESOLVED_GRAIN, callTypes } from "@/db/schema";
import { INTERVENTION_POINTS, type Stage } from "@/lib/domain";
import { type PeriodBlocks, periodBlocks } from "@/lib/metrics/blocks";
import { TOP_UNRESOLVED, deflectionRate, opportunityOf, statusOf, topTexts } from "@/lib/metrics/definitions";
import { decimalOf, decimalToCents, subtractDecimals } from "@/lib/metrics/money";
import {
  type FunnelQuery,
  type JourneyFilters,
  type JourneysQuery,
  type ParityQuery,
  type RoiQuery,
  type TimeseriesQuery,
  bucketStart,
  bucketStarts,
  journeyCursor,
  monthBounds,
  nextDay,
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
  UnresolvedUtterance,
} from "@/lib/metrics/types";
import type { WorkspaceSettings } from "@/lib/settings/schema";
import { dateArray, refreshRollups } from "./rollups";
import { bouncedCondition, plainStageConditions, resolvedKeptCondition, windowInterval } from "./stages";

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
    case "accepted":
    case "engaged":
    case "resolved":
    case "escalated":
      return plainStageConditions[stage];
    case "bounced":
      return bounced(settings);
    case "deflected":
      return deflected(settings, asOf);
    case "pending":
      // The same condition, with the bound the resolved_at index can look up.
      return sql`(j.resolved_at > ${asOf.toISOString()}::timestamptz - ${window(settings)} and ${pending(settings, asOf)})`;
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
 * Stage counts come from the rollups (docs/adr/018): `resolved_kept` (resolved, not bounced)
 * splits into deflected and pending by asOf, so the pending journeys are counted from the
 * journeys table — only those resolved within W before asOf, found through the resolved_at index.
 * A period is read as its whole months and weeks (one row each) and its other days (periodBlocks),
 * always from the one grain that keeps exactly the keys a query filters or groups by.
 */

type RollupKey = "point" | "callType" | "channel";
const ROLLUP_KEYS: readonly RollupKey[] = ["point", "callType", "channel"];
const ROLLUP_COLUMN: Record<RollupKey, string> = { point: "point", callType: "call_type", channel: "channel" };

const ROLLUP_STAGES = ["offered", "accepted", "engaged", "resolved", "escalated", "bounced"] as const;

const rollupSums = sql.join(
  [...ROLLUP_STAGES.map((stage) => sql`sum(r.${sql.identifier(stage)})::int as ${sql.identifier(stage)}`), sql`sum(r.resolved_kept)::int as resolved_kept`],
  sql`, `,
);

/**
 * The rows of `blocks`, in any rollup table (alias `r`): one index probe per block, since
 * (workspace, span, start, grain) leads every rollup key.
 */
function blocksWhere(workspaceId: string, blocks: PeriodBlocks): SQL {
  const spans = (["day", "week", "month"] as const)
    .map((span) => [span, blocks[`${span}s`]] as const)
    .filter(([, starts]) => starts.length > 0)
    .map(([span, starts]) => sql`(r.span = ${span} and r.start = any(${dateArray(starts)}))`);
  return sql`r.workspace_id = ${workspaceId} and (${spans.length > 0 ? sql.join(spans, sql` or `) : sql`false`})`;
}

/** journey_rollup rows of `blocks` that match `filters`, at the grain that keeps the filtered keys and `groupBy`. */
function journeyRollupWhere(workspaceId: string, blocks: PeriodBlocks, filters: JourneyFilters, groupBy: RollupKey[] = []): SQL {
  const kept = (key: RollupKey) => groupBy.includes(key) || Boolean(filters[key]);
  const grain = ROLLUP_KEYS.reduce((bits, key) => (kept(key) ? bits : bits | JOURNEY_GRAIN[key]), 0);
  return sql.join(
    [
      blocksWhere(workspaceId, blocks),
      sql`r.grain = ${grain}`,
      ...ROLLUP_KEYS.flatMap((key) => (filters[key] ? [sql`r.${sql.identifier(ROLLUP_COLUMN[key])} = ${filters[key]}`] : [])),
    ],
    sql` and `,
  );
}

/** call_rollup rows of `blocks`: per call type when there is a call type filter or `byCallType`, else their sum. */
function callRollupWhere(workspaceId: string, blocks: PeriodBlocks, callType: string | undefined, byCallType = false): SQL {
  const grain = callType || byCallType ? 0 : CALL_GRAIN.callType;
  return sql`${blocksWhere(workspaceId, blocks)} and r.grain = ${grain} ${callType ? sql`and r.call_type = ${callType}` : sql``}`;
}

const filtersOf = (query: JourneyFilters): JourneyFilters => ({ point: query.point, callType: query.callType, channel: query.channel });

/** Journeys of the period that are pending at asOf: resolved, not bounced, resolvedAt + W > asOf. */
function pendingWhere(workspaceId: string, start: Date, end: Date, filters: JourneyFilters, settings: WorkspaceSettings, asOf: Date): SQL {
  return sql`${journeysWhere(workspaceId, start, end, filters)}
    and j.resolved_at > ${asOf.toISOString()}::timestamptz - ${window(settings)} and ${pending(settings, asOf)}`;
}

type RollupRow = Record<(typeof ROLLUP_STAGES)[number] | "resolved_kept", number>;

function addRollups(rows: RollupRow[]): RollupRow {
  const sum = { offered: 0, accepted: 0, engaged: 0, resolved: 0, escalated: 0, bounced: 0, resolved_kept: 0 };
  for (const row of rows) for (const key of Object.keys(sum) as (keyof RollupRow)[]) sum[key] += Number(row[key]);
  return sum;
}

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
  const blocks = periodBlocks(query.from, query.to);
  const filters = filtersOf(query);
  const pendingOf = pendingWhere(workspaceId, start, end, filters, settings, asOf);
  const breakdownKey: RollupKey = query.breakdown === "callType" ? "callType" : "channel";
  const breakdownColumn = ROLLUP_COLUMN[breakdownKey];
  // The pending journeys by point, by breakdown key and in total, in one pass: `grouped` is 1 for
  // a point's count, 2 for a key's, 3 for the total (the GROUPING() bits of point and key).
  const pendingKey = sql`coalesce(j.${sql.identifier(breakdownColumn)}, '')`;
  const pendingCounts = query.breakdown
    ? sql`select j.point, ${pendingKey} as key, grouping(j.point, ${pendingKey})::int as grouped, count(*)::int as n
          from journeys j where ${pendingOf} group by grouping sets ((j.point), (${pendingKey}), ())`
    : sql`select j.point, null as key, 1 + 2 * grouping(j.point)::int as grouped, count(*)::int as n
          from journeys j where ${pendingOf} group by grouping sets ((j.point), ())`;
  const [byPoint, pendingRows, calls, breakdown] = await Promise.all([
    queryRows<RollupRow & { point: string; is_total: number }>(
      db,
      sql`select r.point, grouping(r.point)::int as is_total, ${rollupSums}
          from journey_rollup r where ${journeyRollupWhere(workspaceId, blocks, filters, ["point"])} group by grouping sets ((r.point), ())`,
    ),
    queryRows<{ point: string | null; key: string | null; grouped: number; n: number }>(db, pendingCounts),
    queryRows<{ n: number }>(
      db,
      sql`select coalesce(sum(r.calls), 0)::int as n from call_rollup r where ${callRollupWhere(workspaceId, blocks, filters.callType)}`,
    ),
    query.breakdown
      ? queryRows<RollupRow & { key: string }>(
          db,
          sql`select r.${sql.identifier(breakdownColumn)} as key, ${rollupSums}
              from journey_rollup r where ${journeyRollupWhere(workspaceId, blocks, filters, [breakdownKey])} group by 1`,
        )
      : Promise.resolve([]),
  ]);
  const pendingOfGroup = (grouped: number, match: (row: (typeof pendingRows)[number]) => boolean) =>
    Number(pendingRows.find((row) => Number(row.grouped) === grouped && match(row))?.n ?? 0);
  const pendingTotal = pendingOfGroup(3, () => true);
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
        pendingOfGroup(1, (row) => row.point === point),
      ),
    })),
    totals,
    ...(query.breakdown
      ? {
          breakdown: breakdown
            .map((row) => ({ key: orNull(row.key), ...stagesFrom(row, pendingOfGroup(2, (pending) => pending.key === row.key)) }))
            .sort((a, b) => b.offered - a.offered || b.engaged - a.engaged || compareText(a.key ?? "", b.key ?? "")),
        }
      : {}),
  };
}

/** The blocks of each bucket of a time series, and which bucket each block (`span:start`) adds to. */
function bucketBlocks(from: string, to: string, interval: TimeseriesQuery["interval"]) {
  const blocks: PeriodBlocks = { days: [], weeks: [], months: [] };
  const bucketOf = new Map<string, string>();
  let first = from;
  for (let day = from; day <= to; day = nextDay(day)) {
    if (nextDay(day) <= to && bucketStart(nextDay(day), interval) === bucketStart(day, interval)) continue;
    const bucket = bucketStart(day, interval);
    const part = periodBlocks(first, day);
    for (const span of ["days", "weeks", "months"] as const) {
      for (const start of part[span]) bucketOf.set(`${span.slice(0, -1)}:${start}`, bucket);
      blocks[span].push(...part[span]);
    }
    first = nextDay(day);
  }
  return { blocks, bucketOf };
}

export async function getTimeseries(db: Db, workspaceId: string, settings: WorkspaceSettings, query: TimeseriesQuery, now = new Date()): Promise<Timeseries> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  await refreshRollups(db, workspaceId, settings);
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const filters = filtersOf(query);
  const { blocks, bucketOf } = bucketBlocks(query.from, query.to, query.interval);
  const unit = sql.raw(`'${query.interval}'`);
  const [rollups, pendingRows, callRows] = await Promise.all([
    queryRows<RollupRow & { span: string; start: string }>(
      db,
      sql`select r.span, to_char(r.start, 'YYYY-MM-DD') as start, ${rollupSums} from journey_rollup r
          where ${journeyRollupWhere(workspaceId, blocks, filters)} group by 1, 2`,
    ),
    queryRows<{ bucket: string; n: number }>(
      db,
      sql`select to_char(date_trunc(${unit}, j.offered_at at time zone ${settings.timeZone}), 'YYYY-MM-DD') as bucket, count(*)::int as n
          from journeys j where ${pendingWhere(workspaceId, start, end, filters, settings, asOf)} group by 1`,
    ),
    queryRows<{ span: string; start: string; n: number }>(
      db,
      sql`select r.span, to_char(r.start, 'YYYY-MM-DD') as start, sum(r.calls)::int as n from call_rollup r
          where ${callRollupWhere(workspaceId, blocks, filters.callType)} group by 1, 2`,
    ),
  ]);
  const rollupsByBucket = new Map<string, RollupRow[]>();
  for (const row of rollups) {
    const bucket = bucketOf.get(`${row.span}:${row.start}`)!;
    rollupsByBucket.set(bucket, [...(rollupsByBucket.get(bucket) ?? []), row]);
  }
  const pendingByBucket = new Map(pendingRows.map((row) => [row.bucket, Number(row.n)]));
  const callsByBucket = new Map<string, number>();
  for (const row of callRows) {
    const bucket = bucketOf.get(`${row.span}:${row.start}`)!;
    callsByBucket.set(bucket, (callsByBucket.get(bucket) ?? 0) + Number(row.n));
  }
  const buckets: TimeseriesBucket[] = bucketStarts(query.from, query.to, query.interval).map((bucket) => ({
    bucket,
    agentCalls: callsByBucket.get(bucket) ?? 0,
    ...stagesFrom(addRollups(rollupsByBucket.get(bucket) ?? []), pendingByBucket.get(bucket) ?? 0),
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
 * phone calls (docs/adr/016). The utterance counts of the period are added up here from one row
 * per block and call type (unresolved_rollup); only the texts of the top ones and of those tied
 * with the fifth are read, to order ties in text order.
 */
export async function getParity(db: Db, workspaceId: string, settings: WorkspaceSettings, query: ParityQuery): Promise<ParityResult> {
  await refreshRollups(db, workspaceId, settings);
  const blocks = periodBlocks(query.from, query.to);
  const filters: JourneyFilters = { point: query.point, channel: query.channel };
  const unresolvedGrain = (query.point ? 0 : UNRESOLVED_GRAIN.point) | (query.channel ? 0 : UNRESOLVED_GRAIN.channel);
  const [calls, journeyRows, utterances, names] = await Promise.all([
    queryRows<{ call_type: string; n: number }>(
      db,
      sql`select r.call_type, sum(r.calls)::int as n from call_rollup r
          where ${callRollupWhere(workspaceId, blocks, undefined, true)} and r.call_type <> '' group by 1`,
    ),
    queryRows<{ call_type: string; engaged: number; resolved: number; escalated: number; bounced: number }>(
      db,
      sql`select r.call_type, sum(r.engaged)::int as engaged, sum(r.resolved)::int as resolved,
            sum(r.escalated)::int as escalated, sum(r.bounced)::int as bounced
          from journey_rollup r where ${journeyRollupWhere(workspaceId, blocks, filters, ["callType"])} and r.call_type <> '' group by 1`,
    ),
    queryRows<{ call_type: string; utterance_ids: number[]; counts: number[] }>(
      db,
      sql`select r.call_type, r.utterance_ids, r.counts from unresolved_rollup r
          where ${blocksWhere(workspaceId, blocks)} and r.grain = ${unresolvedGrain}
          ${query.point ? sql`and r.point = ${query.point}` : sql``}
          ${query.channel ? sql`and r.channel = ${query.channel}` : sql``}`,
    ),
    db.select({ slug: callTypes.slug, name: callTypes.name }).from(callTypes).where(eq(callTypes.workspaceId, workspaceId)),
  ]);
  const unresolved = await topUnresolvedByCallType(db, workspaceId, utterances);

  const nameOf = new Map(names.map((row) => [row.slug, row.name]));
  const phoneCalls = new Map(calls.map((row) => [row.call_type, Number(row.n)]));
  const journeyStats = new Map(journeyRows.map((row) => [row.call_type, row]));

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
      topUnresolved: unresolved.get(callType) ?? [],
    };
  });
  rows.sort((a, b) => b.opportunity - a.opportunity || b.phoneCalls - a.phoneCalls || compareText(a.callType, b.callType));
  return { callTypes: rows };
}

/** The fifth largest of some counts (the smallest when there are fewer), without sorting them all. */
function fifthLargest(counts: Iterable<number>): number {
  const top: number[] = [];
  for (const count of counts) {
    if (top.length === TOP_UNRESOLVED && count <= top[TOP_UNRESOLVED - 1]) continue;
    let at = top.length;
    while (at > 0 && top[at - 1] < count) at--;
    top.splice(at, 0, count);
    if (top.length > TOP_UNRESOLVED) top.pop();
  }
  return top[top.length - 1];
}

/** Adds up the utterance counts of each call type and ranks them (topTexts), reading only the texts that can rank. */
async function topUnresolvedByCallType(
  db: Db,
  workspaceId: string,
  rows: { call_type: string; utterance_ids: number[]; counts: number[] }[],
): Promise<Map<string, UnresolvedUtterance[]>> {
  const countsByType = new Map<string, Map<number, number>>();
  for (const { call_type: callType, utterance_ids: ids, counts } of rows) {
    let sums = countsByType.get(callType);
    if (!sums) countsByType.set(callType, (sums = new Map()));
    for (let i = 0; i < ids.length; i++) sums.set(ids[i], (sums.get(ids[i]) ?? 0) + counts[i]);
  }
  // Whatever ties with the fifth count may still rank by its text: those are read too.
  const contenders = new Map<string, [number, number][]>();
  for (const [callType, sums] of countsByType) {
    const fifth = fifthLargest(sums.values());
    const entries: [number, number][] = [];
    for (const [id, count] of sums) if (count >= fifth) entries.push([id, count]);
    contenders.set(callType, entries);
  }
  const ids = [...new Set([...contenders.values()].flatMap((entries) => entries.map(([id]) => id)))];
  const texts =
    ids.length === 0
      ? []
      : await queryRows<{ id: number; text: string }>(
          db,
          // One key lookup per id (offset 0 keeps it a lookup): the dictionary may be large.
          sql`select u.id, u.text from unnest(${`{${ids.join(",")}}`}::bigint[]) as i(id)
              cross join lateral (select id, text from utterances where workspace_id = ${workspaceId} and id = i.id offset 0) u`,
        );
  const textOf = new Map(texts.map((row) => [Number(row.id), row.text]));
  return new Map(
    [...contenders].map(([callType, entries]) => [callType, topTexts(new Map(entries.map(([id, count]) => [textOf.get(id)!, count])), compareText)]),
  );
}

export async function getRoi(db: Db, workspaceId: string, settings: WorkspaceSettings, query: RoiQuery, now = new Date()): Promise<RoiResult> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  await refreshRollups(db, workspaceId, settings);
  const { start, end } = monthBounds(query.from, query.to, settings.timeZone);
  const blocks: PeriodBlocks = { days: [], weeks: [], months: [] };
  for (let month = query.from; month <= query.to; month = nextMonth(month)) blocks.months.push(`${month}-01`);
  // Point, call type and channel narrow journeys; agent calls only by call type (docs/adr/016).
  const filters = filtersOf(query);
  const [keptRows, pendingRows, callRows] = await Promise.all([
    queryRows<{ month: string; call_type: string; n: number }>(
      db,
      sql`select to_char(r.start, 'YYYY-MM') as month, r.call_type, sum(r.resolved_kept)::int as n from journey_rollup r
          where ${journeyRollupWhere(workspaceId, blocks, filters, ["callType"])} group by 1, 2`,
    ),
    queryRows<{ month: string; call_type: string; n: number }>(
      db,
      sql`select to_char(j.offered_at at time zone ${settings.timeZone}, 'YYYY-MM') as month, coalesce(j.call_type, '') as call_type, count(*)::int as n
          from journeys j where ${pendingWhere(workspaceId, start, end, filters, settings, asOf)} group by 1, 2`,
    ),
    queryRows<{ month: string; n: number }>(
      db,
      sql`select to_char(r.start, 'YYYY-MM') as month, sum(r.calls)::int as n from call_rollup r
          where ${callRollupWhere(workspaceId, blocks, filters.callType)} group by 1`,
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
  arm: "treatment" | "holdout" | null;
  offered: boolean;
  accepted: boolean;
  engaged: boolean;
  resolved: boolean;
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
    arm: row.arm,
    offered: row.offered,
    accepted: row.accepted,
    engaged: row.engaged,
    resolved: row.resolved,
    escalated: row.escalated,
    bounced: row.bounced,
    deflected: row.deflected,
    pending: row.pending,
  };
}

export function encodeCursor(journey: StagedJourney): string {
  return Buffer.from(JSON.stringify([journey.offeredAt, journey.journey])).toString("base64url");
}

/** A cursor encodeCursor gave out, else null (lib/metrics/params.ts `journeyCursor` says what one holds). */
export function decodeCursor(cursor: string): [string, string] | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = journeyCursor.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface JourneyPage {
  items: StagedJourney[];
  nextCursor: string | null;
  total: number;
}

/**
 * The journeys behind any count: same filters as the funnel, oldest offer first, keyset-paged.
 * The total is the funnel's count of the stage, from the rollups; narrowed by arm (which the
 * rollups do not keep), it is counted from the journeys table (docs/adr/016). A held-out journey
 * is listed, but in no stage.
 */
export async function listJourneys(
  db: Db,
  workspaceId: string,
  settings: WorkspaceSettings,
  query: Omit<JourneysQuery, "cursor"> & { cursor?: [string, string] | null },
  now = new Date(),
): Promise<JourneyPage> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  await refreshRollups(db, workspaceId, settings);
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const filters = filtersOf(query);
  const where = and(
    journeysWhere(workspaceId, start, end, filters),
    query.stage ? stageCondition(query.stage, settings, asOf) : undefined,
    query.arm ? sql`j.arm = ${query.arm}` : undefined,
  )!;
  const after = query.cursor
    ? sql`and (j.offered_at, j.journey collate "C") > (${query.cursor[0]}::timestamptz, ${query.cursor[1]} collate "C")`
    : sql``;
  const needsPending = !query.arm && (query.stage === "deflected" || query.stage === "pending");
  const plain = plainStageConditions;
  const [rows, rollup, pendingCount, armCount] = await Promise.all([
    queryRows<JourneyRow>(
      db,
      sql`select j.journey, j.point, j.customer, j.offered_at, j.call_type, j.channel, j.end_at, j.engaged_at, j.resolved_at, j.arm,
            ${plain.offered} as offered, ${plain.accepted} as accepted, ${plain.engaged} as engaged,
            ${plain.resolved} as resolved, ${plain.escalated} as escalated,
            ${bounced(settings)} as bounced, ${deflected(settings, asOf)} as deflected, ${pending(settings, asOf)} as pending
          from journeys j where ${where} ${after}
          order by j.offered_at, j.journey collate "C" limit ${query.limit + 1}`,
    ),
    query.arm
      ? Promise.resolve([])
      : queryRows<RollupRow & { journeys: number }>(
          db,
          sql`select sum(r.journeys)::int as journeys, ${rollupSums} from journey_rollup r
              where ${journeyRollupWhere(workspaceId, periodBlocks(query.from, query.to), filters)}`,
        ),
    needsPending
      ? queryRows<{ n: number }>(db, sql`select count(*)::int as n from journeys j where ${pendingWhere(workspaceId, start, end, filters, settings, asOf)}`)
      : Promise.resolve([{ n: 0 }]),
    query.arm ? queryRows<{ n: number }>(db, sql`select count(*)::int as n from journeys j where ${where}`) : Promise.resolve([]),
  ]);
  const counts = stagesFrom(rollup[0], Number(pendingCount[0]?.n ?? 0));
  const items = rows.slice(0, query.limit).map(toJourney);
  return {
    items,
    nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1]) : null,
    total: query.arm ? Number(armCount[0]?.n ?? 0) : query.stage ? counts[query.stage] : Number(rollup[0]?.journeys ?? 0),
  };
}
