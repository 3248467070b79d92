/**
 * The formulas of DESIGN.md "Metric definitions" that work on counts, shared by the fast SQL path
 * (db/queries/metrics.ts) and the reference computation (reference.ts). Exact: rates are compared
 * as fractions and money is computed in integers, rounded to cents once.
 */
import { type Decimal, centsOf, pow10 } from "./money";
import type { ParityStatus, UnresolvedUtterance } from "./types";

export const TOP_UNRESOLVED = 5;

/** deflected / (deflected + agent calls), null when both are 0. */
export function deflectionRate(deflected: number, agentCalls: number): number | null {
  return deflected + agentCalls === 0 ? null : deflected / (deflected + agentCalls);
}

/** The text an unresolved utterance is counted under: trimmed and lower-cased; null when empty. */
export function normalizeUtterance(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim().toLowerCase();
  return text === "" ? null : text;
}

/** The most frequent texts first, ties in code-point order, at most five. */
export function topTexts(counts: Map<string, number>, compare: (a: string, b: string) => number): UnresolvedUtterance[] {
  return [...counts]
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => b.count - a.count || compare(a.text, b.text))
    .slice(0, TOP_UNRESOLVED);
}

/**
 * opportunity = phoneCalls × max(0, target − (resolutionRate ?? 0)) × (phoneCost − digitalCost),
 * computed exactly (the rate as the fraction resolved / engaged) and rounded to cents.
 */
export function opportunityOf(phoneCalls: number, engaged: number, resolved: number, target: Decimal, costGap: Decimal): number {
  const rateDenominator = BigInt(engaged === 0 ? 1 : engaged);
  const rateNumerator = BigInt(engaged === 0 ? 0 : resolved);
  // target − rate = (target.units × engaged − resolved × 10^target.scale) / (10^target.scale × engaged)
  const gapNumerator = target.units * rateDenominator - rateNumerator * pow10(target.scale);
  const positiveGap = gapNumerator > BigInt(0) ? gapNumerator : BigInt(0);
  return centsOf(
    BigInt(phoneCalls) * positiveGap * costGap.units,
    pow10(target.scale) * rateDenominator * pow10(costGap.scale),
  );
}

export function statusOf(phoneCalls: number, engaged: number, resolved: number, target: Decimal): ParityStatus {
  if (phoneCalls > 0 && engaged === 0) return "uncovered";
  // resolved / engaged < target, compared exactly
  if (engaged > 0 && BigInt(resolved) * pow10(target.scale) < target.units * BigInt(engaged)) return "below_target";
  return "at_parity";
}

