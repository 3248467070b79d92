import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { type PostgresClient, isEmbedded, postgresClientOf, queryRows } from "@/db";
import { CopyRefusedError, copyThen } from "@/db/copy";
import { callTypeNameFromSlug } from "@/lib/domain";
import { COPY_COLUMNS, type EventRow, type PreparedBatch, callTypesOf, prepareBatch, rowsOf } from "@/lib/events/prepared";
import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import { customerKeysOf } from "@/lib/events/customer-keys";
import { type CustomerKeys, type IncomingEvent, type StoredEvent, keyedStoredEvent, toStoredEvent } from "@/lib/events/schema";

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/*
 * Call types named by events are created on first sight. The slugs known to exist are remembered
 * per database and workspace (call types are never deleted), so a batch of known call types
 * costs no statement; a slug is remembered only once the transaction that created it committed.
 */
const knownCallTypes = new WeakMap<object, Map<string, Set<string>>>();
function unknownSlugs(db: Db, workspaceId: string, callTypes: string[]): string[] {
  const known = knownCallTypes.get(db)?.get(workspaceId);
  return known ? callTypes.filter((slug) => !known.has(slug)) : callTypes;
}
function rememberSlugs(db: Db, workspaceId: string, slugs: string[]) {
  if (slugs.length === 0) return;
  const byWorkspace = knownCallTypes.get(db) ?? new Map<string, Set<string>>();
  knownCallTypes.set(db, byWorkspace);
  const known = byWorkspace.get(workspaceId) ?? new Set<string>();
  byWorkspace.set(workspaceId, known);
  for (const slug of slugs) known.add(slug);
}

/**
 * Stores a batch whole or not at all and queues the journeys and calls it brings for derivation
 * (db/queries/derive.ts), in one transaction: the answer is given only once both are committed.
 * Ingest takes no lock: batches of one workspace are stored side by side, and the derivation,
 * which does take the workspace's lock, catches up behind them (docs/adr/002).
 *
 * On a PostgreSQL server a batch is first sent with COPY, which is several times cheaper than
 * any INSERT; COPY cannot skip ids stored before, so when one is, the transaction fails and the
 * batch is stored again by INSERT … ON CONFLICT DO NOTHING, which can (docs/adr/019). PGlite
 * always takes the INSERT.
 */
export async function ingestEvents(db: Db, workspaceId: string, batch: StoredEvent[]): Promise<IngestResult> {
  if (batch.length === 0) return { accepted: 0, duplicates: 0 };
  if (postgresClientOf(db)) return ingestPrepared(db, workspaceId, prepareBatch(workspaceId, batch), () => batch);
  const rows = rowsOf(batch);
  return store(db, workspaceId, batch.length, callTypesOf(rows), (slugs) => insertBatch(db, workspaceId, rows, slugs));
}

/** The customer keys of a workspace, made with its customer-key secret (never leaves the server). */
export async function customerKeysFor(db: Db, workspaceId: string): Promise<CustomerKeys> {
  const [row] = await db.select({ secret: workspaces.customerKeySecret }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw new Error(`No workspace ${workspaceId}`);
  return customerKeysOf(row.secret);
}

/**
 * ingestEvents for events the event schema accepted: a `customerPhone` becomes the workspace's
 * customer key here, and the number goes no further (DESIGN.md "Events").
 */
export async function ingestEventInputs(db: Db, workspaceId: string, events: IncomingEvent[]): Promise<IngestResult> {
  if (!events.some((event) => event.customerPhone !== undefined)) return ingestEvents(db, workspaceId, events.map(toStoredEvent));
  const keys = await customerKeysFor(db, workspaceId);
  return ingestEvents(db, workspaceId, events.map((event) => keyedStoredEvent(event, keys)));
}

/**
 * ingestEvents for a batch prepared already (in an ingest worker, docs/adr/020). `batchAgain`
 * answers the batch's events, asked for only when the COPY is refused and the INSERT takes over.
 */
export async function ingestPrepared(db: Db, workspaceId: string, prepared: PreparedBatch, batchAgain: () => StoredEvent[]): Promise<IngestResult> {
  const client = postgresClientOf(db);
  return store(db, workspaceId, prepared.events, prepared.callTypes, async (slugs) =>
    (client ? await copyBatch(client, workspaceId, prepared, slugs) : null) ?? insertBatch(db, workspaceId, rowsOf(batchAgain()), slugs),
  );
}

async function store(db: Db, workspaceId: string, events: number, callTypes: string[], write: (newSlugs: string[]) => Promise<number>): Promise<IngestResult> {
  const slugs = unknownSlugs(db, workspaceId, callTypes);
  const accepted = await write(slugs);
  rememberSlugs(db, workspaceId, slugs);
  await refreshStatisticsNowAndThen(db, accepted);
  return { accepted, duplicates: events - accepted };
}

const callTypeRows = (slugs: string[]) => slugs.map((slug) => ({ slug, name: callTypeNameFromSlug(slug) }));

const UNIQUE_VIOLATION = "23505";

/**
 * The COPY path: stores every row, or answers null (and stores nothing) when the server refuses
 * the COPY — an id stored before, the one refusal validated input can meet; the INSERT path then
 * stores the batch or says what else was wrong.
 */
async function copyBatch(client: PostgresClient, workspaceId: string, prepared: PreparedBatch, slugs: string[]): Promise<number | null> {
  const { copy, calls, journeys } = prepared;
  try {
    await client.begin(async (tx) => {
      if (slugs.length > 0) {
        await tx`insert into call_types (workspace_id, slug, name)
          select ${workspaceId}, x.slug, x.name from jsonb_to_recordset(${JSON.stringify(callTypeRows(slugs))}::text::jsonb) as x(slug text, name text)
          on conflict (workspace_id, slug) do nothing`;
      }
      await copyThen(
        tx,
        `copy events (${COPY_COLUMNS}) from stdin`,
        Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength),
        () => tx`
          with calls as (select c.call, c.i from jsonb_array_elements(${calls}::text::jsonb) with ordinality as c(call, i))
          insert into derive_queue (workspace_id, journeys, call_ids, call_customers, call_times, call_types, size)
          select ${workspaceId}, array(select jsonb_array_elements_text(${journeys}::text::jsonb)),
            array(select c.call ->> 0 from calls c order by c.i),
            array(select c.call ->> 1 from calls c order by c.i),
            array(select (c.call ->> 2)::timestamptz from calls c order by c.i),
            array(select c.call ->> 3 from calls c order by c.i),
            ${prepared.work}`,
      );
    });
    return prepared.rows;
  } catch (error) {
    if (error instanceof CopyRefusedError || (error as { code?: string }).code === UNIQUE_VIOLATION) return null;
    throw error;
  }
}

/** The INSERT path: stores the rows whose id is new and queues what they bring. */
async function insertBatch(db: Db, workspaceId: string, rows: EventRow[], slugs: string[]): Promise<number> {
  return db.transaction(async (tx) => {
    if (slugs.length > 0) {
      await tx.execute(sql`
        insert into call_types (workspace_id, slug, name)
        select ${workspaceId}, x.slug, x.name
        from jsonb_to_recordset(${json(callTypeRows(slugs))}) as x(slug text, name text)
        on conflict (workspace_id, slug) do nothing`);
    }
    const [row] = await queryRows<{ accepted: number }>(
      tx,
      sql`
        with inserted as (
          insert into events (workspace_id, id, type, occurred_at, customer, journey, point, channel, call_type, attributes, utterance)
          select ${workspaceId}, x.id, x.type, x."occurredAt", x.customer,
            x.journey, x.point, x.channel, x."callType", x.attributes, x.utterance
          from jsonb_to_recordset(${json(rows)}) as x(
            id text, type text, "occurredAt" timestamptz, customer text, journey text,
            point text, channel text, "callType" text, attributes jsonb, utterance text)
          on conflict (workspace_id, id) do nothing
          returning id, journey, customer, type, occurred_at, call_type
        ),
        work as (
          -- One pass over the inserted rows: the call arrays stay pairwise in step.
          select coalesce(array_agg(distinct i.journey) filter (where i.journey is not null), '{}') as journeys,
            coalesce(array_agg(i.id) filter (where i.type = 'call.received'), '{}') as call_ids,
            coalesce(array_agg(i.customer) filter (where i.type = 'call.received'), '{}') as call_customers,
            coalesce(array_agg(i.occurred_at) filter (where i.type = 'call.received'), '{}') as call_times,
            coalesce(array_agg(coalesce(i.call_type, '')) filter (where i.type = 'call.received'), '{}') as call_types,
            count(*) as n
          from inserted i
        ),
        queued as (
          insert into derive_queue (workspace_id, journeys, call_ids, call_customers, call_times, call_types, size)
          select ${workspaceId}, w.journeys, w.call_ids, w.call_customers, w.call_times, w.call_types, cardinality(w.journeys) + cardinality(w.call_times)
          from work w where w.n > 0
        )
        select n::int as accepted from work`,
    );
    return Number(row.accepted);
  });
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
 * result never depends on the order in which events arrived. `arm` is the runtime decision's:
 * `holdout` when the journey has an offer.held_out (whatever else it has), `treatment` when it
 * has an offer.shown whose attributes say `arm: "treatment"`, else null (docs/adr/002).
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
        case when bool_or(e.type = 'offer.held_out') then 'holdout'
          when bool_or(e.type = 'offer.shown' and e.attributes ->> 'arm' = 'treatment') then 'treatment' end as arm,
        count(*)::int as event_count
      from jsonb_array_elements_text(${json(journeyKeys)}) as k(journey)
      -- Per key, a lookup (offset 0 keeps it per key); that it takes the journey index depends on
      -- fresh statistics of this workspace's events (deriveJourneys refreshes them).
      cross join lateral (
        select e.* from events e where e.workspace_id = ${workspaceId} and e.journey = k.journey offset 0
      ) e
      group by e.journey
    )
    insert into journeys (workspace_id, journey, point, customer, call_type, channel, offered_at, end_at,
      offered, accepted, escalated, engaged_at, resolved_at, next_call_at, event_count, arm)
    select ${workspaceId}, d.journey, coalesce(d.offer_point, d.any_point), d.customer,
      coalesce(d.chat_call_type, d.any_call_type), coalesce(d.chat_channel, d.any_channel),
      coalesce(d.first_offer_at, d.first_at), d.end_at, d.offered, d.accepted, d.escalated,
      d.engaged_at, d.resolved_at,
      case when d.engaged_at is null then null else (
        select min(c.occurred_at) from customer_calls c
        where c.workspace_id = ${workspaceId} and c.customer = d.customer and c.occurred_at >= d.engaged_at
      ) end,
      d.event_count, d.arm
    from derived d
    on conflict (workspace_id, journey) do update set
      point = excluded.point, customer = excluded.customer, call_type = excluded.call_type,
      channel = excluded.channel, offered_at = excluded.offered_at, end_at = excluded.end_at,
      offered = excluded.offered, accepted = excluded.accepted, escalated = excluded.escalated,
      engaged_at = excluded.engaged_at, resolved_at = excluded.resolved_at,
      next_call_at = excluded.next_call_at, event_count = excluded.event_count, arm = excluded.arm`);
}

/**
 * Drained calls into customer_calls, where the first call after engagement is looked up. A call
 * with a null call type is there already (migration 0005 copied every stored call).
 */
export async function storeCalls(db: Pick<Db, "execute">, workspaceId: string, calls: { id?: string | null; customer: string; occurred_at: string; call_type: string | null }[]): Promise<void> {
  const fresh = calls.filter((call) => call.call_type !== null && call.id);
  if (fresh.length === 0) return;
  await db.execute(sql`
    insert into customer_calls (workspace_id, customer, occurred_at, event_id, call_type)
    select ${workspaceId}, x.customer, x.occurred_at, x.id, x.call_type
    from jsonb_to_recordset(${json(fresh)}) as x(id text, customer text, occurred_at timestamptz, call_type text)
    on conflict do nothing`);
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
