import { describe, expect, it } from "vitest";
import type { EscalationRuleFields } from "@/lib/config/schemas";
import { BUILT_IN_SAFETY_VALVE, escalationAnswer, type StoredRule } from "./escalate";

const at = new Date("2026-11-30T15:00:00Z");

function stored(id: string, fields: Partial<EscalationRuleFields>): StoredRule {
  return { id, version: 2, fields: { name: id, priority: 10, enabled: true, conditions: {}, action: { type: "live_agent", queue: "care" }, ...fields } };
}

describe("escalationAnswer", () => {
  it("answers the first matching rule with its id, name, version and action", () => {
    const rules = [stored("keyword", { priority: 5, conditions: { keywords: ["agent"] }, action: { type: "callback", withinMinutes: 10 } }), stored("catch-all", { priority: 100 })];
    expect(escalationAnswer(rules, { message: "agent!", at }, "UTC")).toEqual({ ruleId: "keyword", ruleName: "keyword", ruleVersion: 2, action: { type: "callback", withinMinutes: 10 } });
    expect(escalationAnswer(rules, { message: "hi", at }, "UTC").ruleId).toBe("catch-all");
  });

  it("lets a matching rule with conditions open a ticket", () => {
    const rules = [stored("ticket", { priority: 1, conditions: { callTypes: ["fraud"] }, action: { type: "ticket" } }), stored("catch-all", { priority: 100 })];
    expect(escalationAnswer(rules, { callType: "fraud", at }, "UTC").action).toEqual({ type: "ticket" });
  });

  it("never answers without a way to a person when no rule with conditions matches", () => {
    const ticketFirst = [stored("ticket catch-all", { priority: 1, action: { type: "ticket" } }), stored("human", { priority: 50, action: { type: "phone_number", phoneNumber: "+14155552671" } })];
    expect(escalationAnswer(ticketFirst, { at }, "UTC").ruleId).toBe("human");
    expect(escalationAnswer([stored("disabled", { enabled: false })], { at }, "UTC")).toEqual(BUILT_IN_SAFETY_VALVE);
    expect(escalationAnswer([], { at }, "UTC")).toEqual(BUILT_IN_SAFETY_VALVE);
  });
});
