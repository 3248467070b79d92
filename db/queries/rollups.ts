import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import { blocksOfDays, daysOf } from "@/lib/metrics/blocks";
import type { WorkspaceSettings } from "@/lib/settings/schema";
import { deriveJourneys, workspaceLock } from "./derive";
import { bouncedCondition, countedCondition, plainStageConditions, resolvedKeptCondition } from "./stages";

/*
 * Rollups, exact by construction (docs/adr/018): the derivation marks the local days whose numbers
 * it may have changed and counts the agent calls it drains; before a metrics query, the dirty days
 * of the workspace are recomputed from the journeys table and then the weeks and months they fall
 * in from their day rows, or everything is rebuilt when the time zone or the window changed.
 */

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** A list of days (`YYYY-MM-DD`) as one `date[]` parameter. */
export const dateArray = (days: readonly string[]) => sql`${`{${days.join(",")}}`}::date[]`;

const ROLLUP_TABLES = ["journey_rollup", "call_rollup", "unresolved_rollup"] as const;
/** The rollups a dirty day is recomputed in; agent calls are counted as they are drained. */
const DERIVED_FROM_JOURNEYS = ["journey_rollup", "unresolved_rollup"] as const;

/** Marks the current local days of these journeys as dirty. */
export async function markDirtyDays(db: Pick<Db, "execute">, workspaceId: string, journeys: string[]): Promise<void> {
  if (journeys.length === 0) return;
  await db.execute(sql`
    insert into rollup_dirty (workspace_id, day)
    select distinct ${workspaceId}, (j.offered_at at time zone w.time_zone)::date
    from workspaces w, jsonb_array_elements_text(${json(journeys)}) as k(journey)
    -- Per key, a lookup (offset 0 keeps it per key); that it takes the primary key depends on
    -- fresh statistics of this workspace's journeys (deriveJourneys refreshes them).
    cross join lateral (
      select j.offered_at from journeys j where j.workspace_id = ${workspaceId} and j.journey = k.journey offset 0
    ) j
    where w.id = ${workspaceId}
    on conflict do nothing`);
}

/** A call as the derivation queue holds it; a null call type means it is counted already (migration 0005). */
export interface QueuedCall {
  id: string | null;
  customer: string;
  occurred_at: string;
  call_type: string | null;
}

/**
 * Agent calls are counted into call_rollup as they are drained from the queue — in their day,
 * week and month, by call type and in all — and never recounted from the events: every stored
 * call is queued once, in the transaction that stored it, and drained once, in the transaction
 * that counts it (docs/adr/019).
 */
export async function countCalls(db: Pick<Db, "execute">, workspaceId: string, calls: QueuedCall[]): Promise<void> {
  const counted = calls.filter((call) => call.call_type !== null);
  if (counted.length === 0) return;
  await db.execute(sql`
    with days as (
      select (x.occurred_at at time zone w.time_zone)::date as day, x.call_type, count(*)::int as n
      from workspaces w, jsonb_to_recordset(${json(counted)}) as x(occurred_at timestamptz, call_type text)
      where w.id = ${workspaceId}
      group by 1, 2
    )
    insert into call_rollup (workspace_id, grain, span, start, call_type, calls)
    select ${workspaceId}, grouping(b.call_type), b.span, b.start, coalesce(b.call_type, ''), sum(b.n)
    from (
      select 'day' as span, d.day as start, d.call_type, d.n from days d
      union all select 'week', date_trunc('week', d.day::timestamp)::date, d.call_type, d.n from days d
      union all select 'month', date_trunc('month', d.day::timestamp)::date, d.call_type, d.n from days d
    ) b
    group by b.span, b.start, rollup(b.call_type)
    on conflict (workspace_id, span, start, grain, call_type) do update set calls = call_rollup.calls + excluded.calls`);
}

/**
 * Agent calls of every day, for a full rebuild: those drained so far (customer_calls); those still
 * queued are counted when drained. Weeks and months are then summed from these day rows.
 */
function dayCallRows(workspaceId: string, timeZone: string): SQL {
  return sql`
    insert into call_rollup (workspace_id, grain, span, start, call_type, calls)
    select ${workspaceId}, grouping(c.call_type), 'day', c.day, coalesce(c.call_type, ''), count(*)
    from (
      select (c.occurred_at at time zone ${timeZone})::date as day, c.call_type
      from customer_calls c where c.workspace_id = ${workspaceId}
    ) c
    group by c.day, rollup(c.call_type)`;
}

/**
 * Day rows of the journeys offered on the given local days (all days when `days` is null).
 * `journeys` counts every journey, held-out ones included (the journeys list shows them); the
 * stage counts leave held-out journeys out (stages.ts).
 */
function dayRows(workspaceId: string, settings: WorkspaceSettings, days: string[] | null): SQL[] {
  const tz = settings.timeZone;
  const journeysOfDays =
    days === null
      ? sql`select j.*, (j.offered_at at time zone ${tz})::date as day from journeys j where j.workspace_id = ${workspaceId}`
      : sql`select j.*, d.day from unnest(${dateArray(days)}) as d(day)
            join journeys j on j.workspace_id = ${workspaceId}
              and j.offered_at >= (d.day::timestamp at time zone ${tz})
              and j.offered_at < ((d.day + 1)::timestamp at time zone ${tz})`;
  // A few days: each journey's events by index (a join was planned as a scan of every event);
  // every day: one join.
  const unresolvedEvents =
    days === null
      ? sql`join events e on e.workspace_id = ${workspaceId} and e.journey = j.journey and e.type = 'chat.unresolved' and e.utterance is not null`
      : sql`cross join lateral (
              select e.utterance from events e
              where e.workspace_id = ${workspaceId} and e.journey = j.journey and e.type = 'chat.unresolved' and e.utterance is not null
              offset 0
            ) e`;
  const stage = plainStageConditions;
  return [
    sql`insert into journey_rollup (workspace_id, grain, span, start, point, call_type, channel,
          journeys, offered, accepted, engaged, resolved, escalated, bounced, resolved_kept)
        select ${workspaceId}, 0, 'day', j.day, coalesce(j.point, ''), coalesce(j.call_type, ''), coalesce(j.channel, ''),
          count(*), count(*) filter (where ${stage.offered}), count(*) filter (where ${stage.accepted}),
          count(*) filter (where ${stage.engaged}), count(*) filter (where ${stage.resolved}),
          count(*) filter (where ${stage.escalated}), count(*) filter (where ${bouncedCondition(settings)}),
          count(*) filter (where ${resolvedKeptCondition(settings)})
        from (${journeysOfDays}) j
        group by j.day, 5, 6, 7`,
    // The other grains from those rows: CUBE sums over each subset of (point, call type, channel).
    sql`insert into journey_rollup (workspace_id, grain, span, start, point, call_type, channel,
          journeys, offered, accepted, engaged, resolved, escalated, bounced, resolved_kept)
        select ${workspaceId}, grouping(r.point, r.call_type, r.channel), 'day', r.start,
          coalesce(r.point, ''), coalesce(r.call_type, ''), coalesce(r.channel, ''),
          sum(r.journeys), sum(r.offered), sum(r.accepted), sum(r.engaged), sum(r.resolved),
          sum(r.escalated), sum(r.bounced), sum(r.resolved_kept)
        from journey_rollup r
        where r.workspace_id = ${workspaceId} and r.span = 'day' and r.grain = 0
          ${days === null ? sql`` : sql`and r.start = any(${dateArray(days)})`}
        group by r.start, cube(r.point, r.call_type, r.channel)
        having grouping(r.point, r.call_type, r.channel) <> 0`,
    // The unresolved events of those journeys, once: into the dictionary, then counted by id.
    // A temporary table is planned by its real size (a CTE was estimated from stale journey
    // statistics on PGlite and joined to the dictionary in quadratic time). Held-out journeys
    // are in no parity row, so their utterances are not counted either.
    sql`create temporary table unresolved_of_days on commit drop as
        select j.day, j.point, j.channel, j.call_type, e.utterance
        from (${journeysOfDays}) j ${unresolvedEvents}
        where j.call_type is not null and ${countedCondition}`,
    sql`insert into utterances (workspace_id, text)
        select distinct ${workspaceId}, u.utterance from unresolved_of_days u
        on conflict (workspace_id, text) do nothing`,
    sql`insert into unresolved_rollup (workspace_id, grain, span, start, point, channel, call_type, utterance_ids, counts)
        select ${workspaceId}, c.grain, 'day', c.day, c.point, c.channel, c.call_type,
          json_agg(c.id order by c.id), json_agg(c.n order by c.id)
        from (
          select u.day, grouping(u.point, u.channel) as grain, coalesce(u.point, '') as point,
            coalesce(u.channel, '') as channel, u.call_type, d.id, count(*)::int as n
          from unresolved_of_days u
          join utterances d on d.workspace_id = ${workspaceId} and d.text = u.utterance
          group by u.day, u.call_type, d.id, cube(u.point, u.channel)
        ) c
        group by c.day, c.grain, c.point, c.channel, c.call_type`,
  ];
}

/**
 * Week or month rows as the sums of their day rows (all of them when `starts` is null). Agent
 * calls only in a full rebuild: otherwise they are counted as they are drained.
 */
function spanRows(workspaceId: string, span: "week" | "month", starts: string[] | null): SQL[] {
  // The day rows of those weeks or months, read by key: (workspace, span, start) leads the primary keys.
  const dayRowsOf = sql`r.workspace_id = ${workspaceId} and r.span = 'day'
    ${starts === null ? sql`` : sql`and r.start = any(${dateArray(starts.flatMap((start) => daysOf(span, start)))})`}`;
  // A literal, not a parameter: the select list and GROUP BY must hold the same expression.
  const unit = sql.raw(span === "week" ? "'week'" : "'month'");
  const first = sql`date_trunc(${unit}, r.start::timestamp)::date`;
  return [
    sql`insert into journey_rollup (workspace_id, grain, span, start, point, call_type, channel,
          journeys, offered, accepted, engaged, resolved, escalated, bounced, resolved_kept)
        select ${workspaceId}, r.grain, ${unit}, ${first}, r.point, r.call_type, r.channel,
          sum(r.journeys), sum(r.offered), sum(r.accepted), sum(r.engaged), sum(r.resolved),
          sum(r.escalated), sum(r.bounced), sum(r.resolved_kept)
        from journey_rollup r where ${dayRowsOf}
        group by r.grain, ${first}, r.point, r.call_type, r.channel`,
    ...(starts === null
      ? [
          sql`insert into call_rollup (workspace_id, grain, span, start, call_type, calls)
              select ${workspaceId}, r.grain, ${unit}, ${first}, r.call_type, sum(r.calls)
              from call_rollup r where ${dayRowsOf}
              group by r.grain, ${first}, r.call_type`,
        ]
      : []),
    sql`insert into unresolved_rollup (workspace_id, grain, span, start, point, channel, call_type, utterance_ids, counts)
        select ${workspaceId}, m.grain, ${unit}, m.start, m.point, m.channel, m.call_type,
          json_agg(m.id order by m.id), json_agg(m.n order by m.id)
        from (
          select r.grain, ${first} as start, r.point, r.channel, r.call_type, u.id::bigint as id, sum(u.n::int)::int as n
          from unresolved_rollup r,
            rows from (json_array_elements_text(r.utterance_ids), json_array_elements_text(r.counts)) as u(id, n)
          where ${dayRowsOf}
          group by 1, 2, 3, 4, 5, 6
        ) m
        group by m.grain, m.start, m.point, m.channel, m.call_type`,
  ];
}

const rollupState = (workspaceId: string) => sql`select rollup_time_zone as tz, rollup_window_hours as w,
    exists (select 1 from derive_queue where workspace_id = ${workspaceId}) as queued,
    exists (select 1 from rollup_dirty where workspace_id = ${workspaceId}) as dirty
  from workspaces where id = ${workspaceId}`;
type RollupState = { tz: string | null; w: number | null; queued: boolean; dirty: boolean };
const isStale = (state: RollupState, settings: WorkspaceSettings) => state.tz !== settings.timeZone || Number(state.w) !== settings.windowHours;

/**
 * Brings the workspace's derived journeys, then its rollups, up to date. When nothing is queued,
 * dirty or stale, that is one query.
 */
export async function refreshRollups(db: Db, workspaceId: string, settings: WorkspaceSettings): Promise<void> {
  // One snapshot: a derivation commits its queue deletions and its dirty days together.
  const [before] = await queryRows<RollupState>(db, rollupState(workspaceId));
  if (!before || (!before.queued && !before.dirty && !isStale(before, settings))) return;
  if (before.queued) await deriveJourneys(db, workspaceId);
  await updateRollups(db, workspaceId, settings);
}

/**
 * Recomputes the dirty days of the rollups (and their weeks and months) from what has been
 * derived, or rebuilds them all when the time zone or the window changed. Serialised with the
 * derivation by the same lock, so that no day changes between its recomputation and the clearing
 * of its mark. Work queued meanwhile is left to the next drain, which counts it.
 */
export async function updateRollups(db: Db, workspaceId: string, settings: WorkspaceSettings): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(workspaceLock(workspaceId));
    // The planner guesses 100 elements per JSON array and would spend ~1 s compiling these
    // statements with JIT for work that takes tens of milliseconds.
    await tx.execute(sql`set local jit = off`);
    const [state] = await queryRows<RollupState>(tx, rollupState(workspaceId));
    const stale = isStale(state, settings);
    if (!stale && !state.dirty) return;

    if (stale) {
      for (const table of [...ROLLUP_TABLES, "rollup_dirty"]) {
        await tx.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}`);
      }
      await tx.execute(sql`update workspaces set rollup_time_zone = ${settings.timeZone}, rollup_window_hours = ${settings.windowHours} where id = ${workspaceId}`);
      const statements = [
        ...dayRows(workspaceId, settings, null),
        dayCallRows(workspaceId, settings.timeZone),
        ...spanRows(workspaceId, "week", null),
        ...spanRows(workspaceId, "month", null),
      ];
      for (const statement of statements) await tx.execute(statement);
      // Plans by key need statistics; autovacuum (none on PGlite) would gather them only later.
      await tx.execute(sql`analyze journey_rollup, call_rollup, unresolved_rollup, utterances`);
      return;
    }

    const cleared = await queryRows<{ day: string }>(
      tx,
      sql`delete from rollup_dirty where workspace_id = ${workspaceId} returning to_char(day, 'YYYY-MM-DD') as day`,
    );
    if (cleared.length === 0) return;
    const days = cleared.map((row) => row.day);
    const { weeks, months } = blocksOfDays(days);
    for (const table of DERIVED_FROM_JOURNEYS) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId} and (
        (span = 'day' and start = any(${dateArray(days)})) or (span = 'week' and start = any(${dateArray(weeks)}))
        or (span = 'month' and start = any(${dateArray(months)})))`);
    }
    const statements = [...dayRows(workspaceId, settings, days), ...spanRows(workspaceId, "week", weeks), ...spanRows(workspaceId, "month", months)];
    for (const statement of statements) await tx.execute(statement);
  });
}
