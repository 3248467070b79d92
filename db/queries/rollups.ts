import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import type { WorkspaceSettings } from "@/lib/settings/schema";
import { deriveJourneys, workspaceLock } from "./derive";
import { keysArray } from "./events";
import { bouncedCondition } from "./stages";

/*
 * Daily rollups, exact by construction (docs/adr/018): ingest marks the local days whose numbers
 * it may have changed; before a metrics query, the dirty days of the workspace are recomputed
 * from the journeys table, or everything is rebuilt when the time zone or the window changed.
 */

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** Marks the current local days of these journeys as dirty. */
export async function markDirtyDays(db: Pick<Db, "execute">, workspaceId: string, journeys: string[]): Promise<void> {
  if (journeys.length === 0) return;
  await db.execute(sql`
    insert into rollup_dirty (workspace_id, day)
    select distinct ${workspaceId}, (j.offered_at at time zone w.time_zone)::date
    from workspaces w join journeys j on j.workspace_id = w.id and j.journey = any(${keysArray(journeys)})
    where w.id = ${workspaceId}
    on conflict do nothing`);
}

/** A call as the derivation queue holds it; a null call type means it is counted already (migration 0005). */
export interface QueuedCall {
  customer: string;
  occurred_at: string;
  call_type: string | null;
}

/**
 * Agent calls are counted into calls_daily as they are drained from the queue: every stored call
 * is queued once, in the transaction that stored it, and drained once, in the transaction that
 * counts it, so the counts are exact without reading the calls again (docs/adr/019).
 */
export async function countCalls(db: Pick<Db, "execute">, workspaceId: string, calls: QueuedCall[]): Promise<void> {
  const counted = calls.filter((call) => call.call_type !== null);
  if (counted.length === 0) return;
  await db.execute(sql`
    insert into calls_daily (workspace_id, day, call_type, calls)
    select ${workspaceId}, (x.occurred_at at time zone w.time_zone)::date, x.call_type, count(*)
    from workspaces w, jsonb_to_recordset(${json(counted)}) as x(occurred_at timestamptz, call_type text)
    where w.id = ${workspaceId}
    group by 2, 3
    on conflict (workspace_id, day, call_type) do update set calls = calls_daily.calls + excluded.calls`);
}

/**
 * Agent calls of every day, for a full rebuild: all stored calls but those still queued, which
 * are counted when drained. One statement reads both, so a batch committed meanwhile is in
 * neither.
 */
function rebuildCalls(workspaceId: string, timeZone: string) {
  return sql`
    insert into calls_daily (workspace_id, day, call_type, calls)
    select ${workspaceId}, c.day, c.call_type, sum(c.n)
    from (
      select (e.occurred_at at time zone ${timeZone})::date as day, coalesce(e.call_type, '') as call_type, 1 as n
      from events e where e.workspace_id = ${workspaceId} and e.type = 'call.received'
      union all
      select (q.at at time zone ${timeZone})::date, q.call_type, -1
      from derive_queue d, unnest(d.call_times, d.call_types) as q(at, call_type)
      where d.workspace_id = ${workspaceId} and q.call_type is not null
    ) c
    group by c.day, c.call_type
    having sum(c.n) <> 0`;
}

/** Rollup rows of the journeys offered on the given local days (all days when `days` is null). */
function rebuildDays(workspaceId: string, settings: WorkspaceSettings, days: string[] | null) {
  const tz = settings.timeZone;
  const journeysOfDays =
    days === null
      ? sql`select j.*, (j.offered_at at time zone ${tz})::date as day from journeys j where j.workspace_id = ${workspaceId}`
      : sql`select j.*, d.day from jsonb_array_elements_text(${json(days)}) as dd(value)
            cross join lateral (select dd.value::date as day) d
            join journeys j on j.workspace_id = ${workspaceId}
              and j.offered_at >= (d.day::timestamp at time zone ${tz})
              and j.offered_at < ((d.day + 1)::timestamp at time zone ${tz})`;
  const bounced = bouncedCondition(settings);
  return [
    sql`insert into journey_daily (workspace_id, day, point, call_type, channel, offered, accepted, engaged, resolved, escalated, bounced, resolved_kept)
        select ${workspaceId}, j.day, coalesce(j.point, ''), coalesce(j.call_type, ''), coalesce(j.channel, ''),
          count(*) filter (where j.offered), count(*) filter (where j.accepted),
          count(*) filter (where j.engaged_at is not null), count(*) filter (where j.resolved_at is not null),
          count(*) filter (where j.escalated), count(*) filter (where ${bounced}),
          count(*) filter (where j.resolved_at is not null and not ${bounced})
        from (${journeysOfDays}) j
        group by j.day, 2, 3, 4, 5`,
    sql`insert into unresolved_daily (workspace_id, day, call_type, utterance, count)
        select ${workspaceId}, j.day, j.call_type, e.utterance, count(*)
        from (${journeysOfDays}) j
        join events e on e.workspace_id = ${workspaceId} and e.journey = j.journey
        where j.call_type is not null and e.type = 'chat.unresolved' and e.utterance is not null
        group by j.day, j.call_type, e.utterance`,
  ];
}

/** Brings the workspace's derived journeys, then its rollups, up to date. */
export async function refreshRollups(db: Db, workspaceId: string, settings: WorkspaceSettings): Promise<void> {
  await deriveJourneys(db, workspaceId);
  await updateRollups(db, workspaceId, settings);
}

/**
 * Recomputes the dirty days of the rollups from what has been derived, or rebuilds them all when
 * the time zone or window changed. Serialised with the derivation by the same lock, so that no day
 * changes between its recomputation and the clearing of its mark. Work still queued (a batch
 * committed after the drain) is left to the next drain, which counts it.
 */
export async function updateRollups(db: Db, workspaceId: string, settings: WorkspaceSettings): Promise<void> {
  await db.transaction(async (tx) => {
    const [state] = await queryRows<{ tz: string | null; w: number | null; dirty: boolean }>(
      tx,
      sql`select rollup_time_zone as tz, rollup_window_hours as w,
            exists (select 1 from rollup_dirty where workspace_id = ${workspaceId}) as dirty
          from workspaces where id = ${workspaceId}`,
    );
    const stale = state.tz !== settings.timeZone || Number(state.w) !== settings.windowHours;
    if (!stale && !state.dirty) return;
    await tx.execute(workspaceLock(workspaceId));

    let days: string[] | null = null;
    if (stale) {
      for (const table of ["journey_daily", "calls_daily", "unresolved_daily", "rollup_dirty"]) {
        await tx.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}`);
      }
      await tx.execute(sql`update workspaces set rollup_time_zone = ${settings.timeZone}, rollup_window_hours = ${settings.windowHours} where id = ${workspaceId}`);
    } else {
      const cleared = await queryRows<{ day: string }>(
        tx,
        sql`delete from rollup_dirty where workspace_id = ${workspaceId} returning to_char(day, 'YYYY-MM-DD') as day`,
      );
      if (cleared.length === 0) return;
      days = cleared.map((row) => row.day);
      for (const table of ["journey_daily", "unresolved_daily"]) {
        await tx.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}
          and day in (select value::date from jsonb_array_elements_text(${json(days)}))`);
      }
    }
    if (stale) await tx.execute(rebuildCalls(workspaceId, settings.timeZone));
    for (const statement of rebuildDays(workspaceId, settings, days)) await tx.execute(statement);
  });
}
