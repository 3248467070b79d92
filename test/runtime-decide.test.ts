import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Connection, type Db, openDatabase, queryRows } from "@/db";
import { SYSTEM_ACTOR } from "@/db/queries/audit";
import { deleteConfigItem, publishConfigItem, setConfigItemEnabled, updateConfigItem } from "@/db/queries/config";
import { ingestEvents } from "@/db/queries/events";
import { events, optOuts, runtimeDecisions } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import type { UserContext } from "@/lib/auth/context";
import type { StoredEvent } from "@/lib/events/schema";
import { assignmentBucket } from "@/lib/runtime/decide";
import { makeUser } from "./factories";
import { call, useConnection } from "./http";
import { newContact, offerFields, publishedOffer, runtimeWorkspace } from "./runtime-fixtures";

/*
 * POST /api/v1/decide through its route handler, on PGlite and on PostgreSQL (docs/adr/024): what
 * it answers, what it stores, for whom, and what it does when the database is not there.
 */

const session = vi.hoisted(() => ({ current: null as UserContext | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), auth: async () => session.current }));

const decideRoute = await import("@/app/api/v1/decide/route");

let database: TestDatabase;
let db: Db;
let acme: Awaited<ReturnType<typeof runtimeWorkspace>>;
let globex: Awaited<ReturnType<typeof runtimeWorkspace>>;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  acme = await runtimeWorkspace(db, "Acme");
  globex = await runtimeWorkspace(db, "Globex");
});
afterAll(() => database.cleanup());
afterEach(() => {
  session.current = null;
  useConnection(database.connection);
  vi.restoreAllMocks();
});

const decide = (key: string | undefined, body: Record<string, unknown>) => call(decideRoute.POST, "POST", "/api/v1/decide", { key, body });

const ask = (overrides: Record<string, unknown> = {}) => ({ point: "in_queue", customer: "p_caller", contactId: newContact(), ...overrides });

async function eventsOf(workspaceId: string, journey?: string) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), journey === undefined ? undefined : eq(events.journey, journey)));
}

async function decisionsOf(workspaceId: string, contactId: string) {
  return db
    .select()
    .from(runtimeDecisions)
    .where(and(eq(runtimeDecisions.workspaceId, workspaceId), eq(runtimeDecisions.contactId, contactId)));
}

describe("who may decide", () => {
  it("refuses a key without the runtime scope (403) and stores nothing", async () => {
    const request = ask();
    const response = await decide(acme.otherKey, request);
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe("forbidden");
    expect(response.json.error.message).toContain("scope runtime");
    expect(await decisionsOf(acme.id, request.contactId)).toEqual([]);
  });

  it("refuses every signed-in user, whatever the role (403): the runtime answers machines", async () => {
    for (const role of ["manager", "supervisor", "executive", "admin"] as const) {
      const user = await makeUser(db, acme.id, role);
      session.current = {
        kind: "user",
        userId: user.id,
        email: user.email,
        name: role,
        workspaceId: acme.id,
        workspaceName: "Acme",
        role,
        memberships: [{ workspaceId: acme.id, workspaceName: "Acme", role }],
      };
      const response = await decide(undefined, ask());
      expect(response.status, role).toBe(403);
    }
  });

  it("asks for a credential (401) and refuses a key that does not exist", async () => {
    expect((await decide(undefined, ask())).status).toBe(401);
    expect((await decide("sb_live_not-a-key", ask())).status).toBe(401);
  });
});

describe("bad requests", () => {
  it("answers 400 for a body that is not JSON and 422 naming each field, storing nothing", async () => {
    const malformed = await call(decideRoute.POST, "POST", "/api/v1/decide", { key: acme.runtimeKey, rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("malformed");

    const contactId = newContact();
    const cases: [Record<string, unknown>, string][] = [
      [{ point: "phone", customer: "c", contactId }, "point"],
      [{ point: "ivr_offer", contactId }, "customer"],
      [{ point: "ivr_offer", customer: "", contactId }, "customer"],
      [{ point: "ivr_offer", customer: "c" }, "contactId"],
      [{ point: "ivr_offer", customer: "c", contactId: "x".repeat(129) }, "contactId"],
      [{ point: "ivr_offer", customer: "c", contactId, callType: "Card Arrival" }, "callType"],
      [{ point: "ivr_offer", customer: "c", contactId, estimatedWaitSeconds: -1 }, "estimatedWaitSeconds"],
      [{ point: "ivr_offer", customer: "c", contactId, estimatedWaitSeconds: "30" }, "estimatedWaitSeconds"],
      [{ point: "ivr_offer", customer: "c", contactId, at: "yesterday" }, "at"],
      [{ point: "ivr_offer", customer: "c", contactId, at: "2026-11-30T10:00:00" }, "at"],
      [{ point: "ivr_offer", customer: "c", contactId, at: new Date(Date.now() + 2 * 3_600_000).toISOString() }, "at"],
    ];
    for (const [body, field] of cases) {
      const response = await decide(acme.runtimeKey, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.json.error.code).toBe("invalid");
      expect(response.json.error.details.map((detail: { path: string }) => detail.path)).toContain(field);
    }
    expect(await decisionsOf(acme.id, contactId)).toEqual([]);
  });
});

describe("decisions", () => {
  it("offers the published offer, answers flat strings, and stores offer.shown before answering", async () => {
    const offer = await publishedOffer(db, acme.id, acme.templateId, { name: "Queue offer", point: "in_queue", dtmfKey: "1", conditions: { queues: ["cards"] } });
    const request = ask({ callType: "card_arrival", queue: "cards", estimatedWaitSeconds: 200, at: "2026-11-30T15:00:00+01:00" });
    const response = await decide(acme.runtimeKey, request);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
    const answer = response.json;
    expect(answer).toEqual({
      decisionId: expect.any(String),
      journey: answer.decisionId,
      offer: "true",
      arm: "treatment",
      reason: "eligible",
      offerId: offer.id,
      offerVersion: "1",
      dtmfKey: "1",
      prompt: "Press 2 and we'll text you a link to our chat assistant.",
      smsTemplateId: acme.templateId,
    });
    for (const value of Object.values(answer)) expect(typeof value).toBe("string");

    const stored = await eventsOf(acme.id, answer.journey);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: answer.decisionId,
      type: "offer.shown",
      customer: "p_caller",
      point: "in_queue",
      channel: "voice",
      callType: "card_arrival",
      attributes: { decisionId: answer.decisionId, offerId: offer.id, offerVersion: 1, arm: "treatment" },
    });
    expect(new Date(stored[0].occurredAt).toISOString()).toBe("2026-11-30T14:00:00.000Z");
    // Queued for derivation the way ingest queues it.
    const queued = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from derive_queue where workspace_id = ${acme.id} and ${answer.journey} = any(journeys)`);
    expect(Number(queued[0].n)).toBe(1);
    await deleteConfigItem(db, acme.id, "ivr_offer", offer.id, SYSTEM_ACTOR);
  });

  it("stores its event exactly as ingest stores the same event: row, call type and derivation work", async () => {
    const offer = await publishedOffer(db, acme.id, acme.templateId, { point: "post_call", dtmfKey: "5" });
    const answer = (await decide(acme.runtimeKey, ask({ point: "post_call", callType: "never_seen_before", at: "2026-11-30T09:15:00-05:00" }))).json;
    const [decided] = await db.select().from(events).where(and(eq(events.workspaceId, acme.id), eq(events.id, answer.decisionId)));
    const same: StoredEvent = {
      id: decided.id,
      type: decided.type as StoredEvent["type"],
      occurredAt: new Date(decided.occurredAt).toISOString(),
      customer: decided.customer,
      journey: decided.journey,
      point: decided.point,
      channel: decided.channel,
      callType: decided.callType,
      attributes: decided.attributes,
    };
    await ingestEvents(db, globex.id, [same]);
    const [ingested] = await db.select().from(events).where(and(eq(events.workspaceId, globex.id), eq(events.id, answer.decisionId)));
    const comparable = ({ workspaceId: _workspace, receivedAt: _received, ...row }: typeof decided) => row;
    expect(comparable(decided)).toEqual(comparable(ingested));

    const queued = (workspaceId: string) =>
      queryRows(db, sql`select journeys, call_ids, call_customers, call_times, call_types, size from derive_queue where workspace_id = ${workspaceId} and ${answer.journey} = any(journeys)`);
    expect(await queued(acme.id)).toEqual(await queued(globex.id));
    expect(await queued(acme.id)).toHaveLength(1);
    const callType = (workspaceId: string) => queryRows(db, sql`select slug, name from call_types where workspace_id = ${workspaceId} and slug = 'never_seen_before'`);
    expect(await callType(acme.id)).toEqual(await callType(globex.id));
    expect(await callType(acme.id)).toEqual([{ slug: "never_seen_before", name: "Never seen before" }]);
    await deleteConfigItem(db, acme.id, "ivr_offer", offer.id, SYSTEM_ACTOR);
  });

  it("holds out a customer in the holdout bucket: offer.held_out, nothing to play", async () => {
    const offer = await publishedOffer(db, acme.id, acme.templateId, { point: "post_call", holdoutPercent: 50 });
    let customer = "";
    for (let i = 0; !customer; i++) if (assignmentBucket(acme.id, offer.id, `p_held${i}`) < 0.5) customer = `p_held${i}`;
    const response = await decide(acme.runtimeKey, ask({ point: "post_call", customer }));
    expect(response.json).toMatchObject({ offer: "false", arm: "holdout", reason: "holdout", offerId: offer.id, offerVersion: "1", dtmfKey: "", prompt: "", smsTemplateId: "" });
    const [stored] = await eventsOf(acme.id, response.json.journey);
    expect(stored).toMatchObject({ type: "offer.held_out", customer, point: "post_call", attributes: { arm: "holdout", offerId: offer.id, offerVersion: 1 } });
    await deleteConfigItem(db, acme.id, "ivr_offer", offer.id, SYSTEM_ACTOR);
  });

  it("answers the same to the same contactId posted 3 times at once, storing one decision and one event", async () => {
    const offer = await publishedOffer(db, acme.id, acme.templateId, { point: "ivr_offer", holdoutPercent: 10 });
    const request = ask({ point: "ivr_offer", customer: "p_retrying" });
    const answers = await Promise.all([1, 2, 3].map(() => decide(acme.runtimeKey, request)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.json))).size).toBe(1);
    expect(await decisionsOf(acme.id, request.contactId)).toHaveLength(1);
    expect(await eventsOf(acme.id, answers[0].json.journey)).toHaveLength(1);

    // A retry later, even with other facts, gets the stored answer and stores nothing.
    const later = await decide(acme.runtimeKey, { ...request, callType: "lost_card" });
    expect(later.json).toEqual(answers[0].json);
    expect(await eventsOf(acme.id, answers[0].json.journey)).toHaveLength(1);
    // The same contact at another point is another decision.
    const elsewhere = await decide(acme.runtimeKey, { ...request, point: "in_queue" });
    expect(elsewhere.json.decisionId).not.toBe(answers[0].json.decisionId);
    await deleteConfigItem(db, acme.id, "ivr_offer", offer.id, SYSTEM_ACTOR);
  });

  it("puts a customer in the same arm on 100 calls, and holds out about the holdout share", async () => {
    const offer = await publishedOffer(db, acme.id, acme.templateId, { point: "ivr_offer", holdoutPercent: 50 });
    const armsOf = new Map<string, Set<string>>();
    for (let callNumber = 0; callNumber < 100; callNumber++) {
      for (const customer of ["p_ada", "p_grace", "p_alan", "p_edsger"]) {
        const response = await decide(acme.runtimeKey, ask({ point: "ivr_offer", customer }));
        expect(response.json.offerId).toBe(offer.id);
        armsOf.set(customer, (armsOf.get(customer) ?? new Set()).add(response.json.arm));
      }
    }
    for (const [customer, arms] of armsOf) {
      expect(arms.size, customer).toBe(1);
      expect([...arms][0]).toBe(assignmentBucket(acme.id, offer.id, customer) < 0.5 ? "holdout" : "treatment");
    }
    await deleteConfigItem(db, acme.id, "ivr_offer", offer.id, SYSTEM_ACTOR);
  });

  it("never offers to an opted-out customer, and stores no event", async () => {
    const offer = await publishedOffer(db, acme.id, acme.templateId, { point: "ivr_offer" });
    await db.insert(optOuts).values({ workspaceId: acme.id, customer: "p_stopped", source: "sms" });
    const response = await decide(acme.runtimeKey, ask({ point: "ivr_offer", customer: "p_stopped" }));
    expect(response.json).toMatchObject({ offer: "false", arm: "none", reason: "opted_out", journey: "", offerId: "" });
    expect((await eventsOf(acme.id)).filter((event) => event.customer === "p_stopped")).toEqual([]);
    // The opt-out is the workspace's: the same customer key elsewhere is offered.
    const otherOffer = await publishedOffer(db, globex.id, globex.templateId, { point: "ivr_offer" });
    expect((await decide(globex.runtimeKey, ask({ point: "ivr_offer", customer: "p_stopped" }))).json.reason).toBe("eligible");
    await deleteConfigItem(db, acme.id, "ivr_offer", offer.id, SYSTEM_ACTOR);
    await deleteConfigItem(db, globex.id, "ivr_offer", otherOffer.id, SYSTEM_ACTOR);
  });
});

describe("what is published is what decides", () => {
  it("never uses a draft, and sees a publish, disable, roll back and delete on the next decision", async () => {
    const point = "post_call";
    const reason = async () => (await decide(acme.runtimeKey, ask({ point }))).json;

    const draft = await (await import("@/db/queries/config")).createConfigItem(db, acme.id, "ivr_offer", offerFields(acme.templateId, { point, prompt: "Version one" }), SYSTEM_ACTOR);
    expect((await reason()).reason).toBe("no_matching_offer");

    await publishConfigItem(db, acme.id, "ivr_offer", draft.id, 1, SYSTEM_ACTOR);
    expect(await reason()).toMatchObject({ reason: "eligible", offerVersion: "1", prompt: "Version one" });

    await updateConfigItem(db, acme.id, "ivr_offer", draft.id, 1, offerFields(acme.templateId, { point, prompt: "Version two" }), SYSTEM_ACTOR);
    expect(await reason()).toMatchObject({ offerVersion: "1", prompt: "Version one" });

    await publishConfigItem(db, acme.id, "ivr_offer", draft.id, 2, SYSTEM_ACTOR);
    expect(await reason()).toMatchObject({ offerVersion: "2", prompt: "Version two" });

    const disabled = await setConfigItemEnabled(db, acme.id, "ivr_offer", draft.id, false, 2, SYSTEM_ACTOR);
    expect(await reason()).toMatchObject({ offer: "false", reason: "disabled", offerId: "" });

    await publishConfigItem(db, acme.id, "ivr_offer", draft.id, 1, SYSTEM_ACTOR);
    expect(await reason()).toMatchObject({ reason: "eligible", offerVersion: "1", prompt: "Version one" });
    expect(disabled.version).toBe(3);

    await deleteConfigItem(db, acme.id, "ivr_offer", draft.id, SYSTEM_ACTOR);
    expect((await reason()).reason).toBe("no_matching_offer");
  });

  it("reads the schedule in the workspace's time zone", async () => {
    const tokyo = await runtimeWorkspace(db, "Tokyo", "Asia/Tokyo");
    await publishedOffer(db, tokyo.id, tokyo.templateId, { conditions: { schedule: [{ days: ["mon"], start: "09:00", end: "17:00" }] } });
    const at = (iso: string) => decide(tokyo.runtimeKey, ask({ point: "ivr_offer", at: iso }));
    expect((await at("2026-11-30T01:00:00Z")).json.reason).toBe("eligible"); // Monday 10:00 in Tokyo
    expect((await at("2026-11-30T12:00:00Z")).json.reason).toBe("outside_schedule"); // Monday 21:00 in Tokyo
  });
});

describe("isolation", () => {
  it("decides with the key's own workspace's offers only and stores the decision there", async () => {
    const theirs = await publishedOffer(db, globex.id, globex.templateId, { point: "in_queue", prompt: "Globex only" });
    const request = ask({ point: "in_queue", customer: "p_shared" });
    const mine = await decide(acme.runtimeKey, request);
    expect(mine.json).toMatchObject({ offer: "false", reason: "no_matching_offer", offerId: "", prompt: "" });
    expect(JSON.stringify(mine.json)).not.toContain(theirs.id);

    // The same contactId in the other workspace is that workspace's own decision.
    const theirsAnswer = await decide(globex.runtimeKey, request);
    expect(theirsAnswer.json).toMatchObject({ offer: "true", offerId: theirs.id, prompt: "Globex only" });
    expect(await decisionsOf(acme.id, request.contactId)).toHaveLength(1);
    expect(await decisionsOf(globex.id, request.contactId)).toHaveLength(1);
    expect((await eventsOf(acme.id)).some((event) => (event.attributes as { offerId?: string } | null)?.offerId === theirs.id)).toBe(false);
    await deleteConfigItem(db, globex.id, "ivr_offer", theirs.id, SYSTEM_ACTOR);
  });
});

describe("when the database is not there", () => {
  /** The answer and the warning lines a request gets, and how long it took. */
  async function timed(body: Record<string, unknown>) {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const started = performance.now();
    const response = await decide(acme.runtimeKey, body);
    const elapsed = performance.now() - started;
    const lines = warn.mock.calls.map((args) => args.join(" "));
    warn.mockRestore();
    return { response, elapsed, lines };
  }

  function expectUnavailable({ response, elapsed, lines }: Awaited<ReturnType<typeof timed>>, body: Record<string, unknown>) {
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ decisionId: "", journey: "", offer: "false", arm: "none", reason: "unavailable", offerId: "", offerVersion: "", dtmfKey: "", prompt: "", smsTemplateId: "" });
    // The time bound is the requirement itself (DESIGN.md: answered within 500 ms).
    expect(elapsed).toBeLessThan(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("unavailable");
    for (const value of [body.customer, body.contactId, acme.runtimeKey]) expect(lines[0]).not.toContain(value);
  }

  it("answers unavailable at once when the server refuses the connection", async () => {
    let closed: Connection | undefined;
    try {
      closed = await openDatabase({ url: "postgres://switchboard@127.0.0.1:1/none" });
      useConnection(closed);
      const body = ask({ customer: "p_nobody" });
      const result = await timed(body);
      expectUnavailable(result, body);
      expect(result.lines[0]).toContain("ECONNREFUSED");
    } finally {
      await closed?.close();
    }
  });

  it("answers unavailable at once, without touching the database, beyond the decisions already waiting for it (at most 64)", async () => {
    const offer = await publishedOffer(db, acme.id, acme.templateId, { point: "in_queue" });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select id from workspaces where id = ${acme.id} for update`);
      locked();
      await held;
    });
    await isLocked;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const bodies = Array.from({ length: 70 }, () => ask({ customer: "p_flood" }));
    let answers;
    try {
      answers = await Promise.all(bodies.map((body) => decide(acme.runtimeKey, body)));
    } finally {
      release();
      await holder;
    }
    const lines = warn.mock.calls.map((args) => args.join(" "));
    warn.mockRestore();
    expect(answers.every((answer) => answer.status === 200 && answer.json.reason === "unavailable")).toBe(true);
    // At most 64 wait (fewer if earlier decisions came back late); the rest are told at once.
    const shed = lines.filter((line) => / decisions are already waiting for the database$/.test(line)).length;
    const late = lines.filter((line) => line.endsWith("did not answer within 400 ms")).length;
    expect(shed + late).toBe(70);
    expect(late).toBeLessThanOrEqual(64);
    expect(shed).toBeGreaterThanOrEqual(6);
    // Once the database answers again and the abandoned work has drained, decisions are made
    // again (polled: draining takes as long as the machine needs); none of the flood was stored.
    let after = "";
    for (let attempt = 0; attempt < 100 && after !== "eligible"; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      after = (await decide(acme.runtimeKey, ask({ customer: "p_after_flood" }))).json.reason;
    }
    expect(after).toBe("eligible");
    expect((await eventsOf(acme.id)).filter((event) => event.customer === "p_flood")).toEqual([]);
    await deleteConfigItem(db, acme.id, "ivr_offer", offer.id, SYSTEM_ACTOR);
  });

  it("answers unavailable within 500 ms when the database stalls, and stores nothing of that decision", async () => {
    const offer = await publishedOffer(db, acme.id, acme.templateId, { point: "in_queue" });
    const body = ask({ customer: "p_stalled" });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Another session holds the workspace row: a decision cannot store its row (its foreign key
    // waits on the lock). On PGlite, one connection, every statement waits for the transaction.
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select id from workspaces where id = ${acme.id} for update`);
      locked();
      await held;
    });
    await isLocked;
    try {
      expectUnavailable(await timed(body), body);
    } finally {
      release();
      await holder;
    }
    // The abandoned decision rolled back: the platform's retry is decided afresh, once.
    const retry = await decide(acme.runtimeKey, body);
    expect(retry.json).toMatchObject({ offer: "true", reason: "eligible", offerId: offer.id });
    const rows = await decisionsOf(acme.id, body.contactId as string);
    expect(rows.map((row) => row.decisionId)).toEqual([retry.json.decisionId]);
    expect((await eventsOf(acme.id)).filter((event) => event.customer === "p_stalled")).toHaveLength(1);
    await deleteConfigItem(db, acme.id, "ivr_offer", offer.id, SYSTEM_ACTOR);
  });
});
