import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { type Db, queryRows } from "@/db";
import { getFunnel } from "@/db/queries/metrics";
import { getSettings } from "@/db/queries/settings";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { makeApiKey, makeWorkspace } from "./factories";
import { call, useConnection } from "./http";

let database: TestDatabase;
let db: Db;
let workspaceId: string;
let key: string;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  workspaceId = (await makeWorkspace(db)).id;
  key = await makeApiKey(db, workspaceId, ["events:write"]);
});
afterAll(() => database.cleanup());

const storedCount = async () =>
  Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from events where workspace_id = ${workspaceId}`))[0].n);

const validEvent = (i: number) => ({
  id: `fuzz-${i}`,
  type: "chat.started",
  occurredAt: "2026-03-02T10:00:00+02:00",
  customer: "c1",
  journey: "j1",
  channel: "web",
  callType: "card_arrival",
  attributes: { utterance: "hello" },
});

const NASTY_TEXT = [
  "'; drop table events; --",
  "\" or 1=1 --",
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "\u0000",
  "\ud800",
  "x".repeat(200),
  "🙂".repeat(70),
  "",
  "../../etc/passwd",
];

/** A change that makes an event invalid by DESIGN.md's rules. */
const breakEvent: fc.Arbitrary<(event: Record<string, unknown>) => unknown> = fc.oneof(
  fc.constantFrom<(event: Record<string, unknown>) => unknown>(
    ({ id: _, ...rest }) => rest,
    ({ type: _, ...rest }) => rest,
    ({ occurredAt: _, ...rest }) => rest,
    ({ customer: _, ...rest }) => rest,
    ({ journey: _, ...rest }) => rest,
    (event) => ({ ...event, type: "offer.shown", point: undefined }),
    (event) => ({ ...event, type: "call.received", callType: undefined }),
    (event) => ({ ...event, occurredAt: "2026-03-02 10:00:00" }),
    (event) => ({ ...event, occurredAt: "2026-02-30T10:00:00Z" }),
    (event) => ({ ...event, occurredAt: "2999-01-01T00:00:00Z" }),
    (event) => ({ ...event, occurredAt: 1_700_000_000 }),
    (event) => ({ ...event, id: 42 }),
    (event) => ({ ...event, id: "i".repeat(129) }),
    (event) => ({ ...event, customer: ["c1"] }),
    (event) => ({ ...event, channel: "fax" }),
    (event) => ({ ...event, point: "everywhere" }),
    (event) => ({ ...event, callType: "Card Arrival" }),
    (event) => ({ ...event, attributes: "not an object" }),
    (event) => ({ ...event, attributes: [1, 2, 3] }),
    (event) => ({ ...event, attributes: { pad: "p".repeat(5000) } }),
    (event) => ({ ...event, attributes: JSON.parse(`${"{\"a\":".repeat(40)}1${"}".repeat(40)}`) }),
    () => null,
    () => "event",
    () => [],
  ),
  fc.constantFrom(...NASTY_TEXT).chain((text) =>
    fc.constantFrom<(event: Record<string, unknown>) => unknown>(
      (event) => ({ ...event, type: text }),
      (event) => ({ ...event, id: text === "" || text.includes("\u0000") || text.includes("\ud800") ? text : `${text}${"!".repeat(129)}` }),
      (event) => ({ ...event, callType: text }),
      (event) => ({ ...event, customer: text.length > 0 ? text.repeat(200) : text }),
      (event) => ({ ...event, attributes: { utterance: text + "\u0000" } }),
    ),
  ),
);

/** A whole request body that must be refused: a batch with at least one broken event, or a broken envelope. */
const malformedRequest = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), breakEvent).map(([size, at, mutate]) => {
    const events: unknown[] = Array.from({ length: size + 1 }, (_, i) => validEvent(i));
    events[Math.min(at, size)] = mutate(validEvent(at));
    return { body: JSON.stringify({ events }) };
  }) },
  { weight: 1, arbitrary: fc.constantFrom(
    { body: "" },
    { body: "{" },
    { body: "null" },
    { body: "[]" },
    { body: "{\"events\": {}}" },
    { body: "{\"events\": []}" },
    { body: "{\"events\": \"all\"}" },
    { body: JSON.stringify({ events: Array.from({ length: 5001 }, (_, i) => validEvent(i)) }) },
    { body: JSON.stringify({ events: [validEvent(1)] }), contentType: "text/plain" },
    { body: JSON.stringify({ events: [validEvent(1)] }), contentType: "application/x-www-form-urlencoded" },
    { body: `${"[".repeat(5000)}${"]".repeat(5000)}` },
  ) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ body: new Uint8Array([0x7b, 0xff, 0xfe, ...bytes]) })) },
);

describe("ingestion robustness", () => {
  it("answers 10,000 malformed payloads with a 4xx only and stores nothing", async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformedRequest, async (request) => {
        const response = await call(POST, "POST", "/api/v1/events", { key, rawBody: request.body, contentType: "contentType" in request ? request.contentType : undefined });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.json?.error?.code).toEqual(expect.any(String));
      }),
      { numRuns: 10_000 },
    );
    expect(await storedCount()).toBe(0);
    expect([...statuses.keys()].sort()).toEqual([400, 413, 415, 422].filter((status) => statuses.has(status)));
    expect(statuses.get(422)).toBeGreaterThan(5_000);
  }, 300_000);

  it("stores the same 100,000 events posted three times at once exactly once; the metrics do not move", async () => {
    const batches = Array.from({ length: 100 }, (_, b) =>
      Array.from({ length: 1_000 }, (_, i) => {
        const n = b * 1_000 + i;
        const journey = `cj-${Math.floor(n / 4)}`;
        const step = n % 4;
        const at = new Date(Date.UTC(2026, 2, 1) + Math.floor(n / 4) * 60_000 + step * 1_000).toISOString();
        return step === 3 && n % 8 === 7
          ? { id: `cc-${n}`, type: "call.received", occurredAt: at, customer: `cust-${Math.floor(n / 4) % 997}`, callType: "card_arrival" }
          : {
              id: `cc-${n}`,
              type: ["offer.shown", "chat.started", "chat.resolved", "chat.escalated"][step],
              occurredAt: at,
              customer: `cust-${Math.floor(n / 4) % 997}`,
              journey,
              point: "in_queue",
              callType: "card_arrival",
            };
      }),
    );
    const postAll = async () => {
      let accepted = 0;
      for (const events of batches) {
        const response = await call(POST, "POST", "/api/v1/events", { key, body: { events } });
        expect(response.status).toBe(200);
        accepted += response.json.accepted;
      }
      return accepted;
    };
    const accepted = await Promise.all([postAll(), postAll(), postAll()]);
    expect(accepted.reduce((sum, n) => sum + n, 0)).toBe(100_000);
    expect(await storedCount()).toBe(100_000);

    const settings = (await getSettings(db, workspaceId))!;
    const query = { from: "2026-03-01", to: "2026-04-30", asOf: "2026-06-01T00:00:00Z" };
    const before = await getFunnel(db, workspaceId, settings, query);
    expect(before.points[3].offered).toBe(25_000);
    expect(await postAll()).toBe(0);
    expect(await getFunnel(db, workspaceId, settings, query)).toEqual(before);
  }, 600_000);
});
