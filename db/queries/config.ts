import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, queryRows } from "@/db";
import { configItems, configVersions } from "@/db/schema-config";
import { workspaces } from "@/db/schema";
import { keyConflictProblems, safetyValveProblems, type StoredFields, withChange } from "@/lib/config/checks";
import { sameJson } from "@/lib/config/diff";
import { type ConfigProblem, conflictError, invalidError, notFoundError } from "@/lib/config/errors";
import { type ConfigFieldsByKind, type ConfigKind, KIND_INFO, orderedFields } from "@/lib/config/kinds";
import { escalationRuleSchema, type EscalationRuleFields, ivrOfferSchema, type IvrOfferFields, LIMITS, smsTemplateSchema } from "@/lib/config/schemas";
import { orderRules } from "@/lib/config/escalation";
import { newPriorities } from "@/lib/config/reorder";
import type { ConfigRecord, ConfigVersionRecord } from "@/lib/config/view";
import { type Actor, recordAudit } from "./audit";

/*
 * Configuration items and their versions (docs/adr/005). Every function takes the workspace id and
 * puts it in every WHERE: an id from another workspace is simply not found. Every write runs in one
 * transaction that first locks the workspace's configuration (docs/adr/006), so checks that span
 * several items (DTMF keys, the escalation safety valve) see no concurrent change, and writes one
 * audit entry per change.
 */

type Fields<K extends ConfigKind> = ConfigFieldsByKind[K];
type Tx = Db;

const latest = alias(configVersions, "latest");
const live = alias(configVersions, "live");

function selectRecords(db: Db) {
  return db
    .select({
      id: configItems.id,
      kind: configItems.kind,
      version: configItems.latestVersion,
      publishedVersion: configItems.publishedVersion,
      createdAt: configItems.createdAt,
      updatedAt: configItems.updatedAt,
      updatedBy: configItems.updatedBy,
      fields: latest.data,
      published: live.data,
    })
    .from(configItems)
    .innerJoin(
      latest,
      and(eq(latest.workspaceId, configItems.workspaceId), eq(latest.itemId, configItems.id), eq(latest.version, configItems.latestVersion)),
    )
    .leftJoin(
      live,
      and(eq(live.workspaceId, configItems.workspaceId), eq(live.itemId, configItems.id), eq(live.version, configItems.publishedVersion)),
    );
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof selectRecords>["execute"]>>[number];

function toRecord<K extends ConfigKind>(row: RecordRow): ConfigRecord<K> {
  return {
    id: row.id,
    kind: row.kind as K,
    version: row.version,
    publishedVersion: row.publishedVersion,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    updatedBy: row.updatedBy,
    fields: orderedFields(row.kind, row.fields) as Fields<K>,
    published: row.published ? (orderedFields(row.kind, row.published) as Fields<K>) : null,
  };
}

/** Every item of a kind; escalation rules in evaluation order of their latest versions, the others by name. */
export async function listConfigItems<K extends ConfigKind>(db: Db, workspaceId: string, kind: K): Promise<ConfigRecord<K>[]> {
  const rows = await selectRecords(db)
    .where(and(eq(configItems.workspaceId, workspaceId), eq(configItems.kind, kind)))
    .orderBy(asc(configItems.createdAt), asc(configItems.id));
  const records = rows.map((row) => toRecord<K>(row));
  if (kind === "escalation_rule") {
    const ordered = orderRules(records.map((record) => ({ ...(record.fields as EscalationRuleFields), id: record.id, record })));
    return ordered.map((rule) => rule.record);
  }
  return records.sort((a, b) => compareText((a.fields as { name: string }).name, (b.fields as { name: string }).name));
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, "en", { sensitivity: "base" }) || (a < b ? -1 : a > b ? 1 : 0);
}

export async function getConfigItem<K extends ConfigKind>(db: Db, workspaceId: string, kind: K, id: string): Promise<ConfigRecord<K> | null> {
  if (!isPlausibleId(id)) return null;
  const [row] = await selectRecords(db).where(
    and(eq(configItems.workspaceId, workspaceId), eq(configItems.kind, kind), eq(configItems.id, id)),
  );
  return row ? toRecord<K>(row) : null;
}

function isPlausibleId(id: string): boolean {
  return typeof id === "string" && id.length > 0 && id.length <= LIMITS.id;
}

/** Every saved version of an item, newest first; null when the item is not in this workspace. */
export async function listConfigVersions<K extends ConfigKind>(
  db: Db,
  workspaceId: string,
  kind: K,
  id: string,
): Promise<{ item: ConfigRecord<K>; versions: ConfigVersionRecord<K>[] } | null> {
  const item = await getConfigItem(db, workspaceId, kind, id);
  if (!item) return null;
  const rows = await db
    .select()
    .from(configVersions)
    .where(and(eq(configVersions.workspaceId, workspaceId), eq(configVersions.itemId, id)))
    .orderBy(desc(configVersions.version));
  return {
    item,
    versions: rows.map((row) => ({
      version: row.version,
      createdAt: new Date(row.createdAt),
      createdBy: row.createdBy,
      fields: orderedFields(kind, row.data) as Fields<K>,
    })),
  };
}

export async function workspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.timeZone ?? "UTC";
}

// ——— Writes ———

/**
 * Serializes configuration writes per workspace: the workspace row is locked until the
 * transaction ends. FOR NO KEY UPDATE does not block inserts that reference the workspace (they
 * take FOR KEY SHARE), so event ingestion is never held up by an editor.
 */
async function lockConfiguration(tx: Tx, workspaceId: string): Promise<void> {
  const rows = await queryRows<{ id: string }>(tx, sql`select id from workspaces where id = ${workspaceId} for no key update`);
  if (rows.length === 0) throw notFoundError("workspace");
}

async function transaction<T>(db: Db, workspaceId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await lockConfiguration(tx as unknown as Tx, workspaceId);
    return work(tx as unknown as Tx);
  });
}

async function loadItem<K extends ConfigKind>(tx: Tx, workspaceId: string, kind: K, id: string): Promise<ConfigRecord<K>> {
  const item = await getConfigItem(tx, workspaceId, kind, id);
  if (!item) throw notFoundError(KIND_INFO[kind].label);
  return item;
}

async function loadVersion<K extends ConfigKind>(tx: Tx, workspaceId: string, kind: K, id: string, version: number): Promise<ConfigVersionRecord<K> | null> {
  const [row] = await tx
    .select()
    .from(configVersions)
    .where(and(eq(configVersions.workspaceId, workspaceId), eq(configVersions.itemId, id), eq(configVersions.version, version)));
  return row ? { version: row.version, createdAt: new Date(row.createdAt), createdBy: row.createdBy, fields: orderedFields(kind, row.data) as Fields<K> } : null;
}

function actorColumns(actor: Actor) {
  return { type: actor.type, id: actor.id, label: actor.label };
}

async function insertVersion(tx: Tx, workspaceId: string, itemId: string, version: number, fields: unknown, actor: Actor) {
  const who = actorColumns(actor);
  await tx.insert(configVersions).values({
    workspaceId,
    itemId,
    version,
    data: fields as Record<string, unknown>,
    createdByType: who.type,
    createdById: who.id,
    createdBy: who.label,
  });
}

/** The published fields of every item of a kind, as `StoredFields` for the cross-item checks. */
async function liveItems<K extends ConfigKind>(tx: Tx, workspaceId: string, kind: K): Promise<StoredFields<Fields<K>>[]> {
  const records = await listConfigItems(tx, workspaceId, kind);
  return records.filter((record) => record.published !== null).map((record) => ({ id: record.id, fields: record.published! }));
}

/** An offer may only name a published SMS template of its own workspace. */
async function templateProblems(tx: Tx, workspaceId: string, offer: IvrOfferFields): Promise<ConfigProblem[]> {
  const template = await getConfigItem(tx, workspaceId, "sms_template", offer.smsTemplateId);
  if (!template) return [{ path: "smsTemplateId", message: "There is no SMS template with this id in this workspace." }];
  if (template.publishedVersion === null) {
    return [{ path: "smsTemplateId", message: `The SMS template "${template.fields.name}" has never been published. Publish it first, then link it.` }];
  }
  return [];
}

/** Refuses fields that could not be published with their item's siblings (422). */
async function checkCanGoLive<K extends ConfigKind>(tx: Tx, workspaceId: string, kind: K, id: string, fields: Fields<K> | null, action: string) {
  const problems: ConfigProblem[] = [];
  if (kind === "ivr_offer" && fields) {
    const offer = fields as IvrOfferFields;
    problems.push(...(await templateProblems(tx, workspaceId, offer)));
    problems.push(...keyConflictProblems(withChange(await liveItems(tx, workspaceId, "ivr_offer"), id, offer), id));
  }
  if (kind === "escalation_rule") {
    const rules = withChange(await liveItems(tx, workspaceId, "escalation_rule"), id, fields as EscalationRuleFields | null);
    problems.push(...safetyValveProblems(rules));
  }
  if (problems.length > 0) throw invalidError(`This ${KIND_INFO[kind].label} cannot be ${action}: ${problems[0].message}`, problems);
}

/**
 * What is published changed (a publish, roll back, enable, disable or delete): the workspace's
 * config_revision moves, and every process's runtime decisions reload their cached configuration
 * on their next decision (db/queries/runtime.ts, docs/adr/024). Drafts leave it alone.
 */
async function bumpConfigRevision(tx: Tx, workspaceId: string): Promise<void> {
  await tx.update(workspaces).set({ configRevision: sql`${workspaces.configRevision} + 1` }).where(eq(workspaces.id, workspaceId));
}

async function touchItem(tx: Tx, workspaceId: string, id: string, actor: Actor, changes: { latestVersion?: number; publishedVersion?: number }, expectedLatest?: number) {
  if (changes.publishedVersion !== undefined) await bumpConfigRevision(tx, workspaceId);
  const who = actorColumns(actor);
  const updated = await tx
    .update(configItems)
    .set({ ...changes, updatedAt: new Date(), updatedByType: who.type, updatedById: who.id, updatedBy: who.label })
    .where(
      and(
        eq(configItems.workspaceId, workspaceId),
        eq(configItems.id, id),
        expectedLatest === undefined ? undefined : eq(configItems.latestVersion, expectedLatest),
      ),
    )
    .returning({ id: configItems.id });
  // The workspace lock already serializes writers; this is the last line of defence against a lost update.
  if (updated.length !== 1) throw new Error(`Configuration item ${id} changed during the transaction`);
}

export interface CreateOptions {
  /** Publish version 1 at once (the default escalation rule, the demo seed). One audit entry either way. */
  publish?: boolean;
}

async function insertItem<K extends ConfigKind>(tx: Tx, workspaceId: string, kind: K, fields: Fields<K>, actor: Actor, options: CreateOptions = {}) {
  if (kind === "ivr_offer") {
    const problems = await templateProblems(tx, workspaceId, fields as IvrOfferFields);
    if (problems.length > 0) throw invalidError(problems[0].message, problems);
  }
  const id = randomUUID();
  if (options.publish) await checkCanGoLive(tx, workspaceId, kind, id, fields, "published");
  const who = actorColumns(actor);
  await tx.insert(configItems).values({
    workspaceId,
    id,
    kind,
    latestVersion: 1,
    publishedVersion: options.publish ? 1 : null,
    updatedByType: who.type,
    updatedById: who.id,
    updatedBy: who.label,
  });
  await insertVersion(tx, workspaceId, id, 1, fields, actor);
  if (options.publish) await bumpConfigRevision(tx, workspaceId);
  await recordAudit(tx, workspaceId, actor, {
    action: "create",
    entityType: kind,
    entityId: id,
    after: { version: 1, publishedVersion: options.publish ? 1 : null, ...fields },
  });
  return loadItem(tx, workspaceId, kind, id);
}

/** `POST`: a new item whose version 1 is a draft. */
export async function createConfigItem<K extends ConfigKind>(
  db: Db,
  workspaceId: string,
  kind: K,
  fields: Fields<K>,
  actor: Actor,
  options: CreateOptions = {},
): Promise<ConfigRecord<K>> {
  return transaction(db, workspaceId, (tx) => insertItem(tx, workspaceId, kind, fields, actor, options));
}

/** DESIGN.md: every new workspace starts with one published catch-all rule, `live_agent` to queue `default`. */
export const DEFAULT_ESCALATION_RULE: EscalationRuleFields = {
  name: "Everyone else: talk to a person",
  priority: 1000,
  enabled: true,
  conditions: {},
  action: { type: "live_agent", queue: "default" },
};

/** Runs inside the transaction that creates the workspace. */
export async function createDefaultEscalationRule(tx: Db, workspaceId: string, actor: Actor): Promise<void> {
  await insertItem(tx, workspaceId, "escalation_rule", DEFAULT_ESCALATION_RULE, actor, { publish: true });
}

/**
 * `PUT`: saves `fields` as a new draft version on top of `expectedVersion`. A stale version is a
 * conflict that names who saved the newer one, and changes nothing. Saving fields identical to
 * the latest version changes nothing either (no version, no audit entry).
 */
export async function updateConfigItem<K extends ConfigKind>(
  db: Db,
  workspaceId: string,
  kind: K,
  id: string,
  expectedVersion: number,
  fields: Fields<K>,
  actor: Actor,
): Promise<ConfigRecord<K>> {
  return transaction(db, workspaceId, async (tx) => {
    const item = await loadItem(tx, workspaceId, kind, id);
    if (item.version !== expectedVersion) {
      const newest = await loadVersion(tx, workspaceId, kind, id, item.version);
      throw conflictError(KIND_INFO[kind].label, expectedVersion, {
        currentVersion: item.version,
        updatedBy: newest?.createdBy ?? item.updatedBy,
        updatedAt: (newest?.createdAt ?? item.updatedAt).toISOString(),
      });
    }
    if (sameJson(item.fields, fields)) return item;
    if (kind === "ivr_offer") {
      const problems = await templateProblems(tx, workspaceId, fields as IvrOfferFields);
      if (problems.length > 0) throw invalidError(problems[0].message, problems);
    }
    const version = item.version + 1;
    await insertVersion(tx, workspaceId, id, version, fields, actor);
    await touchItem(tx, workspaceId, id, actor, { latestVersion: version }, item.version);
    await recordAudit(tx, workspaceId, actor, {
      action: "update",
      entityType: kind,
      entityId: id,
      before: { version: item.version, ...item.fields },
      after: { version, ...fields },
    });
    return loadItem(tx, workspaceId, kind, id);
  });
}

/**
 * `POST …/publish`: makes the named version (default: the latest) live. Publishing a version
 * older than the live one is a roll back. Refused (422) when the result would break a rule that
 * spans items. Publishing the version that is already live changes nothing.
 */
export async function publishConfigItem<K extends ConfigKind>(
  db: Db,
  workspaceId: string,
  kind: K,
  id: string,
  version: number | undefined,
  actor: Actor,
): Promise<ConfigRecord<K>> {
  return transaction(db, workspaceId, async (tx) => {
    const item = await loadItem(tx, workspaceId, kind, id);
    const target = version ?? item.version;
    if (target === item.publishedVersion) return item;
    const chosen = await loadVersion(tx, workspaceId, kind, id, target);
    if (!chosen) {
      throw invalidError(`There is no version ${target} of this ${KIND_INFO[kind].label}; the latest is ${item.version}.`, [
        { path: "version", message: `Choose a version from 1 to ${item.version}` },
      ]);
    }
    await checkCanGoLive(tx, workspaceId, kind, id, chosen.fields, "published");
    await touchItem(tx, workspaceId, id, actor, { publishedVersion: target });
    const rollingBack = item.publishedVersion !== null && target < item.publishedVersion;
    await recordAudit(tx, workspaceId, actor, {
      action: rollingBack ? "rollback" : "publish",
      entityType: kind,
      entityId: id,
      before: item.published ? { publishedVersion: item.publishedVersion, ...item.published } : null,
      after: { publishedVersion: target, ...chosen.fields },
    });
    return loadItem(tx, workspaceId, kind, id);
  });
}

/**
 * Publishes the latest version of every item of a kind that has unpublished changes, checked as
 * one change: reordering escalation rules touches several rules, and publishing them one by one
 * could pass through an order that breaks the safety valve. One audit entry per item published.
 */
export async function publishAllDrafts<K extends ConfigKind>(db: Db, workspaceId: string, kind: K, actor: Actor): Promise<number> {
  return transaction(db, workspaceId, async (tx) => {
    const items = await listConfigItems(tx, workspaceId, kind);
    const drafts = items.filter((item) => item.publishedVersion !== item.version);
    if (drafts.length === 0) return 0;
    const after = items.filter((item) => item.publishedVersion !== null || drafts.includes(item));
    const problems: ConfigProblem[] = [];
    if (kind === "escalation_rule") {
      problems.push(...safetyValveProblems(after.map((item) => ({ id: item.id, fields: item.fields as EscalationRuleFields }))));
    }
    if (kind === "ivr_offer") {
      const offers = after.map((item) => ({ id: item.id, fields: (drafts.includes(item) ? item.fields : item.published) as IvrOfferFields }));
      for (const draft of drafts) {
        problems.push(...(await templateProblems(tx, workspaceId, draft.fields as IvrOfferFields)));
        problems.push(...keyConflictProblems(offers, draft.id));
      }
    }
    if (problems.length > 0) throw invalidError(`Nothing was published: ${problems[0].message}`, problems);
    for (const draft of drafts) {
      await touchItem(tx, workspaceId, draft.id, actor, { publishedVersion: draft.version });
      await recordAudit(tx, workspaceId, actor, {
        action: "publish",
        entityType: kind,
        entityId: draft.id,
        before: draft.published ? { publishedVersion: draft.publishedVersion, ...draft.published } : null,
        after: { publishedVersion: draft.version, ...draft.fields },
      });
    }
    return drafts.length;
  });
}

/**
 * Switches an offer or rule on or off *live*: a new version, made from the live one (never from
 * an unpublished draft, which stays in the history), published at once. An item never published
 * only gets a new draft. `expectedVersion` guards against acting on a stale screen.
 */
export async function setConfigItemEnabled<K extends "ivr_offer" | "escalation_rule">(
  db: Db,
  workspaceId: string,
  kind: K,
  id: string,
  enabled: boolean,
  expectedVersion: number,
  actor: Actor,
): Promise<ConfigRecord<K>> {
  return transaction(db, workspaceId, async (tx) => {
    const item = await loadItem(tx, workspaceId, kind, id);
    if (item.version !== expectedVersion) {
      throw conflictError(KIND_INFO[kind].label, expectedVersion, {
        currentVersion: item.version,
        updatedBy: item.updatedBy,
        updatedAt: item.updatedAt.toISOString(),
      });
    }
    const base = item.published ?? item.fields;
    if (base.enabled === enabled) return item;
    const fields = { ...base, enabled } as Fields<K>;
    const publish = item.published !== null;
    if (publish) await checkCanGoLive(tx, workspaceId, kind, id, fields, enabled ? "enabled" : "disabled");
    const version = item.version + 1;
    await insertVersion(tx, workspaceId, id, version, fields, actor);
    await touchItem(tx, workspaceId, id, actor, publish ? { latestVersion: version, publishedVersion: version } : { latestVersion: version }, item.version);
    await recordAudit(tx, workspaceId, actor, {
      action: enabled ? "enable" : "disable",
      entityType: kind,
      entityId: id,
      before: { version: item.version, publishedVersion: item.publishedVersion, ...base },
      after: { version, publishedVersion: publish ? version : item.publishedVersion, ...fields },
    });
    return loadItem(tx, workspaceId, kind, id);
  });
}

/**
 * `DELETE`: removes an item with its versions (the audit log keeps what it was). Refused when an
 * offer still links the template, or when the escalation rules left could not reach a person.
 */
export async function deleteConfigItem(db: Db, workspaceId: string, kind: ConfigKind, id: string, actor: Actor): Promise<void> {
  await transaction(db, workspaceId, async (tx) => {
    const item = await loadItem(tx, workspaceId, kind, id);
    if (kind === "sms_template") {
      const offers = await listConfigItems(tx, workspaceId, "ivr_offer");
      const linked = offers.filter((offer) => offer.fields.smsTemplateId === id || offer.published?.smsTemplateId === id);
      if (linked.length > 0) {
        const names = linked.map((offer) => `"${offer.fields.name}"`).join(", ");
        throw invalidError(`This SMS template cannot be deleted: the IVR offer${linked.length > 1 ? "s" : ""} ${names} link${linked.length > 1 ? "" : "s"} to it. Link them to another template first.`, [
          { path: "", message: `Linked from ${names}` },
        ]);
      }
    }
    if (item.published !== null) await checkCanGoLive(tx, workspaceId, kind, id, null, "deleted");
    await tx.delete(configItems).where(and(eq(configItems.workspaceId, workspaceId), eq(configItems.id, id), eq(configItems.kind, kind)));
    if (item.published !== null) await bumpConfigRevision(tx, workspaceId);
    await recordAudit(tx, workspaceId, actor, {
      action: "delete",
      entityType: kind,
      entityId: id,
      before: { version: item.version, publishedVersion: item.publishedVersion, ...item.fields },
    });
  });
}

/** A copy of an item's latest version as a new draft named "… (copy)". */
export async function duplicateConfigItem<K extends ConfigKind>(db: Db, workspaceId: string, kind: K, id: string, actor: Actor): Promise<ConfigRecord<K>> {
  return transaction(db, workspaceId, async (tx) => {
    const item = await loadItem(tx, workspaceId, kind, id);
    const suffix = " (copy)";
    const name = item.fields.name.slice(0, LIMITS.name - suffix.length) + suffix;
    return insertItem(tx, workspaceId, kind, { ...item.fields, name } as Fields<K>, actor);
  });
}

export type MoveDirection = "up" | "down";

/**
 * Moves an escalation rule one place up or down in evaluation order by saving new draft versions
 * of the rules whose priority changes (usually two: they swap priorities). Equal priorities are
 * spread out first, so the order is never left to names. The drafts go live when published.
 */
export async function moveEscalationRule(db: Db, workspaceId: string, id: string, direction: MoveDirection, actor: Actor): Promise<number> {
  return transaction(db, workspaceId, async (tx) => {
    const rules = await listConfigItems(tx, workspaceId, "escalation_rule");
    const index = rules.findIndex((rule) => rule.id === id);
    if (index < 0) throw notFoundError(KIND_INFO.escalation_rule.label);
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= rules.length) return 0;
    const order = [...rules];
    [order[index], order[other]] = [order[other], order[index]];
    const priorities = newPriorities(order.map((rule) => rule.fields.priority));
    let changed = 0;
    for (const [position, rule] of order.entries()) {
      const priority = priorities[position];
      if (priority === rule.fields.priority) continue;
      const fields = { ...rule.fields, priority };
      const version = rule.version + 1;
      await insertVersion(tx, workspaceId, rule.id, version, fields, actor);
      await touchItem(tx, workspaceId, rule.id, actor, { latestVersion: version }, rule.version);
      await recordAudit(tx, workspaceId, actor, {
        action: "update",
        entityType: "escalation_rule",
        entityId: rule.id,
        before: { version: rule.version, ...rule.fields },
        after: { version, ...fields },
      });
      changed++;
    }
    return changed;
  });
}


/**
 * The demo workspace's configuration (lib/config/demo.ts), validated by the API's schemas and
 * written through the same functions, so its history and audit entries look like real ones.
 */
export async function seedDemoConfiguration(db: Db, workspaceId: string, actor: Actor): Promise<void> {
  // Loaded here only: the demo configuration pulls in the demo call types, which nothing else on this path needs.
  const { DEMO_ESCALATION_RULES, DEMO_POST_CALL_DRAFT, DEMO_TEMPLATES, demoOffers } = await import("@/lib/config/demo");
  const published = { publish: true };
  const template = async (fields: unknown) => (await createConfigItem(db, workspaceId, "sms_template", smsTemplateSchema.parse(fields), actor, published)).id;
  const ids = { ivr: await template(DEMO_TEMPLATES.ivr), inQueue: await template(DEMO_TEMPLATES.inQueue), postCall: await template(DEMO_TEMPLATES.postCall) };
  await updateConfigItem(db, workspaceId, "sms_template", ids.postCall, 1, smsTemplateSchema.parse(DEMO_POST_CALL_DRAFT), actor);
  for (const offer of demoOffers(ids)) await createConfigItem(db, workspaceId, "ivr_offer", ivrOfferSchema.parse(offer), actor, published);
  for (const rule of DEMO_ESCALATION_RULES) await createConfigItem(db, workspaceId, "escalation_rule", escalationRuleSchema.parse(rule), actor, published);
}
