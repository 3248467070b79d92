import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db";
import type { EscalationRuleFields, IvrOfferFields } from "@/lib/config/schemas";
import { answerInOrder, type DecisionAnswer, type DecisionRequest, decide, type PublishedOffer } from "@/lib/runtime/decide";
import type { StoredRule } from "@/lib/runtime/escalate";
import { ingestEvents } from "./events";

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
  /** Rolls the decision back instead of committing it when aborted before the commit. */
  signal?: AbortSignal;
}

/**
 * Decides for a request and stores the decision with its event in one transaction, before the
 * answer is given. Idempotent by (contactId, point): the same contact asked again, even at the
 * same moment, gets the stored answer and stores nothing (INSERT … ON CONFLICT DO NOTHING, then
 * read back). The event is stored exactly as ingest stores events (ingestEvents), so the
 * derivation picks it up like any other. Null when the workspace does not exist.
 */
export async function decideAndRecord(db: Db, workspaceId: string, request: DecisionRequest, options: DecideOptions = {}): Promise<RecordedDecision | null> {
  const state = await runtimeState(db, workspaceId, request.customer);
  if (!state) return null;
  const { offers } = await publishedConfiguration(db, workspaceId, state.revision);
  const decision = decide({ workspaceId, request, offers, timeZone: state.timeZone, optedOut: state.optedOut, newId: options.newId ?? randomUUID });
  const { answer } = decision;
  return db.transaction(async (tx) => {
    const inserted = await queryRows<{ decision_id: string }>(
      tx,
      sql`insert into runtime_decisions (workspace_id, point, contact_id, decision_id, journey, customer, answer)
          values (${workspaceId}, ${request.point}, ${request.contactId}, ${answer.decisionId}, ${answer.journey}, ${request.customer}, ${JSON.stringify(answer)}::jsonb)
          on conflict (workspace_id, point, contact_id) do nothing
          returning decision_id`,
    );
    if (inserted.length === 0) {
      const [stored] = await queryRows<{ answer: unknown }>(
        tx,
        sql`select answer from runtime_decisions where workspace_id = ${workspaceId} and point = ${request.point} and contact_id = ${request.contactId}`,
      );
      return { answer: answerInOrder(parsed<Record<string, unknown>>(stored.answer)), fresh: false, events: 0 };
    }
    const { accepted } = await ingestEvents(tx as unknown as Db, workspaceId, decision.events);
    if (options.signal?.aborted) throw new DecisionAbandonedError();
    return { answer, fresh: true, events: accepted };
  });
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
