import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { createApiKey, findApiKey, listApiKeys, revokeApiKey } from "@/db/queries/api-keys";
import { listAudit } from "@/db/queries/audit";
import { getSettings, updateSettings } from "@/db/queries/settings";
import { listMembers, removeMembership } from "@/db/queries/workspaces";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { makeUser, makeWorkspace } from "./factories";

/*
 * The data-access layer scopes every write by workspace: an id that belongs to another workspace
 * changes nothing, whoever sends it. (The API and session paths are covered in their own tests.)
 */

let database: TestDatabase;
let db: Db;
const attacker = { type: "user" as const, id: "attacker", label: "attacker@example.com" };

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
});
afterAll(() => database.cleanup());

describe("writes with another workspace's ids", () => {
  it("cannot revoke another workspace's API key", async () => {
    const victim = await makeWorkspace(db);
    const mine = await makeWorkspace(db);
    const key = await createApiKey(db, victim.id, { name: "victim key", scopes: ["events:write"] });
    expect(await revokeApiKey(db, mine.id, key.id, attacker)).toBe(false);
    expect(await findApiKey(db, key.key)).toMatchObject({ workspaceId: victim.id });
    expect(await listApiKeys(db, mine.id)).toEqual([]);
    expect(await listAudit(db, mine.id, { entityType: "api_key" })).toEqual([]);
  });

  it("cannot remove a member of another workspace", async () => {
    const victim = await makeWorkspace(db);
    const mine = await makeWorkspace(db);
    const member = await makeUser(db, victim.id, "admin");
    await removeMembership(db, mine.id, member.id, attacker);
    expect((await listMembers(db, victim.id)).map((m) => m.userId)).toEqual([member.id]);
  });

  it("changes only its own workspace's settings", async () => {
    const victim = await makeWorkspace(db);
    const mine = await makeWorkspace(db);
    const before = await getSettings(db, victim.id);
    await updateSettings(db, mine.id, { windowHours: 24, phoneCostByCallType: { card_arrival: 1 } }, attacker);
    expect(await getSettings(db, victim.id)).toEqual(before);
    expect((await getSettings(db, mine.id))?.windowHours).toBe(24);
  });
});
