import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db";
import { chatLinks, messages, optOuts, runtimeDecisions, workspaces } from "@/db/schema";
import { maskPhone } from "@/lib/customers/phone-key";
import type { InterventionPoint } from "@/lib/domain";
import { isoUtc } from "@/lib/domain/time";
import { type EventInput, eventSchema, toStoredEvent } from "@/lib/events/schema";
import { env } from "@/lib/env";
import { errorForLog } from "@/lib/log";
import { openNumber, sealNumber } from "@/lib/telephony/held-number";
import { CHAT_LINK_PLACEHOLDER, chatLinkUrl, composeMessage, messageCost, type MessageValues, withChatLink } from "@/lib/telephony/message";
import { type QuietHours, sendTiming } from "@/lib/telephony/quiet-hours";
import { DEFAULT_TWILIO_API_BASE, outboxProvider, type SendOutcome, type SmsProvider, twilioProvider } from "@/lib/telephony/sms-provider";
import type { SmsProviderName } from "@/lib/telephony/settings";
import { scheduleDerivation } from "./background";
import { getConfigItem } from "./config";
import { ingestEvents } from "./events";

/*
 * Messaging at run time (DESIGN.md "Telephony and messaging", docs/adr/025): the SMS a key press or
 * an unrequested send asks for, held for quiet hours or sent through the workspace's provider;
 * the single-use chat links they carry; opt-outs; and the events all of it records, stored
 * through the same ingest as the API's (validated by the event schema, then ingestEvents).
 *
 * Phone numbers pass through here and are never stored or logged: a message keeps the number
 * masked, and sealed (lib/telephony/held-number.ts) only while it is held.
 */

/** What the runtime needs of a workspace, secrets included. Never returned by any API. */
export interface TelephonyConfig {
  workspaceId: string;
  company: string;
  timeZone: string;
  customerKeySecret: string;
  chatTokenSecret: string;
  smsProvider: SmsProviderName;
  publicUrl: string | null;
  chatUrl: string | null;
  twilioAccountSid: string | null;
  twilioAuthToken: string | null;
  smsFrom: string | null;
  quietHours: QuietHours | null;
  fallbackUrl: string | null;
  smsCostPerSegment: number;
}

export async function telephonyConfig(db: Db, workspaceId: string): Promise<TelephonyConfig | null> {
  const [row] = await db
    .select({
      company: workspaces.name,
      timeZone: workspaces.timeZone,
      customerKeySecret: workspaces.customerKeySecret,
      chatTokenSecret: workspaces.chatTokenSecret,
      smsProvider: workspaces.smsProvider,
      publicUrl: workspaces.publicUrl,
      chatUrl: workspaces.chatUrl,
      twilioAccountSid: workspaces.twilioAccountSid,
      twilioAuthToken: workspaces.twilioAuthToken,
      smsFrom: workspaces.smsFrom,
      quietHours: workspaces.quietHours,
      fallbackUrl: workspaces.fallbackUrl,
      smsCostPerSegment: workspaces.smsCostPerSegment,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row ? { workspaceId, ...row, smsCostPerSegment: Number(row.smsCostPerSegment) } : null;
}

/** The provider a workspace sends with; null when it chose Twilio but has not said how to reach it. */
export function providerOf(config: TelephonyConfig): SmsProvider | null {
  if (config.smsProvider === "outbox") return outboxProvider;
  if (!config.twilioAccountSid || !config.twilioAuthToken || !config.smsFrom) return null;
  return twilioProvider({ accountSid: config.twilioAccountSid, authToken: config.twilioAuthToken, baseUrl: env().TWILIO_API_BASE ?? DEFAULT_TWILIO_API_BASE });
}

// Events ---------------------------------------------------------------------------------------

/**
 * Stores the runtime's events exactly as `POST /api/v1/events` stores a batch: each validated by the
 * event schema, then ingestEvents (ids make them idempotent), then the derivation is scheduled.
 * `now` is the runtime's clock for "not more than 1 hour in the future" when it runs ahead (tests).
 */
export async function recordEvents(db: Db, workspaceId: string, batch: EventInput[], now: Date = new Date()): Promise<number> {
  const schema = eventSchema(() => Math.max(Date.now(), now.getTime()));
  const stored = batch.map((event) => toStoredEvent(schema.parse(event)));
  const { accepted } = await ingestEvents(db, workspaceId, stored);
  if (accepted > 0) scheduleDerivation(db, workspaceId);
  return accepted;
}

const at = (now: Date) => isoUtc(now.getTime());

// Opt-outs -------------------------------------------------------------------------------------

export type OptOutSource = "sms_keyword" | "provider_unsubscribed";

export async function isOptedOut(db: Db, workspaceId: string, customer: string): Promise<boolean> {
  const [row] = await db
    .select({ customer: optOuts.customer })
    .from(optOuts)
    .where(and(eq(optOuts.workspaceId, workspaceId), eq(optOuts.customer, customer)));
  return row !== undefined;
}

/** Opts a customer out (again: the first date stands). Every later decision and send honours it. */
export async function optOut(db: Db, workspaceId: string, entry: { customer: string; maskedPhone: string; source: OptOutSource; now: Date }): Promise<void> {
  await db
    .insert(optOuts)
    .values({ workspaceId, customer: entry.customer, source: entry.source, maskedPhone: entry.maskedPhone, optedOutAt: entry.now })
    .onConflictDoNothing();
}

export async function optIn(db: Db, workspaceId: string, customer: string): Promise<boolean> {
  const removed = await db.delete(optOuts).where(and(eq(optOuts.workspaceId, workspaceId), eq(optOuts.customer, customer))).returning({ customer: optOuts.customer });
  return removed.length > 0;
}

export async function listOptOuts(db: Db, workspaceId: string, limit = 500) {
  return db
    .select({ customer: optOuts.customer, maskedPhone: optOuts.maskedPhone, source: optOuts.source, optedOutAt: optOuts.optedOutAt })
    .from(optOuts)
    .where(eq(optOuts.workspaceId, workspaceId))
    .orderBy(desc(optOuts.optedOutAt), optOuts.customer)
    .limit(limit);
}

// Decisions ------------------------------------------------------------------------------------

/** A stored runtime decision (db/queries/runtime.ts writes them), by its id. */
export async function findDecision(db: Db, workspaceId: string, decisionId: string) {
  const [row] = await db
    .select({
      decisionId: runtimeDecisions.decisionId,
      point: runtimeDecisions.point,
      contactId: runtimeDecisions.contactId,
      journey: runtimeDecisions.journey,
      customer: runtimeDecisions.customer,
      answer: runtimeDecisions.answer,
    })
    .from(runtimeDecisions)
    .where(and(eq(runtimeDecisions.workspaceId, workspaceId), eq(runtimeDecisions.decisionId, decisionId)));
  if (!row) return null;
  const answer = (typeof row.answer === "string" ? JSON.parse(row.answer) : row.answer) as Record<string, string>;
  return { ...row, point: row.point as InterventionPoint, answer };
}

// Messages -------------------------------------------------------------------------------------

export type MessageStatus = (typeof messages.$inferSelect)["status"];

export interface MessageRequest {
  point: InterventionPoint;
  journey: string;
  customer: string;
  /** E.164; used to send and to mask, never stored in plain text. */
  phone: string;
  /** Asked for with a key press: sent at once. Otherwise quiet hours apply. */
  requested: boolean;
  templateId: string;
  /** One message per cause: a retry of the same cause sends nothing more. */
  dedupeKey: string;
  values?: Omit<MessageValues, "company">;
  callType?: string;
}

export interface MessageResult {
  messageId: string;
  journey: string;
  status: MessageStatus;
  /** When a held message may leave. */
  holdUntil: Date | null;
  errorCode: string | null;
  /** False when this cause had a message already: nothing new was sent or stored. */
  fresh: boolean;
}

export interface SendOptions {
  now?: Date;
  /** The provider to use instead of the workspace's (tests). */
  provider?: SmsProvider | null;
}

/** How long a chat link works (DESIGN.md: 60 minutes). */
export const CHAT_LINK_TTL_MS = 60 * 60 * 1000;

/**
 * Composes the published template for one customer and sends it, holds it for quiet hours, or
 * refuses it (opted out, nothing to send with), recording the outcome as a message and its events.
 * Idempotent by `dedupeKey`.
 */
export async function sendMessage(db: Db, config: TelephonyConfig, request: MessageRequest, options: SendOptions = {}): Promise<MessageResult> {
  const now = options.now ?? new Date();
  const { workspaceId } = config;
  const existing = await messageByDedupeKey(db, workspaceId, request.dedupeKey);
  if (existing) return { ...existing, fresh: false };

  const template = await getConfigItem(db, workspaceId, "sms_template", request.templateId);
  const published = template?.published ?? null;
  const composed = published && config.publicUrl ? composeMessage(published.body, config.publicUrl, { company: config.company, ...request.values }) : null;
  const id = randomUUID();
  const base = {
    workspaceId,
    id,
    dedupeKey: request.dedupeKey,
    point: request.point,
    journey: request.journey,
    customer: request.customer,
    requested: request.requested,
    templateId: request.templateId,
    templateVersion: template?.publishedVersion ?? 0,
    body: composed?.body ?? "",
    encoding: composed?.encoding ?? ("GSM-7" as const),
    segments: composed?.segments ?? 0,
    cost: composed ? messageCost(composed.segments, config.smsCostPerSegment) : 0,
    maskedTo: maskPhone(request.phone),
    provider: config.smsProvider,
    createdAt: now,
    updatedAt: now,
  };

  const refusal = !composed ? (published ? "not_configured" : "template_unavailable") : (await isOptedOut(db, workspaceId, request.customer)) ? "opted_out" : null;
  if (refusal) {
    const inserted = await insertMessage(db, { ...base, status: refusal === "opted_out" ? "opted_out" : "failed", errorCode: refusal });
    if (!inserted) return replay(db, workspaceId, request.dedupeKey);
    await recordEvents(db, workspaceId, [smsEvent("sms.failed", id, request, now, { code: refusal })], now);
    return { messageId: id, journey: request.journey, status: refusal === "opted_out" ? "opted_out" : "failed", holdUntil: null, errorCode: refusal, fresh: true };
  }

  const timing = sendTiming({ requested: request.requested, quietHours: config.quietHours, timeZone: config.timeZone, now });
  if (timing.send === "hold") {
    const heldTo = sealNumber(config.customerKeySecret, request.phone, `${workspaceId}:${id}`);
    const inserted = await insertMessage(db, { ...base, status: "held", heldTo, holdUntil: timing.until });
    if (!inserted) return replay(db, workspaceId, request.dedupeKey);
    return { messageId: id, journey: request.journey, status: "held", holdUntil: timing.until, errorCode: null, fresh: true };
  }

  const inserted = await insertMessage(db, { ...base, status: "sending" });
  if (!inserted) return replay(db, workspaceId, request.dedupeKey);
  const outcome = await deliver(db, config, { ...base, callType: request.callType }, request.phone, now, options);
  return { messageId: id, journey: request.journey, holdUntil: null, ...outcome, fresh: true };
}

async function messageByDedupeKey(db: Db, workspaceId: string, dedupeKey: string) {
  const [row] = await db
    .select({ messageId: messages.id, journey: messages.journey, status: messages.status, holdUntil: messages.holdUntil, errorCode: messages.errorCode })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.dedupeKey, dedupeKey)));
  return row ?? null;
}

async function insertMessage(db: Db, row: typeof messages.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(messages).values(row).onConflictDoNothing().returning({ id: messages.id });
  return inserted.length > 0;
}

/** A concurrent request for the same cause won the insert: answer what it stored. */
async function replay(db: Db, workspaceId: string, dedupeKey: string): Promise<MessageResult> {
  return { ...(await messageByDedupeKey(db, workspaceId, dedupeKey))!, fresh: false };
}

interface Deliverable {
  workspaceId: string;
  id: string;
  point: string;
  journey: string;
  customer: string;
  requested: boolean;
  body: string;
  segments: number;
  encoding: string;
  callType?: string;
}

type JourneyFacts = Pick<Deliverable, "point" | "journey" | "customer" | "callType">;

function smsEvent(type: "sms.sent" | "sms.failed" | "sms.delivered", messageId: string, facts: JourneyFacts, now: Date, attributes: Record<string, unknown>): EventInput {
  return {
    id: `${messageId}:${type.slice(4)}`,
    type,
    occurredAt: at(now),
    customer: facts.customer,
    journey: facts.journey,
    point: facts.point as InterventionPoint,
    channel: "sms",
    callType: facts.callType,
    attributes: { messageId, ...attributes },
  };
}

/**
 * Sends a message that is `sending` now: its chat link is made (the hour it works starts now), the
 * provider is asked, and the outcome is stored with its events. An unrequested message is itself
 * the offer, so it records `offer.shown` when it leaves (a held message that is dropped offered
 * nothing).
 */
async function deliver(db: Db, config: TelephonyConfig, message: Deliverable, phone: string, now: Date, options: SendOptions): Promise<{ status: MessageStatus; errorCode: string | null }> {
  const provider = options.provider !== undefined ? options.provider : providerOf(config);
  let outcome: SendOutcome;
  if (!provider || !config.publicUrl) {
    outcome = { ok: false, code: "not_configured", optedOut: false };
  } else {
    const link = message.body.includes(CHAT_LINK_PLACEHOLDER) ? await createChatLink(db, message, now) : null;
    const text = link ? withChatLink(message.body, chatLinkUrl(config.publicUrl, link)) : message.body;
    outcome = await provider.send({
      to: phone,
      from: config.smsFrom ?? "",
      body: text,
      statusCallback: `${config.publicUrl}/api/runtime/twilio/${encodeURIComponent(config.workspaceId)}/sms-status?message=${message.id}`,
    });
  }
  const status: MessageStatus = outcome.ok ? (provider!.name === "outbox" ? "outbox" : "sent") : "failed";
  await db
    .update(messages)
    .set({
      status,
      providerSid: outcome.ok ? outcome.providerSid : null,
      errorCode: outcome.ok ? null : outcome.code,
      heldTo: null,
      sentAt: outcome.ok ? now : null,
      updatedAt: now,
    })
    .where(and(eq(messages.workspaceId, config.workspaceId), eq(messages.id, message.id)));
  if (!outcome.ok && outcome.optedOut) {
    await optOut(db, config.workspaceId, { customer: message.customer, maskedPhone: maskPhone(phone), source: "provider_unsubscribed", now });
  }
  const events: EventInput[] = [];
  if (outcome.ok && !message.requested) {
    events.push({
      id: `${message.id}:offer`,
      type: "offer.shown",
      occurredAt: at(now),
      customer: message.customer,
      journey: message.journey,
      point: message.point as InterventionPoint,
      channel: "sms",
      callType: message.callType,
      attributes: { messageId: message.id },
    });
  }
  events.push(
    outcome.ok
      ? smsEvent("sms.sent", message.id, message, now, { provider: provider!.name, segments: message.segments, encoding: message.encoding })
      : smsEvent("sms.failed", message.id, message, now, { code: outcome.code }),
  );
  await recordEvents(db, config.workspaceId, events, now);
  return { status, errorCode: outcome.ok ? null : outcome.code };
}

/**
 * Held messages whose quiet hours are over go now; those held 12 hours are dropped. Each is
 * claimed (status `sending`) before it is sent, so two processes never send one twice. Answers
 * how many were sent and dropped.
 */
export async function releaseHeldMessages(db: Db, now: Date = new Date(), options: Omit<SendOptions, "now"> & { workspaceId?: string } = {}) {
  const claimed = await queryRows<{ workspace_id: string; id: string }>(
    db,
    sql`update messages m set status = 'sending', updated_at = ${now.toISOString()}::timestamptz
        from (
          select workspace_id, id from messages
          where status = 'held' and hold_until <= ${now.toISOString()}::timestamptz
            ${options.workspaceId ? sql`and workspace_id = ${options.workspaceId}` : sql``}
          order by hold_until
          limit 100
          for update skip locked
        ) due
        where m.workspace_id = due.workspace_id and m.id = due.id
        returning m.workspace_id, m.id`,
  );
  const tally = { sent: 0, dropped: 0, held: 0, failed: 0 };
  const configs = new Map<string, TelephonyConfig | null>();
  for (const { workspace_id: workspaceId, id } of claimed) {
    if (!configs.has(workspaceId)) configs.set(workspaceId, await telephonyConfig(db, workspaceId));
    const config = configs.get(workspaceId)!;
    const [message] = await db.select().from(messages).where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id)));
    if (!config || !message) continue;
    const outcome = await releaseOne(db, config, message, now, options);
    tally[outcome]++;
  }
  return tally;
}

async function releaseOne(db: Db, config: TelephonyConfig, message: typeof messages.$inferSelect, now: Date, options: SendOptions): Promise<"sent" | "dropped" | "held" | "failed"> {
  const where = and(eq(messages.workspaceId, config.workspaceId), eq(messages.id, message.id));
  const timing = sendTiming({ requested: false, quietHours: config.quietHours, timeZone: config.timeZone, now, heldSince: new Date(message.createdAt) });
  if (timing.send === "drop") {
    await db.update(messages).set({ status: "dropped", heldTo: null, errorCode: "held_too_long", updatedAt: now }).where(where);
    return "dropped";
  }
  if (timing.send === "hold") {
    // The quiet hours moved since it was held: it waits for their new end.
    await db.update(messages).set({ status: "held", holdUntil: timing.until, updatedAt: now }).where(where);
    return "held";
  }
  const phone = message.heldTo ? openNumber(config.customerKeySecret, message.heldTo, `${config.workspaceId}:${message.id}`) : null;
  const refusal = !phone ? "number_unavailable" : (await isOptedOut(db, config.workspaceId, message.customer)) ? "opted_out" : null;
  if (refusal) {
    await db.update(messages).set({ status: refusal === "opted_out" ? "opted_out" : "failed", heldTo: null, errorCode: refusal, updatedAt: now }).where(where);
    await recordEvents(db, config.workspaceId, [smsEvent("sms.failed", message.id, message, now, { code: refusal })], now);
    return "failed";
  }
  const outcome = await deliver(db, config, message, phone!, now, options);
  return outcome.status === "failed" ? "failed" : "sent";
}

/** Twilio's delivery report for a message it was given: delivered or failed become events; the rest only say it is on its way. */
export async function recordDeliveryStatus(
  db: Db,
  workspaceId: string,
  report: { messageId: string; providerSid: string; status: string; errorCode?: string; now?: Date },
): Promise<"recorded" | "unknown_message"> {
  const now = report.now ?? new Date();
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, report.messageId), eq(messages.providerSid, report.providerSid)));
  if (!message) return "unknown_message";
  const where = and(eq(messages.workspaceId, workspaceId), eq(messages.id, message.id));
  if (report.status === "delivered") {
    await db.update(messages).set({ status: "delivered", updatedAt: now }).where(where);
    await recordEvents(db, workspaceId, [smsEvent("sms.delivered", message.id, message, now, {})], now);
  } else if (report.status === "failed" || report.status === "undelivered") {
    const code = report.errorCode ?? report.status;
    await db.update(messages).set({ status: "failed", errorCode: code, updatedAt: now }).where(where);
    await recordEvents(db, workspaceId, [smsEvent("sms.failed", message.id, message, now, { code })], now);
    if (code === "21610") await optOut(db, workspaceId, { customer: message.customer, maskedPhone: message.maskedTo, source: "provider_unsubscribed", now });
  }
  return "recorded";
}

/** The outbox, newest first; `before` is the last row of the previous page. */
export async function listMessages(db: Db, workspaceId: string, options: { limit?: number; before?: { createdAt: Date; id: string } } = {}) {
  return db
    .select({
      id: messages.id,
      point: messages.point,
      journey: messages.journey,
      requested: messages.requested,
      body: messages.body,
      encoding: messages.encoding,
      segments: messages.segments,
      cost: messages.cost,
      maskedTo: messages.maskedTo,
      provider: messages.provider,
      status: messages.status,
      errorCode: messages.errorCode,
      createdAt: messages.createdAt,
      holdUntil: messages.holdUntil,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        options.before ? sql`(${messages.createdAt}, ${messages.id}) < (${options.before.createdAt.toISOString()}::timestamptz, ${options.before.id})` : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(options.limit ?? 100);
}

/** How many messages of the workspace are in each status. */
export async function countMessagesByStatus(db: Db, workspaceId: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; count: number }>(db, sql`select status, count(*)::int as count from messages where workspace_id = ${workspaceId} group by status`);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

// Chat links -----------------------------------------------------------------------------------

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A link token: 128 random bits, base64url (22 characters). */
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

async function createChatLink(db: Db, message: Deliverable, now: Date): Promise<string> {
  const token = randomBytes(16).toString("base64url");
  await db.insert(chatLinks).values({
    workspaceId: message.workspaceId,
    id: randomUUID(),
    tokenHash: hashToken(token),
    messageId: message.id,
    journey: message.journey,
    customer: message.customer,
    point: message.point,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CHAT_LINK_TTL_MS),
  });
  return token;
}

export type LinkState = "valid" | "used" | "expired" | "unknown";

export interface LinkView {
  state: LinkState;
  company: string | null;
  chatUrl: string | null;
}

/** What a link's page shows; reading it consumes nothing (link previewers and scanners fetch links first). */
export async function peekChatLink(db: Db, token: string, now: Date = new Date()): Promise<LinkView> {
  if (!TOKEN.test(token)) return { state: "unknown", company: null, chatUrl: null };
  const [row] = await db
    .select({ usedAt: chatLinks.usedAt, expiresAt: chatLinks.expiresAt, company: workspaces.name, chatUrl: workspaces.chatUrl })
    .from(chatLinks)
    .innerJoin(workspaces, eq(workspaces.id, chatLinks.workspaceId))
    .where(eq(chatLinks.tokenHash, hashToken(token)));
  if (!row) return { state: "unknown", company: null, chatUrl: null };
  const state = row.usedAt ? "used" : new Date(row.expiresAt).getTime() <= now.getTime() ? "expired" : "valid";
  return { state, company: row.company, chatUrl: row.chatUrl };
}

export type ConsumedLink =
  | { state: "consumed"; journey: string; customer: string; chatUrl: string | null; chatTokenSecret: string; company: string }
  | (LinkView & { state: "used" | "expired" | "unknown" });

/**
 * Uses a link up: once, before it expires. The one UPDATE that marks it used is the check, so two
 * clicks at the same moment cannot both pass. Records `link.clicked` for its journey.
 */
export async function consumeChatLink(db: Db, token: string, now: Date = new Date()): Promise<ConsumedLink> {
  if (!TOKEN.test(token)) return { state: "unknown", company: null, chatUrl: null };
  const [used] = await db
    .update(chatLinks)
    .set({ usedAt: now })
    .where(and(eq(chatLinks.tokenHash, hashToken(token)), sql`${chatLinks.usedAt} is null`, sql`${chatLinks.expiresAt} > ${now.toISOString()}::timestamptz`))
    .returning();
  if (!used) {
    const view = await peekChatLink(db, token, now);
    return { ...view, state: view.state === "valid" ? "used" : view.state } as ConsumedLink;
  }
  const config = (await telephonyConfig(db, used.workspaceId))!;
  await recordEvents(db, used.workspaceId, [
    {
      id: `${used.id}:clicked`,
      type: "link.clicked",
      occurredAt: at(now),
      customer: used.customer,
      journey: used.journey,
      point: used.point as InterventionPoint,
      channel: "sms",
      attributes: { messageId: used.messageId },
    },
  ], now);
  return { state: "consumed", journey: used.journey, customer: used.customer, chatUrl: config.chatUrl, chatTokenSecret: config.chatTokenSecret, company: config.company };
}

// The sweeper ------------------------------------------------------------------------------------

const SWEEP_EVERY_MS = 60_000;
const sweeper = globalThis as unknown as { switchboardHeldSweeper?: NodeJS.Timeout };

/**
 * Releases held messages once a minute in the server process (started by lib/server-start.ts): a
 * message goes within a minute of its quiet hours' end, and a restart loses nothing, since what
 * is due is read from the table each time.
 */
export function startHeldMessageSweeper(getDb: () => Promise<Db>): void {
  if (sweeper.switchboardHeldSweeper) return;
  let running = false;
  sweeper.switchboardHeldSweeper = setInterval(() => {
    if (running) return;
    running = true;
    getDb()
      .then((db) => releaseHeldMessages(db))
      .catch((error) => console.error(`Releasing held messages failed (the next sweep retries): ${errorForLog(error)}`))
      .finally(() => {
        running = false;
      });
  }, SWEEP_EVERY_MS);
  sweeper.switchboardHeldSweeper.unref?.();
}
