import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { apiKeys } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { makeWorkspace } from "@/test/factories";
import { createApiKey, touchApiKey } from "./api-keys";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
});
afterAll(() => database.cleanup());

describe("touchApiKey", () => {
  it("records the last use, writing a key in steady use at most once a minute", async () => {
    const ws = await makeWorkspace(db);
    const { id } = await createApiKey(db, ws.id, { name: "ingest", scopes: ["events:write"] });
    const lastUsed = async () =>
      (await db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(and(eq(apiKeys.workspaceId, ws.id), eq(apiKeys.id, id))))[0].at?.toISOString();
    const start = Date.parse("2026-12-01T10:00:00Z");
    await touchApiKey(db, ws.id, id, start);
    expect(await lastUsed()).toBe("2026-12-01T10:00:00.000Z");
    await touchApiKey(db, ws.id, id, start + 59_000);
    expect(await lastUsed()).toBe("2026-12-01T10:00:00.000Z");
    await touchApiKey(db, ws.id, id, start + 61_000);
    expect(await lastUsed()).toBe("2026-12-01T10:01:01.000Z");
  });
});
