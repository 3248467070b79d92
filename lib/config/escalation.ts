import type { EscalationAction, EscalationConditions, EscalationRuleFields } from "./schemas";
import { formatClock, localWeekTime, type ScheduleWindow, windowContains } from "./ivr";

export type RuleForEvaluation = Pick<EscalationRuleFields, "name" | "priority" | "enabled" | "action"> & {
  id?: string;
  conditions: EscalationConditions;
};

/** What is known about a conversation when the bot considers handing it over. */
export interface EscalationSituation {
  callType?: string;
  /** Absent means none so far. */
  failedAttempts?: number;
  /** -1 (very negative) to 1 (very positive); absent when not measured. */
  sentiment?: number;
  customerTier?: string;
  /** What the customer wrote or said last, searched for keywords. */
  message?: string;
  at: Date;
}

/** The workspace's opening hours, read in its time zone. An empty schedule means never open. */
export interface BusinessHours {
  timeZone: string;
  schedule: readonly ScheduleWindow[];
}

export const HUMAN_ACTIONS = ["live_agent", "callback", "phone_number"] as const satisfies readonly EscalationAction["type"][];

export function reachesHuman(action: Pick<EscalationAction, "type">): boolean {
  return (HUMAN_ACTIONS as readonly string[]).includes(action.type);
}

type ConditionName = keyof EscalationConditions;

/** An absent condition, an empty list and `outsideBusinessHours: false` all constrain nothing. */
function isSet(conditions: EscalationConditions, name: ConditionName): boolean {
  const value = conditions[name];
  if (Array.isArray(value)) return value.length > 0;
  if (name === "outsideBusinessHours") return value === true;
  return value !== undefined && value !== null;
}

const CONDITION_NAMES: ConditionName[] = ["callTypes", "minFailedAttempts", "maxSentiment", "customerTiers", "keywords", "outsideBusinessHours"];

export function isCatchAll(rule: { conditions: EscalationConditions }): boolean {
  return CONDITION_NAMES.every((name) => !isSet(rule.conditions, name));
}

/**
 * Evaluation order: priority ascending; equal priorities by name, then id, compared by code
 * unit (not locale) so the order is the same on every server and never depends on how rows
 * came out of the database.
 */
export function compareRules(a: RuleForEvaluation, b: RuleForEvaluation): number {
  return a.priority - b.priority || compareText(a.name, b.name) || compareText(a.id ?? "", b.id ?? "");
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function orderRules<Rule extends RuleForEvaluation>(rules: readonly Rule[]): Rule[] {
  return [...rules].sort(compareRules);
}

// ——— Conditions ———

export interface ConditionCheck {
  condition: ConditionName;
  met: boolean;
  explanation: string;
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(", ");
}

const WORD_CHARACTER = "[\\p{L}\\p{M}\\p{N}_]";

/**
 * Case-insensitive, on word boundaries that know letters beyond ASCII: "agent" matches
 * "Agent, please!" but not "agents" or "reagent". Spaces inside a keyword match any whitespace.
 */
export function keywordPattern(keyword: string): RegExp {
  const words = keyword.normalize("NFC").trim().split(/\s+/).map(escapeRegExp);
  return new RegExp(`(?<!${WORD_CHARACTER})${words.join("\\s+")}(?!${WORD_CHARACTER})`, "iu");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

export function keywordsFound(message: string, keywords: readonly string[]): string[] {
  const text = message.normalize("NFC");
  return keywords.filter((keyword) => keywordPattern(keyword).test(text));
}

function checkCondition(
  name: ConditionName,
  conditions: EscalationConditions,
  situation: EscalationSituation,
  businessHours: BusinessHours,
): ConditionCheck {
  const check = (met: boolean, explanation: string): ConditionCheck => ({ condition: name, met, explanation });

  switch (name) {
    case "callTypes": {
      const wanted = conditions.callTypes!;
      if (situation.callType === undefined) return check(false, `Call type unknown; the rule needs one of ${quoteList(wanted)}`);
      return wanted.includes(situation.callType)
        ? check(true, `Call type "${situation.callType}" is one of ${quoteList(wanted)}`)
        : check(false, `Call type "${situation.callType}" is not one of ${quoteList(wanted)}`);
    }
    case "minFailedAttempts": {
      const needed = conditions.minFailedAttempts!;
      const attempts = situation.failedAttempts ?? 0;
      return check(attempts >= needed, `${attempts} failed bot attempt${attempts === 1 ? "" : "s"}; the rule needs at least ${needed}`);
    }
    case "maxSentiment": {
      const ceiling = conditions.maxSentiment!;
      if (situation.sentiment === undefined) return check(false, `Sentiment not measured; the rule needs ${ceiling} or lower`);
      return check(situation.sentiment <= ceiling, `Sentiment ${situation.sentiment}; the rule needs ${ceiling} or lower`);
    }
    case "customerTiers": {
      const tiers = conditions.customerTiers!;
      if (situation.customerTier === undefined) return check(false, `Customer tier unknown; the rule needs one of ${quoteList(tiers)}`);
      const tier = situation.customerTier.trim().toLowerCase();
      return tiers.some((wanted) => wanted.trim().toLowerCase() === tier)
        ? check(true, `Customer tier "${situation.customerTier}" is one of ${quoteList(tiers)}`)
        : check(false, `Customer tier "${situation.customerTier}" is not one of ${quoteList(tiers)}`);
    }
    case "keywords": {
      const keywords = conditions.keywords!;
      const found = keywordsFound(situation.message ?? "", keywords);
      return found.length > 0
        ? check(true, `The message mentions ${quoteList(found)}`)
        : check(false, `The message mentions none of ${quoteList(keywords)}`);
    }
    case "outsideBusinessHours": {
      const local = localWeekTime(situation.at, businessHours.timeZone);
      const open = businessHours.schedule.some((window) => windowContains(window, local));
      const when = `${capitalize(local.day)} ${formatClock(local.minutes)} (${businessHours.timeZone})`;
      return open ? check(false, `${when} is inside business hours`) : check(true, `${when} is outside business hours`);
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ——— Rules ———

export type RuleOutcome =
  /** The first enabled rule whose conditions all hold. */
  | "fires"
  /** Every condition holds, but an earlier rule fires first. */
  | "shadowed"
  | "no_match"
  /** Disabled rules never fire; their conditions are still checked to show what they would do. */
  | "disabled";

export interface RuleVerdict<Rule extends RuleForEvaluation> {
  rule: Rule;
  outcome: RuleOutcome;
  /** One per condition the rule sets; empty for a catch-all. */
  checks: ConditionCheck[];
  summary: string;
}

export interface EscalationDecision<Rule extends RuleForEvaluation> {
  firing: Rule | null;
  /** Every rule, in evaluation order. */
  verdicts: RuleVerdict<Rule>[];
}

/** First match wins, in the order of `orderRules`. */
export function evaluateEscalation<Rule extends RuleForEvaluation>(
  rules: readonly Rule[],
  situation: EscalationSituation,
  businessHours: BusinessHours,
): EscalationDecision<Rule> {
  let firing: Rule | null = null;
  const verdicts: RuleVerdict<Rule>[] = [];
  for (const rule of orderRules(rules)) {
    const checks = CONDITION_NAMES.filter((name) => isSet(rule.conditions, name)).map((name) =>
      checkCondition(name, rule.conditions, situation, businessHours),
    );
    const allMet = checks.every((check) => check.met);
    const outcome: RuleOutcome = !rule.enabled ? "disabled" : !allMet ? "no_match" : firing ? "shadowed" : "fires";
    if (outcome === "fires") firing = rule;
    verdicts.push({ rule, outcome, checks, summary: summarize(outcome, checks, allMet, firing) });
  }
  return { firing, verdicts };
}

function summarize(outcome: RuleOutcome, checks: ConditionCheck[], allMet: boolean, firing: RuleForEvaluation | null): string {
  const unmet = checks.filter((check) => !check.met).map((check) => check.explanation);
  const conditions = checks.length === 0 ? "No conditions: matches every conversation" : "All conditions hold";
  switch (outcome) {
    case "fires":
      return `Fires. ${conditions}.`;
    case "shadowed":
      return `Would match, but "${firing!.name}" comes first. ${conditions}.`;
    case "no_match":
      return `Does not match: ${unmet.join("; ")}.`;
    case "disabled":
      return allMet ? "Disabled. It would match otherwise." : `Disabled. It would not match either: ${unmet.join("; ")}.`;
  }
}

// ——— Safety valve ———

/**
 * Why a set of escalation rules (as they would be live after a publish, disable or delete)
 * leaves no path to a person, or null when it keeps one. The first enabled catch-all in
 * evaluation order must reach a human: a catch-all ticket rule in front of it would take every
 * conversation the earlier rules leave, so the human one would never fire.
 */
export function safetyValveProblem(rules: readonly RuleForEvaluation[]): string | null {
  const catchAlls = orderRules(rules.filter((rule) => rule.enabled && isCatchAll(rule)));
  const humanCatchAll = catchAlls.find((rule) => reachesHuman(rule.action));
  if (!humanCatchAll) {
    return (
      "There must be an enabled escalation rule with no conditions that sends the customer to a person " +
      "(live agent, callback or phone number). Without it, a customer the bot cannot help has no way to reach a human."
    );
  }
  const first = catchAlls[0];
  if (first !== humanCatchAll) {
    return (
      `"${first.name}" has no conditions and only creates a ticket, and it comes before "${humanCatchAll.name}", ` +
      `so no customer would ever reach a person. Give "${humanCatchAll.name}" a lower priority number than "${first.name}", ` +
      `or disable "${first.name}".`
    );
  }
  return null;
}
