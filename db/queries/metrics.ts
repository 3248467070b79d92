import "server-only";
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import { callTypes } from "@/db/schema";
import { INTERVENTION_POINTS, STAGES, type InterventionPoint, type Stage } from "@/lib/domain";
import { deflectionRate, normalizeUtterance, opportunityOf, statusOf, topTexts } from "@/lib/metrics/definitions";
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

/*
 * The fast path of every metric: SQL over the derived `journeys` table (one row per journey,
 * kept up to date at ingest) and the raw call events, by the definitions of DESIGN.md. The
 * reference computation in lib/metrics/reference.ts is the oracle it is tested against.
 */

const window = (settings: WorkspaceSettings) => sql`make_interval(hours => ${settings.windowHours})`;

/** bounced: engaged, and the customer's first call at or after engagedAt is before endAt + W. */
const bounced = (settings: WorkspaceSettings) =>
  sql`(j.next_call_at is not null and j.next_call_at < j.end_at + ${window(settings)})`;
const resolvedKept = (settings: WorkspaceSettings) => sql`(j.resolved_at is not null and not ${bounced(settings)})`;
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

/** The eight stage counts as SQL select items, named as the API names them. */
function stageCounts(settings: WorkspaceSettings, asOf: Date): SQL {
  return sql.join(
    STAGES.map((stage) => sql`count(*) filter (where ${stageCondition(stage, settings, asOf)})::int as ${sql.identifier(stage)}`),
    sql`, `,
  );
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

/** call.received events in [start, end): agent calls. The point and channel filters do not apply to calls. */
function callsWhere(workspaceId: string, start: Date, end: Date, callType?: string): SQL {
  return sql`e.workspace_id = ${workspaceId} and e.type = 'call.received'
    and e.occurred_at >= ${start.toISOString()}::timestamptz and e.occurred_at < ${end.toISOString()}::timestamptz
    ${callType ? sql`and e.call_type = ${callType}` : sql``}`;
}

const EMPTY_COUNTS: StageCounts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as StageCounts;
type CountRow = StageCounts & Record<string, unknown>;

function countsOf(row: CountRow | undefined): StageCounts {
  if (!row) return { ...EMPTY_COUNTS };
  return Object.fromEntries(STAGES.map((stage) => [stage, Number(row[stage])])) as StageCounts;
}

export interface FunnelAnswer extends FunnelResult {
  /** Every journey of the period, those without an intervention point included. */
  totals: StageCounts;
  breakdown?: ({ key: string | null } & StageCounts)[];
}

export async function getFunnel(db: Db, workspaceId: string, settings: WorkspaceSettings, query: FunnelQuery, now = new Date()): Promise<FunnelAnswer> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const where = journeysWhere(workspaceId, start, end, query);
  const [byPoint, calls, breakdown] = await Promise.all([
    queryRows<CountRow & { point: string | null; is_total: number }>(
      db,
      sql`select j.point, grouping(j.point)::int as is_total, ${stageCounts(settings, asOf)}
          from journeys j where ${where} group by grouping sets ((j.point), ())`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from events e where ${callsWhere(workspaceId, start, end, query.callType)}`),
    query.breakdown
      ? queryRows<CountRow & { key: string | null }>(
          db,
          sql`select ${query.breakdown === "callType" ? sql`j.call_type` : sql`j.channel`} as key, ${stageCounts(settings, asOf)}
              from journeys j where ${where} group by 1 order by 2 desc`,
        )
      : Promise.resolve(undefined),
  ]);
  const totals = countsOf(byPoint.find((row) => Number(row.is_total) === 1));
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
      ...countsOf(byPoint.find((row) => Number(row.is_total) === 0 && row.point === point)),
    })),
    totals,
    ...(breakdown ? { breakdown: breakdown.map((row) => ({ key: row.key, ...countsOf(row) })) } : {}),
  };
}

export async function getTimeseries(db: Db, workspaceId: string, settings: WorkspaceSettings, query: TimeseriesQuery, now = new Date()): Promise<Timeseries> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const unit = sql.raw(`'${query.interval}'`);
  const bucketOf = (column: SQL) => sql`to_char(date_trunc(${unit}, ${column} at time zone ${settings.timeZone}), 'YYYY-MM-DD')`;
  const [journeyRows, callRows] = await Promise.all([
    queryRows<CountRow & { bucket: string }>(
      db,
      sql`select ${bucketOf(sql`j.offered_at`)} as bucket, ${stageCounts(settings, asOf)}
          from journeys j where ${journeysWhere(workspaceId, start, end, query)} group by 1`,
    ),
    queryRows<{ bucket: string; n: number }>(
      db,
      sql`select ${bucketOf(sql`e.occurred_at`)} as bucket, count(*)::int as n
          from events e where ${callsWhere(workspaceId, start, end, query.callType)} group by 1`,
    ),
  ]);
  const journeysByBucket = new Map(journeyRows.map((row) => [row.bucket, countsOf(row)]));
  const callsByBucket = new Map(callRows.map((row) => [row.bucket, Number(row.n)]));
  const buckets: TimeseriesBucket[] = bucketStarts(query.from, query.to, query.interval).map((bucket) => ({
    bucket,
    agentCalls: callsByBucket.get(bucket) ?? 0,
    ...(journeysByBucket.get(bucket) ?? EMPTY_COUNTS),
  }));
  return { from: query.from, to: query.to, interval: query.interval, asOf: asOf.toISOString(), windowHours: settings.windowHours, buckets };
}

function costGap(settings: WorkspaceSettings, callType: string | null) {
  const phoneCost =
    callType !== null && Object.hasOwn(settings.phoneCostByCallType, callType) ? settings.phoneCostByCallType[callType] : settings.phoneCost;
  return subtractDecimals(decimalOf(phoneCost), decimalOf(settings.digitalCost));
}

export async function getParity(db: Db, workspaceId: string, settings: WorkspaceSettings, query: ParityQuery): Promise<ParityResult> {
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const where = journeysWhere(workspaceId, start, end, {});
  const [calls, journeyRows, utterances, names] = await Promise.all([
    queryRows<{ call_type: string; n: number }>(
      db,
      sql`select e.call_type, count(*)::int as n from events e where ${callsWhere(workspaceId, start, end)} and e.call_type is not null group by 1`,
    ),
    queryRows<{ call_type: string; engaged: number; resolved: number; escalated: number; bounced: number }>(
      db,
      sql`select j.call_type,
            count(*) filter (where j.engaged_at is not null)::int as engaged,
            count(*) filter (where j.resolved_at is not null)::int as resolved,
            count(*) filter (where j.escalated)::int as escalated,
            count(*) filter (where ${bounced(settings)})::int as bounced
          from journeys j where ${where} and j.call_type is not null group by 1`,
    ),
    // Grouped by the raw text; trimming and lower-casing happen below, exactly as the definition says.
    queryRows<{ call_type: string; utterance: string; n: number }>(
      db,
      sql`select j.call_type, e.attributes->>'utterance' as utterance, count(*)::int as n
          from journeys j
          join events e on e.workspace_id = j.workspace_id and e.journey = j.journey
          where ${where} and j.call_type is not null and e.type = 'chat.unresolved'
            and jsonb_typeof(e.attributes->'utterance') = 'string'
          group by 1, 2`,
    ),
    db.select({ slug: callTypes.slug, name: callTypes.name }).from(callTypes).where(eq(callTypes.workspaceId, workspaceId)),
  ]);

  const nameOf = new Map(names.map((row) => [row.slug, row.name]));
  const phoneCalls = new Map(calls.map((row) => [row.call_type, Number(row.n)]));
  const journeyStats = new Map(journeyRows.map((row) => [row.call_type, row]));
  const unresolved = new Map<string, Map<string, number>>();
  for (const row of utterances) {
    const text = normalizeUtterance(row.utterance);
    if (text === null) continue;
    const counts = unresolved.get(row.call_type) ?? new Map<string, number>();
    counts.set(text, (counts.get(text) ?? 0) + Number(row.n));
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
  const { start, end } = monthBounds(query.from, query.to, settings.timeZone);
  const monthOf = (column: SQL) => sql`to_char(${column} at time zone ${settings.timeZone}, 'YYYY-MM')`;
  const [deflectedRows, callRows] = await Promise.all([
    queryRows<{ month: string; call_type: string | null; n: number }>(
      db,
      sql`select ${monthOf(sql`j.offered_at`)} as month, j.call_type, count(*)::int as n
          from journeys j where ${journeysWhere(workspaceId, start, end, {})} and ${deflected(settings, asOf)}
          group by 1, 2`,
    ),
    queryRows<{ month: string; n: number }>(
      db,
      sql`select ${monthOf(sql`e.occurred_at`)} as month, count(*)::int as n from events e where ${callsWhere(workspaceId, start, end)} group by 1`,
    ),
  ]);
  // Savings in exact integer arithmetic: count × (phone cost − digital cost), rounded to cents once.
  const savingsCents = (rows: typeof deflectedRows) => {
    let total = 0n;
    let scale = 0;
    const parts = rows.map((row) => ({ n: BigInt(Number(row.n)), gap: costGap(settings, row.call_type) }));
    for (const part of parts) scale = Math.max(scale, part.gap.scale);
    for (const part of parts) total += part.n * part.gap.units * 10n ** BigInt(scale - part.gap.scale);
    return decimalToCents({ units: total, scale });
  };
  const calls = new Map(callRows.map((row) => [row.month, Number(row.n)]));
  const months: RoiResult["months"] = [];
  for (let month = query.from; month <= query.to; month = nextMonth(month)) {
    const rows = deflectedRows.filter((row) => row.month === month);
    const deflectedCount = rows.reduce((sum, row) => sum + Number(row.n), 0);
    const agentCalls = calls.get(month) ?? 0;
    months.push({ month, deflected: deflectedCount, agentCalls, deflectionRate: deflectionRate(deflectedCount, agentCalls), savings: savingsCents(rows) });
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
