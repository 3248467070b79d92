import type { ConfigProblem } from "./errors";
import { isCatchAll, orderRules, type RuleForEvaluation, safetyValveProblem } from "./escalation";
import { dtmfKeyConflicts } from "./ivr";
import type { EscalationRuleFields, IvrOfferFields } from "./schemas";

/**
 * The checks that span several items: they decide whether a publish, disable or delete may go
 * live (422 when not) and show as warnings on drafts. Each takes the items as they would be live
 * after the change, so the same function answers "may I publish?" and "what if I published?".
 */

export interface StoredFields<Fields> {
  id: string;
  fields: Fields;
}

/** `items` with `changed` in place of the item of the same id (added when new), or without it when `fields` is null. */
export function withChange<Fields>(items: readonly StoredFields<Fields>[], id: string, fields: Fields | null): StoredFields<Fields>[] {
  const others = items.filter((item) => item.id !== id);
  return fields === null ? others : [...others, { id, fields }];
}

/** DTMF keys `offerId` shares with another enabled offer that can meet it on one call. */
export function keyConflictProblems(offers: readonly StoredFields<IvrOfferFields>[], offerId: string): ConfigProblem[] {
  const candidates = offers.map((offer) => ({ ...offer.fields, id: offer.id }));
  return dtmfKeyConflicts(candidates)
    .filter((conflict) => conflict.first.id === offerId || conflict.second.id === offerId)
    .map((conflict) => ({ path: "dtmfKey", message: conflict.message }));
}

function asRules(rules: readonly StoredFields<EscalationRuleFields>[]): (RuleForEvaluation & { id: string })[] {
  return rules.map((rule) => ({ ...rule.fields, id: rule.id }));
}

/** Why these live rules would leave a customer no way to a person (DESIGN.md's safety valve), or none. */
export function safetyValveProblems(rules: readonly StoredFields<EscalationRuleFields>[]): ConfigProblem[] {
  const problem = safetyValveProblem(asRules(rules));
  return problem ? [{ path: "", message: problem }] : [];
}

export interface UnreachableRule {
  id: string;
  name: string;
  /** The enabled catch-all that takes every conversation before it. */
  blockedBy: string;
}

/** Enabled rules that can never fire because an enabled catch-all comes before them. */
export function unreachableRules(rules: readonly StoredFields<EscalationRuleFields>[]): UnreachableRule[] {
  const ordered = orderRules(asRules(rules));
  const firstCatchAll = ordered.findIndex((rule) => rule.enabled && isCatchAll(rule));
  if (firstCatchAll < 0) return [];
  return ordered
    .slice(firstCatchAll + 1)
    .filter((rule) => rule.enabled)
    .map((rule) => ({ id: rule.id, name: rule.name, blockedBy: ordered[firstCatchAll].name }));
}
