import { LIMITS } from "./constants";

/**
 * Priorities for rules in the wanted order, changing as few as possible: the existing values,
 * sorted, handed out in the new order; when that leaves two equal (or the values cannot be kept
 * strictly increasing), every rule is renumbered 10, 20, 30…
 */
export function newPriorities(current: number[]): number[] {
  const sorted = [...current].sort((a, b) => a - b);
  const strictlyIncreasing = sorted.every((value, index) => index === 0 || value > sorted[index - 1]);
  if (strictlyIncreasing) return sorted;
  const step = Math.max(1, Math.min(10, Math.floor(LIMITS.priority / (current.length + 1))));
  return current.map((_, index) => (index + 1) * step);
}
