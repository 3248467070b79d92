import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db";
import type { EscalationRuleFields, IvrOfferFields } from "@/lib/config/schemas";
import { callTypeNameFromSlug } from "@/lib/domain";
import { COPY_COLUMNS, type EventRow, callTypesOf, rowsOf } from "@/lib/events/prepared";
import { answerInOrder, type DecisionAnswer, type DecisionRequest, decide, type PublishedOffer } from "@/lib/runtime/decide";
import type { StoredRule } from "@/lib/runtime/escalate";

/*
 * The runtime's data (docs/adr/024): the published configuration each decision reads, and the
 * decisions themselves.
 *
 * Published configuration is cached in-process per workspace, tagged with the workspace's
 * `config_revision`, which every change to what is published moves in the same transaction
 * (db/queries/config.ts). Each decision reads the revision in its one small query; the offers
 * and rules are loaded again only when it moved. So a publish through any process is seen by
 * every process on its next decision, with no timer and no message between processes.
 */

export interface PublishedConfiguration {
  revision: string;
  offers: PublishedOffer[];
  /** The published escalation rules, with their published version. */
  rules: (StoredRule & { version: number })[];
}

/** What a decision needs to know of its workspace beyond the configuration. */
export interface RuntimeState {
  timeZone: string;
  revision: string;
  optedOut: boolean;
}

/** Kept on globalThis: Next.js bundles this module into several chunks, and they share one database. */
const registry = globalThis as unknown as { switchboardRuntimeConfig?: WeakMap<object, Map<string, PublishedConfiguration>> };
const caches = (registry.switchboardRuntimeConfig ??= new WeakMap());

function cacheOf(db: Db): Map<string, PublishedConfiguration> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** The workspace's time zone and configuration revision, and whether the customer opted out; null for no such workspace. One statement. */
export async function runtimeState(db: Db, workspaceId: string, customer?: string): Promise<RuntimeState | null> {
  const [row] = await queryRows<{ time_zone: string; revision: string; opted_out: boolean }>(
    db,
    sql`select w.time_zone, w.config_revision::text as revision,
          exists (select 1 from opt_outs o where o.workspace_id = w.id and o.customer = ${customer ?? null}) as opted_out
        from workspaces w where w.id = ${workspaceId}`,
  );
  return row ? { timeZone: row.time_zone, revision: String(row.revision), optedOut: row.opted_out === true } : null;
}

const parsed = <T>(data: unknown): T => (typeof data === "string" ? JSON.parse(data) : data) as T;

/**
 * The published offers and escalation rules of a workspace at `revision` or later: from the
 * cache when it holds that revision, else loaded in one statement (one snapshot: the revision
 * stored with them is the one they were read at).
 */
export async function publishedConfiguration(db: Db, workspaceId: string, revision: string): Promise<PublishedConfiguration> {
  const cache = cacheOf(db);
  const cached = cache.get(workspaceId);
  if (cached && cached.revision === revision) return cached;
  const rows = await queryRows<{ revision: string; id: string | null; kind: string | null; version: number | null; data: unknown }>(
    db,
    sql`select w.config_revision::text as revision, i.id, i.kind, v.version, v.data
        from workspaces w
        left join config_items i on i.workspace_id = w.id and i.kind in ('ivr_offer', 'escalation_rule') and i.published_version is not null
        left join config_versions v on v.workspace_id = i.workspace_id and v.item_id = i.id and v.version = i.published_version
        where w.id = ${workspaceId}`,
  );
  const configuration: PublishedConfiguration = { revision: String(rows[0]?.revision ?? revision), offers: [], rules: [] };
  for (const row of rows) {
    if (row.id === null || row.version === null) continue;
    const version = Number(row.version);
    if (row.kind === "ivr_offer") configuration.offers.push({ ...parsed<IvrOfferFields>(row.data), id: row.id, version });
    else configuration.rules.push({ id: row.id, version, fields: parsed<EscalationRuleFields>(row.data) });
  }
  cache.set(workspaceId, configuration);
  return configuration;
}

/** A decision whose answer can no longer be sent (its time budget ran out): rolled back, never stored. */
export class DecisionAbandonedError extends Error {
  constructor() {
    super("The decision was abandoned: its answer could no longer be sent in time");
  }
}

export interface RecordedDecision {
  answer: DecisionAnswer;
  /** False when this contact and point were decided before: the stored answer, nothing new stored. */
  fresh: boolean;
  /** How many events the decision stored (0 or 1). */
  events: number;
}

export interface DecideOptions {
  newId?: () => string;
  /** Aborted when the answer can no longer be sent: the decision stops before its write. */
  signal?: AbortSignal;
  /** Asked right before the commit: false rolls the decision back (lib/runtime/budget.ts `claim`). */
  mayCommit?: () => boolean;
}

/**
 * Decides for a request and stores the decision with its event in one transaction, before the
 * answer is given. Idempotent by (contactId, point): the same contact asked again, even at the
 * same moment, gets the stored answer and stores nothing (INSERT … ON CONFLICT DO NOTHING, then
 * read back). Null when the workspace does not exist.
 *
 * The decision row, its event, the event's call type and its derivation work are written by one
 * statement (recordStatement): on a loaded 2-core machine each round trip to the server costs a
 * millisecond or more, and the ten of BEGIN, savepoint, call type, event, release and COMMIT
 * around the row tripled a decision's time (docs/adr/024). The event is stored as ingest stores
 * it — the same row encoding (`rowsOf`), columns and derivation queue; a test compares the two.
 */
export async function decideAndRecord(db: Db, workspaceId: string, request: DecisionRequest, options: DecideOptions = {}): Promise<RecordedDecision | null> {
  const abandoned = () => options.signal?.aborted === true;
  if (abandoned()) throw new DecisionAbandonedError();
  const state = await runtimeState(db, workspaceId, request.customer);
  if (!state) return null;
  const { offers } = await publishedConfiguration(db, workspaceId, state.revision);
  // Work whose answer can no longer be sent stops here, so an overloaded database is not kept
  // busy with it; past this point it is rolled back before its commit instead (mayCommit).
  if (abandoned()) throw new DecisionAbandonedError();
  const decision = decide({ workspaceId, request, offers, timeZone: state.timeZone, optedOut: state.optedOut, newId: options.newId ?? randomUUID });
  const { answer } = decision;
  return db.transaction(async (tx) => {
    const [recorded] = await queryRows<{ inserted: boolean; events: number }>(tx, recordStatement(workspaceId, request, decision.answer, rowsOf(decision.events)));
    if (!recorded.inserted) {
      const [stored] = await queryRows<{ answer: unknown }>(
        tx,
        sql`select answer from runtime_decisions where workspace_id = ${workspaceId} and point = ${request.point} and contact_id = ${request.contactId}`,
      );
      return { answer: answerInOrder(parsed<Record<string, unknown>>(stored.answer)), fresh: false, events: 0 };
    }
    if (options.mayCommit && !options.mayCommit()) throw new DecisionAbandonedError();
    return { answer, fresh: true, events: Number(recorded.events) };
  });
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/**
 * One statement: the decision row, unless this contact and point were decided before; and only
 * then its events as ingest stores them (db/queries/events.ts insertBatch: the call types they
 * name created, the rows inserted, their journeys queued for derivation).
 */
function recordStatement(workspaceId: string, request: DecisionRequest, answer: DecisionAnswer, rows: EventRow[]) {
  const callTypes = callTypesOf(rows).map((slug) => ({ slug, name: callTypeNameFromSlug(slug) }));
  return sql`
    with decision as (
      insert into runtime_decisions (workspace_id, point, contact_id, decision_id, journey, customer, answer)
      values (${workspaceId}, ${request.point}, ${request.contactId}, ${answer.decisionId}, ${answer.journey}, ${request.customer}, ${json(answer)})
      on conflict (workspace_id, point, contact_id) do nothing
      returning decision_id
    ),
    new_call_types as (
      insert into call_types (workspace_id, slug, name)
      select ${workspaceId}, x.slug, x.name from jsonb_to_recordset(${json(callTypes)}) as x(slug text, name text)
      where exists (select 1 from decision)
      on conflict (workspace_id, slug) do nothing
    ),
    inserted as (
      insert into events (${sql.raw(COPY_COLUMNS)})
      select ${workspaceId}, x.id, x.type, x."occurredAt", x.customer, x.journey, x.point, x.channel, x."callType", x.attributes, x.utterance
      from jsonb_to_recordset(${json(rows)}) as x(
        id text, type text, "occurredAt" timestamptz, customer text, journey text,
        point text, channel text, "callType" text, attributes jsonb, utterance text)
      where exists (select 1 from decision)
      on conflict (workspace_id, id) do nothing
      returning journey
    ),
    queued as (
      insert into derive_queue (workspace_id, journeys, call_ids, call_customers, call_times, call_types, size)
      select ${workspaceId}, array_agg(distinct i.journey), '{}', '{}', '{}', '{}', count(distinct i.journey)
      from inserted i having count(*) > 0
    )
    select exists (select 1 from decision) as inserted, (select count(*)::int from inserted) as events`;
}

/** The published escalation rules and the time zone their business hours are read in; null for no such workspace. */
export async function publishedEscalationRules(db: Db, workspaceId: string): Promise<{ rules: StoredRule[]; timeZone: string } | null> {
  const state = await runtimeState(db, workspaceId);
  if (!state) return null;
  const { rules } = await publishedConfiguration(db, workspaceId, state.revision);
  return { rules, timeZone: state.timeZone };
}

/** postgres.js and Node socket codes that mean the server could not be reached or went away. */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // SQLSTATE: the server is shutting down, cannot take another connection, or cancelled the query.
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "57014",
]);

/**
 * The code that says a database error is the database's absence rather than a fault of ours
 * (a connection refused, reset or timed out; an SQLSTATE of class 08, connection exception), or
 * null. Drizzle wraps driver errors: the causes are searched too.
 */
export function unreachableCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return code;
    if (current instanceof AggregateError) {
      const inner = current.errors.map(unreachableCode).find((found) => found !== null);
      if (inner) return inner;
    }
    if (current instanceof Error && /connection to PostgreSQL timed out/.test(current.message)) return "CONNECT_TIMEOUT";
  }
  return null;
}
