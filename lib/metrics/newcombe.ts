import { wilson } from "./wilson";

/** A number with its 95% interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

/**
 * Newcombe's hybrid score interval (his method 10) for p1 − p2, built from each proportion's 95%
 * Wilson interval: the interval statsmodels' `confint_proportions_2indep(method="newcomb")` gives.
 * Null when either arm has no trials. (Pure arithmetic, so the browser can use it too.)
 */
export function newcombeDifference(successes1: number, trials1: number, successes2: number, trials2: number): Estimate | null {
  const first = wilson(successes1, trials1);
  const second = wilson(successes2, trials2);
  if (!first || !second) return null;
  const p1 = successes1 / trials1;
  const p2 = successes2 / trials2;
  const difference = p1 - p2;
  return {
    value: difference,
    low: difference - Math.sqrt((p1 - first.low) ** 2 + (second.high - p2) ** 2),
    high: difference + Math.sqrt((first.high - p1) ** 2 + (p2 - second.low) ** 2),
  };
}
