import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  json,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { API_SCOPES, ROLES } from "@/lib/domain";

/*
 * Every business table's primary key and unique constraints start with workspace_id, so that the
 * tables can later be sharded by workspace (Citus) without a schema change. See docs/adr/001.
 */

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
};

export const roleEnum = pgEnum("role", ROLES);

/** One contact-center organization, with the settings every metric depends on. */
export const workspaces = pgTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull().default("UTC"),
  windowHours: integer("window_hours").notNull().default(72),
  currency: text("currency").notNull().default("USD"),
  phoneCost: numeric("phone_cost", { precision: 12, scale: 2, mode: "number" }).notNull().default(6),
  digitalCost: numeric("digital_cost", { precision: 12, scale: 2, mode: "number" }).notNull().default(0.75),
  resolutionTarget: numeric("resolution_target", { precision: 4, scale: 3, mode: "number" }).notNull().default(0.7),
  /** The time zone and window the daily rollups were built with; when settings differ, they are rebuilt. */
  rollupTimeZone: text("rollup_time_zone"),
  rollupWindowHours: integer("rollup_window_hours"),
  /**
   * Increases with every change to what is published (publish, roll back, enable, disable,
   * delete): runtime decisions compare it with their cached configuration (docs/adr/024).
   */
  configRevision: bigint("config_revision", { mode: "number" }).notNull().default(0),
  /**
   * Keys the HMAC that turns a phone number into the opaque `customer` key (p_ + 22 characters of
   * base64url HMAC-SHA256): the same caller is one customer in events, imports and the runtime, and
   * the number itself is never stored. Never shown or returned.
   */
  customerKeySecret: text("customer_key_secret")
    .notNull()
    .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
  /** Telephony and messaging (docs/adr/025): `outbox` keeps every message in the app, `twilio` sends it. */
  smsProvider: text("sms_provider").notNull().default("outbox").$type<"outbox" | "twilio">(),
  /** How providers reach the app (signatures are checked against it) and where a chat link leads. */
  publicUrl: text("public_url"),
  chatUrl: text("chat_url"),
  twilioAccountSid: text("twilio_account_sid"),
  /** Write-only: never shown or returned; audited as "set" or "not set". */
  twilioAuthToken: text("twilio_auth_token"),
  smsFrom: text("sms_from"),
  /** `{ start: "21:00", end: "08:00" }` in the workspace time zone; null: no quiet hours. */
  quietHours: jsonb("quiet_hours").$type<{ start: string; end: string }>(),
  /** TwiML to go on with when nothing is offered. */
  fallbackUrl: text("fallback_url"),
  /**
   * Keys the `sb_token` a chat link hands to the chat platform (HMAC-SHA256 of journey, customer and
   * expiry, docs/adr/025). Shown to admins on the settings page, to be set in the chat platform;
   * never returned by the API.
   */
  chatTokenSecret: text("chat_token_secret")
    .notNull()
    .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
  /** Costs of the digital path, for net savings (docs/adr/026); more precise than cents. */
  smsCostPerSegment: numeric("sms_cost_per_segment", { precision: 12, scale: 4, mode: "number" }).notNull().default(0.0079),
  botCostPerConversation: numeric("bot_cost_per_conversation", { precision: 12, scale: 4, mode: "number" }).notNull().default(0.1),
  ...timestamps,
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A person who signs in. Users are global; their access comes from memberships. */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** bcrypt hash; null for users who only sign in through the OIDC provider or have not accepted their invitation. */
    passwordHash: text("password_hash"),
    /**
     * Every session token carries the version it was issued at; signing out, setting a password
     * or losing a membership increases it, which ends every older session at its next request.
     */
    sessionVersion: integer("session_version").notNull().default(0),
    /** Set for an account that may not sign in (demo accounts when demo mode is turned off). */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

/** A user's one role in one workspace. */
export const memberships = pgTable(
  "memberships",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/**
 * A one-time link through which a person an admin added sets their own password. Only a SHA-256
 * of the token is kept; the link is shown once to the admin, expires, and works once.
 */
export const invitations = pgTable(
  "invitations",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdBy: text("created_by").notNull(),
    ...timestamps,
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), 
    uniqueIndex("invitations_token_key").on(t.workspaceId, t.tokenHash),
    index("invitations_token_idx").on(t.tokenHash),
    index("invitations_user_idx").on(t.userId),
  ],
);

/**
 * Failed sign-ins per account and per client address, in fixed windows, so that every process
 * of one database shares the limit (docs/adr/023). Not business data: no workspace.
 */
export const signInFailures = pgTable("sign_in_failures", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  failures: integer("failures").notNull(),
});

/** Machine credentials. Only a SHA-256 of the key is kept; the key is shown once. */
export const apiKeys = pgTable(
  "api_keys",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    /** The first characters of the key, shown in lists so that a key can be recognised. */
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    scopes: text("scopes").array().notNull().$type<(typeof API_SCOPES)[number][]>(),
    createdBy: text("created_by"),
    ...timestamps,
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("api_keys_hash_key").on(t.workspaceId, t.hash),
    index("api_keys_hash_idx").on(t.hash),
  ],
);

/** What a call is about. Created by the first event that names an unknown slug. */
export const callTypes = pgTable(
  "call_types",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** Overrides the workspace's phone cost for this call type. */
    phoneCost: numeric("phone_cost", { precision: 12, scale: 2, mode: "number" }),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.slug] })],
);

/**
 * Raw events, the only input of analytics. Append-only; `id` is the idempotency key. No foreign
 * key to workspaces: its check on every row cost more than the rest of the insert, and
 * `workspace_id` only ever comes from the authenticated principal (docs/adr/019).
 */
export const events = pgTable(
  "events",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    type: text("type").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "string" }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    customer: text("customer").notNull(),
    journey: text("journey"),
    point: text("point"),
    channel: text("channel"),
    callType: text("call_type"),
    attributes: jsonb("attributes").$type<Record<string, unknown>>(),
    /** chat.unresolved: attributes.utterance trimmed and lower-cased (lib/metrics/definitions.ts), for parity. */
    utterance: text("utterance"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("events_journey_idx").on(t.workspaceId, t.journey).where(sql`${t.journey} is not null`),
  ],
);

/**
 * One row per journey, derived from its events by the definitions of DESIGN.md and recomputed
 * from the raw events whenever one of them arrives (docs/adr/002). `nextCallAt` is the first
 * call.received of the journey's customer at or after `engagedAt`: the journey bounced when it is
 * earlier than endAt + the attribution window, whatever that window is set to.
 */
export const journeys = pgTable(
  "journeys",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    journey: text("journey").notNull(),
    point: text("point"),
    customer: text("customer").notNull(),
    callType: text("call_type"),
    channel: text("channel"),
    offeredAt: timestamp("offered_at", { withTimezone: true, mode: "string" }).notNull(),
    endAt: timestamp("end_at", { withTimezone: true, mode: "string" }).notNull(),
    offered: boolean("offered").notNull(),
    accepted: boolean("accepted").notNull(),
    escalated: boolean("escalated").notNull(),
    engagedAt: timestamp("engaged_at", { withTimezone: true, mode: "string" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "string" }),
    nextCallAt: timestamp("next_call_at", { withTimezone: true, mode: "string" }),
    eventCount: integer("event_count").notNull(),
    /** The runtime decision's arm: `holdout` when it has offer.held_out, `treatment` when a decision showed the offer, else null. */
    arm: text("arm").$type<"treatment" | "holdout">(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.journey] }),
    index("journeys_offered_idx").on(t.workspaceId, t.offeredAt),
    index("journeys_customer_idx").on(t.workspaceId, t.customer).where(sql`${t.engagedAt} is not null`),
    index("journeys_resolved_idx").on(t.workspaceId, t.resolvedAt).where(sql`${t.resolvedAt} is not null`),
  ],
);

/** Append-only record of every change: who, when, what, before and after. */
export const auditLog = pgTable(
  "audit_log",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorType: text("actor_type").notNull().$type<"user" | "api_key" | "system">(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index("audit_log_at_idx").on(t.workspaceId, t.at)],
);

/*
 * Rollups (docs/adr/018): the stage counts of the journeys that do not depend on asOf, per local
 * day of offeredAt, and the agent calls and unresolved utterances per local day, each as day rows
 * and as week and month rows (the sums of their day rows), so that a period reads its whole months
 * and weeks as one row each and only its other days one by one. A batch marks the days it touches
 * in `rollup_dirty`; a metrics query first recomputes the dirty days of its workspace (and their
 * weeks and months) from the journeys table, so the rollups are always exactly what a full
 * recomputation would give.
 *
 * `grain` says which keys a row sums over, as Postgres GROUPING() numbers them (a set bit = that
 * key summed over, stored as ''): a query reads the one grain whose keys are exactly the ones it
 * filters or groups by. Null point, call type and channel are stored as '' too (the grain tells
 * the two apart).
 */

/** `grain` bits of journey_rollup, GROUPING(point, call_type, channel). */
export const JOURNEY_GRAIN = { point: 4, callType: 2, channel: 1 } as const;
/** `grain` bits of unresolved_rollup, GROUPING(point, channel). */
export const UNRESOLVED_GRAIN = { point: 2, channel: 1 } as const;
/** `grain` bit of call_rollup, GROUPING(call_type). */
export const CALL_GRAIN = { callType: 1 } as const;

const rollupBlock = {
  workspaceId: text("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  grain: smallint("grain").notNull(),
  span: text("span").notNull().$type<"day" | "week" | "month">(),
  /** The local day, or the first day of the week (Monday) or month. */
  start: date("start", { mode: "string" }).notNull(),
};

export const journeyRollup = pgTable(
  "journey_rollup",
  {
    ...rollupBlock,
    point: text("point").notNull(),
    callType: text("call_type").notNull(),
    channel: text("channel").notNull(),
    journeys: integer("journeys").notNull(),
    offered: integer("offered").notNull(),
    accepted: integer("accepted").notNull(),
    engaged: integer("engaged").notNull(),
    resolved: integer("resolved").notNull(),
    escalated: integer("escalated").notNull(),
    bounced: integer("bounced").notNull(),
    /** Resolved and not bounced: deflected or pending, decided by asOf at query time. */
    resolvedKept: integer("resolved_kept").notNull(),
  },
  (t) => [primaryKey({ name: "journey_rollup_pk", columns: [t.workspaceId, t.span, t.start, t.grain, t.point, t.callType, t.channel] })],
);

export const callRollup = pgTable(
  "call_rollup",
  {
    ...rollupBlock,
    callType: text("call_type").notNull(),
    calls: integer("calls").notNull(),
  },
  (t) => [primaryKey({ name: "call_rollup_pk", columns: [t.workspaceId, t.span, t.start, t.grain, t.callType] })],
);

/** Normalised unresolved utterances of a workspace, numbered for unresolved_rollup. */
export const utterances = pgTable(
  "utterances",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex("utterances_text_key").on(t.workspaceId, t.text)],
);

/**
 * Per block, point, channel and call type (never null here), how often each utterance ended a
 * chat of its journeys unresolved: two JSON arrays of the same length, utterance ids in
 * ascending order and their counts. One row per call type keeps a 90-day parity to a few
 * thousand rows; the counts are added up in the application (json, not jsonb: it is read as is).
 */
export const unresolvedRollup = pgTable(
  "unresolved_rollup",
  {
    ...rollupBlock,
    point: text("point").notNull(),
    channel: text("channel").notNull(),
    callType: text("call_type").notNull(),
    utteranceIds: json("utterance_ids").notNull().$type<number[]>(),
    counts: json("counts").notNull().$type<number[]>(),
  },
  (t) => [primaryKey({ name: "unresolved_rollup_pk", columns: [t.workspaceId, t.span, t.start, t.grain, t.point, t.channel, t.callType] })],
);

export const rollupDirty = pgTable(
  "rollup_dirty",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);

/**
 * Every drained agent call by customer and time, for the first call after engagement
 * (`next_call_at`) and for recounting agent calls in a full rebuild. Written by the derivation as
 * it drains calls, not by ingest: an index of calls by customer on `events` cost ingest a sixth of
 * its time, since its inserts land on random pages (docs/adr/019). No foreign key, as on events.
 */
export const customerCalls = pgTable(
  "customer_calls",
  {
    workspaceId: text("workspace_id").notNull(),
    customer: text("customer").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "string" }).notNull(),
    eventId: text("event_id").notNull(),
    callType: text("call_type").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.customer, t.occurredAt, t.eventId] })],
);

/**
 * What ingest stored but has not been derived yet, one row per stored batch: the journeys to
 * recompute and the new calls (id, customer, time and call type, pairwise) to apply to
 * bounce-backs, to count as agent calls and to add to customer_calls. Drained
 * under the workspace's lock before any metric is read (docs/adr/002, 019).
 */
export const deriveQueue = pgTable(
  "derive_queue",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    journeys: text("journeys").array().notNull(),
    callIds: text("call_ids").array().notNull(),
    callCustomers: text("call_customers").array().notNull(),
    callTimes: timestamp("call_times", { withTimezone: true, mode: "string" }).array().notNull(),
    /** The calls' call types; null for a call that is counted and in customer_calls already (migration 0005). */
    callTypes: text("call_types").array().notNull(),
    /** journeys + calls, so that a drain can take a bounded amount of work. */
    size: integer("size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.seq] })],
);

/**
 * What the runtime answered a platform's contact at an intervention point: the same contactId and
 * point get the same answer and store nothing new (platforms retry). docs/adr/024.
 */
export const runtimeDecisions = pgTable(
  "runtime_decisions",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    point: text("point").notNull(),
    contactId: text("contact_id").notNull(),
    decisionId: text("decision_id").notNull(),
    journey: text("journey").notNull(),
    customer: text("customer").notNull(),
    /** The flat, string-only answer exactly as it was sent. */
    answer: jsonb("answer").notNull().$type<Record<string, string>>(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.point, t.contactId] }), uniqueIndex("runtime_decisions_decision_key").on(t.workspaceId, t.decisionId)],
);

/**
 * Customers who asked not to be messaged (STOP and its family, a provider's "unsubscribed"): never
 * offered by a decision, never sent a message. `maskedPhone` is for the admin list only
 * ("+1 415 ••• 0100"); the number itself is never stored.
 */
export const optOuts = pgTable(
  "opt_outs",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    customer: text("customer").notNull(),
    source: text("source").notNull(),
    maskedPhone: text("masked_phone"),
    optedOutAt: timestamp("opted_out_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.customer] })],
);

/**
 * Every SMS the runtime composed (docs/adr/025): sent through the provider, kept in the outbox
 * (provider `outbox`: nothing leaves), held for quiet hours, dropped, refused for an opt-out, or
 * failed. The number is never stored: `maskedTo` for people, and while a message is held, the
 * number encrypted with a key derived from the workspace secret (`heldTo`), erased as soon as the
 * message is sent or dropped. `body` is the rendered text with its chat link left as
 * `{{chat_link}}`: the link's token is a credential, stored only hashed in chat_links, and a held
 * message gets its link when it leaves.
 */
export const messages = pgTable(
  "messages",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    /** One message per cause: `decision:<decisionId>` for a key press, `contact:<point>:<contactId>` for an API send. */
    dedupeKey: text("dedupe_key").notNull(),
    point: text("point").notNull(),
    journey: text("journey").notNull(),
    customer: text("customer").notNull(),
    /** The customer asked for it (a key press): sent at once, whatever the hour. */
    requested: boolean("requested").notNull(),
    templateId: text("template_id").notNull(),
    templateVersion: integer("template_version").notNull(),
    body: text("body").notNull(),
    encoding: text("encoding").notNull().$type<"GSM-7" | "UCS-2">(),
    segments: integer("segments").notNull(),
    cost: numeric("cost", { precision: 12, scale: 4, mode: "number" }).notNull(),
    maskedTo: text("masked_to").notNull(),
    heldTo: text("held_to"),
    provider: text("provider").notNull().$type<"outbox" | "twilio">(),
    providerSid: text("provider_sid"),
    status: text("status").notNull().$type<"sending" | "outbox" | "sent" | "delivered" | "failed" | "held" | "dropped" | "opted_out">(),
    errorCode: text("error_code"),
    ...timestamps,
    /** Held: when quiet hours end and the message may go. */
    holdUntil: timestamp("hold_until", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("messages_dedupe_key").on(t.workspaceId, t.dedupeKey),
    index("messages_created_idx").on(t.workspaceId, t.createdAt),
    index("messages_held_idx").on(t.holdUntil).where(sql`${t.status} = 'held'`),
  ],
);

/**
 * A chat link's token (128 random bits) is sent once, in the SMS, and kept only as its SHA-256:
 * the link works once, until it expires (docs/adr/025).
 */
export const chatLinks = pgTable(
  "chat_links",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    tokenHash: text("token_hash").notNull(),
    messageId: text("message_id").notNull(),
    journey: text("journey").notNull(),
    customer: text("customer").notNull(),
    point: text("point").notNull(),
    ...timestamps,
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("chat_links_token_key").on(t.workspaceId, t.tokenHash),
    index("chat_links_token_idx").on(t.tokenHash),
  ],
);

/**
 * Each customer's first runtime decision of each offer (docs/adr/026): the moment the customer
 * entered the offer's experiment, in the arm the decision's type says, with what the
 * incrementality report reads of it — the first call.received at or after the decision (called
 * when earlier than decidedAt + W, whatever W is set to) and, copied from the decision's journey,
 * whether it was deflected, its SMS segments and bot conversations. Kept by triggers (migration
 * 0010): the derivation's writes of journeys and customer_calls keep every row exact.
 */
export const offerExposures = pgTable(
  "offer_exposures",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    offerId: text("offer_id").notNull(),
    customer: text("customer").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "string" }).notNull(),
    /** The decision event: offer.shown (treatment) or offer.held_out (holdout). */
    eventId: text("event_id").notNull(),
    arm: text("arm").notNull().$type<"treatment" | "holdout">(),
    offerVersion: integer("offer_version"),
    point: text("point"),
    callType: text("call_type"),
    journey: text("journey").notNull(),
    firstCallAt: timestamp("first_call_at", { withTimezone: true, mode: "string" }),
    journeyArm: text("journey_arm").$type<"treatment" | "holdout">(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "string" }),
    endAt: timestamp("end_at", { withTimezone: true, mode: "string" }),
    nextCallAt: timestamp("next_call_at", { withTimezone: true, mode: "string" }),
    smsSegments: integer("sms_segments").notNull().default(0),
    botConversations: integer("bot_conversations").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.offerId, t.customer] }),
    index("offer_exposures_decided_idx").on(t.workspaceId, t.decidedAt),
    index("offer_exposures_journey_idx").on(t.workspaceId, t.journey),
    index("offer_exposures_customer_idx").on(t.workspaceId, t.customer),
    index("offer_exposures_resolved_idx").on(t.workspaceId, t.resolvedAt).where(sql`${t.resolvedAt} is not null`),
  ],
);

/**
 * offer_exposures counted per local day of decidedAt, offer, point, arm and call type, with the
 * time zone and window of offer_exposure_rollup_state (docs/adr/026): a period reads its days that
 * are W old at asOf here and only its last days from the exposures. Kept by a trigger on
 * offer_exposures; rebuilt by the first read after the time zone or the window changed.
 */
export const offerExposureRollup = pgTable(
  "offer_exposure_rollup",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    offerId: text("offer_id").notNull(),
    point: text("point").notNull(),
    arm: text("arm").notNull().$type<"treatment" | "holdout">(),
    callType: text("call_type").notNull(),
    customers: integer("customers").notNull(),
    called: integer("called").notNull(),
    /** Treatment exposures whose journey is resolved and not bounced: deflected once resolvedAt + W ≤ asOf. */
    kept: integer("kept").notNull(),
    smsSegments: integer("sms_segments").notNull(),
    botConversations: integer("bot_conversations").notNull(),
  },
  (t) => [primaryKey({ name: "offer_exposure_rollup_pk", columns: [t.workspaceId, t.day, t.offerId, t.point, t.arm, t.callType] })],
);

/** The time zone and window offer_exposure_rollup was built with; no row: not built yet. */
export const offerExposureRollupState = pgTable("offer_exposure_rollup_state", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  timeZone: text("time_zone").notNull(),
  windowHours: integer("window_hours").notNull(),
});
