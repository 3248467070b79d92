import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import type { Db } from "@/db";
import { events } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { makeApiKey, makeWorkspace } from "./factories";
import { call, useConnection } from "./http";

let database: TestDatabase;
let db: Db;
let workspaceA: string;
let workspaceB: string;
let keyA: string;
let keyB: string;
let readOnlyKey: string;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  workspaceA = (await makeWorkspace(db)).id;
  workspaceB = (await makeWorkspace(db)).id;
  keyA = await makeApiKey(db, workspaceA, ["events:write"]);
  keyB = await makeApiKey(db, workspaceB, ["events:write", "metrics:read"]);
  readOnlyKey = await makeApiKey(db, workspaceA, ["metrics:read"]);
});
afterAll(() => database.cleanup());

const offer = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "offer.shown",
  occurredAt: "2026-03-01T10:00:00+01:00",
  customer: "c1",
  journey: "j1",
  point: "ivr_offer",
  ...extra,
});

const countIn = async (workspaceId: string) => (await db.select().from(events).where(eq(events.workspaceId, workspaceId))).length;

describe("POST /api/v1/events", () => {
  it("accepts a batch and answers accepted and duplicates", async () => {
    const first = await call(POST, "POST", "/api/v1/events", { key: keyA, body: { events: [offer("x1"), offer("x2")] } });
    expect(first).toMatchObject({ status: 200, json: { accepted: 2, duplicates: 0 } });
    const again = await call(POST, "POST", "/api/v1/events", { key: keyA, body: { events: [offer("x1"), offer("x3")] } });
    expect(again.json).toEqual({ accepted: 1, duplicates: 1 });
  });

  it("needs a valid key with the events:write scope", async () => {
    expect((await call(POST, "POST", "/api/v1/events", { body: { events: [offer("n1")] }, key: "sb_not-a-key" })).status).toBe(401);
    const denied = await call(POST, "POST", "/api/v1/events", { key: readOnlyKey, body: { events: [offer("n2")] } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("forbidden");
  });

  it("refuses an invalid batch whole, naming the index and field of each problem", async () => {
    const before = await countIn(workspaceA);
    const response = await call(POST, "POST", "/api/v1/events", {
      key: keyA,
      body: { events: [offer("ok-1"), offer("bad-1", { point: undefined }), offer("bad-2", { occurredAt: "2026-03-01 10:00" })] },
    });
    expect(response.status).toBe(422);
    expect(response.json.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, path: "point" }),
        expect.objectContaining({ index: 2, path: "occurredAt" }),
      ]),
    );
    expect(await countIn(workspaceA)).toBe(before);
  });

  it("answers 400 for malformed JSON, 415 for another content type, 413 for a body over 5 MB", async () => {
    expect((await call(POST, "POST", "/api/v1/events", { key: keyA, rawBody: "{not json" })).status).toBe(400);
    expect((await call(POST, "POST", "/api/v1/events", { key: keyA, rawBody: "events=1", contentType: "text/plain" })).status).toBe(415);
    const huge = JSON.stringify({ events: [offer("big", { attributes: { pad: "x".repeat(6 * 1024 * 1024) } })] });
    const tooLarge = await call(POST, "POST", "/api/v1/events", { key: keyA, rawBody: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.error.code).toBe("too_large");
  });

  it("stores events only in the key's workspace, whatever the payload says", async () => {
    const beforeA = await countIn(workspaceA);
    const response = await call(POST, "POST", "/api/v1/events", {
      key: keyB,
      body: { events: [offer("x1", { workspaceId: workspaceA, workspace_id: workspaceA })] },
    });
    expect(response.json).toEqual({ accepted: 1, duplicates: 0 });
    expect(await countIn(workspaceA)).toBe(beforeA);
    const [stored] = await db.select().from(events).where(eq(events.workspaceId, workspaceB));
    expect(stored.id).toBe("x1");
  });

  it("refuses a revoked key", async () => {
    const { revokeApiKey, createApiKey } = await import("@/db/queries/api-keys");
    const created = await createApiKey(db, workspaceA, { name: "temp", scopes: ["events:write"] });
    expect((await call(POST, "POST", "/api/v1/events", { key: created.key, body: { events: [offer("r1")] } })).status).toBe(200);
    await revokeApiKey(db, workspaceA, created.id, { type: "system", id: null, label: "test" });
    expect((await call(POST, "POST", "/api/v1/events", { key: created.key, body: { events: [offer("r2")] } })).status).toBe(401);
  });
});
