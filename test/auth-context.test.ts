import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { verifyCredentials } from "@/db/queries/users";
import { removeMembership, setMembership } from "@/db/queries/workspaces";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { resolveUserContext } from "@/lib/auth/context";
import { makeUser, makeWorkspace } from "./factories";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
});
afterAll(() => database.cleanup());

describe("a session's user context", () => {
  it("never lands in a workspace the user does not belong to, whatever id the cookie carries", async () => {
    const mine = await makeWorkspace(db, { name: "Mine" });
    const theirs = await makeWorkspace(db, { name: "Theirs" });
    const user = await makeUser(db, mine.id, "manager");
    await makeUser(db, theirs.id, "admin");

    const context = await resolveUserContext(db, user.id, theirs.id, 0);
    expect(context).toMatchObject({ workspaceId: mine.id, role: "manager" });
    expect(context!.memberships.map((m) => m.workspaceId)).toEqual([mine.id]);
  });

  it("switches to another workspace of the user and its role there", async () => {
    const first = await makeWorkspace(db);
    const second = await makeWorkspace(db);
    const user = await makeUser(db, first.id, "manager");
    await setMembership(db, second.id, user.id, "supervisor");
    expect(await resolveUserContext(db, user.id, second.id, 0)).toMatchObject({ workspaceId: second.id, role: "supervisor" });
    expect(await resolveUserContext(db, user.id, undefined, 0)).toMatchObject({ workspaceId: first.id, role: "manager" });
  });

  it("takes a role change or a removed membership into account on the next request", async () => {
    const workspace = await makeWorkspace(db);
    const user = await makeUser(db, workspace.id, "supervisor");
    expect((await resolveUserContext(db, user.id, workspace.id, 0))?.role).toBe("supervisor");
    await setMembership(db, workspace.id, user.id, "executive");
    expect((await resolveUserContext(db, user.id, workspace.id, 0))?.role).toBe("executive");
    await removeMembership(db, workspace.id, user.id);
    expect(await resolveUserContext(db, user.id, workspace.id, 0)).toBeNull();
  });

  it("checks passwords without saying whether the email exists", async () => {
    const workspace = await makeWorkspace(db);
    const user = await makeUser(db, workspace.id, "manager", "Pat@Example.com");
    expect((await verifyCredentials(db, "pat@example.com", "correct horse battery"))?.id).toBe(user.id);
    expect(await verifyCredentials(db, "pat@example.com", "wrong")).toBeNull();
    expect(await verifyCredentials(db, "nobody@example.com", "correct horse battery")).toBeNull();
  });
});
