import { businessHoursFor } from "@/lib/config/business-hours";
import type { StoredFields } from "@/lib/config/checks";
import { type EscalationDecision, type EscalationSituation, evaluateEscalation, isCatchAll, reachesHuman, type RuleForEvaluation } from "@/lib/config/escalation";
import type { EscalationAction, EscalationRuleFields } from "@/lib/config/schemas";

/*
 * "Which rule fires?" — one function for the supervisor's tester (components/config/which-rule-fires.tsx)
 * and the bot's `POST /api/v1/escalate` (DESIGN.md "Runtime"), so that what the tester shows is
 * what the bot is told.
 */

export type StoredRule = StoredFields<EscalationRuleFields> & { version?: number };
type EvaluatedRule = RuleForEvaluation & { id: string; version?: number };

/** Evaluates stored rules as they would be live, in the workspace time zone's business hours. */
export function whichRuleFires(rules: readonly StoredRule[], situation: EscalationSituation, timeZone: string): EscalationDecision<EvaluatedRule> {
  return evaluateEscalation(
    rules.map((rule) => ({ ...rule.fields, id: rule.id, version: rule.version })),
    situation,
    businessHoursFor(timeZone),
  );
}

export interface EscalationAnswer {
  ruleId: string;
  ruleName: string;
  ruleVersion: number | null;
  action: EscalationAction;
}

/**
 * What to say when publishing has been bypassed and no published rule reaches a person: never
 * "nothing". The default rule of a new workspace (DESIGN.md "Configuration").
 */
export const BUILT_IN_SAFETY_VALVE: EscalationAnswer = {
  ruleId: "",
  ruleName: "Built-in safety valve: talk to a person",
  ruleVersion: null,
  action: { type: "live_agent", queue: "default" },
};

/**
 * The bot's answer from the published rules. First match wins, as in the tester. When no rule with
 * conditions matches, a person must be reachable: publishing keeps the first enabled catch-all a
 * rule that reaches a person, so that one answers; should the live rules break that all the same,
 * the first enabled catch-all that reaches a person answers, else the built-in safety valve.
 */
export function escalationAnswer(publishedRules: readonly StoredRule[], situation: EscalationSituation, timeZone: string): EscalationAnswer {
  const { firing, verdicts } = whichRuleFires(publishedRules, situation, timeZone);
  if (firing && (!isCatchAll(firing) || reachesHuman(firing.action))) return answerOf(firing);
  const human = verdicts.map((verdict) => verdict.rule).find((rule) => rule.enabled && isCatchAll(rule) && reachesHuman(rule.action));
  return human ? answerOf(human) : BUILT_IN_SAFETY_VALVE;
}

function answerOf(rule: EvaluatedRule): EscalationAnswer {
  return { ruleId: rule.id, ruleName: rule.name, ruleVersion: rule.version ?? null, action: rule.action };
}
