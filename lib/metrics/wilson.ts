/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * The 95% Wilson score interval for `successes` out of `trials` (DESIGN.md: a rate over a small
 * count is shown with its interval). Null when there are no trials.
 */
export function wilson(successes: number, trials: number): Interval | null {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`need integers 0 ≤ successes ≤ trials, got ${successes} of ${trials}`);
  }
  if (trials === 0) return null;
  const z2 = Z_95 * Z_95;
  const p = successes / trials;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const halfWidth = (Z_95 / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}
