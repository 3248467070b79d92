import { describe, expect, it } from "vitest";
import { keyConflictProblems, safetyValveProblems, unreachableRules } from "./checks";
import { DEMO_ESCALATION_RULES, DEMO_POST_CALL_DRAFT, DEMO_TEMPLATES, demoOffers } from "./demo";
import { escalationRuleSchema, ivrOfferSchema, smsTemplateSchema } from "./schemas";

describe("the demo configuration", () => {
  const offers = demoOffers({ ivr: "t1", inQueue: "t2", postCall: "t3" }).map((offer, index) => ({ id: `o${index}`, fields: ivrOfferSchema.parse(offer) }));
  const defaultRule = { id: "default", fields: escalationRuleSchema.parse({ name: "Everyone else", priority: 1000, enabled: true, action: { type: "live_agent", queue: "default" } }) };
  const rules = [...DEMO_ESCALATION_RULES.map((rule, index) => ({ id: `r${index}`, fields: escalationRuleSchema.parse(rule) })), defaultRule];

  it("passes the API's schemas", () => {
    for (const template of [...Object.values(DEMO_TEMPLATES), DEMO_POST_CALL_DRAFT]) expect(smsTemplateSchema.safeParse(template).success).toBe(true);
  });

  it("publishes without DTMF conflicts, keeps the safety valve and has no unreachable rule", () => {
    for (const offer of offers) expect(keyConflictProblems(offers, offer.id)).toEqual([]);
    expect(safetyValveProblems(rules)).toEqual([]);
    expect(unreachableRules(rules)).toEqual([]);
  });
});
