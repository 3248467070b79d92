import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { SYSTEM_ACTOR } from "@/db/queries/audit";
import { createConfigItem, listConfigItems, publishConfigItem, setConfigItemEnabled, updateConfigItem } from "@/db/queries/config";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import type { UserContext } from "@/lib/auth/context";
import { escalationRuleSchema, type EscalationRuleFields } from "@/lib/config/schemas";
import { whichRuleFires } from "@/lib/runtime/escalate";
import { makeUser } from "./factories";
import { call, useConnection } from "./http";
import { runtimeWorkspace } from "./runtime-fixtures";

/*
 * POST /api/v1/escalate: the published rules, evaluated by the function the "which rule fires"
 * tester uses, on PGlite and on PostgreSQL.
 */

const session = vi.hoisted(() => ({ current: null as UserContext | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), auth: async () => session.current }));

const escalateRoute = await import("@/app/api/v1/escalate/route");

let database: TestDatabase;
let db: Db;
let acme: Awaited<ReturnType<typeof runtimeWorkspace>>;
let globex: Awaited<ReturnType<typeof runtimeWorkspace>>;
let agentRule: string;
let vipRule: string;

const rule = (fields: Record<string, unknown>): EscalationRuleFields => escalationRuleSchema.parse({ enabled: true, conditions: {}, ...fields });

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  acme = await runtimeWorkspace(db, "Acme", "America/New_York");
  globex = await runtimeWorkspace(db, "Globex");
  const publish = { publish: true };
  agentRule = (await createConfigItem(db, acme.id, "escalation_rule", rule({ name: "Asks for an agent", priority: 10, conditions: { keywords: ["agent"] }, action: { type: "live_agent", queue: "care" } }), SYSTEM_ACTOR, publish)).id;
  vipRule = (
    await createConfigItem(
      db,
      acme.id,
      "escalation_rule",
      rule({ name: "Gold after two failures", priority: 20, conditions: { customerTiers: ["gold"], minFailedAttempts: 2 }, action: { type: "callback", withinMinutes: 15 } }),
      SYSTEM_ACTOR,
      publish,
    )
  ).id;
  await createConfigItem(db, acme.id, "escalation_rule", rule({ name: "Night: open a ticket", priority: 30, conditions: { outsideBusinessHours: true, callTypes: ["lost_card"] }, action: { type: "ticket" } }), SYSTEM_ACTOR, publish);
  // Globex: a rule that would fire on "agent", so a leak would show.
  await createConfigItem(db, globex.id, "escalation_rule", rule({ name: "Globex agent", priority: 1, conditions: { keywords: ["agent"] }, action: { type: "phone_number", phoneNumber: "+14155552671" } }), SYSTEM_ACTOR, publish);
});
afterAll(() => database.cleanup());
afterEach(() => {
  session.current = null;
});

const escalate = (key: string | undefined, body: unknown) => call(escalateRoute.POST, "POST", "/api/v1/escalate", { key, body });

/** What the tester shows for the live rules, the way the escalation-rules page feeds it. */
async function testerSays(workspaceId: string, situation: Parameters<typeof whichRuleFires>[1], timeZone: string) {
  const rules = await listConfigItems(db, workspaceId, "escalation_rule");
  const live = rules.filter((item) => item.published !== null).map((item) => ({ id: item.id, fields: item.published! }));
  return whichRuleFires(live, situation, timeZone).firing;
}

describe("POST /api/v1/escalate", () => {
  it("answers what the which-rule-fires tester shows for the live rules", async () => {
    const situations = [
      { message: "Can I talk to an AGENT please?" },
      { customerTier: "Gold", failedAttempts: 3, message: "still broken" },
      { customerTier: "gold", failedAttempts: 1 },
      { callType: "lost_card", at: "2026-11-29T03:00:00Z" },
      { callType: "lost_card", at: "2026-11-30T15:00:00Z" },
      {},
    ];
    for (const situation of situations) {
      const response = await escalate(acme.runtimeKey, situation);
      expect(response.status, JSON.stringify(situation)).toBe(200);
      const firing = await testerSays(acme.id, { ...situation, at: new Date(situation.at ?? Date.now()) }, "America/New_York");
      expect(response.json).toEqual({ ruleId: firing!.id, ruleName: firing!.name, ruleVersion: 1, action: firing!.action });
    }
  });

  it("sends a conversation no rule takes to the catch-all that reaches a person", async () => {
    const response = await escalate(acme.runtimeKey, { message: "hello", failedAttempts: 0 });
    expect(response.json).toMatchObject({ ruleName: "Everyone else: talk to a person", action: { type: "live_agent", queue: "default" } });
  });

  it("uses published versions only: a draft changes nothing until it is published, a disable at once", async () => {
    await updateConfigItem(db, acme.id, "escalation_rule", agentRule, 1, rule({ name: "Asks for a human", priority: 10, conditions: { keywords: ["human"] }, action: { type: "live_agent", queue: "care" } }), SYSTEM_ACTOR);
    expect((await escalate(acme.runtimeKey, { message: "a human please" })).json.ruleName).toBe("Everyone else: talk to a person");
    expect((await escalate(acme.runtimeKey, { message: "an agent please" })).json).toMatchObject({ ruleId: agentRule, ruleVersion: 1 });

    await publishConfigItem(db, acme.id, "escalation_rule", agentRule, 2, SYSTEM_ACTOR);
    expect((await escalate(acme.runtimeKey, { message: "a human please" })).json).toMatchObject({ ruleId: agentRule, ruleName: "Asks for a human", ruleVersion: 2 });

    await setConfigItemEnabled(db, acme.id, "escalation_rule", vipRule, false, 1, SYSTEM_ACTOR);
    expect((await escalate(acme.runtimeKey, { customerTier: "gold", failedAttempts: 5 })).json.ruleName).toBe("Everyone else: talk to a person");
  });

  it("decides with the key's own workspace's rules only", async () => {
    const response = await escalate(globex.runtimeKey, { message: "agent" });
    expect(response.json).toMatchObject({ ruleName: "Globex agent", action: { type: "phone_number", phoneNumber: "+14155552671" } });
    expect((await escalate(acme.runtimeKey, { message: "agent" })).json.ruleName).not.toBe("Globex agent");
  });

  it("refuses keys without the runtime scope and every signed-in user (403)", async () => {
    expect((await escalate(acme.otherKey, {})).status).toBe(403);
    const admin = await makeUser(db, acme.id, "admin");
    session.current = {
      kind: "user",
      userId: admin.id,
      email: admin.email,
      name: "Admin",
      workspaceId: acme.id,
      workspaceName: "Acme",
      role: "admin",
      memberships: [{ workspaceId: acme.id, workspaceName: "Acme", role: "admin" }],
    };
    expect((await escalate(undefined, {})).status).toBe(403);
    session.current = null;
    expect((await escalate(undefined, {})).status).toBe(401);
  });

  it("answers 422 naming the field for bad input, 400 for a body that is not JSON", async () => {
    const cases: [unknown, string][] = [
      [{ sentiment: 2 }, "sentiment"],
      [{ failedAttempts: 1.5 }, "failedAttempts"],
      [{ failedAttempts: -1 }, "failedAttempts"],
      [{ callType: "Lost Card" }, "callType"],
      [{ message: 42 }, "message"],
      [{ at: "tomorrow" }, "at"],
    ];
    for (const [body, field] of cases) {
      const response = await escalate(acme.runtimeKey, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.json.error.details.map((detail: { path: string }) => detail.path)).toContain(field);
    }
    const malformed = await call(escalateRoute.POST, "POST", "/api/v1/escalate", { key: acme.runtimeKey, rawBody: "[" });
    expect(malformed.status).toBe(400);
  });
});
