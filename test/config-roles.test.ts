import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { auditLog } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import type { UserContext } from "@/lib/auth/context";
import { IDLE } from "@/lib/auth/action-state";
import { can } from "@/lib/auth/roles";
import type { Role } from "@/lib/domain";
import { makeUser, makeWorkspace } from "./factories";
import { call, useConnection } from "./http";

/*
 * Roles through the session, the way the browser calls: the signed-in user is stubbed (a real
 * next-auth session needs a running Next.js request), everything after it is the real code:
 * guardedAction and apiRoute ask the capability table, then the data layer runs.
 */
const session = vi.hoisted(() => ({ current: null as UserContext | null }));
vi.mock("@/lib/auth/session", () => ({ auth: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const actions = await import("@/app/(app)/config/actions");
const templates = await import("@/app/api/v1/sms-templates/route");
const templateItem = await import("@/app/api/v1/sms-templates/[id]/route");
const templatePublish = await import("@/app/api/v1/sms-templates/[id]/publish/route");
const rules = await import("@/app/api/v1/escalation-rules/route");

let database: TestDatabase;
let db: Db;
let workspaceId: string;
const users = {} as Record<Role, { id: string; email: string }>;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  workspaceId = (await makeWorkspace(db)).id;
  for (const role of ["manager", "supervisor", "executive", "admin"] as const) users[role] = await makeUser(db, workspaceId, role, `${role}@roles.test`);
});
afterAll(() => database.cleanup());

function signInAs(role: Role) {
  session.current = {
    kind: "user",
    userId: users[role].id,
    email: users[role].email,
    name: role,
    workspaceId,
    workspaceName: "Roles",
    role,
    memberships: [{ workspaceId, workspaceName: "Roles", role }],
  };
}

const template = {
  name: "Queue text",
  locale: "en-GB",
  purpose: "deflection",
  body: "Your wait is about {{wait_minutes}} min. Chat now: {{chat_link}} Reply STOP to opt out",
};

const auditCount = async () => (await db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId))).length;

describe("the capability table", () => {
  it("lets supervisors and admins edit configuration, managers read it, executives neither", () => {
    expect((["manager", "supervisor", "executive", "admin"] as const).map((role) => [role, can(role, "config:read"), can(role, "config:write")])).toEqual([
      ["manager", true, false],
      ["supervisor", true, true],
      ["executive", false, false],
      ["admin", true, true],
    ]);
  });
});

describe("the API with a session", () => {
  it("gives a manager read access and a 403 on every write, changing nothing", async () => {
    signInAs("supervisor");
    const created = await call(templates.POST, "POST", "/api/v1/sms-templates", { body: template });
    expect(created.status).toBe(201);
    expect(created.json.updatedBy).toBe("supervisor@roles.test");
    const id = created.json.id as string;
    const before = await auditCount();

    signInAs("manager");
    expect((await call(templates.GET, "GET", "/api/v1/sms-templates")).status).toBe(200);
    const writes = [
      await call(templates.POST, "POST", "/api/v1/sms-templates", { body: template }),
      await call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, { params: { id }, body: { ...template, version: 1, name: "Manager edit" } }),
      await call(templatePublish.POST, "POST", `/api/v1/sms-templates/${id}/publish`, { params: { id } }),
      await call(templateItem.DELETE, "DELETE", `/api/v1/sms-templates/${id}`, { params: { id } }),
    ];
    expect(writes.map((response) => response.status)).toEqual([403, 403, 403, 403]);
    expect(writes[0].json.error.code).toBe("forbidden");
    expect(await auditCount()).toBe(before);
    expect((await call(templateItem.GET, "GET", `/api/v1/sms-templates/${id}`, { params: { id } })).json).toMatchObject({ version: 1, name: "Queue text" });
  });

  it("refuses an executive even a read", async () => {
    signInAs("executive");
    expect((await call(templates.GET, "GET", "/api/v1/sms-templates")).status).toBe(403);
    expect((await call(rules.GET, "GET", "/api/v1/escalation-rules")).status).toBe(403);
  });

  it("lets an admin publish", async () => {
    signInAs("admin");
    const created = await call(templates.POST, "POST", "/api/v1/sms-templates", { body: { ...template, name: "Admin's" } });
    const published = await call(templatePublish.POST, "POST", `/api/v1/sms-templates/${created.json.id}/publish`, { params: { id: created.json.id } });
    expect(published.json).toMatchObject({ status: "published", updatedBy: "admin@roles.test" });
  });
});

describe("the editors' server actions", () => {
  it("refuse managers and executives before reading the input, and change nothing", async () => {
    const before = await auditCount();
    for (const role of ["manager", "executive"] as const) {
      signInAs(role);
      const saved = await actions.saveConfigItem(IDLE, { kind: "sms_template", fields: template });
      expect(saved).toEqual({ status: "error", message: "Your role does not allow this change." });
      const moved = await actions.moveRule(IDLE, { id: "anything", direction: "up" });
      expect(moved.status).toBe("error");
      const publishedAll = await actions.publishAll(IDLE, { kind: "escalation_rule" });
      expect(publishedAll.status).toBe("error");
    }
    expect(await auditCount()).toBe(before);
  });

  it("refuse a signed-out caller", async () => {
    session.current = null;
    expect(await actions.saveConfigItem(IDLE, { kind: "sms_template", fields: template })).toEqual({
      status: "error",
      message: "Your session has ended. Sign in again.",
    });
  });

  it("let a supervisor save, publish, and hear who changed an item under them", async () => {
    signInAs("supervisor");
    const saved = await actions.saveConfigItem(IDLE, { kind: "sms_template", fields: { ...template, name: "From the editor" } });
    expect(saved).toMatchObject({ status: "ok", data: { version: 1 } });
    const id = saved.status === "ok" ? saved.data!.id : "";

    signInAs("admin");
    expect(await actions.saveConfigItem(IDLE, { kind: "sms_template", id, version: 1, fields: { ...template, name: "Admin was here" } })).toMatchObject({
      status: "ok",
      data: { version: 2 },
    });

    signInAs("supervisor");
    const stale = await actions.saveConfigItem(IDLE, { kind: "sms_template", id, version: 1, fields: { ...template, name: "Mine" } });
    expect(stale.status).toBe("error");
    expect(stale.status === "error" && stale.fieldErrors?.version).toMatch(/changed by admin@roles\.test/);

    const invalid = await actions.saveConfigItem(IDLE, { kind: "sms_template", id, version: 2, fields: { ...template, body: "{{nope}}" } });
    expect(invalid.status === "error" && invalid.fieldErrors?.body).toMatch(/\{\{nope\}\} is not a variable/);

    expect(await actions.publishConfig(IDLE, { kind: "sms_template", id })).toMatchObject({ status: "ok" });
  });

  it("move escalation rules as drafts and publish them together", async () => {
    signInAs("supervisor");
    const first = await actions.saveConfigItem(IDLE, {
      kind: "escalation_rule",
      fields: { name: "VIP", priority: 10, enabled: true, conditions: { customerTiers: ["gold"] }, action: { type: "live_agent", queue: "vip" } },
    });
    expect(first.status).toBe("ok");
    const firstId = first.status === "ok" ? first.data!.id : "";
    await actions.publishAll(IDLE, { kind: "escalation_rule" });

    const listed = async () => (await call(rules.GET, "GET", "/api/v1/escalation-rules")).json.items as { id: string; priority: number; status: string }[];
    const before = await listed();
    expect(before[0].id).toBe(firstId);

    expect(await actions.moveRule(IDLE, { id: firstId, direction: "down" })).toMatchObject({ status: "ok" });
    const moved = await listed();
    expect(moved.map((rule) => rule.id)).toEqual([before[1].id, before[0].id]);
    expect(moved.every((rule) => rule.status === "draft")).toBe(true);

    // The catch-all is now first: the VIP rule can never fire, but the safety valve holds, so it may go live.
    expect(await actions.publishAll(IDLE, { kind: "escalation_rule" })).toEqual({ status: "ok", message: "Published 2 escalation rules." });
    expect((await listed()).every((rule) => rule.status === "published")).toBe(true);
  });
});
