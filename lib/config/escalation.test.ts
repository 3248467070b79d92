import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BusinessHours,
  evaluateEscalation,
  isCatchAll,
  keywordsFound,
  orderRules,
  reachesHuman,
  type RuleForEvaluation,
  safetyValveProblem,
} from "./escalation";

const rule = (overrides: Partial<RuleForEvaluation> = {}): RuleForEvaluation => ({
  name: "Everyone else",
  priority: 100,
  enabled: true,
  conditions: {},
  action: { type: "live_agent", queue: "default" },
  ...overrides,
});

const londonOffice: BusinessHours = {
  timeZone: "Europe/London",
  schedule: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" }],
};
const tuesdayNoonLondon = new Date("2026-06-09T11:00:00Z"); // 12:00 BST

function decide(rules: RuleForEvaluation[], situation: Partial<Parameters<typeof evaluateEscalation>[1]> = {}, hours = londonOffice) {
  return evaluateEscalation(rules, { at: tuesdayNoonLondon, ...situation }, hours);
}

describe("orderRules", () => {
  it("orders by priority, then name, then id, without touching the input", () => {
    const rules = [
      rule({ name: "b", priority: 2 }),
      rule({ name: "z", priority: 1 }),
      rule({ name: "a", priority: 2, id: "2" }),
      rule({ name: "a", priority: 2, id: "1" }),
    ];
    const input = [...rules];
    expect(orderRules(rules).map((r) => `${r.priority}${r.name}${r.id ?? ""}`)).toEqual(["1z", "2a1", "2a2", "2b"]);
    expect(rules).toEqual(input);
  });

  it("compares names by code unit, not by locale, so every server agrees", () => {
    expect(orderRules([rule({ name: "a" }), rule({ name: "B" })]).map((r) => r.name)).toEqual(["B", "a"]);
  });
});

describe("evaluateEscalation", () => {
  const angry = rule({ name: "Angry", priority: 1, conditions: { maxSentiment: -0.5 }, action: { type: "live_agent", queue: "care" } });
  const catchAll = rule();

  it("fires the first matching enabled rule and explains every rule", () => {
    const { firing, verdicts } = decide([catchAll, angry], { sentiment: -0.8 });
    expect(firing).toBe(angry);
    expect(verdicts.map((v) => [v.rule.name, v.outcome])).toEqual([
      ["Angry", "fires"],
      ["Everyone else", "shadowed"],
    ]);
    expect(verdicts[0].checks).toEqual([{ condition: "maxSentiment", met: true, explanation: "Sentiment -0.8; the rule needs -0.5 or lower" }]);
    expect(verdicts[0].summary).toBe("Fires. All conditions hold.");
    expect(verdicts[1].summary).toBe('Would match, but "Angry" comes first. No conditions: matches every conversation.');
  });

  it("falls through to a later rule when an earlier one does not match, saying why", () => {
    const { firing, verdicts } = decide([angry, catchAll], { sentiment: 0.2 });
    expect(firing).toBe(catchAll);
    expect(verdicts[0]).toMatchObject({ outcome: "no_match", summary: "Does not match: Sentiment 0.2; the rule needs -0.5 or lower." });
    expect(verdicts[1]).toMatchObject({ outcome: "fires", checks: [], summary: "Fires. No conditions: matches every conversation." });
  });

  it("skips disabled rules but still says whether they would match", () => {
    const off = { ...angry, enabled: false };
    const { firing, verdicts } = decide([off, catchAll], { sentiment: -0.9 });
    expect(firing).toBe(catchAll);
    expect(verdicts[0]).toMatchObject({ outcome: "disabled", summary: "Disabled. It would match otherwise." });
    expect(decide([off], { sentiment: 0.9 }).verdicts[0].summary).toBe(
      "Disabled. It would not match either: Sentiment 0.9; the rule needs -0.5 or lower.",
    );
  });

  it("fires nothing when no rule matches", () => {
    expect(decide([angry], { sentiment: 0 }).firing).toBeNull();
    expect(decide([]).firing).toBeNull();
  });

  it("needs every condition of a rule to hold", () => {
    const both = rule({ conditions: { callTypes: ["refund"], minFailedAttempts: 2 } });
    const verdict = (situation: object) => decide([both], situation).verdicts[0];
    expect(verdict({ callType: "refund", failedAttempts: 2 }).outcome).toBe("fires");
    expect(verdict({ callType: "refund", failedAttempts: 1 })).toMatchObject({
      outcome: "no_match",
      summary: "Does not match: 1 failed bot attempt; the rule needs at least 2.",
    });
    expect(verdict({ callType: "card_arrival", failedAttempts: 1 }).checks.map((c) => c.met)).toEqual([false, false]);
  });

  it("checks call types, and an unknown call type does not match", () => {
    const cards = rule({ conditions: { callTypes: ["lost_card", "card_arrival"] } });
    expect(decide([cards], { callType: "card_arrival" }).verdicts[0].checks[0]).toEqual({
      condition: "callTypes",
      met: true,
      explanation: 'Call type "card_arrival" is one of "lost_card", "card_arrival"',
    });
    expect(decide([cards], { callType: "refund" }).firing).toBeNull();
    expect(decide([cards]).verdicts[0].checks[0].explanation).toBe('Call type unknown; the rule needs one of "lost_card", "card_arrival"');
  });

  it("counts absent failed attempts as none", () => {
    const retries = rule({ conditions: { minFailedAttempts: 1 } });
    expect(decide([retries]).verdicts[0].checks[0]).toMatchObject({ met: false, explanation: "0 failed bot attempts; the rule needs at least 1" });
    expect(decide([retries], { failedAttempts: 1 }).firing).toBe(retries);
  });

  it("includes the sentiment limit itself and does not match an unmeasured sentiment", () => {
    const upset = rule({ conditions: { maxSentiment: -0.3 } });
    expect(decide([upset], { sentiment: -0.3 }).firing).toBe(upset);
    expect(decide([upset], { sentiment: -0.29 }).firing).toBeNull();
    expect(decide([upset]).verdicts[0].checks[0]).toMatchObject({ met: false, explanation: "Sentiment not measured; the rule needs -0.3 or lower" });
  });

  it("compares customer tiers without regard to case", () => {
    const vip = rule({ conditions: { customerTiers: ["Gold", "platinum"] } });
    expect(decide([vip], { customerTier: "gold" }).firing).toBe(vip);
    expect(decide([vip], { customerTier: "PLATINUM " }).firing).toBe(vip);
    expect(decide([vip], { customerTier: "silver" }).firing).toBeNull();
    expect(decide([vip]).firing).toBeNull();
  });

  it("finds keywords in the message and names the ones it found", () => {
    const human = rule({ conditions: { keywords: ["agent", "real person"] } });
    expect(decide([human], { message: "I want a REAL   person now" }).verdicts[0].checks[0].explanation).toBe('The message mentions "real person"');
    expect(decide([human], { message: "agents are useless" }).verdicts[0].checks[0]).toMatchObject({
      met: false,
      explanation: 'The message mentions none of "agent", "real person"',
    });
    expect(decide([human]).firing).toBeNull();
  });

  describe("outside business hours", () => {
    const afterHours = rule({ name: "After hours", conditions: { outsideBusinessHours: true }, action: { type: "callback", withinMinutes: 60 } });

    it("matches outside the workspace's opening hours and says when it is", () => {
      const evening = new Date("2026-06-09T17:30:00Z"); // Tuesday 18:30 BST
      expect(decide([afterHours], { at: evening }).verdicts[0].checks[0]).toEqual({
        condition: "outsideBusinessHours",
        met: true,
        explanation: "Tue 18:30 (Europe/London) is outside business hours",
      });
      expect(decide([afterHours]).verdicts[0].checks[0]).toMatchObject({ met: false, explanation: "Tue 12:00 (Europe/London) is inside business hours" });
    });

    it("reads opening hours on the local clock across the change to summer time", () => {
      const mondayAfterChange = new Date("2026-03-30T08:30:00Z"); // 09:30 BST, 08:30 in GMT
      expect(decide([afterHours], { at: mondayAfterChange }).firing).toBeNull();
      const fridayBeforeChange = new Date("2026-03-27T08:30:00Z"); // 08:30 GMT
      expect(decide([afterHours], { at: fridayBeforeChange }).firing).toBe(afterHours);
    });

    it("treats every moment as outside business hours when the workspace has none", () => {
      expect(decide([afterHours], {}, { timeZone: "UTC", schedule: [] }).firing).toBe(afterHours);
    });

    it("treats outsideBusinessHours: false as no condition", () => {
      const unticked = rule({ conditions: { outsideBusinessHours: false } });
      expect(decide([unticked]).verdicts[0]).toMatchObject({ outcome: "fires", checks: [] });
    });
  });

  it("always lets an enabled catch-all match, whatever the situation", () => {
    const situation = fc.record(
      {
        callType: fc.constantFrom("refund", "card_arrival"),
        failedAttempts: fc.nat(10),
        sentiment: fc.double({ min: -1, max: 1, noNaN: true }),
        customerTier: fc.string(),
        message: fc.string(),
        at: fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
      },
      { requiredKeys: ["at"] },
    );
    const before = rule({ name: "Before", priority: 1, conditions: { keywords: ["agent"], minFailedAttempts: 2 }, action: { type: "ticket" } });
    fc.assert(
      fc.property(situation, (s) => {
        const { firing, verdicts } = evaluateEscalation([before, rule()], s, londonOffice);
        expect(firing).not.toBeNull();
        expect(["fires", "shadowed"]).toContain(verdicts[1].outcome);
      }),
    );
  });
});

describe("keywordsFound", () => {
  it.each([
    ["Agent, please!", ["agent"]],
    ["AGENT", ["agent"]],
    ["talk to an agent.", ["agent"]],
    ["(agent)", ["agent"]],
    ["agents", []],
    ["reagent", []],
    ["agent_smith", []],
  ])("in %j finds %j", (message, found) => {
    expect(keywordsFound(message, ["agent"])).toEqual(found);
  });

  it("respects word boundaries in letters beyond ASCII", () => {
    expect(keywordsFound("Ich will die Kündigung", ["kündigung"])).toEqual(["kündigung"]);
    expect(keywordsFound("Kündigungen", ["kündigung"])).toEqual([]);
    expect(keywordsFound("écrire à un conseiller", ["conseiller"])).toEqual(["conseiller"]);
    expect(keywordsFound("préagent", ["agent"])).toEqual([]);
  });

  it("matches composed and decomposed accents alike", () => {
    expect(keywordsFound("Kündigung".normalize("NFD"), ["Kündigung"])).toEqual(["Kündigung"]);
  });

  it("treats regular-expression characters in a keyword literally", () => {
    expect(keywordsFound("is this C++ or c?", ["c++"])).toEqual(["c++"]);
    expect(keywordsFound("cxx", ["c.."])).toEqual([]);
    expect(keywordsFound("call me: 1-800", ["1-800"])).toEqual(["1-800"]);
  });
});

describe("isCatchAll", () => {
  it("is a rule without any condition", () => {
    expect(isCatchAll(rule())).toBe(true);
    expect(isCatchAll(rule({ conditions: { callTypes: [], keywords: [], outsideBusinessHours: false } }))).toBe(true);
  });

  it.each([
    ["call types", { callTypes: ["refund"] }],
    ["failed attempts", { minFailedAttempts: 1 }],
    ["sentiment", { maxSentiment: 1 }],
    ["customer tiers", { customerTiers: ["gold"] }],
    ["keywords", { keywords: ["agent"] }],
    ["outside business hours", { outsideBusinessHours: true }],
  ])("is not a rule with a %s condition", (_, conditions) => {
    expect(isCatchAll(rule({ conditions }))).toBe(false);
  });
});

describe("reachesHuman", () => {
  it("is true for a live agent, a callback or a phone number, and false for a ticket", () => {
    expect(reachesHuman({ type: "live_agent" })).toBe(true);
    expect(reachesHuman({ type: "callback" })).toBe(true);
    expect(reachesHuman({ type: "phone_number" })).toBe(true);
    expect(reachesHuman({ type: "ticket" })).toBe(false);
  });
});

describe("safetyValveProblem", () => {
  const NO_HUMAN = /There must be an enabled escalation rule with no conditions that sends the customer to a person/;
  const ticketCatchAll = rule({ name: "Open a ticket", priority: 1, action: { type: "ticket" } });

  it("is satisfied by the rule every new workspace starts with", () => {
    expect(safetyValveProblem([rule({ action: { type: "live_agent", queue: "default" } })])).toBeNull();
  });

  it.each([
    ["a callback", { type: "callback", withinMinutes: 30 }],
    ["a phone number", { type: "phone_number", phoneNumber: "+14155552671" }],
  ] as const)("is satisfied by a catch-all to %s", (_, action) => {
    expect(safetyValveProblem([rule({ action })])).toBeNull();
  });

  it("refuses a set without rules", () => {
    expect(safetyValveProblem([])).toMatch(NO_HUMAN);
  });

  it("refuses when the human catch-all is disabled", () => {
    expect(safetyValveProblem([rule({ enabled: false })])).toMatch(NO_HUMAN);
  });

  it("refuses when every human rule has conditions", () => {
    expect(safetyValveProblem([rule({ conditions: { keywords: ["agent"] } }), rule({ conditions: { maxSentiment: 1 } })])).toMatch(NO_HUMAN);
  });

  it("refuses when the only catch-all creates a ticket", () => {
    expect(safetyValveProblem([ticketCatchAll, rule({ conditions: { keywords: ["agent"] } })])).toMatch(NO_HUMAN);
  });

  it("refuses a catch-all ticket rule that comes before the human catch-all", () => {
    expect(safetyValveProblem([rule(), ticketCatchAll])).toBe(
      '"Open a ticket" has no conditions and only creates a ticket, and it comes before "Everyone else", ' +
        'so no customer would ever reach a person. Give "Everyone else" a lower priority number than "Open a ticket", or disable "Open a ticket".',
    );
  });

  it("decides a priority tie by name, as evaluation does", () => {
    expect(safetyValveProblem([rule({ name: "B human", priority: 5 }), rule({ name: "A ticket", priority: 5, action: { type: "ticket" } })])).toMatch(
      /^"A ticket" has no conditions/,
    );
    expect(safetyValveProblem([rule({ name: "A human", priority: 5 }), rule({ name: "B ticket", priority: 5, action: { type: "ticket" } })])).toBeNull();
  });

  it("accepts ticket rules after the human catch-all, or disabled, or with conditions", () => {
    expect(safetyValveProblem([rule({ priority: 1 }), { ...ticketCatchAll, priority: 2 }])).toBeNull();
    expect(safetyValveProblem([rule(), { ...ticketCatchAll, enabled: false }])).toBeNull();
    expect(safetyValveProblem([rule(), { ...ticketCatchAll, conditions: { callTypes: ["refund"] } }])).toBeNull();
  });
});
