import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { isEmbedded, queryRows } from "@/db";
import { callTypeNameFromSlug } from "@/lib/domain";
import type { StoredEvent } from "@/lib/events/schema";
import { normalizeUtterance } from "@/lib/metrics/definitions";

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/**
 * A list of keys as one array value, for `column = any(…)`: the planner then looks each key up in
 * the index, where an `in (select … from jsonb_array_elements_text(…))` with many keys was planned
 * as a scan of the whole table once it held millions of rows.
 */
export const keysArray = (keys: string[]) => sql`array(select value from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`;

/**
 * Stores a batch whole or not at all and queues the journeys and calls it brings for derivation
 * (db/queries/derive.ts), in one transaction: the answer is given only once both are committed.
 * Ingest takes no lock: batches of one workspace are stored side by side, and the derivation,
 * which does take the workspace's lock, catches up behind them (docs/adr/002).
 */
export async function ingestEvents(db: Db, workspaceId: string, batch: StoredEvent[]): Promise<IngestResult> {
  if (batch.length === 0) return { accepted: 0, duplicates: 0 };
  const slugs = [...new Set(batch.flatMap((event) => (event.callType ? [event.callType] : [])))];
  const rows = batch.map((event) => ({
    ...event,
    utterance: event.type === "chat.unresolved" ? normalizeUtterance(event.attributes?.utterance) : null,
  }));
  const accepted = await db.transaction(async (tx) => {
    if (slugs.length > 0) {
      await tx.execute(sql`
        insert into call_types (workspace_id, slug, name)
        select ${workspaceId}, x.slug, x.name
        from jsonb_to_recordset(${json(slugs.map((slug) => ({ slug, name: callTypeNameFromSlug(slug) })))}) as x(slug text, name text)
        on conflict (workspace_id, slug) do nothing`);
    }
    const [row] = await queryRows<{ accepted: number }>(
      tx,
      sql`
        with inserted as (
          insert into events (workspace_id, id, type, occurred_at, customer, journey, point, channel, call_type, attributes, utterance)
          select ${workspaceId}, x.id, x.type, x."occurredAt", x.customer,
            case when x.type like 'call.%' then null else x.journey end, x.point, x.channel, x."callType", x.attributes, x.utterance
          from jsonb_to_recordset(${json(rows)}) as x(
            id text, type text, "occurredAt" timestamptz, customer text, journey text,
            point text, channel text, "callType" text, attributes jsonb, utterance text)
          on conflict (workspace_id, id) do nothing
          returning journey, customer, type, occurred_at
        ),
        queued as (
          insert into derive_queue (workspace_id, journey, customer, call_at)
          select distinct ${workspaceId}, i.journey, null::text, null::timestamptz from inserted i where i.journey is not null
          union all
          select ${workspaceId}, null, i.customer, i.occurred_at from inserted i where i.type = 'call.received'
        )
        select count(*)::int as accepted from inserted`,
    );
    return Number(row.accepted);
  });
  await refreshStatisticsNowAndThen(db, accepted);
  return { accepted, duplicates: batch.length - accepted };
}

/*
 * The recomputations pick their indexes by table statistics. PGlite has no autovacuum to gather
 * them, and a planner without statistics scanned every journey of the workspace per call; so on
 * PGlite the tables are analysed every ANALYZE_EVERY accepted events. Postgres has autovacuum.
 */
const ANALYZE_EVERY = 20_000;
const statistics = globalThis as unknown as { switchboardSinceAnalyze?: number };
async function refreshStatisticsNowAndThen(db: Db, accepted: number) {
  if (!isEmbedded(db)) return;
  statistics.switchboardSinceAnalyze = (statistics.switchboardSinceAnalyze ?? 0) + accepted;
  if (statistics.switchboardSinceAnalyze < ANALYZE_EVERY) return;
  statistics.switchboardSinceAnalyze = 0;
  await db.execute(sql`analyze events, journeys, derive_queue, rollup_dirty`);
}

/**
 * Derives each journey's fields from all of its stored events by the definitions of DESIGN.md.
 * Ties at one instant are broken by event id in code-point order (COLLATE "C"), so that the
 * result never depends on the order in which events arrived.
 */
export async function recomputeJourneys(db: Pick<Db, "execute">, workspaceId: string, journeyKeys: string[]): Promise<void> {
  if (journeyKeys.length === 0) return;
  await db.execute(sql`
    with derived as (
      select e.journey,
        (array_agg(e.point order by e.occurred_at, e.id collate "C") filter (where e.type = 'offer.shown'))[1] as offer_point,
        (array_agg(e.point order by e.occurred_at, e.id collate "C") filter (where e.point is not null))[1] as any_point,
        (array_agg(e.customer order by e.occurred_at, e.id collate "C"))[1] as customer,
        (array_agg(e.call_type order by e.occurred_at desc, e.id collate "C" desc)
          filter (where e.type like 'chat.%' and e.call_type is not null))[1] as chat_call_type,
        (array_agg(e.call_type order by e.occurred_at desc, e.id collate "C" desc) filter (where e.call_type is not null))[1] as any_call_type,
        (array_agg(e.channel order by e.occurred_at, e.id collate "C")
          filter (where e.type = 'chat.started' and e.channel is not null))[1] as chat_channel,
        (array_agg(e.channel order by e.occurred_at, e.id collate "C") filter (where e.channel is not null))[1] as any_channel,
        min(e.occurred_at) filter (where e.type = 'offer.shown') as first_offer_at,
        min(e.occurred_at) as first_at,
        max(e.occurred_at) as end_at,
        bool_or(e.type = 'offer.shown') as offered,
        bool_or(e.type = 'offer.accepted') as accepted,
        bool_or(e.type = 'chat.escalated') as escalated,
        min(e.occurred_at) filter (where e.type = 'chat.started') as engaged_at,
        min(e.occurred_at) filter (where e.type = 'chat.resolved') as resolved_at,
        count(*)::int as event_count
      from events e
      where e.workspace_id = ${workspaceId} and e.journey = any(${keysArray(journeyKeys)})
      group by e.journey
    )
    insert into journeys (workspace_id, journey, point, customer, call_type, channel, offered_at, end_at,
      offered, accepted, escalated, engaged_at, resolved_at, next_call_at, event_count)
    select ${workspaceId}, d.journey, coalesce(d.offer_point, d.any_point), d.customer,
      coalesce(d.chat_call_type, d.any_call_type), coalesce(d.chat_channel, d.any_channel),
      coalesce(d.first_offer_at, d.first_at), d.end_at, d.offered, d.accepted, d.escalated,
      d.engaged_at, d.resolved_at,
      case when d.engaged_at is null then null else (
        select min(c.occurred_at) from events c
        where c.workspace_id = ${workspaceId} and c.type = 'call.received'
          and c.customer = d.customer and c.occurred_at >= d.engaged_at
      ) end,
      d.event_count
    from derived d
    on conflict (workspace_id, journey) do update set
      point = excluded.point, customer = excluded.customer, call_type = excluded.call_type,
      channel = excluded.channel, offered_at = excluded.offered_at, end_at = excluded.end_at,
      offered = excluded.offered, accepted = excluded.accepted, escalated = excluded.escalated,
      engaged_at = excluded.engaged_at, resolved_at = excluded.resolved_at,
      next_call_at = excluded.next_call_at, event_count = excluded.event_count`);
}

/**
 * New calls can turn engaged journeys of their customers into bounce-backs. Calls are only ever
 * added, so a journey's first call at or after engagedAt can only move earlier: it becomes the
 * earliest new call at or after engagedAt when that is earlier than the one it had. (Journeys of
 * this batch were recomputed from all their customer's calls already.)
 */
export async function recomputeBounces(db: Pick<Db, "execute">, workspaceId: string, calls: { customer: string; occurred_at: string }[]): Promise<void> {
  if (calls.length === 0) return;
  await db.execute(sql`
    with new_calls as (
      select x.customer, x.occurred_at from jsonb_to_recordset(${json(calls)}) as x(customer text, occurred_at timestamptz)
    ),
    earlier as (
      -- Per call, an index lookup of its customer's journeys (offset 0 keeps it a lookup, not a table scan).
      select j.journey, min(c.occurred_at) as first_call
      from new_calls c
      cross join lateral (
        select j.journey, j.next_call_at from journeys j
        where j.workspace_id = ${workspaceId} and j.customer = c.customer
          and j.engaged_at is not null and j.engaged_at <= c.occurred_at
        offset 0
      ) j
      where j.next_call_at is null or c.occurred_at < j.next_call_at
      group by j.journey
    ),
    changed as (
      update journeys j set next_call_at = e.first_call
      from earlier e
      where j.workspace_id = ${workspaceId} and j.journey = e.journey
        and (j.next_call_at is null or e.first_call < j.next_call_at)
      returning j.offered_at
    )
    insert into rollup_dirty (workspace_id, day)
    select distinct ${workspaceId}, (changed.offered_at at time zone w.time_zone)::date
    from changed, workspaces w where w.id = ${workspaceId}
    on conflict do nothing`);
}
