import { describe, expect, it } from "vitest";
import { keyConflictProblems, safetyValveProblems, unreachableRules, withChange } from "./checks";
import type { EscalationRuleFields, IvrOfferFields } from "./schemas";

const offer = (id: string, fields: Partial<IvrOfferFields> = {}) => ({
  id,
  fields: {
    name: id,
    point: "ivr_offer",
    enabled: true,
    prompt: "Press 2",
    dtmfKey: "2",
    smsTemplateId: "t",
    holdoutPercent: 0,
    priority: 1,
    conditions: {},
    ...fields,
  } as IvrOfferFields,
});

const rule = (id: string, fields: Partial<EscalationRuleFields> = {}) => ({
  id,
  fields: { name: id, priority: 10, enabled: true, conditions: {}, action: { type: "live_agent", queue: "default" }, ...fields } as EscalationRuleFields,
});

describe("withChange", () => {
  it("replaces, adds or removes one item by id", () => {
    const items = [rule("a"), rule("b")];
    expect(withChange(items, "a", rule("a", { priority: 5 }).fields).map((item) => [item.id, item.fields.priority])).toEqual([
      ["b", 10],
      ["a", 5],
    ]);
    expect(withChange(items, "c", rule("c").fields).map((item) => item.id)).toEqual(["a", "b", "c"]);
    expect(withChange(items, "a", null).map((item) => item.id)).toEqual(["b"]);
  });
});

describe("keyConflictProblems", () => {
  it("reports only the conflicts of the offer being checked", () => {
    const offers = [offer("a"), offer("b"), offer("c", { dtmfKey: "3" }), offer("d", { dtmfKey: "3" })];
    expect(keyConflictProblems(offers, "a")).toEqual([{ path: "dtmfKey", message: expect.stringContaining('"a" and "b" both use key 2') }]);
    expect(keyConflictProblems(offers, "c")).toHaveLength(1);
    expect(keyConflictProblems([offer("a"), offer("b", { point: "in_queue" })], "a")).toEqual([]);
  });
});

describe("rule-set checks", () => {
  it("finds no safety-valve problem while a human catch-all is first among catch-alls", () => {
    expect(safetyValveProblems([rule("vip", { conditions: { customerTiers: ["gold"] } }), rule("fallback", { priority: 1000 })])).toEqual([]);
    expect(safetyValveProblems([rule("fallback", { action: { type: "ticket" } })])).toEqual([{ path: "", message: expect.stringContaining("no conditions") }]);
  });

  it("names rules that a catch-all in front of them makes unreachable", () => {
    const rules = [rule("fallback", { priority: 1 }), rule("vip", { priority: 5, conditions: { customerTiers: ["gold"] } }), rule("off", { priority: 6, enabled: false })];
    expect(unreachableRules(rules)).toEqual([{ id: "vip", name: "vip", blockedBy: "fallback" }]);
  });
});
